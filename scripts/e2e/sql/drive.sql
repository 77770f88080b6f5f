-- Changes made while the connector streams (after its snapshot of the seed): inserts, updates and a delete
-- through the Northwind tables (the triggers carry them to ods.cdc_events), then a column added to
-- ods.cdc_events and an update that fills it, which makes the connector register a second value schema.
BEGIN;
INSERT INTO orders VALUES (101, 'C0003', 2, date '2024-06-01', date '2024-06-15', NULL, 2, 12.40, 'Osaka', 'Japan');
INSERT INTO order_details VALUES (101, 4, 5.25, 3, 0), (101, 9, 11.00, 1, 0.05);
COMMIT;
INSERT INTO orders VALUES (102, 'C0011', NULL, date '2024-06-02', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO order_details VALUES (102, 17, 7.75, 12, 0.1);
UPDATE orders SET shipped_date = date '2024-02-20', freight = freight + 4.5 WHERE order_id = 5;
UPDATE order_details SET quantity = quantity + 10 WHERE order_id = 3;
DELETE FROM orders WHERE order_id = 7;
DELETE FROM order_details WHERE order_id = 102;
ALTER TABLE ods.cdc_events ADD COLUMN employee_id int DEFAULT -1;
UPDATE ods.cdc_events SET employee_id = (employee ->> 'employee_id')::int WHERE order_id IN (3, 5, 101, 102);
