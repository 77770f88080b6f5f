//! Schemaless values (a `null` Connect schema with a non-null value), as Confluent 7.0.16's `AvroData` writes and
//! reads them: under its recursive `ANYTHING_SCHEMA` record, one optional field per kind of value.
//!
//! Writing (`AvroData.fromConnectData(null, value)`, bytecode of `schemaTypeForSchemalessJavaType`): the value's
//! Java class picks the field, checked in this order with `instanceof`: `Byte`, `Short`, `Integer` -> `int`;
//! `Long` -> `long`; `Float` -> `float`; `Double` -> `double`; `Boolean` -> `boolean`; `String` -> `string`;
//! `Collection` -> `array` (items recursively); `Map` -> `map` (an array of `MapEntry` records in the map's
//! iteration order, whatever the keys). A `null` item, key or value is an `Anything` with every field null.
//! Anything else (`byte[]`, `ByteBuffer`, `Struct`, `BigDecimal`, `java.util.Date`...) is refused with
//! `DataException("Unknown Java type for schemaless data: " + value.getClass())` (so the `bytes` field is never
//! written by Connect; it is still read). The registered schema is [`ANYTHING_SCHEMA`]'s text.
//!
//! Reading (`AvroData.toConnectData`, when the writer schema `equals` `ANYTHING_SCHEMA`): the Connect schema is
//! `null` and the value is that of the first non-null field in field order (boolean, bytes, double, float, int,
//! long, string, array, map): `Boolean`, `ByteBuffer`, `Double`, `Float`, `Integer`, `Long`, `String`,
//! `ArrayList` of items, `HashMap` of entries; a record with no field set is `null`.
//!
//! Tape and table layouts (bindings/jni/BOUNDARY.md, op `ANY`): a tag (the op kind of the value, 0 for null), then
//! the value as the plain kinds lay it out, with `ARRAY` items and `MAP` keys and values recursively tagged.

use super::ops;
use super::table::Slots;
use super::tape::Tape;
use super::RecordError;
use crate::codec::wire::{write_bytes, write_int, write_long, Reader};
use crate::codec::{DecodeError, DecodeErrorKind as K, MAX_DEPTH};
use crate::schema::Schema;

/// `AvroData.ANYTHING_SCHEMA.toString()` in 7.0.16: the schema Confluent registers for schemaless values.
pub const ANYTHING_SCHEMA: &str = concat!(
    r#"{"type":"record","name":"Anything","namespace":"io.confluent.connect.avro","fields":["#,
    r#"{"name":"boolean","type":["null","boolean"],"default":null},"#,
    r#"{"name":"bytes","type":["null","bytes"],"default":null},"#,
    r#"{"name":"double","type":["null","double"],"default":null},"#,
    r#"{"name":"float","type":["null","float"],"default":null},"#,
    r#"{"name":"int","type":["null","int"],"default":null},"#,
    r#"{"name":"long","type":["null","long"],"default":null},"#,
    r#"{"name":"string","type":["null","string"],"default":null},"#,
    r#"{"name":"array","type":["null",{"type":"array","items":"Anything"}],"default":null},"#,
    r#"{"name":"map","type":["null",{"type":"array","items":{"type":"record","name":"MapEntry","fields":["#,
    r#"{"name":"key","type":"Anything"},{"name":"value","type":"Anything"}]}}],"default":null}]}"#
);

/// Whether `schema` is AvroData's `ANYTHING_SCHEMA` (Java compares with `Schema.equals`, which ignores docs and
/// aliases; here the printed text is compared, so an otherwise equal schema with a doc reads as a struct).
pub fn is_anything_schema(schema: &Schema) -> bool {
    schema.to_string() == ANYTHING_SCHEMA
}

/// The `Anything` fields in order, as the op kind of the value each holds.
const FIELDS: [i32; 9] =
    [ops::BOOLEAN, ops::BYTES, ops::FLOAT64, ops::FLOAT32, ops::INT32, ops::INT64, ops::STRING, ops::ARRAY, ops::MAP];
/// The fewest body bytes of an `Anything` (nine null branches) and of a `MapEntry`.
const MIN_BODY: usize = FIELDS.len();

fn too_deep_value() -> RecordError {
    RecordError::value(format!("schemaless value nests deeper than {MAX_DEPTH} levels"))
}

