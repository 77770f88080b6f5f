#!/usr/bin/env python3
"""Turns criterion's output (stdin) into a markdown table of ns/record and ratios: avroconv against apache-avro
(serde and Value paths, and our `#[derive(Encode)]` / `#[derive(Decode)]` against their serde), encode against a memcpy of the
encoded bytes and decode against a clone of the decoded record (the allocations and copies any decoder into owned
structs pays). usage: cargo bench --bench codec | summarize.py"""
import re
import sys

RECORDS = 256  # records per iteration in benches/codec.rs
UNITS = {"ps": 1e-3, "ns": 1.0, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}

text = sys.stdin.read()
times = {}
for m in re.finditer(r"^(\w+)/(\w+)/([\w-]+)\s+time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]", text, re.M):
    shape, direction, impl, value, unit = m.groups()
    times[(shape, direction, impl)] = float(value) * UNITS[unit] / RECORDS

print("| shape | direction | avroconv serde | avroconv derive | avroconv Value | apache-avro serde | apache-avro Value | "
      "serde speed-up | derive speed-up | Value speed-up | derive x floor (memcpy / clone) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for shape in ("cdc", "key", "wide"):
    for direction in ("encode", "decode"):
        t = lambda impl: times.get((shape, direction, impl))
        ours, ours_v, theirs, theirs_v = t("avroconv-serde"), t("avroconv-value"), t("apache-avro-serde"), t("apache-avro-value")
        if None in (ours, ours_v, theirs, theirs_v):
            continue
        derived = t("avroconv-derive")
        derived_ns, derived_x = (f"{derived:,.0f} ns", f"{theirs / derived:.2f}x") if derived else ("–", "–")
        floor = times.get((shape, direction, "memcpy-floor" if direction == "encode" else "clone-floor"))
        x_floor = f"{(derived or ours) / floor:.1f}" if floor else ""
        print(f"| {shape} | {direction} | {ours:,.0f} ns | {derived_ns} | {ours_v:,.0f} ns | {theirs:,.0f} ns | "
              f"{theirs_v:,.0f} ns | {theirs / ours:.2f}x | {derived_x} | {theirs_v / ours_v:.2f}x | {x_floor} |")
