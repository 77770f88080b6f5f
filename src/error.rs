//! The crate's error type: one enum whose variants carry each layer's own typed error, as rustls does.

use crate::codec::{DecodeError, EncodeError};
use crate::connect::ConnectError;
use crate::schema::SchemaError;

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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
