//! avroconv: Avro in the Confluent wire format.
//!
//! - [`connect`]: the Kafka Connect <-> Avro schema mapping of Confluent's AvroData 7.0.16.
//! - [`schema`]: an order-preserving schema model whose text equals Java Avro 1.11's `Schema.toString()`.
//! - [`wire`]: the Confluent frame (magic byte, schema id, body).
//! - [`registry`]: a cached schema-registry client (async and blocking), `mock://` registries.
//! - [`subject`]: subject name strategies.

pub mod codec;
pub mod connect;
pub mod error;
pub mod registry;
pub mod schema;
pub mod serdes;
pub mod subject;
pub mod value;
pub mod wire;

pub use error::{Error, Result};
pub use codec::{Decoder, Encoder};
pub use schema::{Schema, SchemaError};
pub use value::Value;
