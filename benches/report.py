#!/usr/bin/env python3
"""Gathers what scripts/bench.sh measured into one report: DIR/report.md, DIR/report.svg (each peer's ns/record
relative to Confluent's AvroConverter, per shape and direction) and DIR/summary.md (the table the README carries).

Reads, in DIR: meta.json (written by bench.sh), jvm.json (benches/jvm/ConverterBench.java), python.json
(benches/python/bench.py), criterion/ (CRITERION_HOME of `cargo bench --bench codec` and `--bench registry`) and
registry.log (the registry bench's output, for its cold first-call table). A missing part is reported as missing.

usage: report.py DIR
"""
import json
import math
import os
import pathlib
import re
import statistics
import sys

RECORDS = 256  # records per criterion iteration in benches/codec.rs and benches/registry.rs
BLOB_RECORDS = 32  # in the blob-<size> groups of benches/codec.rs (benches/shapes: BLOB_RECORDS)
SHAPES = ("cdc", "key", "wide")
DIRECTIONS = ("serialize", "deserialize")
JVM_DIRECTION = {"serialize": "fromConnectData", "deserialize": "toConnectData"}
CODEC_DIRECTION = {"serialize": "encode", "deserialize": "decode"}
# Targets from issue 5 (speed-ups are "at least", allocation "at most").
JVM_TARGET = {"cdc": 3.0, "key": 5.0, "wide": 5.0}
JVM_ALLOC_TARGET = 1 / 3
SRC_TARGET = 3.0
APACHE_TARGET = 2.0
MEMCPY_TARGET = 4.0  # cdc encode, over a memcpy of the encoded bytes
COLD_TARGET = 1.3  # first call on a fresh client, over a bare HTTP round trip

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench-report")


def load(name):
    path = out / name
    return json.loads(path.read_text()) if path.exists() else None


meta = load("meta.json") or {}
jvm = load("jvm.json")
py = load("python.json")


# ---------------------------------------------------------------- numbers, one accessor per side

def jvm_cell(shape, peer, direction, threads=1):
    if not jvm:
        return None
    for c in jvm["cells"]:
        if (c["shape"], c["peer"], c["direction"], c["threads"]) == (shape, peer, JVM_DIRECTION[direction], threads):
            return c
    return None


def py_cell(shape, peer, direction):
    if not py:
        return None
    for c in py["cells"]:
        if (c["shape"], c["peer"], c["direction"]) == (shape, peer, direction):
            return c
    return None


def criterion(group, direction, impl):
    """ns/record: {median, min, max} from criterion's estimates (median) and raw samples (min, max)."""
    base = out / "criterion" / group / direction / impl / "new"
    try:
        est = json.loads((base / "estimates.json").read_text())
        sample = json.loads((base / "sample.json").read_text())
    except FileNotFoundError:
        return None
    n = BLOB_RECORDS if group.startswith("blob-") else RECORDS
    per = [t / i / n for t, i in zip(sample["times"], sample["iters"])]
    return {"median": est["median"]["point_estimate"] / n, "min": min(per), "max": max(per)}


def codec(shape, direction, impl):
    return criterion(shape, CODEC_DIRECTION[direction], impl)


def typed_path(direction):
    """Our fastest way between Avro and the same Rust struct: `#[derive(Encode)]` / `#[derive(Decode)]`."""
    return "avroconv-derive"


def registry(shape, direction, impl):
    return criterion(f"registry-{shape}", direction, impl)


def ns(cell, metric="cpu_ns_per_record"):
    """A cell's median ns/record, from a JVM/Python cell (CPU) or a criterion triple."""
    if cell is None:
        return None
    return cell[metric]["median"] if metric in cell else cell["median"]


