//! The crate's error type: one enum whose variants carry each layer's own typed error, as rustls does.

use crate::codec::{DecodeError, EncodeError};
use crate::connect::{ConnectError, RecordError};
use crate::registry::{ConfigError, RegistryError};
use crate::schema::SchemaError;
use crate::wire::WireError;

/// Anything avroconv can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A schema was rejected.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// A value could not be written as Avro.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// An Avro body could not be read (including reader/writer schema incompatibilities).
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A Kafka Connect schema could not be mapped to Avro or back.
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// One record of the Connect converter's per-record path could not be converted.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// Bytes are not a Confluent-framed payload.
    #[error(transparent)]
    Wire(#[from] WireError),
    /// The schema registry failed or refused.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// A configuration value is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl Error {
    /// Whether trying again later may succeed (a registry outage, timeout, 429 or 5xx).
    pub fn is_retriable(&self) -> bool {
        matches!(self, Error::Registry(e) if e.is_retriable())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
