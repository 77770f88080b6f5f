#!/usr/bin/env python3
"""Checks the Avro container files the test sink (java/e2e/sink/, as the S3 sink's AvroFormat) wrote, read back
with fastavro, against the topic (consume.py's records) and the table. Prints one `ok:` or `FAIL:` line per check;
exits 1 if any failed.

usage: check_sink.py --dir SINK/TOPIC/partition=0 --records consume.jsonl --table ROWS.json --registry URL
                     --topic T --deleted ID,... --flush-size N [--timeout S]
  waits (up to --timeout) until the committed files cover every offset of --records, then checks:
  - the files cover each offset exactly once, in files of at most --flush-size records named after their first;
  - each file's writer schema is the registered value schema of its version plus "connect.version": that version
    (AvroData.fromConnectSchema of the Connect schema the converter gave the sink, version included);
  - schema.compatibility=BACKWARD: file versions never go down; the first record of a higher version starts a new
    file; a record of the file's version is written as it is in the topic, one of a lower version projected to
    the file's schema (its value through the newer schema: new fields at their defaults); at least one was;
  - read with the newest file's schema (Avro resolution, as a reader of the bucket would), the last record per
    key equals the table (rows.py, as check.py), and the deleted keys have rows with __deleted = "true".
"""
import argparse
import glob
import json
import os
import sys
import time

import fastavro
from confluent_kafka.schema_registry import SchemaRegistryClient

import rows

failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    failures += 0 if ok else 1


def read_files(folder, reader_schema=None):
    """[(start offset, writer schema JSON, [records])] in offset order; only committed files (no .tmp)."""
    out = []
    for path in glob.glob(os.path.join(folder, "*.avro")):
        start = int(os.path.basename(path)[:-len(".avro")].rsplit("+", 1)[1])
        with open(path, "rb") as f:
            r = fastavro.reader(f, reader_schema=reader_schema)
            writer = json.loads(r.metadata["avro.schema"])
            out.append((start, writer, list(r)))
    return sorted(out, key=lambda x: x[0])


def main():
    ap = argparse.ArgumentParser()
    for name in ("--dir", "--records", "--table", "--registry", "--topic", "--deleted"):
        ap.add_argument(name, required=True)
    ap.add_argument("--flush-size", type=int, required=True)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    topic = {r["offset"]: r for r in map(json.loads, open(a.records))}
    table = json.load(open(a.table))

    # Wait for the sink: the last file is committed by rotate.schedule.interval.ms.
    deadline, t0 = time.monotonic() + a.timeout, time.monotonic()
    while True:
        files = read_files(a.dir)
        covered = [start + i for start, _, recs in files for i in range(len(recs))]
        if set(covered) >= set(topic) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    print(f"check_sink.py: {len(files)} files, {len(covered)} records, after {time.monotonic() - t0:.1f}s")
    check(sorted(covered) == sorted(topic),
          f"the files hold each of the topic's {len(topic)} offsets exactly once (they hold {len(covered)} records,"
          f" missing {sorted(set(topic) - set(covered))[:10]}, extra or repeated "
          f"{sorted(o for o in set(covered) if covered.count(o) > 1 or o not in topic)[:10]})")
    check(files and all(0 < len(recs) <= a.flush_size for _, _, recs in files),
          f"every file has 1 to flush.size={a.flush_size} records: {[len(recs) for _, _, recs in files]}")

    registry = SchemaRegistryClient({"url": a.registry})
    subject = a.topic + "-value"
    registered = {v: registry.get_version(subject, v) for v in registry.get_versions(subject)}
    version_of_id = {v.schema_id: n for n, v in registered.items()}
    schema_of = {n: json.loads(v.schema.schema_str) for n, v in registered.items()}

    # Writer schemas: the registered one of the file's version, plus connect.version.
    bad = []
    for start, writer, _ in files:
        version = writer.get("connect.version")
        plain = {k: v for k, v in writer.items() if k != "connect.version"}
        if version not in schema_of or plain != schema_of[version]:
            bad.append(f"file at {start}: connect.version {version}")
    check(not bad, "each file's writer schema is the registered value schema of its connect.version, "
          f"versions by file {[w.get('connect.version') for _, w, _ in files]}" + "".join("\n    " + b for b in bad))

    # BACKWARD: per record, the topic's version (by schema id) against the file's.
    file_version, file_start, written = {}, set(), {}
    for start, writer, recs in files:
        file_start.add(start)
        for i, rec in enumerate(recs):
            file_version[start + i], written[start + i] = writer.get("connect.version"), rec
    versions = [w.get("connect.version") for _, w, _ in files]
    check(versions == sorted(versions), "file schema versions never go down (BACKWARD)")
    newest = max(registered)
    first_new = min((o for o, r in topic.items() if version_of_id.get(r["schema_id"]) == newest), default=None)
    check(first_new is not None and first_new in file_start,
          f"the first record of value schema v{newest} (offset {first_new}) starts a new file")
    wrong, projected = [], []
    for o in sorted(set(written) & set(topic)):
        tv, fv, r = version_of_id.get(topic[o]["schema_id"]), file_version[o], topic[o]
        if tv == fv:
            ok = written[o] == r["value"]
        elif tv is not None and fv is not None and tv < fv == newest:
            ok = written[o] == r["latest"]
            projected.append(o)
        else:
            ok = False
        if not ok:
            wrong.append(f"offset {o}: topic v{tv}, file v{fv}: file {written[o]} topic {r['value']}")
    check(not wrong, "each record is in the files as in the topic, or projected to the file's newer schema"
          + "".join("\n    " + w for w in wrong[:10]))
    check(projected and all(written[o].get("employee_id") == -1 for o in projected),
          f"older records after a newer one were projected to it (employee_id = -1): offsets {projected}")

    # The table, read through the newest file schema (an older file's rows get the new columns' defaults).
    latest_schema = files[-1][1] if files else None
    through_newest = read_files(a.dir, reader_schema=latest_schema)
    records = [{"key": {"order_id": rec["order_id"]}, "latest": rec}
               for _, _, recs in through_newest for rec in recs]
    columns = rows.Columns(latest_schema or {"fields": []})
    problems = rows.differences(records, table, columns)
    check(not problems, f"the {len(table)} rows of the table equal the last row of their key in the files"
          + "".join("\n    " + p for p in problems[:20]))
    deleted = {int(x) for x in a.deleted.split(",")}
    marked = {r["latest"]["order_id"] for r in records if r["latest"]["__deleted"] == "true"}
    check(marked == deleted, f"deletes are rows with __deleted = true: orders {sorted(marked)} (want {sorted(deleted)})")

    print(f"check_sink.py: {failures} failed check(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
