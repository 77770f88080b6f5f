//! The blocking client: the async [`Client`](super::Client) driven by a small runtime of its own (as
//! `reqwest::blocking` does, but on the caller's thread), so both share one implementation (caches, single-flight,
//! retries).
//!
//! Calls run on the caller's thread (`Runtime::block_on` of a current-thread runtime), sockets and timers included:
//! handing each I/O event to a worker thread and back cost about 100 µs of a first call's 300 µs round trip on
//! our 2-core VMs (`benches/registry.rs`). Many threads may call at once (one drives the I/O for all, as tokio's
//! current-thread runtime allows); their misses on one key still share one request.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::client::{self, RegisteredSchema, SubjectVersion, VersionedSchema};
use super::config::Config;
use super::error::{ConfigError, ErrorKind, RegistryError};

/// A blocking schema-registry client. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: client::Client,
    rt: Arc<Runtime>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::Client").field(&self.inner).finish()
    }
}

struct Runtime {
    tokio: Option<tokio::runtime::Runtime>,
    /// Whether a call has run: before the first, no connection is pooled.
    ran: AtomicBool,
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // Dropping a runtime inside another runtime panics; shutting it down in the background never does.
        if let Some(rt) = self.tokio.take() {
            rt.shutdown_background();
        }
    }
}

impl Client {
    pub fn new(config: Config) -> Result<Client, ConfigError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ConfigError::new("schema.registry.url", format!("cannot start the I/O runtime: {e}")))?;
        // The HTTP client must be built inside the runtime that will drive its connections.
        let inner = {
            let _guard = rt.enter();
            client::Client::new(config)?
        };
        Ok(Client { inner, rt: Arc::new(Runtime { tokio: Some(rt), ran: AtomicBool::new(false) }) })
    }

    /// The async client behind this one (shares its caches).
    pub fn as_async(&self) -> &client::Client {
        &self.inner
    }

    /// Each cache's name and entry count (all bounded by `max.schemas.per.subject`), for diagnostics.
    pub fn cache_entry_counts(&self) -> Result<Vec<(&'static str, u64)>, RegistryError> {
        self.block_on(self.inner.cache_entry_counts())
    }

    fn run<T>(&self, f: impl std::future::Future<Output = Result<T, RegistryError>>) -> Result<T, RegistryError> {
        self.block_on(f)?
    }

    /// Runs a future on the caller's thread; refuses (instead of panicking) inside an async runtime.
    pub(crate) fn block_on<F: std::future::Future>(&self, f: F) -> Result<F::Output, RegistryError> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(RegistryError::new(ErrorKind::BlockingInAsync, ""));
        }
        let rt = self.rt.tokio.as_ref().expect("runtime lives until drop");
        let pooled = self.rt.ran.swap(true, Ordering::Relaxed);
        // A serializer's first call is a future of over 16 KB of nested state machines (a client's `register` alone
        // is 8 KB): boxed once here rather than moved into the block below and then boxed by tokio, which boxes
        // those over 16 KB.
        let f = Box::pin(f);
        Ok(rt.block_on(async {
            // Nothing drives pooled connections between calls: let their tasks see what the sockets did meanwhile
            // (a registry that closed an idle connection) before a request is put on one. A yield runs the tasks
            // already woken and then polls the I/O driver; the second runs the tasks that poll woke. A first call
            // has no connection to look at and skips them (two system calls and two wake-ups).
            if pooled {
                tokio::task::yield_now().await;
                tokio::task::yield_now().await;
            }
            f.await
        }))
    }

    pub fn register(&self, subject: &str, schema: &str, normalize: bool) -> Result<u32, RegistryError> {
        self.run(self.inner.register(subject, schema, normalize))
    }

    pub fn register_typed(&self, subject: &str, schema: &str, schema_type: &str, normalize: bool) -> Result<u32, RegistryError> {
        self.run(self.inner.register_typed(subject, schema, schema_type, normalize))
    }

    pub fn lookup(&self, subject: &str, schema: &str, normalize: bool, deleted: bool) -> Result<Arc<VersionedSchema>, RegistryError> {
        self.run(self.inner.lookup(subject, schema, normalize, deleted))
    }

    pub fn schema_by_id(&self, id: u32) -> Result<Arc<RegisteredSchema>, RegistryError> {
        self.run(self.inner.schema_by_id(id))
    }

    pub fn versions_of_id(&self, id: u32) -> Result<Arc<[SubjectVersion]>, RegistryError> {
        self.run(self.inner.versions_of_id(id))
    }

    pub fn version_of_id(&self, id: u32, subject: &str) -> Result<Option<u32>, RegistryError> {
        self.run(self.inner.version_of_id(id, subject))
    }

    pub fn latest(&self, subject: &str) -> Result<Arc<VersionedSchema>, RegistryError> {
        self.run(self.inner.latest(subject))
    }

    pub fn version(&self, subject: &str, version: u32) -> Result<Arc<VersionedSchema>, RegistryError> {
        self.run(self.inner.version(subject, version))
    }

    pub fn is_compatible(&self, subject: &str, schema: &str) -> Result<bool, RegistryError> {
        self.run(self.inner.is_compatible(subject, schema))
    }
}
