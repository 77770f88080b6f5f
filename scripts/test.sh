#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests (against Java oracle outputs, Python fastavro/confluent-kafka
# and real HTTP registries on 127.0.0.1), the converter JAR's Java tests (differential against Confluent's
# converter, real Kafka Connect plugin loading, -Xcheck:jni), a short fuzzing run per target, the end-to-end
# passes (PostgreSQL -> Debezium -> Kafka Connect -> tansu -> consumer and sink, with both converters), the
# benchmark harness in smoke mode, and the main job (scripts/demo.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
# The broker for the end-to-end passes takes about 20 minutes to build on a fresh machine (then it is cached):
# build it in the background, at low priority, while the other tests run.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/avroconv
mkdir -p "$cache"
nice -n 10 scripts/e2e/tansu.sh > "$cache/tansu-build.log" 2>&1 &
tansu_build=$!
trap 'kill $tansu_build 2>/dev/null || true' EXIT

cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked
scripts/plugin/test-java.sh
if [ -d fuzz ]; then scripts/fuzz.sh "${FUZZ_SECONDS:-60}"; fi
scripts/bench-test.sh
scripts/demo.sh
wait $tansu_build || { cat "$cache/tansu-build.log" >&2; echo "test.sh: building the tansu broker failed" >&2; exit 1; }
trap - EXIT
scripts/e2e/all.sh
