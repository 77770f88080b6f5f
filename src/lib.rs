//! avroconv: Avro in the Confluent wire format.
//!
//! - [`schema`]: an order-preserving schema model whose text equals Java Avro 1.11's `Schema.toString()`.
//! - [`codec`] ([`Encoder`], [`Decoder`]) and [`value`]: codecs compiled once per schema or writer/reader pair,
//!   for serde types and the dynamic [`Value`], with Avro's schema resolution.
//! - [`wire`]: the Confluent frame (magic byte, schema id, body).
//! - [`registry`]: a cached schema-registry client (async and blocking), `mock://` registries.
//! - [`serdes`]: Confluent-compatible serializer and deserializer over the registry and the codecs.
//! - [`subject`]: subject name strategies.
//! - [`connect`]: the Kafka Connect <-> Avro schema mapping of Confluent's AvroData 7.0.16.
//!
//! Every error is an [`Error`], whose variants carry each layer's own typed error.

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
pub use codec::{Decode, Decoder, Encode, Encoder};
pub use schema::{Schema, SchemaError};
pub use value::Value;
