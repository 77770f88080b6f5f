#!/usr/bin/env bash
# A Kafka Connect 4.3 standalone worker for the e2e pass: the Debezium Postgres source on ods.cdc_events, with
# the converter under test, run by our REST-less main (java/e2e/src/io/avroconv/e2e/ConnectWorker.java).
#   connect.sh up CONVERTER_CLASS   lay out plugin.path, write the configs, start the worker, wait until the
#                                   connector's task is RUNNING
#   connect.sh down [--wipe]        stop the worker by its pid (SIGTERM: it commits its offsets first);
#                                   --wipe also forgets the stored offsets
# plugin.path holds two plugins, each in its own folder, as on MSK Connect: debezium-postgres/ and converter/:
#   io.confluent.connect.avro.AvroConverter  Confluent 7.0.16's jars from the wheel
#   io.avroconv.connect.AvroConverter        our JAR (AVROCONV_JAR, or built by scripts/plugin/build.sh)
# Needs pg.sh up, broker.sh up, registry.sh up (reads their ports and URL from $E2E_WORK).
# E2E_CONNECTOR_PROPS: extra connector properties, one a line (a later key wins), for experiments.
# State: $E2E_WORK/connect/ (configs, offsets.dat, worker.log; worker.prev.log is the previous run's), connect.pid
set -euo pipefail
. "$(dirname "$0")/lib.sh"
pidfile=$E2E_WORK/connect.pid
dir=$E2E_WORK/connect

# The worker's own class path: Connect's runtime and what it needs without the REST server (explicit, so a jar
# that sneaks a plugin onto the class path shows up here).
worker_jars=(kafka-clients-4.3.0 connect-api-4.3.0 connect-runtime-4.3.0 connect-json-4.3.0 connect-transforms-4.3.0
  maven-artifact-3.9.15 classgraph-4.8.179 jackson-annotations-2.21 jackson-core-2.21.2 jackson-databind-2.21.2
  jackson-module-blackbird-2.21.2 slf4j-api-2.0.18 log4j-api-2.26.1 log4j-core-2.26.1 log4j-slf4j2-impl-2.26.1
  lz4-java-1.10.2 snappy-java-1.1.1.7 zstd-jni-1.5.6-10)
debezium_jars=(debezium-api-3.6.3.Final debezium-config-3.6.3.Final debezium-util-3.6.3.Final
  debezium-connector-common-3.6.3.Final debezium-connector-postgres-3.6.3.Final debezium-connect-plugins-3.6.3.Final
  debezium-openlineage-api-3.6.3.Final postgresql-42.7.13 sketches-java-0.8.2)
confluent_jars=(kafka-connect-avro-converter-7.0.16 kafka-connect-avro-data-7.0.16 kafka-avro-serializer-7.0.16
  kafka-schema-serializer-7.0.16 kafka-schema-registry-client-7.0.16 common-utils-7.0.16 avro-1.11.3
  guava-24.1.1-jre failureaccess-1.0.2)

copy_jars() {  # copy_jars DEST NAME...
  local dest=$1 j; shift
  mkdir -p "$dest"
  for j in "$@"; do cp "$jars/$j.jar" "$dest/" || e2e_die "$j.jar is not in $jars"; done
}

# plugin.discovery=service_load reads only ServiceLoader manifests (0.5 s instead of a 5-15 s class scan). Confluent
# 7.0.x ships none for its converter, so add one in a jar of its own (what `connect-plugin-path sync-manifests` does).
add_manifest() {  # add_manifest PLUGIN_DIR CONVERTER_CLASS
  local m=$dir/manifest
  rm -rf "$m" && mkdir -p "$m/META-INF/services"
  echo "$2" > "$m/META-INF/services/org.apache.kafka.connect.storage.Converter"
  jar --create --file "$1/e2e-converter-manifest.jar" -C "$m" META-INF
}

layout_plugins() {  # layout_plugins CONVERTER_CLASS
  local plugins=$dir/plugins
  rm -rf "$plugins"
  copy_jars "$plugins/debezium-postgres" "${debezium_jars[@]}"
  case $1 in
    io.confluent.connect.avro.AvroConverter)
      copy_jars "$plugins/converter" "${confluent_jars[@]}"
      add_manifest "$plugins/converter" "$1" ;;
    io.avroconv.connect.AvroConverter)
      local ours=${AVROCONV_JAR:-}
      [ -n "$ours" ] || ours=$("$e2e_root/scripts/plugin/build.sh" | head -n1)
      mkdir -p "$plugins/converter" && cp "$ours" "$plugins/converter/" ;;
    *) e2e_die "no plugin layout for converter $1" ;;
  esac
}

