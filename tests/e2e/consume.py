#!/usr/bin/env python3
"""Reads a topic written in the Confluent wire format and prints each record decoded, as one JSON line:
{"partition", "offset", "schema_id", "key", "value", "latest"}. `value` is decoded with the schema it was written
with; `latest` with the value subject's newest schema as reader schema (what a sink that follows schema evolution
sees). Uses confluent-kafka's Consumer and AvroDeserializer, against the registry the converter wrote to.

usage: consume.py --bootstrap HOST:PORT --registry URL --topic T [--until-table ROWS.json [--min-versions N]]
                  [--timeout S] [--settle S] [--raw FILE]
  --until-table  read until the live rows of the stream (last record per key, unless a delete) equal these table
                 rows (a JSON list, as psql's json_agg prints), then --settle more seconds to catch late extras
                 (duplicates, a second snapshot). Exits 1 if they never match within --timeout, and says what
                 differs on stderr.
  --min-versions the table counts as matched only once the value subject has at least N versions: a starved
                 worker may deliver the new schema's records after rows that already look equal
  without it     read until --settle seconds pass without a new record.
  --raw          also write each record's bytes as they are in the topic, one JSON line each:
                 {"partition", "offset", "key", "value"} with key and value in hex (null for a null), for the
                 byte-for-byte comparison with Confluent's converter (java/e2e/roundtrip/)
"""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext

import rows


class Decoder:
    """Decodes stored messages; `latest` is redone whenever a newer value schema has been registered, so records
    read before the schema changed are also shown through the newest one."""

    def __init__(self, registry, topic):
        self.registry, self.subject = registry, topic + "-value"
        self.key_de = AvroDeserializer(registry)
        self.writer_de = AvroDeserializer(registry)
        self.latest_version, self.latest_de, self.columns = None, None, None

    def refresh(self):
        latest = self.registry.get_version(self.subject, "latest")  # not cached by the client
        if latest.version != self.latest_version:
            self.latest_version = latest.version
            self.latest_de = AvroDeserializer(self.registry, schema_str=latest.schema)
            self.columns = rows.Columns(json.loads(latest.schema.schema_str))
            return True
        return False

    def decode(self, m, with_latest):
        key_ctx = SerializationContext(m["topic"], MessageField.KEY)
        value_ctx = SerializationContext(m["topic"], MessageField.VALUE)
        v = m["value"]
        r = {"partition": m["partition"], "offset": m["offset"],
             "schema_id": int.from_bytes(v[1:5], "big") if v and len(v) > 5 and v[0] == 0 else None,
             "key": self.key_de(m["key"], key_ctx), "value": self.writer_de(v, value_ctx)}
        if with_latest:
            r["latest"] = self.latest_de(v, value_ctx)
        return r


def mismatches(records, table, decoder, min_versions):
    """Why the stream does not yet stand for the table (empty once it does); `decoder` must be refreshed."""
    problems = rows.differences(records, table, decoder.columns)
    if decoder.latest_version < min_versions:
        problems.insert(0, "the value subject has %d version(s), want at least %d"
                        % (decoder.latest_version, min_versions))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--registry", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--until-table")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--settle", type=float, default=3)
    ap.add_argument("--min-versions", type=int, default=1)
    ap.add_argument("--raw")
    a = ap.parse_args()

    decoder = Decoder(SchemaRegistryClient({"url": a.registry}), a.topic)
    table = json.load(open(a.until_table)) if a.until_table else None
    consumer = Consumer({"bootstrap.servers": a.bootstrap, "group.id": "e2e-check-%d" % time.time_ns(),
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    start = time.monotonic()
    deadline = start + a.timeout
    # Subscribe once the topic exists: librdkafka may take minutes to notice a topic created after subscribing.
    while time.monotonic() < deadline:
        t = consumer.list_topics(a.topic, timeout=5).topics.get(a.topic)
        if t is not None and t.error is None and t.partitions:
            break
        time.sleep(0.5)
    consumer.subscribe([a.topic])

    messages, records = [], []
    last_new, matched_at, dirty = time.monotonic(), None, False
    try:
        while time.monotonic() < deadline:
            m = consumer.poll(0.5)
            now = time.monotonic()
            if m is not None and m.error():
                print("consume.py: %s" % m.error(), file=sys.stderr)
            elif m is not None:
                messages.append({"topic": m.topic(), "partition": m.partition(), "offset": m.offset(),
                                 "key": m.key(), "value": m.value()})
                records.append(decoder.decode(messages[-1], with_latest=False))
                last_new, dirty = now, True
                continue  # drain what is there before comparing
            if table is not None and matched_at is None and dirty:
                dirty = False
                decoder.refresh()
                records = [decoder.decode(x, with_latest=True) for x in messages]
                if not mismatches(records, table, decoder, a.min_versions):
                    matched_at = now
            if matched_at is not None and now - matched_at >= a.settle:
                break
            if table is None and messages and now - last_new >= a.settle:
                break
    finally:
        consumer.close()

    if messages:
        decoder.refresh()
        records = [decoder.decode(x, with_latest=True) for x in messages]
    for r in records:
        print(json.dumps(r, sort_keys=True))
    if a.raw:
        with open(a.raw, "w") as out:
            for m in messages:
                out.write(json.dumps({"partition": m["partition"], "offset": m["offset"],
                                      "key": None if m["key"] is None else m["key"].hex(),
                                      "value": None if m["value"] is None else m["value"].hex()}) + "\n")
    took = time.monotonic() - start
    if table is not None and matched_at is None:
        print("consume.py: the stream never matched the table in %.0fs (%d records):" % (took, len(records)),
              file=sys.stderr)
        for p in (mismatches(records, table, decoder, a.min_versions) if records else ["no record read"])[:20]:
            print("  " + p, file=sys.stderr)
        return 1
    print("consume.py: %d records in %.1fs" % (len(records), took), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
