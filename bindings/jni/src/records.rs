//! The converter's native methods (bindings/jni/BOUNDARY.md): sessions and plans (once per configuration, schema
//! or id; may allocate and build Java objects) and the per-record `encode`/`decode` (one crossing per record, over
//! caller-owned arrays pinned with `GetPrimitiveArrayCritical`, no other JNI call while they are pinned).
//!
//! Handles: a `long` is a `Box<Handle>` turned into a raw pointer. The Java object that received it owns it and
//! frees it exactly once with `free` (through a `java.lang.ref.Cleaner`, so never while a call still uses it);
//! `0` is never a handle. Plans do not point at their session, so sessions and plans may be freed in any order.

use std::ffi::c_void;
use std::sync::atomic::{AtomicI64, Ordering};

use jni_sys::{
    jarray, jboolean, jbyteArray, jclass, jint, jintArray, jlong, jlongArray, jobjectArray, jstring, JNIEnv,
};

use avroconv::connect::{Encoded, ReaderPlan, Session, WriterPlan};

use crate::classes;
use crate::guard::{catch, run, Failure};
use crate::jvm::Env;

/// What a handle points at.
enum Handle {
    Session(Session),
    Writer(WriterPlan),
    Reader(ReaderPlan),
}

/// Live handles per kind (sessions, writer plans, reader plans) in this copy of the library, for `stats`:
/// what native memory the Java caches (and the cleaner's backlog) hold. Touched once per plan, never per record.
static LIVE: [AtomicI64; 3] = [AtomicI64::new(0), AtomicI64::new(0), AtomicI64::new(0)];

impl Handle {
    fn kind(&self) -> usize {
        match self {
            Handle::Session(_) => 0,
            Handle::Writer(_) => 1,
            Handle::Reader(_) => 2,
        }
    }
}

fn into_handle(h: Handle) -> jlong {
    LIVE[h.kind()].fetch_add(1, Ordering::Relaxed);
    Box::into_raw(Box::new(h)) as jlong
}

/// # Safety
/// `handle` must be 0 or a live handle from [`into_handle`] (Java frees it only once no call uses it).
unsafe fn handle<'a>(handle: jlong) -> Result<&'a Handle, Failure> {
    if handle == 0 {
        return Err(Failure::Internal("avroconv: null handle (used after close?)".into()));
    }
    // SAFETY: per the contract above.
    Ok(unsafe { &*(handle as *const Handle) })
}

unsafe fn session<'a>(h: jlong) -> Result<&'a Session, Failure> {
    match unsafe { handle(h) }? {
        Handle::Session(s) => Ok(s),
        _ => Err(Failure::Internal("avroconv: the handle is not a session".into())),
    }
}

unsafe fn writer<'a>(h: jlong) -> Result<&'a WriterPlan, Failure> {
    match unsafe { handle(h) }? {
        Handle::Writer(p) => Ok(p),
        _ => Err(Failure::Internal("avroconv: the handle is not a writer plan".into())),
    }
}

unsafe fn reader<'a>(h: jlong) -> Result<&'a ReaderPlan, Failure> {
    match unsafe { handle(h) }? {
        Handle::Reader(p) => Ok(p),
        _ => Err(Failure::Internal("avroconv: the handle is not a reader plan".into())),
    }
}

fn topic_context(topic: &str) -> String {
    format!("topic {topic:?}: ")
}

/// `static native long open(String[] keyValues, boolean isKey)`: a session from the converter's settings
/// (key, value, key, value...).
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_open(
    raw: *mut JNIEnv,
    _class: jclass,
    key_values: jobjectArray,
    is_key: jboolean,
) -> jlong {
    run(raw, 0, |env| {
        let kv = env.string_array(key_values, "keyValues")?;
        if kv.len() % 2 != 0 {
            return Err(Failure::Internal("avroconv: keyValues has an odd length".into()));
        }
        let pairs = kv.chunks(2).map(|p| (p[0].as_str(), p[1].as_str()));
        let session = Session::open(pairs, is_key).map_err(|e| Failure::of(e, "avroconv converter configuration: ".into()))?;
        Ok(into_handle(Handle::Session(session)))
    })
}

