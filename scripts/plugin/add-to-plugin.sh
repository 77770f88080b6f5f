#!/usr/bin/env bash
# Adds the converter JAR to an existing connector plugin ZIP (Debezium, S3 sink...), next to the connector's own
# JARs: Kafka Connect instantiates converters in the connector's class loader, so a converter in a separate plugin
# is not seen by it (and MSK Connect takes one custom plugin per connector). An older avroconv-connect JAR in the
# ZIP is replaced.
# usage: scripts/plugin/add-to-plugin.sh PLUGIN.zip [OUT.zip] [CONVERTER.jar]
#   OUT.zip defaults to PLUGIN.zip (changed in place); CONVERTER.jar to target/plugin/avroconv-connect-<version>.jar
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
plugin=${1:?usage: add-to-plugin.sh PLUGIN.zip [OUT.zip] [CONVERTER.jar]}
out=${2:-$plugin}
version=$(awk -F'"' '/^\[/{p=($0=="[package]")} p && /^version *=/{print $2; exit}' "$root/Cargo.toml")
jar=${3:-$root/target/plugin/avroconv-connect-$version.jar}
[ -f "$jar" ] || { echo "add-to-plugin: $jar not found (run scripts/plugin/build.sh)" >&2; exit 1; }
python3 - "$plugin" "$out" "$jar" <<'PY'
import os, posixpath, shutil, sys, tempfile, zipfile
plugin, out, jar = sys.argv[1:4]
with zipfile.ZipFile(plugin) as z:
    names = z.namelist()
jar_dirs = [posixpath.dirname(n) for n in names if n.endswith(".jar") and "avroconv-connect-" not in posixpath.basename(n)]
if not jar_dirs:
    sys.exit(f"add-to-plugin: {plugin} holds no JAR: not a Connect plugin ZIP")
# Confluent Hub layout keeps JARs in <component>/lib/; Debezium's in <connector>/. Take the folder holding the most
# JARs, preferring a lib/ folder.
lib_dirs = [d for d in jar_dirs if posixpath.basename(d) == "lib"]
target = max(set(lib_dirs or jar_dirs), key=(lib_dirs or jar_dirs).count)
entry = posixpath.join(target, posixpath.basename(jar))
fd, tmp = tempfile.mkstemp(suffix=".zip", dir=os.path.dirname(os.path.abspath(out)))
os.close(fd)
try:
    with zipfile.ZipFile(plugin) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            base = posixpath.basename(info.filename)
            if base.startswith("avroconv-connect-") and base.endswith(".jar"):
                continue  # an older copy of the converter
            dst.writestr(info, src.read(info.filename))
        dst.write(jar, entry)
    shutil.move(tmp, out)
except BaseException:
    os.unlink(tmp)
    raise
print(f"add-to-plugin: {entry} added to {out}")
PY
