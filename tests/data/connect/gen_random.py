#!/usr/bin/env python3
"""Writes random_schemas.jsonl: 600 random Connect schema descriptions (seeded, so the file is reproducible) for the
differential test against AvroData. Run from this folder: python3 gen_random.py"""
import json
import random

rng = random.Random(20261124)
PRIMS = ["int8", "int16", "int32", "int64", "float32", "float64", "boolean", "string", "bytes"]
LOGICAL = {"date": ("int32", "org.apache.kafka.connect.data.Date"), "time": ("int32", "org.apache.kafka.connect.data.Time"),
           "timestamp": ("int64", "org.apache.kafka.connect.data.Timestamp")}
DBZ = [("int32", "io.debezium.time.Date"), ("int64", "io.debezium.time.MicroTimestamp"),
       ("string", "io.debezium.data.Json"), ("string", "io.debezium.time.ZonedTimestamp"),
       ("int64", "io.debezium.time.NanoTime"), ("bytes", "io.debezium.data.Bits")]
FIELD_NAMES = ["id", "name", "value", "amount", "ts", "tags", "x", "y", "_z", "camelCase", "with_digit1", "key",
               "a-b", "1st", "naïve", "sp ace", "é"]
STRINGS = ["", "abc", "héllo", "日本", "emoji 😀", "quote\"back\\slash", "tab\tnew\nline", "ctl\u0001"]
FLOATS32 = [0.0, 1.5, -2.25, 0.1, 0.003, 1e10, 3.4e38, -7.0]
FLOATS64 = [0.0, 2.5, -1e-7, 123456.789, 1e300, 0.1, -0.5]

counter = [0]


def fresh_name(ns=("a", "b.c", "io.x", None)):
    counter[0] += 1
    space = rng.choice(ns)
    return f"{space}.N{counter[0]}" if space else f"N{counter[0]}"


def value(s, depth=0):
    """A valid Connect value (description JSON) for schema s."""
    if s.get("optional") and rng.random() < 0.2:
        return None
    name = s.get("name")
    if name == "org.apache.kafka.connect.data.Decimal":
        scale = int(s["parameters"]["scale"])
        unscaled = rng.randint(-10**12, 10**12)
        neg = unscaled < 0
        digits = str(abs(unscaled)).rjust(scale + 1, "0")
        text = digits if scale == 0 else digits[:-scale] + "." + digits[-scale:]
        return ("-" if neg else "") + text
    if name == "org.apache.kafka.connect.data.Date":
        return rng.randint(-1000, 30000)
    if name == "org.apache.kafka.connect.data.Time":
        return rng.randint(0, 86399999)
    if name == "org.apache.kafka.connect.data.Timestamp":
        return rng.randint(-10**12, 4 * 10**12)
    t = s["type"]
    if t == "int8":
        return rng.randint(-128, 127)
    if t == "int16":
        return rng.randint(-32768, 32767)
    if t == "int32":
        return rng.randint(-2**31, 2**31 - 1)
    if t == "int64":
        return rng.randint(-2**62, 2**62)
    if t == "float32":
        return rng.choice(FLOATS32)
    if t == "float64":
        return rng.choice(FLOATS64)
    if t == "boolean":
        return rng.random() < 0.5
    if t == "string":
        return rng.choice(STRINGS)
    if t == "bytes":
        return "".join(chr(rng.randint(0, 255)) for _ in range(rng.randint(0, 4)))
    if t == "array":
        return [value(s["value"], depth + 1) if not s["value"].get("optional") else
                (None if rng.random() < 0.3 else value(dict(s["value"], optional=False), depth + 1))
                for _ in range(rng.randint(0, 3))]
    if t == "map":
        out, seen = [], set()
        for _ in range(rng.randint(0, 3)):
            k = value(dict(s["key"], optional=False), depth + 1)
            if json.dumps(k) in seen:
                continue
            seen.add(json.dumps(k))
            v = value(s["value"], depth + 1)
            if v is None and not s["value"].get("optional"):
                continue
            out.append([k, v])
        return out
    if t == "struct":
        obj = {}
        for f in s["fields"]:
            fs = f["schema"]
            if fs.get("optional") and rng.random() < 0.4:
                continue
            v = value(fs, depth + 1)
            if v is None and not fs.get("optional"):
                v = value(dict(fs, optional=False), depth + 1)
            obj[f["name"]] = v
        return obj
    raise ValueError(t)


def schema(depth=0):
    r = rng.random()
    if depth >= 3 or r < 0.55:
        kind = rng.random()
        if kind < 0.12:
            t, name = LOGICAL[rng.choice(list(LOGICAL))]
            s = {"type": t, "name": name, "version": 1}
        elif kind < 0.2:
            scale = rng.choice([0, 2, 4])
            params = {"scale": str(scale)}
            if rng.random() < 0.3:
                params["connect.decimal.precision"] = str(rng.choice([10, 20, 38]))
            s = {"type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": params}
        elif kind < 0.28:
            t, name = rng.choice(DBZ)
            s = {"type": t, "name": name, "version": 1}
        else:
            s = {"type": rng.choice(PRIMS)}
    elif r < 0.7:
        s = {"type": "array", "value": schema(depth + 1)}
    elif r < 0.82:
        key = {"type": "string"} if rng.random() < 0.6 else {"type": rng.choice(["int32", "int64", "string"])}
        if rng.random() < 0.1:
            key["optional"] = True
        s = {"type": "map", "key": key, "value": schema(depth + 1)}
    else:
        names = rng.sample(FIELD_NAMES[:12] if rng.random() < 0.8 else FIELD_NAMES, rng.randint(0, 5))
        s = {"type": "struct", "fields": [{"name": n, "schema": schema(depth + 1)} for n in names]}
        if rng.random() < 0.85:
            s["name"] = fresh_name()
    # Metadata.
    if rng.random() < 0.15:
        s["doc"] = rng.choice(["a doc", "doc with \"quotes\"", "ü doc"])
    if rng.random() < 0.1 and "version" not in s:
        s["version"] = rng.randint(0, 5)
    if rng.random() < 0.1:
        p = s.setdefault("parameters", {})
        p.update(rng.choice([{"k": "v"}, {"avro.java.string": "String"}, {"b": "2", "a": "1"},
                             {"io.confluent.connect.avro.field.default": "true"}]))
    if rng.random() < 0.08 and "name" not in s and s["type"] not in ("struct",):
        s["name"] = fresh_name()
    if rng.random() < 0.3:
        s["optional"] = True
    if rng.random() < 0.25:
        d = value(dict(s, optional=False))
        if d is not None:
            s["default"] = d
    return s


def top():
    # Mostly records, as connectors produce them.
    if rng.random() < 0.8:
        names = rng.sample(FIELD_NAMES[:12], rng.randint(1, 8))
        return {"type": "struct", "name": fresh_name(), "fields": [{"name": n, "schema": schema(1)} for n in names]}
    return schema(0)


with open("random_schemas.jsonl", "w", encoding="utf-8") as f:
    for i in range(600):
        f.write(json.dumps({"id": f"random_{i}", "schema": top()}, ensure_ascii=False) + "\n")
print("600 random connect cases")