def cold_table():
    """The registry bench's cold first-call medians (µs): {shape: {measure: median}}."""
    path = out / "registry.log"
    if not path.exists():
        return {}
    tables, shape = {}, None
    for line in path.read_text(errors="replace").splitlines():
        m = re.match(r"^(\w+): cold first call", line)
        if m:
            shape = m.group(1)
            tables[shape] = {}
            continue
        m = re.match(r"^  (.+?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line)
        if shape and m:
            tables[shape][m.group(1)] = float(m.group(2))
    return tables


def cold_measure(table):
    """A lookup of one shape's cold measures by the start of their name (the longest name that fits is meant: a
    prefix may also start a longer measure's name)."""
    def get(prefix):
        names = [n for n in table if n.startswith(prefix)]
        return table[min(names, key=len)] if names else None
    return get


# ---------------------------------------------------------------- formatting

def fmt_ns(x):
    if x is None:
        return "–"
    if x >= 100_000:
        return f"{x / 1000:,.0f} µs"
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def fmt_range(cell, metric="cpu_ns_per_record"):
    """median (min-max)"""
    if cell is None:
        return "–"
    c = cell[metric] if metric in cell else cell
    return f"{fmt_ns(c['median'])} <sub>{fmt_ns(c['min'])}–{fmt_ns(c['max'])}</sub>"


def fmt_rate(x):
    if x is None:
        return "–"
    return f"{x / 1e6:.2f} M" if x >= 1e6 else f"{x / 1e3:,.0f} k" if x >= 1e3 else f"{x:,.0f}"


def ratio(theirs, ours):
    return None if theirs is None or ours is None or ours == 0 else theirs / ours


def fmt_x(r):
    return "–" if r is None else f"{r:.2f}x"


def verdict(value, target, higher_is_better=True):
    if value is None:
        return "not measured"
    if higher_is_better:
        if value >= target:
            return f"**met** ({value:.2f}x ≥ {target:g}x)"
        return f"**missed** ({value:.2f}x of {target:g}x: {target / value:.2f}x short)"
    if value <= target:
        return f"**met** ({value:.2f} ≤ {target:.2f})"
    return f"**missed** ({value:.2f} > {target:.2f}: {value / target:.2f}x too much)"


def ours_unavailable(shape=None):
    """Why avroconv's converter has no numbers (on this shape), or None."""
    if jvm is None:
        return meta.get("jvm_error", "the JVM side did not run")
    if jvm["unavailable"].get("avroconv"):
        return jvm["unavailable"]["avroconv"]
    per_shape = jvm.get("avroconv_unavailable_shapes", {})
    if shape is None:
        return "; ".join(f"{k}: {v}" for k, v in per_shape.items()) or None
    return per_shape.get(shape)


# ---------------------------------------------------------------- the report

lines = []
w = lines.append
w(f"# avroconv benchmark report ({meta.get('mode', '?')} mode)\n")
w(f"- date: {meta.get('date', '?')}; commit {meta.get('commit', '?')}")
w(f"- machine: {meta.get('nproc', '?')} CPUs, {meta.get('cpu', '?')}, {meta.get('memory', '?')}")
load_end = " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else "?"
w(f"- load average (1, 5, 15 min): {meta.get('load_start', '?')} at the start, {load_end} at the end")
w(f"- versions: {meta.get('versions', '?')}")
if jvm:
    w(f"- JVM: {jvm['java']}; per cell {jvm['warmup_ms']} ms of warm-up, then {jvm['rounds']} rounds of "
      f"{jvm['cell_ms']} ms in rotating order")
if py:
    w(f"- Python {py['python']}: fastavro {py['fastavro']} ({'compiled' if py['fastavro_compiled'] else 'pure Python'}), "
      f"confluent-kafka {py['confluent_kafka']}")
w(f"- Rust: criterion {meta.get('criterion_args', '?')}")
w("")
for key, side in (("rust_error", "Rust build"), ("jvm_error", "JVM side"), ("python_error", "Python side"), ("codec_error", "Rust codec bench"),
                  ("registry_error", "Rust registry bench")):
    if meta.get(key):
        w(f"- **{side} failed**: {meta[key]}")
w("")
w("Numbers are medians over rounds (JVM, Python) or criterion samples (Rust), with min–max in small type. "
  "Absolute times on a shared machine move by up to 2x between runs: **only the ratios, measured side by side in "
  "this run, carry a claim.** JVM and Python ns/record are process CPU time per record (GC and JIT threads "
  "included); Rust ns/record are wall time of one thread.\n")

# Which avroconv each peer is compared with.
w("## avroconv against each peer\n")
w("Speed-up = the peer's ns/record ÷ avroconv's (above 1: avroconv is faster). The JVM peers are compared with "
  "avroconv's converter (`io.avroconv.connect.AvroConverter`, 1 thread, records/s); the Python and Rust peers with "
  "avroconv's Rust serializer (registry level, blocking, Confluent framing), and apache-avro with avroconv's "
  "codec on the same bodies.\n")
if ours_unavailable():
    w(f"avroconv's converter is **not available** where its cells are empty, and no number stands in for it: "
      f"{ours_unavailable()}.\n")
w("`vs apache-avro serde`: the same Rust struct both ways; ours through `#[derive(Encode)]` / `#[derive(Decode)]` "
  "(the serde paths are in the targets and the Rust table).\n")
w("| shape | direction | vs Confluent AvroConverter (JVM) | vs JsonConverter (JVM) | vs confluent-kafka (Python) "
  "| vs fastavro (Python) | vs schema_registry_converter (Rust) | vs apache-avro serde (Rust) "
  "| vs apache-avro Value (Rust) |")
w("|---|---|--:|--:|--:|--:|--:|--:|--:|")
summary_rows = []
for shape in SHAPES:
    for d in DIRECTIONS:
        ours_jvm = jvm_cell(shape, "avroconv", d)
        ours_jvm_rate = ours_jvm and ours_jvm["records_per_s"]["median"]
        conf = jvm_cell(shape, "confluent", d)
        js = jvm_cell(shape, "json", d)
        ours_rust = ns(registry(shape, d, "avroconv-blocking"))
        r = [
            ratio(ours_jvm_rate, conf and conf["records_per_s"]["median"]),
            ratio(ours_jvm_rate, js and js["records_per_s"]["median"]),
            ratio(ns(py_cell(shape, "confluent-kafka", d)), ours_rust),
            ratio(ns(py_cell(shape, "fastavro", d)), ours_rust),
            ratio(ns(registry(shape, d, "src-blocking")), ours_rust),
            ratio(ns(codec(shape, d, "apache-avro-serde")), ns(codec(shape, d, typed_path(d)))),
            ratio(ns(codec(shape, d, "apache-avro-value")), ns(codec(shape, d, "avroconv-value"))),
        ]
        w(f"| {shape} | {d} | " + " | ".join(fmt_x(x) for x in r) + " |")
        summary_rows.append((shape, d, r))
w("")

# Targets.
w("## Targets\n")
w("The JVM speed-up is records/s (wall, 1 thread), as the target says; the CPU ns/record ratio beside it is less "
  "moved by a busy neighbour. 2 threads: records/s of two instances on two threads.\n")
w("| target | shape | direction | measured | verdict | CPU ratio | 2 threads |")
w("|---|---|---|--:|---|--:|--:|")
for shape in SHAPES:
    for d in DIRECTIONS:
        ours = jvm_cell(shape, "avroconv", d)
        conf = jvm_cell(shape, "confluent", d)
        r = ratio(ours and ours["records_per_s"]["median"], conf and conf["records_per_s"]["median"])
        cpu = ratio(ns(conf), ns(ours))
        ours2, conf2 = jvm_cell(shape, "avroconv", d, 2), jvm_cell(shape, "confluent", d, 2)
        r2 = ratio(ours2 and ours2["records_per_s"]["median"], conf2 and conf2["records_per_s"]["median"])
        why = "" if r is not None or not ours_unavailable(shape) else f" (not available: {ours_unavailable(shape)})"
        w(f"| JVM converter ≥{JVM_TARGET[shape]:g}x Confluent's records/s (1 thread) | {shape} | {d} | {fmt_x(r)} "
          f"| {verdict(r, JVM_TARGET[shape])}{why} | {fmt_x(cpu)} | {fmt_x(r2)} |")
for shape in SHAPES:
    for d in DIRECTIONS:
        ours = jvm_cell(shape, "avroconv", d)
        conf = jvm_cell(shape, "confluent", d)
        a = ratio(ours and ours["alloc_bytes_per_record"]["median"], conf and conf["alloc_bytes_per_record"]["median"])
        w(f"| JVM converter allocates ≤1/3 of Confluent's bytes/record | {shape} | {d} | "
          f"{'–' if a is None else f'{a:.2f}'} | {verdict(a, JVM_ALLOC_TARGET, higher_is_better=False)} | | |")
for shape in SHAPES:
    for d in DIRECTIONS:
        r = ratio(ns(registry(shape, d, "src-blocking")), ns(registry(shape, d, "avroconv-blocking")))
        w(f"| Rust ≥3x schema_registry_converter | {shape} | {d} | {fmt_x(r)} | {verdict(r, SRC_TARGET)} | | |")
for shape in SHAPES:
    for d in DIRECTIONS:
        path = typed_path(d)
        r = ratio(ns(codec(shape, d, "apache-avro-serde")), ns(codec(shape, d, path)))
        w(f"| Rust ≥2x apache-avro serde ({path}) | {shape} | {d} | {fmt_x(r)} | {verdict(r, APACHE_TARGET)} | | |")
        r = ratio(ns(codec(shape, d, "apache-avro-serde")), ns(codec(shape, d, "avroconv-serde")))
        w(f"| (avroconv-serde, same struct through serde) | {shape} | {d} | {fmt_x(r)} | "
          f"{verdict(r, APACHE_TARGET)} | | |")
for shape, t in cold_table().items():
    g = cold_measure(t)
    for d, ours, bare in (("serialize", "avroconv first serialize", "bare POST"),
                          ("deserialize", "avroconv first deserialize", "bare GET /schemas/ids, fresh connection")):
        r = ratio(g(ours), g(bare))
        w(f"| Rust cold first call ≤1.3x a bare round trip | {shape} | {d} | {fmt_x(r)} "
          f"| {verdict(r, COLD_TARGET, higher_is_better=False)} | | |")
floor = ns(codec("cdc", "serialize", "memcpy-floor"))
for path, label in (("avroconv-derive", "Rust cdc encode ≤4x a memcpy of its bytes"), ("avroconv-serde", "(the same through serde)")):
    r = ratio(ns(codec("cdc", "serialize", path)), floor)
    w(f"| {label} ({path}) | cdc | serialize | {fmt_x(r)} | {verdict(r, MEMCPY_TARGET, higher_is_better=False)} | | |")
w("")
w("![each peer's ns/record relative to Confluent's AvroConverter](report.svg)\n")

# JVM detail.
w("## JVM: Kafka Connect converters\n")
if not jvm:
    w(f"Not run: {meta.get('jvm_error', 'no jvm.json')}.\n")
else:
    for peer, why in jvm["unavailable"].items():
        w(f"- `{peer}`: not available: {why}")
    for shape, why in jvm.get("avroconv_unavailable_shapes", {}).items():
        w(f"- `avroconv` on `{shape}`: not available (not timed): {why}")
    for shape, why in jvm["notes"].items():
        w(f"- note on `{shape}`: {why}")
    w("")
    w("Per converter instance and thread (each thread has its own instance, as Connect tasks do). `x2`: two "
      "threads; CPU ns/record is then the process's CPU over both. JsonConverter runs with `schemas.enable=true` "
      "(the schema travels in each message, so toConnectData gives back typed values, as the Avro converters do).\n")
    sizes = jvm["shapes"]
    w("| shape | direction | converter | threads | CPU ns/record | records/s (wall) | bytes allocated/record "
      "| message bytes |")
    w("|---|---|---|--:|--:|--:|--:|--:|")
    for shape in SHAPES:
        for d in DIRECTIONS:
            for threads in (1, 2):
                for peer in ("avroconv", "confluent", "json"):
                    c = jvm_cell(shape, peer, d, threads)
                    if c is None:
                        continue
                    size = sizes.get(shape, {}).get(f"{peer}_bytes")
                    w(f"| {shape} | {d} | {peer} | {threads} | {fmt_range(c)} | "
                      f"{fmt_rate(c['records_per_s']['median'])} | {c['alloc_bytes_per_record']['median']:,.0f} | "
                      f"{'' if size is None else f'{size:,.0f}'} |")
    w("")

# Python detail.
w("## Python: confluent-kafka and fastavro\n")
if not py:
    w(f"Not run: {meta.get('python_error', 'no python.json')}.\n")
else:
    w("`confluent-kafka` is `AvroSerializer` / `AvroDeserializer` on the test registry (Confluent framing, schema id "
      "cached after the first call); `fastavro` is `schemaless_writer` / `schemaless_reader` on bare bodies.\n")
    w("| shape | direction | confluent-kafka CPU ns/record | fastavro CPU ns/record | avroconv Rust (registry) ns/record |")
    w("|---|---|--:|--:|--:|")
    for shape in SHAPES:
        for d in DIRECTIONS:
            w(f"| {shape} | {d} | {fmt_range(py_cell(shape, 'confluent-kafka', d))} | "
              f"{fmt_range(py_cell(shape, 'fastavro', d))} | {fmt_range(registry(shape, d, 'avroconv-blocking'))} |")
    w("")

# Rust detail.
w("## Rust: codec (benches/codec.rs) and registry level (benches/registry.rs)\n")
w("Codec: bare Avro bodies, 256 distinct records per shape; serde and derive paths encode from and decode into "
  "the same owned structs on both sides (`avroconv derive`: `#[derive(Encode)]` / `#[derive(Decode)]`). "
  "`x memcpy`: avroconv's encode (derive, then serde) over a memcpy of the encoded bytes.\n")
w("| shape | direction | avroconv serde | avroconv derive | avroconv Value | apache-avro serde | apache-avro Value "
  "| serde speed-up | derive speed-up | Value speed-up | x memcpy (derive / serde) |")
w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
for shape in SHAPES:
    for d in DIRECTIONS:
        c = {impl: codec(shape, d, impl) for impl in
             ("avroconv-serde", "avroconv-derive", "avroconv-value", "apache-avro-serde", "apache-avro-value")}
        floor = codec(shape, "serialize", "memcpy-floor")
        memcpy = [ratio(ns(c[i]), ns(floor)) for i in ("avroconv-derive", "avroconv-serde")] if d == "serialize" else None
        w(f"| {shape} | {d} | " + " | ".join(fmt_range(c[i]) for i in c) + " | "
          f"{fmt_x(ratio(ns(c['apache-avro-serde']), ns(c['avroconv-serde'])))} | "
          f"{fmt_x(ratio(ns(c['apache-avro-serde']), ns(c['avroconv-derive'])))} | "
          f"{fmt_x(ratio(ns(c['apache-avro-value']), ns(c['avroconv-value'])))} | "
          f"{'' if memcpy is None else ' / '.join('–' if m is None else f'{m:.1f}' for m in memcpy)} |")
w("")
w("Registry level (warm caches, test registry on 127.0.0.1, both write byte-identical frames):\n")
w("| shape | direction | avroconv blocking | avroconv (Vec / Value) | avroconv async | schema_registry_converter "
  "| speed-up |")
w("|---|---|--:|--:|--:|--:|--:|")
for shape in SHAPES:
    for d, alt in (("serialize", "avroconv-blocking-vec"), ("deserialize", "avroconv-blocking-value")):
        c = [registry(shape, d, i) for i in ("avroconv-blocking", alt, "avroconv-async", "src-blocking")]
        w(f"| {shape} | {d} | " + " | ".join(fmt_range(x) for x in c) + f" | {fmt_x(ratio(ns(c[3]), ns(c[0])))} |")
w("")
cold = cold_table()
if cold:
    w("Cold first call (median µs over fresh clients, sampled round-robin), against a bare HTTP round trip "
      "(reqwest::blocking on a fresh connection):\n")
    w("The floor is a bare GET, then parsing the answer and the schema, compiling and decoding: what any client's "
      "first read does; our first deserialize over it is what our client adds. `GET, no hand-off`: the same GET "
      "from async reqwest on the caller's thread, without reqwest::blocking's hand-off to its I/O thread and back "
      "(our blocking client runs so). The last column is `AvroSchema::parse` after the pause each sample takes "
      "(caches gone cold) and right after another parse.\n")
    w("| shape | avroconv first serialize | bare POST | ratio | avroconv first deserialize | bare GET | ratio "
      "| GET, no hand-off | ratio | floor | ratio | schema_registry_converter first encode / decode "
      "| schema parse, cold / warm |")
    w("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for shape, t in cold.items():
        g = cold_measure(t)
        u = lambda v: "–" if v is None else v  # a measure this run's bench did not take
        fs, post = g("avroconv first serialize"), g("bare POST")
        fd, get, lean = g("avroconv first deserialize"), g("bare GET /schemas/ids, fresh connection"), g("bare GET /schemas/ids, fresh connection, no")
        floor = g("floor: bare GET")
        se, sd = g("src first encode"), g("src first decode")
        pc, pw = g("avroconv AvroSchema::parse (no I/O)"), g("avroconv AvroSchema::parse, right after")
        w(f"| {shape} | {u(fs)} | {u(post)} | {fmt_x(ratio(fs, post))} | {u(fd)} | {u(get)} | {fmt_x(ratio(fd, get))} "
          f"| {u(lean)} | {fmt_x(ratio(fd, lean))} | {u(floor)} | {fmt_x(ratio(fd, floor))} | {u(se)} / {u(sd)} "
          f"| {u(pc)} / {u(pw)} |")
    w("")

# Scale.
w("## Throughput against record size\n")
w("A record of a `long` and one string of 100 B to 100 KB (about 15% of its words non-ASCII), 1 thread. MB/s is "
  "Avro body bytes per second of process CPU (Rust: wall time). The Rust columns are the bare codec (no framing, "
  "no registry), as a floor for the others.\n")
blobs = sorted({c["shape"] for c in (jvm or {}).get("cells", []) + (py or {}).get("cells", []) if c["shape"].startswith("blob-")},
               key=lambda s: int(s.split("-")[1]))
if blobs:
    peers = [("JVM avroconv", "jvm", "avroconv"), ("JVM Confluent", "jvm", "confluent"), ("JVM JsonConverter", "jvm", "json"),
             ("Python confluent-kafka", "py", "confluent-kafka"), ("Python fastavro", "py", "fastavro"),
             ("Rust avroconv codec", "rust", "avroconv-serde"), ("Rust apache-avro serde", "rust", "apache-avro-serde")]
    w("| payload | direction | " + " | ".join(p[0] for p in peers) + " |")
    w("|---|---|" + "--:|" * len(peers))
    for shape in blobs:
        size = ((jvm or {}).get("shapes", {}).get(shape) or (py or {}).get("shapes", {}).get(shape) or {}).get("avro_body_bytes")
        for d in DIRECTIONS:
            cells = []
            for _, side, peer in peers:
                c = jvm_cell(shape, peer, d) if side == "jvm" else py_cell(shape, peer, d) if side == "py" \
                    else codec(shape, d, peer)
                x = ns(c)
                unit = "" if x is None or x >= 100_000 else " ns"
                cells.append("–" if x is None else f"{fmt_ns(x)}{unit} ({size / x * 1e3:,.0f} MB/s)" if size and x > 0 else fmt_ns(x))
            w(f"| {shape.split('-')[1]} B | {d} | " + " | ".join(cells) + " |")
    w("")
else:
    w("Not run.\n")

(out / "report.md").write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------- summary for the README

s = [f"{meta.get('date', '?')[:10]}, {meta.get('mode', '?')} mode, {meta.get('nproc', '?')} CPUs "
     f"({meta.get('cpu', '?')}), load average {meta.get('load_start', '?')}; speed-ups: the peer's ns/record ÷ "
     "avroconv's, measured side by side in one run. `vs apache-avro serde`: the same Rust struct, which we encode "
     "and decode through `#[derive(Encode)]` / `#[derive(Decode)]`.\n",
     "| shape | direction | vs Confluent AvroConverter (JVM) | vs JsonConverter (JVM) | vs confluent-kafka (Python) "
     "| vs fastavro (Python) | vs schema_registry_converter (Rust) | vs apache-avro serde (Rust) | vs apache-avro Value (Rust) |",
     "|---|---|--:|--:|--:|--:|--:|--:|--:|"]
for shape, d, r in summary_rows:
    s.append(f"| {shape} | {d} | " + " | ".join(fmt_x(x) for x in r) + " |")
if ours_unavailable():
    s.append(f"\nEmpty JVM cells: avroconv's converter not available ({ours_unavailable()}).")
(out / "summary.md").write_text("\n".join(s) + "\n")


# ---------------------------------------------------------------- the chart

# Bars: ns/record of each peer ÷ Confluent's AvroConverter (JVM, CPU, 1 thread), on a log scale; 1 = Confluent.
BARS = [
    ("avroconv converter (JVM)", "#1b7837", lambda sh, d: ns(jvm_cell(sh, "avroconv", d))),
    ("JsonConverter (JVM)", "#9970ab", lambda sh, d: ns(jvm_cell(sh, "json", d))),
    ("confluent-kafka (Python)", "#d6604d", lambda sh, d: ns(py_cell(sh, "confluent-kafka", d))),
    ("fastavro (Python)", "#f4a582", lambda sh, d: ns(py_cell(sh, "fastavro", d))),
    ("avroconv serializer (Rust)", "#5aae61", lambda sh, d: ns(registry(sh, d, "avroconv-blocking"))),
    ("schema_registry_converter (Rust)", "#4393c3", lambda sh, d: ns(registry(sh, d, "src-blocking"))),
    ("apache-avro serde, bare body (Rust)", "#92c5de", lambda sh, d: ns(codec(sh, d, "apache-avro-serde"))),
]
groups = []
for shape in SHAPES:
    for d in DIRECTIONS:
        base = ns(jvm_cell(shape, "confluent", d))
        bars = [(name, color, (f(shape, d) / base) if base and f(shape, d) else None) for name, color, f in BARS]
        groups.append((f"{shape} {d}", bars))
values = [v for _, bars in groups for _, _, v in bars if v]
lo = 10 ** math.floor(math.log10(min(values + [0.5])))
hi = 10 ** math.ceil(math.log10(max(values + [2.0])))
left, width, bar_h, gap, top = 170, 560, 11, 14, 58
plot_h = len(groups) * (len(BARS) * bar_h + gap)
height = top + plot_h + 40 + 16 * ((len(BARS) + 1) // 2)
x_of = lambda v: left + width * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" '
       'font-family="sans-serif" font-size="11">',
       '<rect width="100%" height="100%" fill="white"/>',
       f'<text x="10" y="18" font-size="14" font-weight="bold">ns/record relative to Confluent\'s AvroConverter 7.0.16 '
       f'(= 1, JVM, 1 thread); lower is faster</text>',
       f'<text x="10" y="34" fill="#555">{meta.get("date", "?")[:10]}, {meta.get("mode", "?")} mode, '
       f'{meta.get("nproc", "?")} CPUs, {meta.get("cpu", "?")}; log scale</text>']
decade = lo
while decade <= hi * 1.0001:
    for m in (1, 2, 5):
        v = decade * m
        if lo <= v <= hi:
            x = x_of(v)
            svg.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{top + plot_h}" '
                       f'stroke="{"#999" if m == 1 else "#e5e5e5"}"/>')
            # 5x labels only while decades are wide enough for them not to overlap their neighbours.
            if m == 1 or (m == 5 and math.log10(hi / lo) <= 3):
                svg.append(f'<text x="{x:.1f}" y="{top - 9}" text-anchor="middle" fill="#555">{v:g}x</text>')
    decade *= 10
svg.append(f'<line x1="{x_of(1):.1f}" y1="{top - 6}" x2="{x_of(1):.1f}" y2="{top + plot_h}" stroke="black" '
           'stroke-width="1.5"/>')
y = top
for label, bars in groups:
    svg.append(f'<text x="{left - 8}" y="{y + len(BARS) * bar_h / 2 + 4:.1f}" text-anchor="end" '
               f'font-weight="bold">{label}</text>')
    for name, color, v in bars:
        if v:
            x = x_of(v)
            svg.append(f'<rect x="{left}" y="{y}" width="{max(x - left, 1):.1f}" height="{bar_h - 2}" fill="{color}">'
                       f'<title>{name}: {v:.3g}x</title></rect>')
            svg.append(f'<text x="{x + 3:.1f}" y="{y + bar_h - 3}" font-size="9">{v:.2g}x</text>')
        else:
            svg.append(f'<text x="{left + 3}" y="{y + bar_h - 3}" font-size="9" fill="#999">{name}: not available</text>')
        y += bar_h
    y += gap
y += 12
for i, (name, color, _) in enumerate(BARS):
    lx, ly = 10 + (i % 2) * 360, y + (i // 2) * 16
    svg.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{color}"/>')
    svg.append(f'<text x="{lx + 15}" y="{ly + 9}">{name}</text>')
svg.append("</svg>")
(out / "report.svg").write_text("\n".join(svg) + "\n")
print(f"{out / 'report.md'}\n{out / 'report.svg'}")
