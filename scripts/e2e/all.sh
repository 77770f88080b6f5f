#!/usr/bin/env bash
# Every end-to-end pass, one after the other; exits non-zero at the first failure (for scripts/test.sh):
#   1. run.sh with Confluent's converter: the reference, proves the harness and the checks;
#   2. run.sh with ours (io.avroconv.connect.AvroConverter);
#   3. the schemas both runs registered (subjects.json) are the same texts, versions and ids;
#   4. run.sh in distributed mode (2 workers, fail-over of the source task) with ours.
# Each pass has its own work folder under $E2E_WORK (confluent/, avroconv/, distributed/).
# Our converter is scripts/plugin/build.sh's JAR, built once here, or the JAR AVROCONV_JAR names.
# E2E_SKIP_OURS=1 runs 1 and 4 with Confluent's converter only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
base=$E2E_WORK
confluent=io.confluent.connect.avro.AvroConverter ours=io.avroconv.connect.AvroConverter
t0=$SECONDS
times=()

pass() {  # pass NAME CONVERTER [ENV=VALUE...]
  local name=$1 converter=$2 t=$SECONDS; shift 2
  e2e_log "=== $name: $converter $*"
  env "$@" E2E_WORK="$base/$name" "$here/run.sh" "$converter"
  times+=("$name $((SECONDS - t))s")
}

if [ "${E2E_SKIP_OURS:-0}" != 1 ] && [ -z "${AVROCONV_JAR:-}" ]; then  # our JAR, built once for every pass
  AVROCONV_JAR=$("$e2e_root/scripts/plugin/build.sh" | sed -n 1p)  # not head: SIGPIPE
  export AVROCONV_JAR
fi
pass confluent "$confluent"
if [ "${E2E_SKIP_OURS:-0}" = 1 ]; then
  pass distributed "$confluent" E2E_MODE=distributed
else
  pass avroconv "$ours"
  diff -u "$base/confluent/subjects.json" "$base/avroconv/subjects.json" >&2 \
    || e2e_die "the registered schemas differ between Confluent's converter and ours (above)"
  e2e_log "the registered schemas are the same with both converters ($base/*/subjects.json)"
  pass distributed "$ours" E2E_MODE=distributed
fi
e2e_log "ALL PASS in $((SECONDS - t0))s: ${times[*]}"
