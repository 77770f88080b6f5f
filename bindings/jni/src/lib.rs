//! The JNI library behind `io.avroconv.connect.AvroConverter`: a thin shim over the `avroconv` core.
//!
//! Every Java-visible function lives in [`entry`] as a raw `extern "system"` function whose body is one call to
//! [`guard::run`]: that catches panics (a panic unwinding into the JVM aborts it without a trace) and turns them,
//! and every Rust error, into a Java exception carrying the message. The JNI calls themselves go through the small
//! [`jvm::Env`] wrapper; the exception classes are looked up once, in `Native.init()`, and kept as global refs
//! ([`classes`]), because `FindClass` from a thread Rust spawned cannot see the plugin's class loader.
//!
//! The per-record entries (one crossing per record with flat buffers, see architecture.md) will be added beside
//! the control-plane ones in [`entry`]; nothing here is per record yet.

mod classes;
mod entry;
mod guard;
mod jvm;
