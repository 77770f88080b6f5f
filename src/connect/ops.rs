//! The op codes Java walks Connect values with (bindings/jni/BOUNDARY.md, "Ops"): one `i32` per Connect schema
//! node in pre-order (struct fields in order, an array's element, a map's key then value).

use super::schema::{ConnectLogical, ConnectSchema, ConnectType};

pub const BOOLEAN: i32 = 1;
pub const INT8: i32 = 2;
pub const INT16: i32 = 3;
pub const INT32: i32 = 4;
pub const INT64: i32 = 5;
pub const FLOAT32: i32 = 6;
pub const FLOAT64: i32 = 7;
pub const STRING: i32 = 8;
pub const BYTES: i32 = 9;
pub const ARRAY: i32 = 10;
pub const MAP: i32 = 11;
pub const STRUCT: i32 = 12;
pub const DECIMAL: i32 = 13;
pub const DATE: i32 = 14;
pub const TIME: i32 = 15;
pub const TIMESTAMP: i32 = 16;
/// A schemaless value (a `null` Connect schema): tagged values on the tape and in the table (`anything.rs`).
pub const ANY: i32 = 17;
/// Or-ed into the kind: the node has a presence byte (tape) or slot (table).
pub const OPTIONAL: i32 = 0x100;
/// Or-ed into STRING on reader ops: the table holds an index into the plan's symbols.
pub const ENUM: i32 = 0x200;
/// The kind without flags.
pub const KIND_MASK: i32 = 0xff;

/// The op of one Connect node (no ENUM flag). A logical type counts only on the type Connect defines it for
/// (`Decimal` on bytes, `Date`/`Time` on int32, `Timestamp` on int64); otherwise the node is its plain type.
pub fn op_of(s: &ConnectSchema) -> i32 {
    let kind = match (s.logical(), s.ty) {
        (Some(ConnectLogical::Decimal), ConnectType::Bytes) => DECIMAL,
        (Some(ConnectLogical::Date), ConnectType::Int32) => DATE,
        (Some(ConnectLogical::Time), ConnectType::Int32) => TIME,
        (Some(ConnectLogical::Timestamp), ConnectType::Int64) => TIMESTAMP,
        (_, ty) => match ty {
            ConnectType::Boolean => BOOLEAN,
            ConnectType::Int8 => INT8,
            ConnectType::Int16 => INT16,
            ConnectType::Int32 => INT32,
            ConnectType::Int64 => INT64,
            ConnectType::Float32 => FLOAT32,
            ConnectType::Float64 => FLOAT64,
            ConnectType::String => STRING,
            ConnectType::Bytes => BYTES,
            ConnectType::Array => ARRAY,
            ConnectType::Map => MAP,
            ConnectType::Struct => STRUCT,
        },
    };
    if s.optional {
        kind | OPTIONAL
    } else {
        kind
    }
}
