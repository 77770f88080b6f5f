#!/usr/bin/env python3
"""Writes random but valid-by-construction Avro schemas (tests/data/schemas/corpus/gen-NNN.avsc) for the
schema-text tests. Deterministic: a fixed seed, so re-running gives the same files.

They exercise what Java's Schema.toString() must reproduce: attribute order (we shuffle it), namespace
inheritance and elision (nested, empty, dotted names), references to earlier names in the same or other
namespaces, custom properties with nested JSON everywhere, defaults of every type (including odd doubles),
docs with escapes and non-ASCII text, aliases, orders, logical types, unions, pretty or compact layout.
A few come out invalid on purpose (a union default that does not match the first branch, ...): Java decides.

usage: scripts/gen-schema-corpus.py [COUNT]   (default 120), then regenerate the expected outputs (see
tests/data/schemas/README.md).
       scripts/gen-schema-corpus.py --mutate COUNT DIR [SEED]   writes COUNT schemas made by small random edits of the
corpus's JSON trees (for scripts/fuzz-schema-text.sh; most stay valid JSON, many stay valid schemas).
"""
import json
import os
import random
import struct
import sys

SEED = 20261124
PRIMITIVES = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"]
WORDS = ["id", "name", "value", "ts", "amount", "record", "data", "x", "y", "a_b", "Ünï", "ñame", "名前", "_tmp",
         "v1", "Field", "enum", "map", "type", "doc", "fixed", "int"]
TEXT_BITS = ["plain", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\u0001", "\u001f", "\u007f", "é", "\u00ff",
             "中文", "😀", "\u2028", "'", "<>&", "{}", "[,]", "ß", "\u0000"]
