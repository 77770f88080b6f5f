#!/usr/bin/env bash
# Registry-fault figures (issue 7 item 2): the fault proxy (testkit, avroconv-fault-proxy) in front of the test
# registry on 127.0.0.1 takes the registry away for N seconds per mode (refuse, reset, stall, 500, 429 with
# Retry-After, truncated bodies, garbage JSON, slow trickle), for the Rust serializer/deserializer
# (tests/registry_faults.rs, `figures`) and for our converter in a JVM (RegistryFaultTest). Per mode: records of
# cached schemas converted during the outage and how many failed, the time 16 threads missing one schema take to
# a typed error / RetriableException and the requests they made, the recovery time. Both sides also check the
# targets (0 failures, 1 + max.retries requests, retriable errors, recovery under 10 s) and fail if one is missed.
# Prints both tables and writes them to target/faults/figures.md (logs beside it). Takes about 2 x 8 x (N + 10) s.
# usage: scripts/faults.sh [--outage-secs N]   (default 60)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=60
while [ $# -gt 0 ]; do
  case $1 in
    --outage-secs) secs=${2:?--outage-secs needs a number}; shift 2 ;;
    *) echo "usage: scripts/faults.sh [--outage-secs N]" >&2; exit 2 ;;
  esac
done
case $secs in ''|*[!0-9]*) echo "faults.sh: --outage-secs takes whole seconds" >&2; exit 2 ;; esac
out=$root/target/faults
mkdir -p "$out"
cd "$root"
# The JVM side starts these as child processes: build them first, so that it never runs a stale one.
cargo build -q -p avroconv-testkit --bins

status=0
echo "## Rust, outages of ${secs} s" | tee "$out/figures.md"
if ! AVROCONV_FAULT_OUTAGE_SECS=$secs cargo test -q -p avroconv --test registry_faults -- --ignored --exact figures \
      --nocapture >"$out/rust.log" 2>&1; then
  status=1
  tail -40 "$out/rust.log" >&2
fi
grep -E '^(\||Rust)' "$out/rust.log" | tee -a "$out/figures.md" || true

echo | tee -a "$out/figures.md"
echo "## JVM, outages of ${secs} s" | tee -a "$out/figures.md"
if ! AVROCONV_FAULT_OUTAGE_SECS=$secs "$root/scripts/plugin/test-java.sh" '.*RegistryFaultTest' >"$out/jvm.log" 2>&1; then
  status=1
  grep -v '^\s*at ' "$out/jvm.log" | tail -40 >&2
fi
grep -E '^(\||JVM:)' "$out/jvm.log" | tee -a "$out/figures.md" || true
grep -E '^java: ' "$out/jvm.log" || true
[ $status -eq 0 ] && echo "faults: every target met" || echo "faults: a target was missed (logs: $out)"
exit $status
