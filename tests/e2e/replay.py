#!/usr/bin/env python3
"""Produces one old record again, as a late or replayed message: the raw bytes (key and value, as the converter
wrote them) of a value-schema-v1 snapshot record whose key never changed afterwards. A sink with
schema.compatibility=BACKWARD that has moved on to v2 must project it to v2 (employee_id = its default -1), which
then still equals the table row. Writes the records file with the new record appended at its new offset, for
check_sink.py.

usage: replay.py --bootstrap HOST:PORT --topic T --records consume.jsonl --raw raw.jsonl --v1-id ID --out FILE
"""
import argparse
import collections
import json
import sys

from confluent_kafka import Producer


def main():
    ap = argparse.ArgumentParser()
    for name in ("--bootstrap", "--topic", "--records", "--raw", "--out"):
        ap.add_argument(name, required=True)
    ap.add_argument("--v1-id", type=int, required=True)
    a = ap.parse_args()
    records = [json.loads(line) for line in open(a.records) if line.strip()]
    raw = {(r["partition"], r["offset"]): r for r in map(json.loads, open(a.raw)) if r}
    per_key = collections.Counter(json.dumps(r["key"], sort_keys=True) for r in records)
    old = next((r for r in records if r["schema_id"] == a.v1_id and r["value"]["__op"] == "r"
                and per_key[json.dumps(r["key"], sort_keys=True)] == 1), None)
    if old is None:
        print("replay.py: no v1 snapshot record of an unchanged key to replay", file=sys.stderr)
        return 1
    src = raw[(old["partition"], old["offset"])]
    delivered = []
    p = Producer({"bootstrap.servers": a.bootstrap, "enable.idempotence": False})
    p.produce(a.topic, key=bytes.fromhex(src["key"]), value=bytes.fromhex(src["value"]),
              partition=old["partition"], on_delivery=lambda err, m: delivered.append((err, m)))
    p.flush(30)
    if not delivered or delivered[0][0] is not None:
        print(f"replay.py: produce failed: {delivered}", file=sys.stderr)
        return 1
    m = delivered[0][1]
    again = dict(old, offset=m.offset())
    with open(a.out, "w") as out:
        for r in records + [again]:
            out.write(json.dumps(r, sort_keys=True) + "\n")
    print(f"replay.py: the v1 record of key {old['key']} at offset {old['offset']} produced again at offset "
          f"{m.offset()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
