//! Kafka Connect <-> Avro schema mapping, identical to Confluent 7.0.16's `io.confluent.connect.avro.AvroData`.
//!
//! Once per Connect schema the Java converter sends the core a description of it ([`ConnectSchema`], JSON below);
//! [`from_connect_schema`] gives the Avro schema Confluent would register (same text, so registries that match
//! by text find it), and [`to_connect_schema`] gives, for a writer's Avro schema and its registry version, the
//! Connect schema Confluent's `toConnectData` would return. Both are checked against the real AvroData from the
//! jars (tests/connect_avrodata.rs; outputs in tests/data/connect/).
//!
//! # The description (JSON)
//! ```json
//! {"type": "struct", "optional": false, "name": "ns.Name", "version": 1, "doc": "...",
//!  "parameters": {"k": "v"}, "default": <value>,
//!  "fields": [{"name": "f", "schema": {...}}],   // struct only, in order
//!  "key": {...}, "value": {...}}                 // map: key and value; array: value (the element schema)
//! ```
//! The description `null` (the JSON literal) stands for a `null` Connect schema: schemaless values, written under
//! AvroData's `ANYTHING_SCHEMA` ([`ANYTHING_SCHEMA`], `anything.rs`).
//! `type` is Connect's lower-case type name (`int8` ... `float64`, `boolean`, `string`, `bytes`, `array`, `map`,
//! `struct`). Absent members are Connect's `null`; `parameters: {}` is an empty (non-null) map, which Connect
//! distinguishes. Values (defaults) are written as:
//! - integers and floats as JSON numbers, booleans and strings as such;
//! - `bytes` as a string of chars U+0000..U+00FF, one per byte (ISO-8859-1, as Avro writes byte defaults);
//! - `Decimal` as its plain decimal string (`"12.34"`, scale as in the schema); `Date` as days since the epoch;
//!   `Time` as milliseconds of the day; `Timestamp` as milliseconds since the epoch;
//! - arrays as arrays; maps as arrays of `[key, value]` pairs (keys may be any type); structs as objects by field
//!   name (a missing or `null` field is unset).
//!
//! # Value encoding rules of AvroData 7.0.16 (for the per-record plan compiler)
//! Checked with `scripts/oracle.sh AvroDataOracle values` (output: tests/data/connect/values_probe.txt) where
//! marked (probe); the rest is from the converter's behaviour on the corpus and its bytecode.
//! - `int8`/`int16` are Avro `int` with `"connect.type":"int8"|"int16"`, written as the widened int (probe); on
//!   read the int is narrowed with Java's `byteValue()`/`shortValue()` (wrapping).
//! - `Decimal` -> Avro `bytes` holding the unscaled value as big-endian two's complement, fewest bytes
//!   (`BigInteger.toByteArray()`: 12.34 -> `04d2`, -0.01 -> `ff`, 0.00 -> `00`, probe). The value's scale must
//!   equal the schema's `scale` parameter, else DataException "Decimal value has mismatching scale for given
//!   Decimal schema. Schema has scale 2, value has scale 1." (probe). On read,
//!   `new BigDecimal(new BigInteger(bytes), scale)`; empty bytes throw (NumberFormatException, not a
//!   DataException). A `fixed` decimal (`connect.fixed.size`) is NOT sign-extended in 7.0.16: -0.01 in a
//!   fixed(4) becomes a 1-byte `GenericData.Fixed` (probe), which Avro then cannot write as a fixed(4).
//! - `Date` -> `int` days since the epoch; a `java.util.Date` that is not midnight UTC is DataException "Kafka
//!   Connect Date type should not have any time fields set to non-zero values." (probe). `Time` -> `int` millis of
//!   the day (probe; on read, millis outside 0..=86400000 are refused); `Timestamp` -> `long` millis since the
//!   epoch (probe). Debezium's types (io.debezium.time.*, io.debezium.data.*) are plain int/long/string/bytes
//!   with only `connect.name`/`connect.version`: no conversion.
//! - `bytes` values come back as `ByteBuffer` (probe); Avro `enum` symbols come back as `String`.
//! - Optional schemas are unions with `null`: `["null", T]` (null is branch 0) without a Connect default,
//!   `[T, "null"]` (null is branch 1) with one. A `null` value for a required schema is DataException "Found
//!   null value for non-optional schema" (probe).
//! - Missing struct values: `Struct.get` returns the field schema's default when the value is null, so AvroData
//!   writes the default both for an unset field and for one explicitly set to null (probe:
//!   `{a: null}` with default 7 is written as 7). `ignore.default.for.nullables` (write null instead) does not
//!   exist in 7.0.16.
//! - Every struct value is checked with `struct.schema().equals(schema)` ("Mismatching struct schema").
//! - Maps with string keys are Avro maps; other maps (and optional string keys unless
//!   `allow.optional.map.keys`) are arrays of `{key, value}` records.
//! - The Connect union struct `io.confluent.connect.avro.Union` writes its one non-null field's value as that
//!   branch of the Avro union.
//!
//! - Maps with string keys are copied into a `new HashMap<>()` (bytecode of `fromConnectData`), so Avro writes
//!   their entries in Java `HashMap` order; the encode program reorders the tape's entries the same way
//!   (`tape.rs`, `java_hash_map_order`; not modelled: bins that became trees, 9+ colliding keys in 64+ buckets).
//! - A `fixed` is written by `GenericDatumWriter.writeFixed(bytes, 0, size)`: longer values are cut to the size,
//!   shorter ones fail.
//!
//! # The per-record path (converter)
//! [`converter::Session`] holds the converter's settings and a registry client shared with every session of equal
//! registry settings. Once per Connect schema, [`Session::writer`] gives a [`WriterPlan`] (id, [`ops`], an
//! [`EncodeProgram`] that turns Java's tape into the body); once per schema id, [`Session::reader`] gives a
//! [`ReaderPlan`] (Connect description, ops, enum symbols, a [`DecodeProgram`] that parses the body into table
//! slots). Layouts: bindings/jni/BOUNDARY.md. Both programs are flat (one node per Connect node, children by
//! index), bounds-check every read and fail with a [`RecordError`] naming the field and the byte offset.
//!
//! # Differences from Java that cannot be expressed in a description
//! AvroData also reuses a record by the *identity* of the name string of a struct it has already converted
//! (`cycleReferences`, an `IdentityHashMap`). A description carries no identities, so two different structs with
//! the same name always fail as "Can't redefine", as they do in Java unless both names are the same `String`
//! object.

