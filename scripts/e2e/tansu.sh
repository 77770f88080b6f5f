#!/usr/bin/env bash
# Builds the Kafka-protocol broker tansu once into the cache (about 20 minutes of CPU on 2 cores) and prints the
# path of its binary. The sqlite storage engine (feature libsql) is needed: the in-memory engine reports wrong end
# offsets, which breaks Connect's read-to-end of its internal topics.
set -euo pipefail
version=${TANSU_VERSION:-0.6.0}
features=dynostore,libsql
root=${XDG_CACHE_HOME:-$HOME/.cache}/avroconv/tansu-$version-${features//,/-}
if [ ! -x "$root/bin/tansu" ]; then
  cargo install -q tansu@"$version" --locked --no-default-features --features "$features" --root "$root" >&2
fi
echo "$root/bin/tansu"
