//! Java classes the library throws, looked up once in `Native.init()` and kept as global refs.
//!
//! `FindClass` resolves through the class loader of the class whose native method is running; on a thread that
//! Rust spawned it falls back to the system class loader, which cannot see Connect's plugin classes
//! (jni-boundary.md, "Pitfalls met" 6). So classes are only ever looked up here, inside `init`.

use std::ffi::CStr;
use std::sync::OnceLock;

use jni_sys::{jclass, jmethodID};

use crate::guard::Failure;
use crate::jvm::Env;

/// An exception class and its `(String)` constructor.
pub(crate) struct Throwable {
    pub(crate) class: jclass,
    pub(crate) ctor: jmethodID,
}

pub(crate) struct Classes {
    /// `org.apache.kafka.connect.errors.DataException`: bad input, which Connect's `errors.tolerance` and dead
    /// letter queues handle.
    pub(crate) data_exception: Throwable,
    /// `org.apache.kafka.connect.errors.ConnectException`: anything else (a bug, a panic), which fails the task.
    pub(crate) connect_exception: Throwable,
    /// `org.apache.kafka.connect.errors.RetriableException`: a registry outage; Connect retries the operation.
    pub(crate) retriable_exception: Throwable,
    /// `org.apache.kafka.common.config.ConfigException`: a bad setting, reported by `configure()`.
    pub(crate) config_exception: Throwable,
    /// `java.lang.String`, for `String[]` results.
    pub(crate) string: jclass,
}

// SAFETY: global refs and method ids are valid on every thread until deleted, and these never are.
unsafe impl Send for Classes {}
unsafe impl Sync for Classes {}

static CLASSES: OnceLock<Classes> = OnceLock::new();

/// The cached classes, or `None` before `Native.init()`.
pub(crate) fn get() -> Option<&'static Classes> {
    CLASSES.get()
}

/// Looks the classes up (once; later calls return the cached ones).
pub(crate) fn init(env: &Env) -> Result<&'static Classes, Failure> {
    if let Some(classes) = CLASSES.get() {
        return Ok(classes);
    }
    let data_exception = throwable(env, c"org/apache/kafka/connect/errors/DataException")?;
    let connect_exception = throwable(env, c"org/apache/kafka/connect/errors/ConnectException")?;
    let retriable_exception = throwable(env, c"org/apache/kafka/connect/errors/RetriableException")?;
    let config_exception = throwable(env, c"org/apache/kafka/common/config/ConfigException")?;
    let local = env.find_class(c"java/lang/String")?;
    let string = env.new_global_ref(local);
    env.delete_local_ref(local);
    let classes = Classes { data_exception, connect_exception, retriable_exception, config_exception, string: string? };
    if let Err(lost) = CLASSES.set(classes) {
        // Another thread initialised first: drop our duplicate refs.
        for class in [
            lost.data_exception.class,
            lost.connect_exception.class,
            lost.retriable_exception.class,
            lost.config_exception.class,
            lost.string,
        ] {
            env.delete_global_ref(class);
        }
    }
    Ok(CLASSES.get().expect("set above"))
}

fn throwable(env: &Env, name: &CStr) -> Result<Throwable, Failure> {
    let local = env.find_class(name)?;
    let found = env
        .method_id(local, c"<init>", c"(Ljava/lang/String;)V")
        .and_then(|ctor| Ok(Throwable { class: env.new_global_ref(local)?, ctor }));
    env.delete_local_ref(local);
    found
}
