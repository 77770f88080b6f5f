//! The crate's error type: one enum whose variants carry each layer's own typed error, as rustls does.

use crate::connect::ConnectError;
use crate::schema::SchemaError;

/// Anything avroconv can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A schema was rejected.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// A Kafka Connect schema could not be mapped to Avro or back.
    #[error(transparent)]
    Connect(#[from] ConnectError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
