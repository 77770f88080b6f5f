#!/usr/bin/env bash
# The benchmark harness's test: runs scripts/bench.sh end to end in smoke mode (every side, tiny times) and checks
# that it produced the report: report.md with every section and a row per shape and direction, a well-formed
# report.svg, and numbers from every side. It checks the plumbing, not the timings.
# Last line: "bench: N passed, N failed".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
status=0
scripts/bench.sh --smoke || status=$?
python3 - "$root/target/bench-report" "$status" <<'EOF'
import json, pathlib, sys
import xml.etree.ElementTree as ET

out, status = pathlib.Path(sys.argv[1]), int(sys.argv[2])
passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name} {detail}", file=sys.stderr)


check("bench.sh exits 0", status == 0, f"(exit {status})")
report = (out / "report.md").read_text() if (out / "report.md").exists() else ""
for section in ("## avroconv against each peer", "## Targets", "## JVM", "## Python", "## Rust", "## Throughput against record size"):
    check(f"report.md has {section!r}", section in report)
for shape in ("cdc", "key", "wide"):
    for d in ("serialize", "deserialize"):
        check(f"report.md has a {shape} {d} row", f"| {shape} | {d} |" in report)
check("report.md names the machine and load", "- machine: " in report and "load average" in report)
try:
    svg = ET.parse(out / "report.svg").getroot()
    check("report.svg has bars", len([e for e in svg.iter() if e.tag.endswith("rect")]) > 10)
except (OSError, ET.ParseError) as e:
    check("report.svg is well-formed", False, str(e))
jvm = json.loads((out / "jvm.json").read_text()) if (out / "jvm.json").exists() else {"cells": [], "unavailable": {}}
for peer in ("confluent", "json"):
    cells = {(c["shape"], c["direction"], c["threads"]) for c in jvm["cells"] if c["peer"] == peer}
    check(f"JVM {peer} measured on every shape, direction and thread count", len(cells) >= 12, str(sorted(cells)))
ours = [c for c in jvm["cells"] if c["peer"] == "avroconv"]
check("avroconv's converter is measured or says why not", bool(ours) or bool(jvm["unavailable"].get("avroconv")))
py = json.loads((out / "python.json").read_text()) if (out / "python.json").exists() else {"cells": []}
check("Python measured confluent-kafka and fastavro", {c["peer"] for c in py["cells"]} == {"confluent-kafka", "fastavro"})
for group in (
    "cdc/encode/avroconv-serde", "cdc/encode/avroconv-derive", "wide/decode/avroconv-derive", "wide/decode/apache-avro-serde",
    "registry-key/serialize/src-blocking",
):
    check(f"criterion measured {group}", (out / "criterion" / group / "new" / "estimates.json").exists())
print(f"bench: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
