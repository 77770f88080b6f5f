//! A cached schema-registry client for Confluent's REST API (and Apicurio's ccompat v6/v7 paths).
//!
//! - [`Client`] (async) and [`blocking::Client`]: register, lookup, schema by id, versions, compatibility.
//! - [`Config`]: Confluent's configuration keys or a typed builder; `mock://scope` URLs use [`mock::MemoryRegistry`].
//! - Errors: [`RegistryError`] with [`RegistryError::is_retriable`]; [`ConfigError`] names the bad key.

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