NAMESPACES = ["com.example", "org.acme.events", "a", "a.b", "x.y.z", "io.debezium.data", "ns1", "Ünï.code"]
LOGICAL = [("int", {"logicalType": "date"}), ("int", {"logicalType": "time-millis"}),
           ("long", {"logicalType": "timestamp-millis"}), ("long", {"logicalType": "timestamp-micros"}),
           ("long", {"logicalType": "time-micros"}), ("long", {"logicalType": "local-timestamp-millis"}),
           ("string", {"logicalType": "uuid"}), ("bytes", {"logicalType": "decimal", "precision": 10, "scale": 2}),
           ("bytes", {"logicalType": "decimal", "precision": 3, "scale": 5}), ("long", {"logicalType": "date"})]


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.defined = []  # (full name, kind, namespace, node dict)
        self.counter = 0
        self.building = set()  # records whose fields are being generated

    def text(self):
        r = self.rng
        return "".join(r.choice(TEXT_BITS) for _ in range(r.randint(0, 6)))

    def fresh(self, base=None):
        self.counter += 1
        base = base or self.rng.choice(["Rec", "Item", "Evt", "Node", "Ünï", "T", "Value", "Key"])
        return f"{base}{self.counter}"

    def double(self):
        r = self.rng
        pick = r.random()
        if pick < 0.3:
            return r.choice([0.0, -0.0, 1.0, 1.5, 100.0, 1e7, 1e-3, 1e-4, 9999999.0, 0.1, 1e21, 1e-7, 2.5e-300])
        if pick < 0.6:
            return round(r.uniform(-1e6, 1e6), r.randint(0, 6))
        if pick < 0.8:
            return float(r.randint(-(2**62), 2**62))  # whole numbers: Java's long path
        while True:
            v = struct.unpack("<d", struct.pack("<Q", r.getrandbits(64)))[0]
            if v == v and abs(v) != float("inf"):
                return v

    def json_value(self, depth=0):
        r = self.rng
        kinds = ["str", "int", "float", "bool", "null"] + (["list", "obj"] if depth < 3 else [])
        k = r.choice(kinds)
        if k == "str":
            return self.text()
        if k == "int":
            return r.choice([0, 1, -1, 2**31, -(2**63), 2**64 - 1, r.randint(-10**12, 10**12)])
        if k == "float":
            return self.double()
        if k == "bool":
            return r.random() < 0.5
        if k == "null":
            return None
        if k == "list":
            return [self.json_value(depth + 1) for _ in range(r.randint(0, 3))]
        return {r.choice(WORDS) + str(i): self.json_value(depth + 1) for i in range(r.randint(0, 3))}

    def props(self, d, chance=0.3):
        r = self.rng
        while r.random() < chance:
            key = r.choice(["connect.name", "connect.version", "connect.parameters", "connect.default", "p", "java",
                            "x-meta", "ünï", "order_by", "logicalType2"])
            d[key] = self.json_value()

    def shuffled(self, d):
        items = list(d.items())
        self.rng.shuffle(items)
        return dict(items)

    def named_ref(self, space):
        """A reference to an earlier named type, qualified as a user could write it."""
        full, kind, ns, _ = self.rng.choice(self.defined)
        simple = full.rsplit(".", 1)[-1]
        if ns == space and simple not in PRIMITIVES and self.rng.random() < 0.7:
            return simple, full
        return full, full

    def schema(self, space, depth):
        """Returns (schema json, type descriptor for defaults)."""
        r = self.rng
        choices = ["prim"] * 5 + ["logical", "array", "map", "union"] + (["record", "enum", "fixed"] * 2 if depth < 4 else [])
        if self.defined:
            choices += ["ref"] * 2
        c = r.choice(choices if depth < 5 else ["prim", "prim", "ref" if self.defined else "prim"])
        if c == "prim":
            p = r.choice(PRIMITIVES)
            if r.random() < 0.3:
                d = {"type": p}
                self.props(d, 0.6)
                return self.shuffled(d), ("prim", p)
            return p, ("prim", p)
        if c == "logical":
            base, lt = r.choice(LOGICAL)
            d = {"type": base}
            d.update(lt)
            self.props(d)
            return self.shuffled(d), ("prim", base)
        if c == "ref":
            text, full = self.named_ref(space)
            kind, node = next((k, d) for f, k, _, d in self.defined if f == full)
            return text, ("named", full, kind) + ((node["size"],) if kind == "fixed" else ())
        if c == "array":
            items, t = self.schema(space, depth + 1)
            d = {"type": "array", "items": items}
            self.props(d)
            return self.shuffled(d), ("array", t)
        if c == "map":
            values, t = self.schema(space, depth + 1)
            d = {"type": "map", "values": values}
            self.props(d)
            return self.shuffled(d), ("map", t)
        if c == "union":
            branches, types, keys = [], [], set()
            for _ in range(r.randint(1, 4)):
                mark = len(self.defined)
                b, t = self.schema(space, depth + 1)
                key = t[1] if t[0] in ("prim", "named") else t[0]
                if t[0] == "union" or key in keys:
                    del self.defined[mark:]  # names defined in a dropped branch do not exist
                    continue
                keys.add(key)
                branches.append(b)
                types.append(t)
            if r.random() < 0.5 and "null" not in keys:
                branches.insert(0, "null")
                types.insert(0, ("prim", "null"))
            return branches, ("union", types)
        return self.named(c, space, depth)

    def name_and_space(self, d, space):
        r = self.rng
        name = self.fresh()
        pick = r.random()
        if pick < 0.35:
            ns = space  # inherit
        elif pick < 0.55:
            ns = r.choice(NAMESPACES)
            d["namespace"] = ns
        elif pick < 0.65:
            ns = None
            d["namespace"] = ""
        elif pick < 0.8:
            ns = r.choice(NAMESPACES)
            name = f"{ns}.{name}"  # dotted name
            if r.random() < 0.5:
                d["namespace"] = r.choice(NAMESPACES)  # ignored
        else:
            ns = space
            if ns is not None:
                d["namespace"] = ns  # same as enclosing: Java elides it
        d["name"] = name
        full = name if "." in name else (f"{ns}.{name}" if ns else name)
        return full, ns

    def named(self, kind, space, depth):
        r = self.rng
        d = {"type": kind if not (kind == "record" and r.random() < 0.1) else "error"}
        full, ns = self.name_and_space(d, space)
        if r.random() < 0.4:
            d["doc"] = self.text()
        if r.random() < 0.2:
            d["aliases"] = [self.fresh("Old"), f"{r.choice(NAMESPACES)}.{self.fresh('Alias')}"]
        self.props(d)
        if kind == "enum":
            symbols = [f"S{i}_{self.rng.choice(['A', 'b', 'Ü'])}" for i in range(r.randint(1, 5))]
            d["symbols"] = symbols
            if r.random() < 0.4:
                d["default"] = r.choice(symbols)
            self.defined.append((full, "enum", ns, d))
            return self.shuffled(d), ("named", full, "enum")
        if kind == "fixed":
            d["size"] = r.choice([0, 1, 4, 12, 16, 32])
            if r.random() < 0.3:
                d["logicalType"] = "decimal"
                d["precision"] = r.randint(1, 12)
                d["scale"] = r.randint(0, 3)
            self.defined.append((full, "fixed", ns, d))
            return self.shuffled(d), ("named", full, "fixed", d["size"])
        # record: register before the fields (recursion allowed)
        fields, ftypes = [], []
        self.defined.append((full, "record", ns, {"fields": ftypes}))
        self.building.add(full)
        seen = set()
        for _ in range(r.randint(0, 5)):
            fname = r.choice(WORDS) + str(r.randint(0, 9))
            if fname in seen:
                continue
            seen.add(fname)
            ft, t = self.schema(ns, depth + 1)
            f = {"name": fname, "type": ft}
            if r.random() < 0.3:
                f["doc"] = self.text()
            if r.random() < 0.45:
                dv = self.default(t)
                if dv is not NO_DEFAULT:
                    f["default"] = dv
            if r.random() < 0.15:
                f["order"] = r.choice(["ascending", "descending", "ignore"])
            if r.random() < 0.15:
                f["aliases"] = [r.choice(WORDS) + "_old"]
            self.props(f)
            fields.append(self.shuffled(f))
            ftypes.append((fname, t, f.get("default", NO_DEFAULT)))
        d["fields"] = fields
        self.building.discard(full)
        return self.shuffled(d), ("named", full, "record")

    def default(self, t, depth=0):
        r = self.rng
        if depth > 3:
            return NO_DEFAULT
        kind = t[0]
        if kind == "prim":
            p = t[1]
            return {"null": None, "boolean": r.random() < 0.5, "int": r.randint(-2**31, 2**31 - 1),
                    "long": r.randint(-2**63, 2**63 - 1), "float": self.double() if r.random() < 0.8 else r.randint(-5, 5),
                    "double": self.double(), "bytes": "".join(chr(r.randint(0, 255)) for _ in range(r.randint(0, 4))),
                    "string": self.text()}[p]
        if kind == "array":
            out = [self.default(t[1], depth + 1) for _ in range(r.randint(0, 2))]
            return NO_DEFAULT if NO_DEFAULT in out else out
        if kind == "map":
            out = {r.choice(WORDS): self.default(t[1], depth + 1) for _ in range(r.randint(0, 2))}
            return NO_DEFAULT if NO_DEFAULT in out.values() else out
        if kind == "union":
            # Java 1.11: the default must match the first branch; now and then try another (invalid).
            branches = t[1]
            if not branches:
                return NO_DEFAULT
            pick = branches[0] if r.random() < 0.9 else r.choice(branches)
            return self.default(pick, depth + 1)
        # named
        full, nk = t[1], t[2]
        if nk == "enum":
            node = next(d for f, _, _, d in self.defined if f == full)
            return r.choice(node["symbols"])
        if nk == "fixed":
            return "".join(chr(r.randint(0, 255)) for _ in range(t[3]))
        if full in self.building and r.random() < 0.9:
            return NO_DEFAULT  # Java refuses it ("Schema fields not set yet"); keep a few such cases
        node = next(d for f, _, _, d in self.defined if f == full)
        out = {}
        for fname, ft, fdefault in node["fields"]:
            if fdefault is not NO_DEFAULT and r.random() < 0.5:
                continue
            v = self.default(ft, depth + 1)
            if v is NO_DEFAULT:
                return NO_DEFAULT
            out[fname] = v
        return out


