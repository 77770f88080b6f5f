-- A small Northwind-like order database (our own shape and data, see seed.sql) for the e2e pass.
CREATE TABLE categories (
  category_id   smallint PRIMARY KEY,
  category_name text NOT NULL,
  description   text);
CREATE TABLE customers (
  customer_id  bpchar(5) PRIMARY KEY,
  company_name text NOT NULL,
  contact_name text,
  city         text,
  country      text,
  phone        text);
CREATE TABLE employees (
  employee_id smallint PRIMARY KEY,
  first_name  text NOT NULL,
  last_name   text NOT NULL,
  title       text,
  hire_date   date,
  reports_to  smallint REFERENCES employees);
CREATE TABLE shippers (
  shipper_id   smallint PRIMARY KEY,
  company_name text NOT NULL,
  phone        text);
CREATE TABLE products (
  product_id    smallint PRIMARY KEY,
  product_name  text NOT NULL,
  category_id   smallint REFERENCES categories,
  unit_price    numeric(10, 2) NOT NULL,
  discontinued  boolean NOT NULL DEFAULT false);
CREATE TABLE orders (
  order_id      smallint PRIMARY KEY,
  customer_id   bpchar(5) NOT NULL REFERENCES customers,
  employee_id   smallint REFERENCES employees,
  order_date    date,
  required_date date,
  shipped_date  date,
  ship_via      smallint REFERENCES shippers,
  freight       numeric(10, 2),
  ship_city     text,
  ship_country  text);
CREATE TABLE order_details (
  order_id   smallint REFERENCES orders ON DELETE CASCADE,
  product_id smallint REFERENCES products,
  unit_price numeric(10, 2) NOT NULL,
  quantity   smallint NOT NULL,
  discount   real NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, product_id));
