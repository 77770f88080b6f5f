#!/usr/bin/env python3
"""Prints the warm part of `cargo bench --bench registry` as a markdown table: ns/record (criterion's median per
iteration / 256 records) for each shape, and how many times faster avroconv is than schema_registry_converter.
Reads target/criterion/registry-<shape>/..., so run it after the bench, from the repository root."""
import json
import pathlib
import sys

RECORDS = 256  # benches/registry.rs: RECORDS
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")


def ns(shape, op, who):
    est = json.loads((root / f"registry-{shape}" / op / who / "new" / "estimates.json").read_text())
    return est["median"]["point_estimate"] / RECORDS


print("| shape | direction | avroconv blocking | avroconv blocking (Vec / Value) | avroconv async "
      "| schema_registry_converter | speed-up (blocking) | speed-up (Vec / Value) |")
print("|---|---|--:|--:|--:|--:|--:|--:|")
for shape in ("cdc", "key", "wide"):
    for op, alt in (("serialize", "avroconv-blocking-vec"), ("deserialize", "avroconv-blocking-value")):
        ours, other, asy, theirs = (ns(shape, op, w) for w in ("avroconv-blocking", alt, "avroconv-async", "src-blocking"))
        print(f"| {shape} | {op} | {ours:,.0f} | {other:,.0f} | {asy:,.0f} | {theirs:,.0f} "
              f"| {theirs / ours:.1f}x | {theirs / other:.1f}x |")
