#!/usr/bin/env python3
"""Checks the records consume.py printed against the table and the registry, after a pass of scripts/e2e/run.sh.
Prints one `ok:` or `FAIL:` line per check; exits 1 if any failed.

usage: check.py --records FILE --table ROWS.json --registry URL --topic T --snapshot-rows N --deleted ID,...
  --records        consume.py's output (JSON lines)
  --table          the table's rows (psql json_agg) at the time the stream was read
  --snapshot-rows  rows in the table when the connector first started: exactly that many snapshot records
                   (__op = r), one per key, may be in the topic; more means a second snapshot
  --deleted        order ids that were deleted: each must have a rewritten delete (__deleted = "true")
"""
import argparse
import collections
import json
import sys

from confluent_kafka.schema_registry import SchemaRegistryClient

import rows

failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    failures += 0 if ok else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", required=True)
    ap.add_argument("--table", required=True)
    ap.add_argument("--registry", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--snapshot-rows", type=int, required=True)
    ap.add_argument("--deleted", required=True)
    a = ap.parse_args()
    records = [json.loads(line) for line in open(a.records) if line.strip()]
    table = json.load(open(a.table))
    registry = SchemaRegistryClient({"url": a.registry})
    subject = a.topic + "-value"

    # The registry: one key schema; the ALTER TABLE ... ADD COLUMN made a second value schema.
    versions = registry.get_versions(subject)
    check(versions == [1, 2], f"{subject} has versions {versions} (want [1, 2])")
    key_versions = registry.get_versions(a.topic + "-key")
    check(key_versions == [1], f"{a.topic}-key has versions {key_versions} (want [1])")
    v1, v2 = (registry.get_version(subject, v) for v in (1, 2))
    columns = rows.Columns(json.loads(v2.schema.schema_str))

    # Every row of the table arrived, and its last record equals it column by column.
    problems = rows.differences(records, table, columns)
    check(not problems, f"the {len(table)} rows of the table equal the last record of their key in the topic"
          + "".join("\n    " + p for p in problems[:20]))

    # Old and new records decode, with their own schema and with the newest one.
    by_id = collections.Counter(r["schema_id"] for r in records)
    check(set(by_id) == {v1.schema_id, v2.schema_id},
          f"records are written with both value schemas: ids {dict(by_id)} (v1 id {v1.schema_id}, "
          f"v2 id {v2.schema_id})")
    old = [r for r in records if r["schema_id"] == v1.schema_id]
    new = [r for r in records if r["schema_id"] == v2.schema_id]
    check(old and all("employee_id" not in r["value"] and r["latest"]["employee_id"] == -1 for r in old),
          f"{len(old)} v1 records decode without employee_id, and as employee_id = -1 (its default) through v2")
    check(new and all("employee_id" in r["value"] and r["value"] == r["latest"] for r in new),
          f"{len(new)} v2 records decode with employee_id, the same through either schema")

    # Deletes are rewritten into rows with __deleted = "true"; rewrite mode drops the tombstones.
    deleted = {int(x) for x in a.deleted.split(",")}
    tombstones = [r for r in records if r["value"] is None]
    check(not tombstones, f"no tombstones ({len(tombstones)} found)")
    rewritten = {r["key"]["order_id"] for r in records
                 if r["value"] and r["value"]["__deleted"] == "true" and r["value"]["__op"] == "d"}
    check(rewritten == deleted, f"deletes arrive as rows with __deleted = true: orders {sorted(rewritten)} "
          f"(want {sorted(deleted)})")
    mismatched = [r for r in records
                  if r["value"] and (r["value"]["__deleted"] == "true") != (r["value"]["__op"] == "d")]
    check(not mismatched, f"__deleted is true exactly on deletes ({len(mismatched)} records disagree)")

    # One snapshot: no key snapshotted twice, no snapshot after the worker restarted; nothing delivered twice.
    snap = collections.Counter(r["key"]["order_id"] for r in records if r["value"] and r["value"]["__op"] == "r")
    check(len(snap) == a.snapshot_rows and max(snap.values(), default=1) == 1,
          f"one snapshot: {sum(snap.values())} snapshot records of {len(snap)} keys (want {a.snapshot_rows})")
    seen = collections.Counter(json.dumps([r["key"], r["value"]], sort_keys=True) for r in records)
    dups = sum(n - 1 for n in seen.values() if n > 1)
    check(dups == 0, f"no record delivered twice ({dups} duplicates)")

    print(f"check.py: {len(records)} records, {failures} failed check(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
