//! The Avro schema model: parse, validate, print exactly as Java Avro 1.11 does, canonical form and fingerprints.
//!
//! ```
//! use avroconv::schema::{Fingerprint, Schema};
//!
//! let schema = Schema::parse(r#"{"namespace": "a", "name": "R", "type": "record",
//!     "fields": [{"name": "x", "type": {"type": "double", "connect.name": "d"}, "default": 1e2}]}"#)?;
//! // Display is Java's Schema.toString(): Java's attribute order, Java's numbers.
//! assert_eq!(
//!     schema.to_string(),
//!     r#"{"type":"record","name":"R","namespace":"a","fields":[{"name":"x","type":{"type":"double","connect.name":"d"},"default":100.0}]}"#
//! );
//! assert_eq!(schema.canonical_form(), r#"{"name":"a.R","type":"record","fields":[{"name":"x","type":"double"}]}"#);
//! assert_eq!(schema.fingerprint(Fingerprint::Rabin), schema.rabin_fingerprint().to_le_bytes());
//! # Ok::<(), avroconv::SchemaError>(())
//! ```

mod canonical;
mod error;
mod fingerprint;
mod javachar;
mod javanum;
mod jsontext;
mod jsontree;
mod model;
mod parse;
mod print;

pub use error::{SchemaError, SchemaErrorKind, SchemaPath};
pub use fingerprint::{rabin, Fingerprint};
pub use model::{Enum, Field, Fixed, Kind, LogicalType, Name, Node, NodeId, Order, Props, Record, Schema};
pub(crate) use parse::validate_name;
