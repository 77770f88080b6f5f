#!/usr/bin/env bash
# Builds the converter's JNI library (bindings/jni) for linux-x86_64 against glibc 2.17, so it loads on every
# glibc-based JVM image from CentOS 7 / Amazon Linux 2 on, then checks that no symbol needs a newer glibc.
# Prints the path of the library. Needs the PyPI packages ziglang and cargo-zigbuild (scripts/setup.sh installs them).
# usage: scripts/plugin/build-native.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
glibc=2.17
target=x86_64-unknown-linux-gnu
command -v cargo-zigbuild >/dev/null || python3 -m pip install -q --disable-pip-version-check ziglang cargo-zigbuild
cd "$root"
AVROCONV_BUILD_GLIBC=$glibc cargo zigbuild -q --locked --release -p avroconv-jni --target "$target.$glibc" >&2
lib=$root/target/$target/release/libavroconv_jni.so
"$root/scripts/plugin/check-glibc.sh" "$lib" "$glibc" >&2
echo "$lib"