/// `static native long writer(long session, String topic, String description)`.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_writer(
    raw: *mut JNIEnv,
    _class: jclass,
    session_handle: jlong,
    topic: jstring,
    description: jstring,
) -> jlong {
    run(raw, 0, |env| {
        // SAFETY: Java passes the session handle it owns.
        let session = unsafe { session(session_handle) }?;
        let topic = env.get_string(topic, "topic")?;
        let description = env.get_string(description, "schema description")?;
        let plan = session.writer(&topic, &description).map_err(|e| Failure::of(e, topic_context(&topic)))?;
        Ok(into_handle(Handle::Writer(plan)))
    })
}

/// `static native int[] writerOps(long plan)`.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_writerOps(raw: *mut JNIEnv, _class: jclass, plan: jlong) -> jintArray {
    run(raw, std::ptr::null_mut(), |env| {
        // SAFETY: Java passes the plan handle it owns.
        env.new_int_array(unsafe { writer(plan) }?.ops())
    })
}

/// `static native long reader(long session, String topic, int id)`.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_reader(
    raw: *mut JNIEnv,
    _class: jclass,
    session_handle: jlong,
    topic: jstring,
    id: jint,
) -> jlong {
    run(raw, 0, |env| {
        // SAFETY: Java passes the session handle it owns.
        let session = unsafe { session(session_handle) }?;
        let topic = env.get_string(topic, "topic")?;
        let plan = session.reader(&topic, id as u32).map_err(|e| Failure::of(e, topic_context(&topic)))?;
        Ok(into_handle(Handle::Reader(plan)))
    })
}

/// `static native String readerSchema(long plan)`: the Connect schema's description.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_readerSchema(raw: *mut JNIEnv, _class: jclass, plan: jlong) -> jstring {
    run(raw, std::ptr::null_mut(), |env| {
        // SAFETY: Java passes the plan handle it owns.
        env.new_string(unsafe { reader(plan) }?.description())
    })
}

/// `static native int[] readerOps(long plan)`.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_readerOps(raw: *mut JNIEnv, _class: jclass, plan: jlong) -> jintArray {
    run(raw, std::ptr::null_mut(), |env| {
        // SAFETY: Java passes the plan handle it owns.
        env.new_int_array(unsafe { reader(plan) }?.ops())
    })
}

/// `static native String[] readerSymbols(long plan)`.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_readerSymbols(
    raw: *mut JNIEnv,
    _class: jclass,
    plan: jlong,
) -> jobjectArray {
    run(raw, std::ptr::null_mut(), |env| {
        let classes = classes::get().ok_or_else(|| Failure::Internal("avroconv: Native.init() was not called".into()))?;
        // SAFETY: Java passes the plan handle it owns.
        env.new_string_array(classes.string, unsafe { reader(plan) }?.symbols())
    })
}

/// Runs `body` over one pinned array, then unpins it (whatever happened, panics included) before anything can
/// throw. `body` must make no JNI call.
fn with_critical<T>(env: &Env, array: jarray, body: impl FnOnce(*mut c_void) -> Result<T, Failure>) -> Result<T, Failure> {
    let a = env.get_critical(array)?;
    let result = catch(|| body(a));
    env.release_critical(array, a, true);
    result
}

/// Runs `body` over two pinned arrays, then unpins them (whatever happened, panics included) before anything
/// can throw. `body` must make no JNI call.
fn with_critical2<T>(
    env: &Env,
    input: jarray,
    output: jarray,
    body: impl FnOnce(*mut c_void, *mut c_void) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let a = env.get_critical(input)?;
    let b = match env.get_critical(output) {
        Ok(b) => b,
        Err(e) => {
            env.release_critical(input, a, false);
            return Err(e);
        }
    };
    let result = catch(|| body(a, b));
    env.release_critical(output, b, true);
    env.release_critical(input, a, false);
    result
}