mod anything;
mod config;
pub mod converter;
mod decimal;
mod from_avro;
mod names;
pub mod ops;
mod schema;
mod table;
mod tape;
mod to_avro;

pub use anything::{is_anything_schema, ANYTHING_SCHEMA};
pub use config::AvroDataConfig;
pub use converter::{Encoded, ReaderPlan, Session, WriterPlan};
pub use from_avro::to_connect_schema;
pub use schema::{ConnectField, ConnectSchema, ConnectType};
pub use table::DecodeProgram;
pub use tape::EncodeProgram;
pub use to_avro::from_connect_schema;

use crate::codec::{DecodeError, FieldPath};
use crate::wire::HexHead;

/// Why one record could not be converted (per-record path): what went wrong and where (field path, byte offset).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The tape does not follow the plan's ops (a bug on the Java side or a damaged buffer).
    #[error("malformed tape at byte {at}, field {path}: {what}")]
    Tape { what: String, at: usize, path: FieldPath },
    /// A value that Confluent's AvroData or Avro refuses (unknown enum symbol, short fixed, empty union...).
    #[error("cannot write field {path}: {what}")]
    Value { what: String, path: FieldPath },
    /// The Avro body is malformed (offsets count from the start of the payload, header included).
    #[error("{err} (payload {head})")]
    Body { err: DecodeError, head: HexHead },
    /// The payload is not a Confluent frame of the plan's schema id.
    #[error("payload is not a frame of schema id {want}: {head}")]
    Frame { want: u32, head: HexHead },
}

impl RecordError {
    pub(crate) fn tape(what: impl Into<String>, at: usize) -> Self {
        RecordError::Tape { what: what.into(), at, path: FieldPath::default() }
    }

    pub(crate) fn value(what: impl Into<String>) -> Self {
        RecordError::Value { what: what.into(), path: FieldPath::default() }
    }

    /// Prepends a field name to the path while the error unwinds.
    #[cold]
    pub(crate) fn in_field(mut self, name: &str) -> Self {
        match &mut self {
            RecordError::Tape { path, .. } | RecordError::Value { path, .. } => path.push_front(name),
            RecordError::Body { .. } | RecordError::Frame { .. } => {}
        }
        self
    }
}

/// Why a Connect schema could not be mapped to Avro or back (Confluent throws for the same inputs).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectError {
    /// The JSON description is not a valid Connect schema (Connect's own SchemaBuilder would refuse it).
    #[error("invalid Connect schema description: {0}")]
    InvalidDescription(String),
    /// A default value that AvroData cannot convert.
    #[error("invalid default value: {0}")]
    InvalidDefault(String),
    /// A name Avro refuses (turn on `scrub.invalid.names` to rewrite such names).
    #[error("invalid Avro name {name:?}: {reason}")]
    InvalidName { name: String, reason: &'static str },
    /// Two fields of one record have the same (possibly scrubbed) name.
    #[error("duplicate field {0:?}")]
    DuplicateField(String),
    /// Two different Avro types of the same full name (e.g. two maps with non-string keys in one schema).
    #[error("can't redefine: {0}")]
    Redefined(String),
    /// An Avro union that would hold a union or two branches of one type.
    #[error("invalid union: {0}")]
    UnionBranch(String),
    /// A schema parameter AvroData reads (decimal scale/precision, fixed size) is missing or not an integer.
    #[error("invalid parameter {name:?}: {message}")]
    InvalidParameter { name: String, message: String },
    /// A logical type on a type that cannot carry it.
    #[error("invalid logical type: {0}")]
    LogicalType(String),
    /// A property set twice with different values.
    #[error("can't overwrite property: {0}")]
    PropertyConflict(String),
    /// Avro `null` outside a union has no Connect schema.
    #[error("standalone null schemas are not supported")]
    NullSchema,
    /// An Avro schema AvroData refuses to convert to Connect (its DataException message).
    #[error("{0}")]
    Unsupported(String),
    /// A converter option with a value of the wrong type.
    #[error("invalid value for configuration {key}: {value:?}")]
    InvalidConfig { key: String, value: String },
}

impl ConnectError {
    fn missing(what: &str, s: &ConnectSchema) -> Self {
        ConnectError::InvalidDescription(format!("a {} schema needs a \"{what}\" schema", s.ty.name()))
    }

    fn missing_parameters(s: &ConnectSchema) -> Self {
        ConnectError::InvalidParameter {
            name: "scale".into(),
            message: format!("{} schema without parameters", s.name.as_deref().unwrap_or("decimal")),
        }
    }
}
