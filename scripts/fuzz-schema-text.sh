#!/usr/bin/env bash
# Differential check of schema parsing, text, canonical form and fingerprints against Java Avro 1.11.3 on COUNT
# random edits of the corpus (default 6000): writes them to a temporary folder, runs the Java oracle on them and
# then tests/schema_text.rs with SCHEMA_CORPUS pointing there. Needs a JDK; nothing is checked in.
# usage: scripts/fuzz-schema-text.sh [COUNT] [SEED]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$root/scripts/gen-schema-corpus.py" --mutate "${1:-6000}" "$dir/corpus" ${2:+"$2"}
"$root/scripts/oracle.sh" SchemaText "$dir/corpus" "$dir/expected"
echo "valid for Java: $(grep -L '"error"' "$dir"/expected/*.json | wc -l)"
cd "$root" && SCHEMA_CORPUS=$dir cargo test --test schema_text -- --skip mutated
