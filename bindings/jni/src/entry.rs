//! The functions `io.avroconv.connect.Native` declares `native`, one per Java method.
//!
//! Each is a raw `extern "system"` function (8 ns a crossing, jni-boundary.md) whose body is one [`run`] call, so no
//! panic or error can unwind into the JVM. Control-plane entries (once per schema) may allocate and build Java
//! objects; the converter's entries, per-record ones included, are in [`crate::records`].

use std::ffi::c_void;
use std::ptr;

use jni_sys::{jclass, jint, jstring, JNIEnv, JavaVM, JNI_VERSION_1_8};

use crate::classes;
use crate::guard::{install_panic_hook, run};

/// Called by the JVM when `System.load` loads this copy of the library: the panic hook goes in before any entry
/// can run.
#[no_mangle]
pub extern "system" fn JNI_OnLoad(_vm: *mut JavaVM, _reserved: *mut c_void) -> jint {
    // A panic cannot unwind out of here either; if installing the hook fails the entries still catch panics.
    let _ = std::panic::catch_unwind(install_panic_hook);
    JNI_VERSION_1_8
}

/// `static native String init()`: caches the classes this library throws and returns build facts as
/// `java.util.Properties` text (`version`, `target`, `profile`, `rustc`, `libc`, `build.glibc`).
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_init(raw: *mut JNIEnv, _class: jclass) -> jstring {
    run(raw, ptr::null_mut(), |env| {
        install_panic_hook();
        classes::init(env)?;
        env.new_string(&build_info())
    })
}

/// `static native String canonicalSchema(String text)`: validates Avro schema text with Java Avro 1.11's rules and
/// returns the text Java's `Schema.toString()` prints for it, or throws `DataException` naming what is wrong.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_canonicalSchema(
    raw: *mut JNIEnv,
    _class: jclass,
    text: jstring,
) -> jstring {
    run(raw, ptr::null_mut(), |env| {
        let text = env.get_string(text, "schema text")?;
        let schema = avroconv::Schema::parse(&text).map_err(avroconv::Error::from)?;
        env.new_string(&schema.to_string())
    })
}

/// `static native void panicForTest(String message)`: panics with a formatted message, so tests can prove that a
/// panic reaches Java as an exception and the JVM lives on. Not used by the converter.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_panicForTest(
    raw: *mut JNIEnv,
    _class: jclass,
    message: jstring,
) {
    run(raw, (), |env| {
        let message = env.get_string(message, "message")?;
        panic!("test panic: {message}");
    })
}

fn build_info() -> String {
    let lines = [
        ("version", env!("AVROCONV_CORE_VERSION")),
        ("jni.version", env!("CARGO_PKG_VERSION")),
        ("target", env!("AVROCONV_TARGET")),
        ("profile", env!("AVROCONV_PROFILE")),
        ("rustc", env!("AVROCONV_RUSTC")),
        ("build.glibc", option_env!("AVROCONV_BUILD_GLIBC").unwrap_or("")),
    ];
    let mut out = String::new();
    for (key, value) in lines {
        out.push_str(&format!("{key}={value}\n"));
    }
    out.push_str(&format!("libc={}\n", runtime_libc()));
    out
}

/// The C library the process actually runs on (what `ldd --version` would say).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn runtime_libc() -> String {
    extern "C" {
        fn gnu_get_libc_version() -> *const std::ffi::c_char;
    }
    // SAFETY: glibc returns a pointer to a static NUL-terminated string.
    let version = unsafe { std::ffi::CStr::from_ptr(gnu_get_libc_version()) };
    format!("glibc {}", version.to_string_lossy())
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn runtime_libc() -> String {
    "unknown".to_owned()
}
