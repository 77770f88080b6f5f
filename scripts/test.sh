#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests (against Java oracle outputs, Python fastavro/confluent-kafka
# and real HTTP registries on 127.0.0.1), the converter JAR's Java tests (real Kafka Connect plugin loading,
# -Xcheck:jni), then a short fuzzing run per target.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked
scripts/plugin/test-java.sh
if [ -d fuzz ]; then scripts/fuzz.sh "${FUZZ_SECONDS:-20}"; fi
