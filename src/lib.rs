//! avroconv: Avro in the Confluent wire format.
//!
//! - [`schema`]: an order-preserving schema model whose text equals Java Avro 1.11's `Schema.toString()`.

pub mod error;
pub mod schema;

pub use error::{Error, Result};
pub use schema::{Schema, SchemaError};
