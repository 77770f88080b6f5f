#!/usr/bin/env bash
# The soak (issue 7 item 3): RECORDS cdc records (default 10,000,000) through the converter, 2 threads with a value
# converter each, a new schema version every 100 records of a thread, in a JVM of its own (512 MB heap, pre-touched,
# so that RSS growth is native memory). Prints the figure lines ("soak: ..."): records/s, RSS at warm-up end (20% of
# the records) and at the end, heap after GC, native plans and registry cache entries against their bounds.
# Samples, one a second: target/soak/soak-RECORDS.csv. Runs niced (it competes for CPU with everything else).
# Runs SoakTest through scripts/plugin/test-java.sh; the test suite's own run is 200,000 records with bounds of 100.
# usage: scripts/soak.sh [RECORDS]   (AVROCONV_SOAK_CACHE=N sets schemas.cache.config and max.schemas.per.subject)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
AVROCONV_SOAK_RECORDS=${1:-10000000} exec nice "$root/scripts/plugin/test-java.sh" '.*SoakTest'
