#!/usr/bin/env python3
"""Writes random_avro.jsonl: 400 random Avro schemas (seeded) for the toConnectSchema differential test: the kinds
of schemas other producers register (enums, unions, fixed, every logical type, docs, defaults), some carrying
connect.* properties. Run from this folder: python3 gen_random_avro.py"""
import json
import random

rng = random.Random(424242)
counter = [0]
STRINGS = ["", "x", "héllo", "日本", "\u00ff\u0001"]


def name():
    counter[0] += 1
    return f"T{counter[0]}"


def default_for(t):
    """A default valid for Avro 1.11 (a union's default fits its first branch)."""
    if isinstance(t, list):
        return default_for(t[0])
    if isinstance(t, str):
        kind = t
        t = {"type": t}
    else:
        kind = t["type"]
    if kind == "null":
        return None
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "int":
        return rng.randint(-100000, 100000)
    if kind == "long":
        return rng.randint(-2**40, 2**40)
    if kind in ("float", "double"):
        return rng.choice([0.0, 1.5, -0.25, 3])
    if kind in ("string", "bytes"):
        return rng.choice(STRINGS)
    if kind == "fixed":
        return "a" * t["size"]
    if kind == "enum":
        return rng.choice(t["symbols"])
    if kind == "array":
        return [default_for(t["items"]) for _ in range(rng.randint(0, 2))]
    if kind == "map":
        return {k: default_for(t["values"]) for k in rng.sample(["a", "b", "c"], rng.randint(0, 2))}
    if kind == "record":
        return {f["name"]: default_for(f["type"]) for f in t["fields"]}
    raise ValueError(kind)


def meta(t):
    """Sometimes add connect.* or avro* properties, as a Connect producer would have."""
    if isinstance(t, str) or t.get("type") in ("record", "enum", "fixed"):
        pass
    r = rng.random()
    if isinstance(t, str):
        if r < 0.15:
            t = {"type": t}
        else:
            return t
    if r < 0.05:
        t["connect.version"] = rng.randint(1, 3)
    if 0.05 <= r < 0.1:
        t["connect.doc"] = "cdoc"
    if 0.1 <= r < 0.13:
        t["connect.parameters"] = {"k": "v"}
    if 0.13 <= r < 0.15:
        t["avro.java.string"] = "String"
    return t


def schema(depth=0):
    r = rng.random()
    if depth >= 3 or r < 0.5:
        k = rng.random()
        if k < 0.5:
            return meta(rng.choice(["int", "long", "float", "double", "boolean", "string", "bytes"]))
        if k < 0.58:
            return {"type": "int", "connect.type": rng.choice(["int8", "int16"])}
        if k < 0.75:
            lt = rng.choice([("int", "date"), ("int", "time-millis"), ("long", "time-micros"),
                             ("long", "timestamp-millis"), ("long", "timestamp-micros"),
                             ("long", "local-timestamp-millis"), ("string", "uuid")])
            return {"type": lt[0], "logicalType": lt[1]}
        if k < 0.85:
            p = rng.choice([5, 10, 38, 64])
            d = {"type": "bytes", "logicalType": "decimal", "precision": p, "scale": rng.randint(0, 5)}
            if rng.random() < 0.3:
                d = {"type": "fixed", "name": name(), "size": 16, "logicalType": "decimal", "precision": min(p, 38),
                     "scale": 2}
            return d
        if k < 0.92:
            return {"type": "fixed", "name": name(), "size": rng.randint(1, 8)}
        e = {"type": "enum", "name": name(), "symbols": rng.sample(["A", "B", "C", "D"], rng.randint(1, 4))}
        if rng.random() < 0.3:
            e["doc"] = "edoc"
        if rng.random() < 0.3:
            e["default"] = e["symbols"][0]
        return e
    if r < 0.62:
        return {"type": "array", "items": schema(depth + 1)}
    if r < 0.72:
        return {"type": "map", "values": schema(depth + 1)}
    if r < 0.85:
        # Unions: nullable either way round, or wider.
        u = rng.random()
        base = schema(depth + 1)
        if isinstance(base, list):
            return base
        if u < 0.45:
            return ["null", base]
        if u < 0.65:
            return [base, "null"]
        others = [b for b in ["int", "string", "long", "boolean"] if b != base]
        branches = [base] + rng.sample(others, rng.randint(0, 2))
        if rng.random() < 0.5:
            branches.insert(rng.randint(0, len(branches)), "null")
        return branches
    return record(depth + 1)


def record(depth=0):
    fields = []
    for fname in rng.sample(["a", "b", "c", "d", "e", "f", "g"], rng.randint(0, 5)):
        t = schema(depth)
        f = {"name": fname, "type": t}
        if rng.random() < 0.2:
            f["doc"] = "fdoc"
        if rng.random() < 0.35:
            f["default"] = default_for(t)
        fields.append(f)
    rec = {"type": "record", "name": name(), "fields": fields}
    if rng.random() < 0.4:
        rec["namespace"] = rng.choice(["n", "a.b"])
    if rng.random() < 0.2:
        rec["doc"] = "rdoc"
    if rng.random() < 0.2:
        rec["connect.name"] = "c." + rec["name"]
    return rec


with open("random_avro.jsonl", "w", encoding="utf-8") as f:
    for i in range(400):
        f.write(json.dumps({"id": f"ravro_{i}", "avro": record() if rng.random() < 0.85 else schema()},
                           ensure_ascii=False) + "\n")
print("400 random avro schemas")
