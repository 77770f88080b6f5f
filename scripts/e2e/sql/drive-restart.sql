-- Changes made while the Connect worker is stopped: a restarted worker must stream them from its stored offset,
-- without a new snapshot.
INSERT INTO orders VALUES (103, 'C0005', 3, date '2024-06-03', date '2024-06-17', NULL, 1, 3.10, 'Quito', 'Ecuador');
INSERT INTO order_details VALUES (103, 2, 4.00, 6, 0);
UPDATE orders SET ship_via = 3 WHERE order_id = 12;
DELETE FROM orders WHERE order_id = 20;
