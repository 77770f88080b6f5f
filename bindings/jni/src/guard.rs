//! Runs an entry point's body so that nothing unwinds into the JVM: Rust errors and panics become Java exceptions.

use std::any::Any;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use jni_sys::JNIEnv;

use crate::classes;
use crate::jvm::Env;

/// Why an entry point did not produce its result.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad input: thrown as `DataException`.
    Data(String),
    /// Not the input's fault: thrown as `ConnectException`.
    Internal(String),
    /// A registry outage, timeout, 429 or 5xx: thrown as `RetriableException`.
    Retriable(String),
    /// A bad setting: thrown as `ConfigException`.
    Config(String),
    /// A JNI call left a Java exception pending: it propagates as is.
    Pending,
}

impl From<avroconv::Error> for Failure {
    fn from(e: avroconv::Error) -> Self {
        Failure::of(e, String::new())
    }
}

impl Failure {
    /// The exception an error becomes, its message after `context` (which names the topic).
    pub(crate) fn of(e: avroconv::Error, context: String) -> Self {
        use avroconv::connect::ConnectError;
        let message = format!("{context}{e}");
        if e.is_retriable() {
            Failure::Retriable(message)
        } else if matches!(e, avroconv::Error::Config(_) | avroconv::Error::Connect(ConnectError::InvalidConfig { .. })) {
            Failure::Config(message)
        } else {
            Failure::Data(message)
        }
    }
}

thread_local! {
    /// The message of the last panic on this thread, recorded by the hook, taken by [`run`].
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Replaces the default panic hook (which writes to the worker's stderr, not to Connect's log) with one that keeps
/// the message and location for the exception. The hook is per copy of this library, so per class loader.
pub(crate) fn install_panic_hook() {
    HOOK.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let message = payload_text(info.payload());
            let text = match info.location() {
                Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
                None => message,
            };
            // try_with: the thread may be tearing down its thread locals.
            let _ = LAST_PANIC.try_with(|slot| *slot.borrow_mut() = Some(text));
        }));
    });
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_owned()
    }
}

/// Runs `body` for a native method: on success returns its value; on failure throws the matching Java exception
/// and returns `on_failure` (which Java never sees, since the exception is pending).
pub(crate) fn run<T>(raw: *mut JNIEnv, on_failure: T, body: impl FnOnce(&Env) -> Result<T, Failure>) -> T {
    // SAFETY: `raw` is the JNIEnv the JVM passed to the native method calling us.
    let env = unsafe { Env::from_raw(raw) };
    match catch(|| body(&env)) {
        Ok(value) => value,
        Err(failure) => {
            throw(&env, failure);
            on_failure
        }
    }
}

/// Runs `body`, turning a panic into [`Failure::Internal`] with the panic's message and location.
pub(crate) fn catch<T>(body: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    panic::catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        let recorded = LAST_PANIC.try_with(|slot| slot.borrow_mut().take()).ok().flatten();
        let message = recorded.unwrap_or_else(|| payload_text(payload.as_ref()));
        Err(Failure::Internal(format!("avroconv native code panicked (a bug, please report it): {message}")))
    })
}

fn throw(env: &Env, failure: Failure) {
    // An exception already pending came first (and JNI forbids most calls while one is): let it propagate.
    if env.exception_pending() {
        return;
    }
    let Some(classes) = classes::get() else {
        env.throw_new(c"java/lang/IllegalStateException", c"avroconv: Native.init() was not called");
        return;
    };
    match failure {
        Failure::Data(message) => env.throw(classes.data_exception.class, classes.data_exception.ctor, &message),
        Failure::Internal(message) => {
            env.throw(classes.connect_exception.class, classes.connect_exception.ctor, &message)
        }
        Failure::Retriable(message) => {
            env.throw(classes.retriable_exception.class, classes.retriable_exception.ctor, &message)
        }
        Failure::Config(message) => env.throw(classes.config_exception.class, classes.config_exception.ctor, &message),
        // Reached only when no exception is actually pending: never return a bare null to Java.
        Failure::Pending => env.throw(
            classes.connect_exception.class,
            classes.connect_exception.ctor,
            "avroconv: a JNI call failed without raising an exception",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal_message<T>(result: Result<T, Failure>) -> String {
        match result {
            Err(Failure::Internal(message)) => message,
            _ => panic!("expected Failure::Internal"),
        }
    }

    #[test]
    fn a_formatted_panic_keeps_its_message_and_location() {
        install_panic_hook();
        let n = 7;
        let message = internal_message(catch::<()>(|| panic!("index {n} out of range")));
        assert!(message.contains("panicked"), "{message}");
        assert!(message.contains("index 7 out of range (at "), "{message}");
        assert!(message.contains("guard.rs"), "{message}");
    }

    #[test]
    fn a_panic_with_a_non_text_payload_is_still_reported() {
        install_panic_hook();
        let message = internal_message(catch::<()>(|| std::panic::panic_any(42_u8)));
        assert!(message.contains("panic with a non-text payload"), "{message}");
    }

    #[test]
    fn errors_and_values_pass_through() {
        assert!(matches!(catch(|| Ok::<_, Failure>(5)), Ok(5)));
        assert!(matches!(catch::<()>(|| Err(Failure::Data("bad".into()))), Err(Failure::Data(m)) if m == "bad"));
    }
}
