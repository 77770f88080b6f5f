//! The JNI library behind `io.avroconv.connect.AvroConverter`: a thin shim over the `avroconv` core.
//!
//! Every Java-visible function lives in [`entry`] as a raw `extern "system"` function whose body is one call to
//! [`guard::run`]: that catches panics (a panic unwinding into the JVM aborts it without a trace) and turns them,
//! and every Rust error, into a Java exception carrying the message. The JNI calls themselves go through the small
//! [`jvm::Env`] wrapper; the exception classes are looked up once, in `Native.init()`, and kept as global refs
//! ([`classes`]), because `FindClass` from a thread Rust spawned cannot see the plugin's class loader.
//!
//! The converter's entries (sessions, plans, and the per-record `encode`/`decode`: one crossing per record over
//! caller-owned arrays, see BOUNDARY.md and architecture.md) are in [`records`]; the logic they call is the core's
//! `avroconv::connect::converter`.

mod classes;
mod entry;
mod guard;
mod jvm;
mod records;