/// `static native int encode(long plan, byte[] buf, int tapeLength)`: the tape is `buf[..tapeLength]`; header and
/// body go right after it, into `buf[tapeLength..]`; the length, or `-n` when the `n` bytes needed do not fit.
/// One array rather than a tape and an out array: one pin instead of two and no aliasing check, i.e. 3 JNI calls
/// instead of 6 (each is a thread-state transition; together they were most of a small record's encode).
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_encode(
    raw: *mut JNIEnv,
    _class: jclass,
    plan: jlong,
    buf: jbyteArray,
    tape_length: jint,
) -> jint {
    run(raw, 0, |env| {
        // SAFETY: Java passes the plan handle it owns.
        let plan = unsafe { writer(plan) }?;
        let buf_len = env.array_length(buf, "buf")?;
        let used = usize::try_from(tape_length).ok().filter(|&n| n <= buf_len).ok_or_else(|| {
            Failure::Internal(format!("avroconv: tapeLength {tape_length} outside the buffer's {buf_len} bytes"))
        })?;
        let result = with_critical(env, buf, |b| {
            // SAFETY: a pinned byte[] of the length read above, unpinned after; split into two disjoint slices.
            let all = unsafe { std::slice::from_raw_parts_mut(b as *mut u8, buf_len) };
            let (tape, out) = all.split_at_mut(used);
            Ok(plan.encode(tape, out))
        })?;
        let n = match result {
            Ok(Encoded::Written(n)) => n as i64,
            Ok(Encoded::Needs(n)) => -(n as i64),
            Err(e) => {
                return Err(Failure::Data(format!("{}{e}", topic_context(plan.topic()))));
            }
        };
        jint::try_from(n).map_err(|_| Failure::Data(format!("{}record larger than 2 GB", topic_context(plan.topic()))))
    })
}

/// `static native int decode(long plan, byte[] input, long[] table)`: the slots used, or `-n` when the table is
/// shorter than the `n` slots needed.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_decode(
    raw: *mut JNIEnv,
    _class: jclass,
    plan: jlong,
    input: jbyteArray,
    table: jlongArray,
) -> jint {
    run(raw, 0, |env| {
        // SAFETY: Java passes the plan handle it owns.
        let plan = unsafe { reader(plan) }?;
        let input_len = env.array_length(input, "input")?;
        let table_len = env.array_length(table, "table")?;
        let result = with_critical2(env, input, table, |i, t| {
            // SAFETY: a pinned byte[] and a pinned long[] (distinct types, so distinct arrays) of the lengths read
            // above, unpinned after.
            let (input, table) = unsafe {
                (std::slice::from_raw_parts(i as *const u8, input_len), std::slice::from_raw_parts_mut(t as *mut i64, table_len))
            };
            Ok(plan.decode(input, table))
        })?;
        match result {
            Ok(n) if n <= table_len => jint::try_from(n).map_err(|_| Failure::Data("record too large".into())),
            Ok(n) => jint::try_from(n).map(|n| -n).map_err(|_| Failure::Data("record too large".into())),
            Err(e) => Err(Failure::Data(format!("{}{e}", topic_context(plan.topic())))),
        }
    })
}

/// `static native void frameError(String topic, byte[] input)`: throws the `DataException` saying why `input`
/// is not a Confluent frame.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_frameError(
    raw: *mut JNIEnv,
    _class: jclass,
    topic: jstring,
    input: jbyteArray,
) {
    run(raw, (), |env| {
        let topic = env.get_string(topic, "topic")?;
        let input = env.byte_array(input, "input")?;
        let context = topic_context(&topic);
        Err(match avroconv::wire::parse(&input) {
            Err(e) => Failure::Data(format!("{context}{e}")),
            Ok(frame) => Failure::Data(format!("{context}the payload is a frame of schema id {}", frame.id)),
        })
    })
}

/// `static native void free(long handle)`: frees a session or a plan (exactly once, from its Cleaner).
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_free(raw: *mut JNIEnv, _class: jclass, h: jlong) {
    run(raw, (), |_| {
        if h != 0 {
            // SAFETY: `h` came from `into_handle` and Java frees it once, when nothing uses it any more.
            let handle = unsafe { Box::from_raw(h as *mut Handle) };
            LIVE[handle.kind()].fetch_sub(1, Ordering::Relaxed);
            drop(handle);
        }
        Ok(())
    })
}

/// `static native String stats(long session)`: `name=value` lines (`java.util.Properties` text) for tests and
/// soaks: `handles.sessions`, `handles.writers`, `handles.readers` (live in this library copy, i.e. not yet freed
/// by the cleaner) and the session's registry client caches ([`Session::stats`]). Control plane only.
#[no_mangle]
pub extern "system" fn Java_io_avroconv_connect_Native_stats(raw: *mut JNIEnv, _class: jclass, session_handle: jlong) -> jstring {
    run(raw, std::ptr::null_mut(), |env| {
        // SAFETY: Java passes the session handle it owns.
        let session = unsafe { session(session_handle) }?;
        let mut out = String::new();
        for (name, live) in ["sessions", "writers", "readers"].iter().zip(&LIVE) {
            out.push_str(&format!("handles.{name}={}\n", live.load(Ordering::Relaxed)));
        }
        out.push_str(&session.stats()?);
        env.new_string(&out)
    })
}