/// Writes the tagged value at the tape's position as an `Anything` record.
/// `depth`: the value's nesting level (0 for the record); an array or map at `MAX_DEPTH` or deeper is refused, as
/// Java's `AnyW` refuses it.
pub(super) fn encode(t: &mut Tape, out: &mut Vec<u8>, depth: usize) -> Result<(), RecordError> {
    let at = t.pos;
    let tag = i32::from(t.u8()?);
    if tag == 0 {
        out.extend_from_slice(&[0; MIN_BODY]);
        return Ok(());
    }
    let Some(field) = FIELDS.iter().position(|&k| k == tag) else {
        return Err(RecordError::tape(format!("schemaless tag {tag}"), at));
    };
    if matches!(tag, ops::ARRAY | ops::MAP) && depth >= MAX_DEPTH {
        return Err(too_deep_value());
    }
    out.resize(out.len() + field, 0);
    out.push(2); // union branch 1: the value
    match tag {
        ops::BOOLEAN => {
            let at = t.pos;
            match t.u8()? {
                b @ (0 | 1) => out.push(b),
                b => return Err(RecordError::tape(format!("boolean byte {b}"), at)),
            }
        }
        ops::INT32 => write_int(out, t.i32()?),
        ops::INT64 => write_long(out, t.i64()?),
        ops::FLOAT32 => out.extend_from_slice(t.take(4)?),
        ops::FLOAT64 => out.extend_from_slice(t.take(8)?),
        ops::STRING | ops::BYTES => write_bytes(out, t.bytes()?),
        ops::ARRAY => {
            let count = t.count(1)?;
            write_long(out, count as i64);
            for _ in 0..count {
                encode(t, out, depth + 1)?;
            }
            if count > 0 {
                out.push(0);
            }
        }
        _ => {
            let count = t.count(2)?;
            write_long(out, count as i64);
            for _ in 0..count {
                encode(t, out, depth + 1)?;
                encode(t, out, depth + 1)?;
            }
            if count > 0 {
                out.push(0);
            }
        }
    }
    out.resize(out.len() + FIELDS.len() - 1 - field, 0);
    Ok(())
}

#[inline]
fn span(at: usize, len: usize) -> i64 {
    ((at as i64) << 32) | len as i64
}

/// Reads an `Anything` record into tagged slots: the first non-null field's value; later ones are parsed and
/// dropped, as Java ignores them.
pub(super) fn decode(r: &mut Reader, out: &mut Slots, depth: usize) -> Result<(), DecodeError> {
    if depth > MAX_DEPTH {
        return r.err(K::TooDeep(MAX_DEPTH), r.pos);
    }
    let mut chosen = false;
    for tag in FIELDS {
        let at = r.pos;
        match r.long()? {
            0 => continue,
            1 => {}
            b => return r.err(K::UnionIndex { index: b, branches: 2 }, at),
        }
        if chosen {
            value(tag, r, &mut Slots::new(&mut []), depth)?;
        } else {
            chosen = true;
            out.push(i64::from(tag));
            value(tag, r, out, depth)?;
        }
    }
    if !chosen {
        out.push(0);
    }
    Ok(())
}

fn value(tag: i32, r: &mut Reader, out: &mut Slots, depth: usize) -> Result<(), DecodeError> {
    match tag {
        ops::BOOLEAN => out.push(r.boolean()? as i64),
        ops::INT32 => out.push(i64::from(r.int()?)),
        ops::INT64 => out.push(r.long()?),
        ops::FLOAT32 => out.push(i64::from(r.float()?.to_bits())),
        ops::FLOAT64 => out.push(r.double()?.to_bits() as i64),
        ops::STRING | ops::BYTES => {
            let b = r.bytes()?;
            out.push(span(r.pos - b.len(), b.len()));
        }
        _ => {
            let entry = tag == ops::MAP;
            let count_at = out.used();
            out.push(0);
            let mut total = 0i64;
            loop {
                let n = r.block(if entry { 2 * MIN_BODY } else { MIN_BODY })?;
                if n == 0 {
                    break;
                }
                total += n as i64;
                for _ in 0..n {
                    decode(r, out, depth + 1)?;
                    if entry {
                        decode(r, out, depth + 1)?;
                    }
                }
            }
            out.set(count_at, total);
        }
    }
    Ok(())
}