write_configs() {  # write_configs CONVERTER_CLASS
  local registry; registry=$(cat "$E2E_WORK/registry.url")
  cat > "$dir/worker.properties" <<PROPS
bootstrap.servers=127.0.0.1:$(cat "$E2E_WORK/broker.port")
plugin.path=$dir/plugins
plugin.discovery=service_load
offset.storage.file.filename=$dir/offsets.dat
offset.flush.interval.ms=1000
# The worker's defaults; the connector sets the converter under test.
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
PROPS
  # As a Debezium-on-MSK connector config: pgoutput, flattened rows with delete markers and source fields.
  cat > "$dir/pg-source.properties" <<PROPS
name=pg-source
connector.class=io.debezium.connector.postgresql.PostgresConnector
tasks.max=1
database.hostname=127.0.0.1
database.port=$(cat "$E2E_WORK/pg.port")
database.user=postgres
database.password=postgres
database.dbname=northwind
plugin.name=pgoutput
publication.name=cdc_publication
publication.autocreate.mode=disabled
slot.name=northwind_cdc
topic.prefix=ord
table.include.list=ods.cdc_events
key.converter=$1
key.converter.schema.registry.url=$registry
value.converter=$1
value.converter.schema.registry.url=$registry
transforms=unwrap
transforms.unwrap.type=io.debezium.transforms.ExtractNewRecordState
# delete.handling.mode was removed in Debezium 3.x (an unknown key is ignored silently): deletes become rows with
# __deleted=true, and their tombstones are dropped.
transforms.unwrap.delete.tombstone.handling.mode=rewrite
transforms.unwrap.add.fields=op,db,table,schema,lsn,source.ts_ms
topic.creation.default.replication.factor=1
topic.creation.default.partitions=1
${E2E_CONNECTOR_PROPS:-}
PROPS
}

up() {
  local converter=${1:?usage: connect.sh up CONVERTER_CLASS} t0=$SECONDS cp j i log status
  e2e_stop_pid "$pidfile" 60
  jars=$(e2e_jars)
  mkdir -p "$dir"
  layout_plugins "$converter"
  write_configs "$converter"
  cp=$dir/classes
  for j in "${worker_jars[@]}"; do cp=$cp:$jars/$j.jar; done
  rm -rf "$dir/classes" && mkdir -p "$dir/classes"
  javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d "$dir/classes" -cp "$cp" \
    $(find "$e2e_root/java/e2e/src" -name '*.java')
  log=$dir/worker.log
  [ ! -f "$log" ] || mv "$log" "$dir/worker.prev.log"
  nohup java -Xmx512m -Dlog4j2.configurationFile="$e2e_root/java/e2e/log4j2.properties" -cp "$cp" \
    io.avroconv.e2e.ConnectWorker "$dir/worker.properties" "$dir/pg-source.properties" > "$log" 2>&1 &
  echo $! > "$pidfile"
  for ((i = 0; i < 1800; i++)); do
    status=$(grep '^\[ConnectWorker\] status pg-source ' "$log" 2>/dev/null | tail -n1 || true)
    case $status in
      *connector=RUNNING\ tasks=0:RUNNING) break ;;
      *FAILED*) tail -n 60 "$log" >&2; e2e_die "connector failed: $status" ;;
    esac
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -n 60 "$log" >&2; e2e_die "the worker exited"; }
    sleep 0.1
  done
  [[ $status == *tasks=0:RUNNING ]] || { tail -n 60 "$log" >&2; e2e_die "connector not RUNNING after 180s"; }
  e2e_log "connect worker up, task RUNNING, in $((SECONDS - t0))s ($converter)"
}

down() {
  e2e_stop_pid "$pidfile" 60
  [ "${1:-}" != --wipe ] || rm -f "$dir/offsets.dat"
}

case ${1:-} in
  up) shift; up "$@" ;;
  down) shift; down "$@" ;;
  *) echo "usage: connect.sh up CONVERTER_CLASS | down [--wipe]" >&2; exit 2 ;;
esac
