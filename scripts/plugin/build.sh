#!/usr/bin/env bash
# Builds the Kafka Connect converter: the JAR (our classes, the native library, the ServiceLoader entry; no
# third-party classes) and the custom-plugin ZIP for MSK Connect in Confluent Hub layout
# (avroconv-connect-<version>/{manifest.json,lib/,doc/}). The version is the core crate's, from Cargo.toml.
# Prints the paths of the JAR and the ZIP.
# usage: scripts/plugin/build.sh     (AVROCONV_NATIVE_LIB=path skips the native build and packs that library)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(awk -F'"' '/^\[/{p=($0=="[package]")} p && /^version *=/{print $2; exit}' "$root/Cargo.toml")
jars=$("$root/scripts/jars.sh")
out=$root/target/plugin
# One build at a time: concurrent test scripts would otherwise delete each other's staging folders.
mkdir -p "$out" && exec 9>"$out/.lock" && flock 9
name=avroconv-connect-$version
lib=${AVROCONV_NATIVE_LIB:-$("$root/scripts/plugin/build-native.sh")}

rm -rf "$out/stage" "$out/zip" && mkdir -p "$out/stage/native/linux-x86_64" "$out/zip/$name/lib" "$out/zip/$name/doc"
# Compiled for Java 11 (MSK Connect 2.7.1) against the Connect API and Kafka clients only.
javac --release 11 -Xlint:all -Werror -encoding UTF-8 -d "$out/stage" \
  -cp "$jars/connect-api-4.3.0.jar:$jars/kafka-clients-4.3.0.jar" \
  $(find "$root/java/src/main/java" -name '*.java')
cp -r "$root/java/src/main/resources/." "$out/stage/"
cp "$lib" "$out/stage/native/linux-x86_64/libavroconv_jni.so"
echo "linux-x86_64 (glibc 2.17 or newer)" > "$out/stage/native/platforms.txt"
echo "$version" > "$out/stage/io/avroconv/connect/version.txt"
cp "$root/java/packaging/LICENSE" "$out/stage/META-INF/LICENSE"
# The Rust crates linked into the native library, with their licenses (MIT/Apache/Zlib ask for notice).
{ echo "Rust crates linked into native/linux-x86_64/libavroconv_jni.so (name, version, license):"
  (cd "$root" && cargo tree -q --locked -p avroconv-jni --target x86_64-unknown-linux-gnu -e normal,no-proc-macro \
     --prefix none -f '{p} {l}') | sed 's/ (\*)$//; s/ ([^)]*\/[^)]*)//' | sort -u
} > "$out/stage/META-INF/THIRD-PARTY.txt"
printf 'Implementation-Title: avroconv-connect\nImplementation-Version: %s\n' "$version" > "$out/manifest.mf"
rm -f "$out/$name.jar"
jar --create --file "$out/$name.jar" --manifest "$out/manifest.mf" -C "$out/stage" .

# Only our classes: anything else would clash with the worker's or the connector's copies.
foreign=$(jar --list --file "$out/$name.jar" | grep '\.class$' | grep -v '^io/avroconv/' || true)
if [ -n "$foreign" ]; then echo "build.sh: foreign classes in the JAR:" >&2; echo "$foreign" >&2; exit 1; fi

cp "$out/$name.jar" "$out/zip/$name/lib/"
sed "s/@VERSION@/$version/g" "$root/java/packaging/manifest.json" > "$out/zip/$name/manifest.json"
sed "s/@VERSION@/$version/g" "$root/java/packaging/README.md" > "$out/zip/$name/doc/README.md"
cp "$root/java/packaging/LICENSE" "$out/zip/$name/doc/LICENSE"
cp "$out/stage/META-INF/THIRD-PARTY.txt" "$out/zip/$name/doc/"
rm -f "$out/$name.zip"
(cd "$out/zip" && zip -qrX "$out/$name.zip" "$name")
echo "$out/$name.jar"
echo "$out/$name.zip"
