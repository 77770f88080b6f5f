//! A cached schema-registry client for Confluent's REST API (and Apicurio's ccompat v6/v7 paths).
//!
//! - [`Client`] (async) and [`blocking::Client`]: register, lookup, schema by id, versions, compatibility.
//! - [`Config`]: Confluent's configuration keys or a typed builder; `mock://scope` URLs use [`mock::MemoryRegistry`].
//! - Errors: [`RegistryError`] with [`RegistryError::is_retriable`]; [`ConfigError`] names the bad key.
//!
//! ```
//! use avroconv::registry::{blocking, Config, ErrorKind};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = Config::builder().urls("mock://doc-registry").build()?;
//! let client = blocking::Client::new(config)?;
//! let id = client.register("orders-value", r#"{"type":"record","name":"Order","fields":[]}"#, false)?;
//! assert_eq!(client.schema_by_id(id)?.id, id);
//! assert_eq!(client.latest("orders-value")?.version, 1);
//! assert_eq!(client.latest("nope-value").unwrap_err().kind(), ErrorKind::SubjectNotFound);
//! # Ok(()) }
//! ```

mod auth;
pub mod blocking;
mod cache;
mod client;
mod config;
mod error;
mod http;
pub mod mock;
mod retry;
mod tls;

pub use auth::{Auth, Secret};
pub use client::{Client, RegisteredSchema, SubjectVersion, VersionedSchema};
pub use config::{Config, ConfigBuilder};
pub use error::{ConfigError, ErrorKind, RegistryError};
pub use tls::Tls;
