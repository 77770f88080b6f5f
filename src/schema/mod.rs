//! The Avro schema model: parse, validate, print exactly as Java Avro 1.11 does, canonical form and fingerprints.

mod canonical;
mod error;
mod fingerprint;
mod javachar;
mod javanum;
mod jsontext;
mod model;
mod parse;
mod print;

pub use error::{SchemaError, SchemaErrorKind, SchemaPath};
pub use fingerprint::{rabin, Fingerprint};
pub use model::{Enum, Field, Fixed, Kind, LogicalType, Name, Node, NodeId, Order, Props, Record, Schema};
pub(crate) use parse::validate_name;
