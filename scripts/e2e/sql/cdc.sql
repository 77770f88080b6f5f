-- ods.cdc_events: one denormalised document per order, kept up to date by triggers on orders and order_details,
-- and published for logical decoding (pgoutput). Debezium reads this table only.
CREATE SCHEMA ods;
CREATE TABLE ods.cdc_events (
  order_id      smallint NOT NULL PRIMARY KEY,
  customer_id   bpchar   NOT NULL,
  order_date    date,
  required_date date,
  shipped_date  date,
  order_items   jsonb,
  products      jsonb,
  customer      jsonb,
  employee      jsonb,
  shipper       jsonb,
  shipment      jsonb,
  updated_at    timestamptz);

-- Rebuilds (or removes) the document of one order from the Northwind tables.
CREATE FUNCTION ods.sync_cdc_event(p_order_id smallint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM orders WHERE order_id = p_order_id) THEN
    DELETE FROM ods.cdc_events WHERE order_id = p_order_id;
    RETURN;
  END IF;
  INSERT INTO ods.cdc_events AS e (order_id, customer_id, order_date, required_date, shipped_date, order_items,
                                   products, customer, employee, shipper, shipment, updated_at)
  SELECT o.order_id, o.customer_id, o.order_date, o.required_date, o.shipped_date,
         (SELECT jsonb_agg(jsonb_build_object('product_id', d.product_id, 'unit_price', d.unit_price,
                                              'quantity', d.quantity, 'discount', d.discount) ORDER BY d.product_id)
            FROM order_details d WHERE d.order_id = o.order_id),
         (SELECT jsonb_agg(jsonb_build_object('product_id', p.product_id, 'product_name', p.product_name,
                                              'category', c.category_name, 'unit_price', p.unit_price)
                           ORDER BY p.product_id)
            FROM order_details d JOIN products p USING (product_id) LEFT JOIN categories c USING (category_id)
           WHERE d.order_id = o.order_id),
         to_jsonb(cu), to_jsonb(em), to_jsonb(sh),
         jsonb_build_object('ship_via', o.ship_via, 'freight', o.freight, 'city', o.ship_city,
                            'country', o.ship_country),
         clock_timestamp()
    FROM orders o
    JOIN customers cu ON cu.customer_id = o.customer_id
    LEFT JOIN employees em ON em.employee_id = o.employee_id
    LEFT JOIN shippers sh ON sh.shipper_id = o.ship_via
   WHERE o.order_id = p_order_id
  ON CONFLICT (order_id) DO UPDATE
     SET customer_id = EXCLUDED.customer_id, order_date = EXCLUDED.order_date,
         required_date = EXCLUDED.required_date, shipped_date = EXCLUDED.shipped_date,
         order_items = EXCLUDED.order_items, products = EXCLUDED.products, customer = EXCLUDED.customer,
         employee = EXCLUDED.employee, shipper = EXCLUDED.shipper, shipment = EXCLUDED.shipment,
         updated_at = EXCLUDED.updated_at;
END $$;

CREATE FUNCTION ods.on_order_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ods.sync_cdc_event(OLD.order_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.order_id <> OLD.order_id) THEN
    PERFORM ods.sync_cdc_event(NEW.order_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER orders_cdc AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION ods.on_order_change();
CREATE TRIGGER order_details_cdc AFTER INSERT OR UPDATE OR DELETE ON order_details
  FOR EACH ROW EXECUTE FUNCTION ods.on_order_change();

CREATE PUBLICATION cdc_publication FOR TABLE ods.cdc_events;
