-- Seed data, generated here by deterministic formulas (no randomness, so every pass sees the same rows):
-- 6 categories, 24 products, 12 customers, 6 employees, 3 shippers, 30 orders with 1-4 lines each.
-- The triggers of cdc.sql fill ods.cdc_events as the orders and their lines go in.
INSERT INTO categories VALUES
  (1, 'Tea', 'Leaves and blends'), (2, 'Coffee', 'Beans and ground'), (3, 'Bakery', 'Breads and biscuits'),
  (4, 'Dairy', 'Milk and cheese'), (5, 'Produce', 'Fruit and vegetables'), (6, 'Pantry', 'Oils, sauces, jars');

INSERT INTO products (product_id, product_name, category_id, unit_price, discontinued)
SELECT n, (ARRAY['Tea', 'Coffee', 'Bakery', 'Dairy', 'Produce', 'Pantry'])[(n - 1) % 6 + 1]
          || ' item ' || lpad(n::text, 2, '0'),
       (n - 1) % 6 + 1, round((2.5 + (n * 37 % 41) * 0.75)::numeric, 2), n % 11 = 0
  FROM generate_series(1, 24) AS n;

INSERT INTO customers
SELECT 'C' || lpad(n::text, 4, '0'),
       (ARRAY['Harbour', 'Meadow', 'Granite', 'Copper', 'Willow', 'Summit'])[(n - 1) % 6 + 1]
          || (ARRAY[' Traders', ' Foods', ' & Co'])[(n - 1) % 3 + 1] || ' ' || n,
       (ARRAY['Ana Ruiz', 'Ben Okafor', 'Chen Wei', 'Dana Novak', 'Eli Haddad', 'Fay Lund'])[(n + 2) % 6 + 1],
       (ARRAY['Lisbon', 'Lagos', 'Osaka', 'Brno', 'Quito', 'Oslo', 'Perth'])[(n - 1) % 7 + 1],
       (ARRAY['Portugal', 'Nigeria', 'Japan', 'Czechia', 'Ecuador', 'Norway', 'Australia'])[(n - 1) % 7 + 1],
       '+00 ' || (5550100 + n * 17)
  FROM generate_series(1, 12) AS n;

INSERT INTO employees VALUES
  (1, 'Iris', 'Mendes', 'Sales Manager', '2015-03-02', NULL),
  (2, 'Jon', 'Pike', 'Sales Representative', '2017-06-19', 1),
  (3, 'Kira', 'Sato', 'Sales Representative', '2018-01-08', 1),
  (4, 'Luis', 'Baró', 'Sales Representative', '2019-09-30', 1),
  (5, 'Maya', 'Ström', 'Inside Sales Coordinator', '2020-11-16', 1),
  (6, 'Noah', 'Quist', 'Sales Representative', '2022-04-04', 5);

INSERT INTO shippers VALUES
  (1, 'Swift Parcel', '+00 5550199'), (2, 'Blue Anchor Freight', '+00 5550288'), (3, 'Railway Express', NULL);

INSERT INTO orders
SELECT n, 'C' || lpad((n * 7 % 12 + 1)::text, 4, '0'), n % 6 + 1,
       date '2024-01-01' + n * 3, date '2024-01-01' + n * 3 + 14,
       CASE WHEN n % 5 = 0 THEN NULL ELSE date '2024-01-01' + n * 3 + n % 7 + 1 END,
       n % 3 + 1, round((n * 13 % 97 + 0.5)::numeric, 2),
       (ARRAY['Lisbon', 'Lagos', 'Osaka', 'Brno', 'Quito', 'Oslo', 'Perth'])[(n * 7 % 12) % 7 + 1],
       (ARRAY['Portugal', 'Nigeria', 'Japan', 'Czechia', 'Ecuador', 'Norway', 'Australia'])[(n * 7 % 12) % 7 + 1]
  FROM generate_series(1, 30) AS n;

-- Lines k = 0 .. n % 4 of order n; product (5n + 7k) mod 24 + 1 is distinct for k < 4.
INSERT INTO order_details
SELECT o.n, p.product_id, p.unit_price, (o.n + k) % 10 + 1, (ARRAY[0, 0.05, 0.1])[(o.n + k) % 3 + 1]
  FROM generate_series(1, 30) AS o(n)
  CROSS JOIN LATERAL generate_series(0, o.n % 4) AS k
  JOIN products p ON p.product_id = (5 * o.n + 7 * k) % 24 + 1;
