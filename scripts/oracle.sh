#!/usr/bin/env bash
# Runs a Java oracle program from tools/oracle (compiled on demand) with the real Java Avro, Kafka Connect and
# Confluent jars on its classpath: the tests compare avroconv against what these print.
# usage: scripts/oracle.sh MainClass [args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jars=$("$root/scripts/jars.sh")
cp=""
for j in avro-1.11.3 jackson-core-2.21.2 jackson-databind-2.21.2 jackson-annotations-2.21 \
         connect-api-4.3.0 connect-json-4.3.0 kafka-clients-4.3.0 slf4j-api-2.0.18 \
         kafka-connect-avro-converter-7.0.16 kafka-connect-avro-data-7.0.16 kafka-avro-serializer-7.0.16 \
         kafka-schema-serializer-7.0.16 kafka-schema-registry-client-7.0.16 common-utils-7.0.16 \
         guava-24.1.1-jre failureaccess-1.0.2; do
  cp="$cp:$jars/$j.jar"
done
out=$root/target/oracle
stamp=$out/.stamp
if [ ! -f "$stamp" ] || [ -n "$(find "$root/tools/oracle" -name '*.java' -newer "$stamp" 2>/dev/null)" ]; then
  rm -rf "$out" && mkdir -p "$out"
  javac -nowarn -encoding UTF-8 -d "$out" -cp "${cp#:}" "$root"/tools/oracle/*.java >&2
  touch "$stamp"
fi
main=$1; shift
exec java -Dslf4j.internal.verbosity=ERROR -cp "$out$cp" "$main" "$@"