NO_DEFAULT = object()


MUTANT_VALUES = [None, True, False, 0, 1, -1, 2147483648, 9223372036854775808, 1.5, -0.0, 1e10, "", "x", "int", "null",
                 "string", "record", "enum", "fixed", "error", "array", "map", "a.b", ".x", "a.", "1a", "a-b", "Ünï",
                 "ascending", "DESCENDING", "ignore", "decimal", "date", "uuid", "NaN", "1.5", " 2 ", "0x1p3", [], {},
                 ["null"], ["int", "null"], [1, 2], {"a": 1}, {"type": "int"},
                 {"type": "record", "name": "Z", "fields": []}, {"type": "enum", "name": "E", "symbols": ["A", "B"]},
                 {"type": "fixed", "name": "F", "size": 4}, ["null", "int", "int"], {"type": "array", "items": "int"}]
MUTANT_KEYS = ["type", "name", "namespace", "doc", "fields", "symbols", "size", "items", "values", "default", "order",
               "aliases", "logicalType", "precision", "scale", "connect.name", "p", "java-class"]


def mutate(count, out, corpus, seed):
    rng = random.Random(seed)
    copy = lambda v: json.loads(json.dumps(v))

    def containers(v, acc):
        if isinstance(v, (dict, list)) and v:
            acc.append(v)
            for x in (v.values() if isinstance(v, dict) else v):
                containers(x, acc)
        return acc

    sources = []
    for name in sorted(os.listdir(corpus)):
        try:
            with open(os.path.join(corpus, name), encoding="utf-8") as f:
                sources.append(json.loads(f.read()))
        except ValueError:
            pass  # not JSON for Python (comments...)
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        doc = copy(rng.choice(sources))
        for _ in range(rng.randint(1, 2)):
            found = containers(doc, [])
            if not found:
                break
            c, op = rng.choice(found), rng.random()
            if isinstance(c, dict):
                k = rng.choice(list(c))
                if op < 0.5:
                    c[k] = copy(rng.choice(MUTANT_VALUES))
                elif op < 0.7:
                    del c[k]
                elif op < 0.9:
                    c[rng.choice(MUTANT_KEYS)] = copy(rng.choice(MUTANT_VALUES))
                else:
                    items = list(c.items())
                    rng.shuffle(items)
                    c.clear()
                    c.update(items)
            else:
                j = rng.randrange(len(c))
                if op < 0.5:
                    c[j] = copy(rng.choice(MUTANT_VALUES))
                elif op < 0.7:
                    del c[j]
                else:
                    c.insert(j, copy(rng.choice(MUTANT_VALUES + [c[j]])))
        with open(os.path.join(out, f"m{i:05d}.avsc"), "w", encoding="utf-8") as f:
            f.write(json.dumps(doc, ensure_ascii=False))
    print(f"wrote {count} mutated schemas to {out}")


def main():
    corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "schemas", "corpus")
    if len(sys.argv) > 1 and sys.argv[1] == "--mutate":
        mutate(int(sys.argv[2]), sys.argv[3], corpus, int(sys.argv[4]) if len(sys.argv) > 4 else SEED + 1)
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    out = corpus
    rng = random.Random(SEED)
    for i in range(count):
        g = Gen(rng)
        # The outermost type has no enclosing namespace.
        schema, _ = g.named("record", None, 0) if rng.random() < 0.85 else g.schema(None, 0)
        text = json.dumps(schema, ensure_ascii=rng.random() < 0.3, indent=2 if rng.random() < 0.3 else None)
        with open(os.path.join(out, f"gen-{i:03d}.avsc"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {count} schemas to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
