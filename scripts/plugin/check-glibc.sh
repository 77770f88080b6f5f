#!/usr/bin/env bash
# Fails when a shared library needs a glibc symbol version newer than MAX (it would not load on older systems).
# usage: scripts/plugin/check-glibc.sh LIBRARY MAX
set -euo pipefail
lib=$1 max=$2
# Dynamic symbol versions such as GLIBC_2.14, highest first.
newest=$(objdump -T "$lib" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n -k3,3n -u | tail -n1)
if [ -z "$newest" ]; then
  echo "check-glibc: $lib has no GLIBC symbol versions (not a glibc-linked library?)" >&2
  exit 1
fi
if [ "$(printf '%s\n%s\n' "$newest" "$max" | sort -t. -k1,1n -k2,2n -k3,3n | tail -n1)" != "$max" ]; then
  echo "check-glibc: $lib needs GLIBC_$newest, newer than the GLIBC_$max it must load with:" >&2
  objdump -T "$lib" | grep -E "GLIBC_$newest\b" >&2
  exit 1
fi
echo "check-glibc: $lib needs at most GLIBC_$newest (limit $max)"
