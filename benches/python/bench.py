#!/usr/bin/env python3
"""The Python side of scripts/bench.sh: confluent-kafka's AvroSerializer / AvroDeserializer (against the same test
registry as the JVM side) and raw fastavro (schemaless_writer / schemaless_reader) on the same records
(target/bench-data/NAME.bin, written by examples/bench-data.rs).

The records are read once with fastavro into dicts, before any timing. Both serializers must write the generated
bodies back byte for byte before they are timed. A cell (shape, library, direction) runs for a fixed time per
round; rounds visit the cells in a rotated order; per cell and round, process CPU ns/record and wall records/s.
The JSON written has each metric's median, min and max over the rounds.

usage: bench.py REGISTRY_URL DATA_DIR OUT_JSON WARMUP_MS CELL_MS ROUNDS SHAPE...
"""
import io
import json
import pathlib
import statistics
import struct
import sys
import time

import confluent_kafka
import fastavro
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext


def read_bodies(path):
    data = path.read_bytes()
    out, pos = [], 0
    while pos < len(data):
        (n,) = struct.unpack_from(">I", data, pos)
        out.append(data[pos + 4:pos + 4 + n])
        pos += 4 + n
    return out


def writer_bytes(schema, record):
    buf = io.BytesIO()
    fastavro.schemaless_writer(buf, schema, record)
    return buf.getvalue()


class Cell:
    def __init__(self, shape, peer, direction, fn, items):
        self.shape, self.peer, self.direction, self.fn, self.items = shape, peer, direction, fn, items
        self.samples = []  # (cpu ns/record, records/s)

    def run(self, millis):
        fn, items, n = self.fn, self.items, len(self.items)
        deadline = time.perf_counter_ns() + millis * 1_000_000
        count, i = 0, 0
        cpu0, wall0 = time.process_time_ns(), time.perf_counter_ns()
        while True:
            for _ in range(8):
                fn(items[i])
                i = i + 1 if i + 1 < n else 0
            count += 8
            if time.perf_counter_ns() >= deadline:
                break
        wall = time.perf_counter_ns() - wall0
        cpu = time.process_time_ns() - cpu0
        return cpu / count, count * 1e9 / wall


def main():
    registry, data, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    warmup_ms, cell_ms, rounds = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    client = SchemaRegistryClient({"url": registry})
    cells, shapes = [], {}
    for name in sys.argv[7:]:
        text = (data / f"{name}.avsc").read_text()
        schema = fastavro.parse_schema(json.loads(text))
        bodies = read_bodies(data / f"{name}.bin")
        records = [fastavro.schemaless_reader(io.BytesIO(b), schema) for b in bodies]
        # The Python client names subjects as Connect does (TopicNameStrategy): the same subject as the JVM side's.
        ctx = SerializationContext(f"bench-{name}", MessageField.KEY if name == "key" else MessageField.VALUE)
        ser = AvroSerializer(client, text, conf={"auto.register.schemas": True})
        de = AvroDeserializer(client)
        frames = [ser(r, ctx) for r in records]
        for i, (frame, body) in enumerate(zip(frames, bodies)):
            if frame[5:] != body or writer_bytes(schema, records[i]) != body:
                sys.exit(f"python bench: {name} record {i}: a serializer's bytes differ from the generated body")
        shapes[name] = {"records": len(records), "avro_body_bytes": sum(map(len, bodies)) / len(bodies)}
        cells += [
            Cell(name, "confluent-kafka", "serialize", lambda r, ser=ser, ctx=ctx: ser(r, ctx), records),
            Cell(name, "fastavro", "serialize", lambda r, s=schema: writer_bytes(s, r), records),
            Cell(name, "confluent-kafka", "deserialize", lambda f, de=de, ctx=ctx: de(f, ctx), frames),
            Cell(name, "fastavro", "deserialize",
                 lambda b, s=schema: fastavro.schemaless_reader(io.BytesIO(b), s), bodies),
        ]

    total, done = len(cells) * (rounds + 1), 0
    for rnd in range(rounds + 1):  # round 0 warms up and is not kept; the order rotates each round
        shift = rnd * max(1, len(cells) // (rounds + 1)) % len(cells)
        for k in range(len(cells)):
            cell = cells[(k + shift) % len(cells)]
            done += 1
            label = "warm-up" if rnd == 0 else f"round {rnd}/{rounds}"
            print(f"\r[python] {label} {done}/{total}  {cell.shape} {cell.peer} {cell.direction}".ljust(100),
                  end="\r", file=sys.stderr, flush=True)
            sample = cell.run(warmup_ms if rnd == 0 else cell_ms)
            if rnd > 0:
                cell.samples.append(sample)
    print(" " * 100, end="\r", file=sys.stderr)
    print(f"[python] done: {len(cells)} cells, {rounds} rounds", file=sys.stderr)

    def stats(xs):
        return {"median": statistics.median(xs), "min": min(xs), "max": max(xs)}

    out.write_text(json.dumps({
        "python": sys.version.split()[0],
        "fastavro": fastavro.__version__,
        "confluent_kafka": confluent_kafka.__version__,
        "fastavro_compiled": "cython" in type(fastavro.schemaless_reader).__name__,
        "shapes": shapes,
        "cells": [{"shape": c.shape, "peer": c.peer, "direction": c.direction, "threads": 1, "rounds": len(c.samples),
                   "cpu_ns_per_record": stats([s[0] for s in c.samples]),
                   "records_per_s": stats([s[1] for s in c.samples])} for c in cells],
    }, indent=1))


if __name__ == "__main__":
    main()
