#!/usr/bin/env bash
# Builds the plugin (scripts/plugin/build.sh), compiles the Java tests and runs them with the JUnit Platform
# launcher. The last line is `java: N passed, N failed`; exits non-zero when a test fails.
# The tests run against the real Kafka Connect 4.3 runtime, Confluent 7.0.16 and Java Avro 1.11.3 jars of the wheel.
# usage: scripts/plugin/test-java.sh [CLASS_REGEX]   (e.g. '.*FaultTest'; default: every *Test class)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jars=$("$root/scripts/jars.sh")
version=$(awk -F'"' '/^\[/{p=($0=="[package]")} p && /^version *=/{print $2; exit}' "$root/Cargo.toml")
mapfile -t built < <("$root/scripts/plugin/build.sh")
# A folder of its own per run, with its own copy of the JAR and ZIP: two runs at once do not compile into, or
# rebuild under, each other.
run=$(mktemp -d "$root/target/plugin/test-run.XXXXXX")
trap 'rm -rf "$run"' EXIT
cp "${built[0]}" "${built[1]}" "$run/"
jar=$run/$(basename "${built[0]}") zip=$run/$(basename "${built[1]}")

cp=$jar
for j in connect-api-4.3.0 kafka-clients-4.3.0 connect-runtime-4.3.0 maven-artifact-3.9.15 slf4j-api-2.0.18 \
         junit-jupiter-api-6.0.3 junit-jupiter-engine-6.0.3 junit-platform-commons-6.0.3 junit-platform-engine-6.0.3 \
         junit-platform-launcher-6.0.3 opentest4j-1.3.0 apiguardian-api-1.1.2 \
         avro-1.11.3 jackson-core-2.21.2 jackson-databind-2.21.2 jackson-annotations-2.21 \
         kafka-schema-serializer-7.0.16 kafka-connect-avro-data-7.0.16 kafka-schema-registry-client-7.0.16 \
         common-utils-7.0.16 kafka-connect-avro-converter-7.0.16 kafka-avro-serializer-7.0.16 \
         guava-24.1.1-jre failureaccess-1.0.2; do
  cp="$cp:$jars/$j.jar"
done
classes=$run/classes && mkdir "$classes"
javac --release 17 -Xlint:all,-processing,-try -Werror -encoding UTF-8 -d "$classes" -cp "$cp" \
  $(find "$root/java/src/test/java" -name '*.java')
java -Dslf4j.internal.verbosity=ERROR \
  -Davroconv.test.jar="$jar" -Davroconv.test.zip="$zip" -Davroconv.test.wheel="$jars" \
  -Davroconv.test.root="$root" -Davroconv.test.version="$version" -Davroconv.test.only="${1:-.*Test}" \
  -cp "$classes:$cp" io.avroconv.testing.RunTests
