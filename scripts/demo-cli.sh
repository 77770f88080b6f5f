#!/usr/bin/env bash
# The command line on its own: build it and show it on a sample Debezium CDC record: the schema as Java
# prints it, records encoded to Avro binary and decoded back, and old records read into the evolved schema
# (after ALTER TABLE ... ADD COLUMN employee_id). No server needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build -q --release --bin avroconv
avroconv=target/release/avroconv
ex=examples/cdc

echo "== the value schema, as Java Avro's Schema.toString() prints it (what a registry stores)"
$avroconv schema print $ex/value-v1.avsc | cut -c1-160
echo "   ... Rabin fingerprint: $($avroconv schema print --fingerprint rabin $ex/value-v1.avsc)"

echo "== two change events, Avro JSON encoding -> Avro binary (hex)"
hex=$($avroconv encode --schema $ex/value-v1.avsc < $ex/records.jsonl)
echo "$hex" | cut -c1-120

echo "== decoded back with the writer schema"
echo "$hex" | $avroconv decode --schema $ex/value-v1.avsc | cut -c1-160

echo "== read into schema v2 (employee_id added with a default): old records still decode"
echo "$hex" | $avroconv decode --schema $ex/value-v1.avsc --reader-schema $ex/value-v2.avsc \
  | python3 -c 'import json,sys; [print({k: r[k] for k in ("order_id", "customer", "employee_id")}) for r in map(json.loads, sys.stdin)]'

echo "== a bad line is reported with its number; the good lines still come out"
printf '%s\nzz\n' "$(echo "$hex" | head -1)" | $avroconv decode --schema $ex/value-v1.avsc | cut -c1-80 || echo "(exit code $?)"
