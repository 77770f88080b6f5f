//! Embeds what `Native.init()` reports about this build: the core's version, the target, the profile and rustc.

use std::process::Command;

fn main() {
    // The core crate's version, read from its manifest: a cdylib cannot see a dependency's CARGO_PKG_VERSION.
    let manifest = "../../Cargo.toml";
    println!("cargo:rerun-if-changed={manifest}");
    let text = std::fs::read_to_string(manifest).expect("read the core's Cargo.toml");
    let version = package_version(&text).expect("a version in the core's [package] section");
    println!("cargo:rustc-env=AVROCONV_CORE_VERSION={version}");

    let target = std::env::var("TARGET").unwrap_or_default();
    let profile = std::env::var("PROFILE").unwrap_or_default();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let rustc_version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    println!("cargo:rustc-env=AVROCONV_TARGET={target}");
    println!("cargo:rustc-env=AVROCONV_PROFILE={profile}");
    println!("cargo:rustc-env=AVROCONV_RUSTC={rustc_version}");
    // Set by scripts/plugin/build-native.sh to the glibc version the library was linked against.
    println!("cargo:rerun-if-env-changed=AVROCONV_BUILD_GLIBC");
}

/// `version = "x"` in the `[package]` table (the manifest is ours and simple, so no TOML parser is needed).
fn package_version(manifest: &str) -> Option<&str> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(rest) = line.strip_prefix("version") {
                return rest.trim_start().strip_prefix('=')?.trim().strip_prefix('"')?.split('"').next();
            }
        }
    }
    None
}
