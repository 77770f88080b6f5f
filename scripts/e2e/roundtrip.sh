#!/usr/bin/env bash
# Confluent's AvroConverter reads each raw key and value of the topic (consume.py --raw) and writes it again: the
# bytes must be identical (java/e2e/roundtrip/ConfluentRoundTrip.java). Needs registry.sh up.
# usage: roundtrip.sh RAW.jsonl [TOPIC]     exits 1 if any key or value differs
set -euo pipefail
. "$(dirname "$0")/lib.sh"
raw=${1:?usage: roundtrip.sh RAW.jsonl [TOPIC]}
topic=${2:-ord.ods.cdc_events}
jars=$(e2e_jars)
cp=$E2E_WORK/roundtrip-classes
for j in kafka-clients-4.3.0 connect-api-4.3.0 kafka-connect-avro-converter-7.0.16 kafka-connect-avro-data-7.0.16 \
    kafka-avro-serializer-7.0.16 kafka-schema-serializer-7.0.16 kafka-schema-registry-client-7.0.16 \
    common-utils-7.0.16 avro-1.11.3 guava-24.1.1-jre failureaccess-1.0.2 jackson-annotations-2.21 \
    jackson-core-2.21.2 jackson-databind-2.21.2 slf4j-api-2.0.18; do
  cp=$cp:$jars/$j.jar
done
rm -rf "$E2E_WORK/roundtrip-classes" && mkdir -p "$E2E_WORK/roundtrip-classes"
javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d "$E2E_WORK/roundtrip-classes" -cp "$cp" \
  $(find "$e2e_root/java/e2e/roundtrip/src" -name '*.java')
# (no SLF4J binding: the registry client's logging is not wanted; stderr is kept in roundtrip.err)
java -cp "$cp" io.avroconv.e2e.ConfluentRoundTrip "$(cat "$E2E_WORK/registry.url")" "$topic" "$raw" \
  2> "$E2E_WORK/roundtrip.err" || { grep -v SLF4J "$E2E_WORK/roundtrip.err" >&2; exit 1; }
