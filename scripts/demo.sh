#!/usr/bin/env bash
# The main job: build the MSK Connect custom plugin (scripts/plugin/build.sh) and show it working with no external
# server: avroconv's converter, loaded from the plugin's JAR, on Debezium change events of ods.cdc_events through a
# registry it starts on 127.0.0.1 (the project's test registry under Apicurio's /apis/ccompat/v6), a schema
# evolution from ALTER TABLE ... ADD COLUMN, and Confluent's converter reading the same bytes and writing the same
# ones (java/demo/src/io/avroconv/demo/CdcDemo.java). Installs what it needs first (scripts/setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
jars=$(scripts/jars.sh)

echo "== building the plugin"
mapfile -t built < <(scripts/plugin/build.sh)
jar=${built[0]} zip=${built[1]}
echo "   $zip ($(du -k "$zip" | cut -f1) KB), the MSK Connect custom plugin:"
unzip -l "$zip" | awk 'NR > 3 && $4 != "" && $4 !~ /\/$/ {printf "     %-60s %9d bytes\n", $4, $1}' | grep -v '^ *-' || true
echo "   $(basename "$jar"): $(unzip -l "$jar" | grep -c '\.class$') classes of ours, the native library inside," \
  "no other dependency"

export E2E_WORK=$root/target/demo
trap 'scripts/e2e/registry.sh down' EXIT
echo "== starting a registry on 127.0.0.1"
registry=$(scripts/e2e/registry.sh up 2>/dev/null)
echo "   $registry"

classes=$E2E_WORK/classes
cp=$jar:$jars/connect-api-4.3.0.jar:$jars/kafka-clients-4.3.0.jar:$jars/slf4j-api-2.0.18.jar
for j in kafka-connect-avro-converter-7.0.16 kafka-connect-avro-data-7.0.16 kafka-avro-serializer-7.0.16 \
         kafka-schema-serializer-7.0.16 kafka-schema-registry-client-7.0.16 common-utils-7.0.16 avro-1.11.3 \
         guava-24.1.1-jre failureaccess-1.0.2 jackson-core-2.21.2 jackson-databind-2.21.2 jackson-annotations-2.21; do
  cp=$cp:$jars/$j.jar
done
rm -rf "$classes" && mkdir -p "$classes"
javac --release 17 -encoding UTF-8 -d "$classes" -cp "$cp" $(find java/demo/src -name '*.java')
java -Dslf4j.internal.verbosity=ERROR -cp "$classes:$cp" io.avroconv.demo.CdcDemo "$registry"
