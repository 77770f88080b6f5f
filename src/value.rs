//! [`Value`]: an Avro datum without a Rust type of its own, as the codecs read and write it.
//!
//! Records are positional (fields in the order of the schema the value was built for): the hot path never looks
//! a field up by name. Maps keep insertion order.
//!
//! Logical types: the decoder returns the logical variant ([`Value::Decimal`], [`Value::Date`], ...) when the
//! schema node carries a valid logical type, and the underlying variant otherwise. The encoder accepts both the
//! logical variant and the underlying one (`Value::Long` for a `timestamp-millis` field is fine), an `Int` for a
//! `long`, a `Float` for a `double`, a `String` symbol for an enum, and a bare (non-`Union`) value for a union, which
//! goes to the first branch that takes it.

/// An Avro datum.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Boolean(bool),
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    Bytes(Vec<u8>),
    String(String),
    Fixed(Vec<u8>),
    /// Symbol index in the schema and the symbol.
    Enum(u32, String),
    Array(Vec<Value>),
    /// Entries in insertion (wire) order.
    Map(Vec<(String, Value)>),
    /// Field values in schema field order.
    Record(Vec<Value>),
    /// Branch index in the union and the branch's value.
    Union(u32, Box<Value>),
    /// `decimal` on `bytes` or `fixed`: the unscaled value as big-endian two's-complement bytes, and the scale.
    /// For a `fixed`, the encoder sign-extends a shorter value to the fixed size.
    Decimal(Decimal),
    /// `uuid` on `string`: the text as written (not validated, as in Java's generic reader).
    Uuid(String),
    /// `date`: days since 1970-01-01.
    Date(i32),
    /// `time-millis`: milliseconds after midnight.
    TimeMillis(i32),
    /// `time-micros`: microseconds after midnight.
    TimeMicros(i64),
    /// `timestamp-millis`: milliseconds since the epoch, UTC.
    TimestampMillis(i64),
    /// `timestamp-micros`: microseconds since the epoch, UTC.
    TimestampMicros(i64),
    /// `local-timestamp-millis`: milliseconds since the epoch, local time.
    LocalTimestampMillis(i64),
    /// `local-timestamp-micros`: microseconds since the epoch, local time.
    LocalTimestampMicros(i64),
    /// `duration` on `fixed(12)`: three little-endian unsigned 32-bit counts.
    Duration {
        months: u32,
        days: u32,
        millis: u32,
    },
}

/// The value of a `decimal` logical type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// Big-endian two's-complement unscaled value.
    pub unscaled: Vec<u8>,
    pub scale: u32,
}

impl Value {
    /// The variant's name, for error messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Boolean(_) => "boolean",
            Value::Int(_) => "int",
            Value::Long(_) => "long",
            Value::Float(_) => "float",
            Value::Double(_) => "double",
            Value::Bytes(_) => "bytes",
            Value::String(_) => "string",
            Value::Fixed(_) => "fixed",
            Value::Enum(..) => "enum",
            Value::Array(_) => "array",
            Value::Map(_) => "map",
            Value::Record(_) => "record",
            Value::Union(..) => "union",
            Value::Decimal(_) => "decimal",
            Value::Uuid(_) => "uuid",
            Value::Date(_) => "date",
            Value::TimeMillis(_) => "time-millis",
            Value::TimeMicros(_) => "time-micros",
            Value::TimestampMillis(_) => "timestamp-millis",
            Value::TimestampMicros(_) => "timestamp-micros",
            Value::LocalTimestampMillis(_) => "local-timestamp-millis",
            Value::LocalTimestampMicros(_) => "local-timestamp-micros",
            Value::Duration { .. } => "duration",
        }
    }
}
