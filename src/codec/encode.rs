//! [`Value`] -> Avro binary, walking an [`EncPlan`].

use super::error::{EncodeError, EncodeErrorKind as K};
use super::plan::{EOp, EncPlan};
use super::wire::{write_bytes, write_int, write_long};
use crate::value::{Decimal, Value};

pub(crate) const MAX_DEPTH: usize = 128;

pub(crate) fn encode_value(
    plan: &EncPlan,
    op: u32,
    v: &Value,
    out: &mut Vec<u8>,
    depth: usize,
) -> Result<(), EncodeError> {
    if depth > MAX_DEPTH {
        return Err(EncodeError::new(K::TooDeep(MAX_DEPTH)));
    }
    match (plan.op(op), v) {
        (EOp::Null, Value::Null) => {}
        (EOp::Boolean, Value::Boolean(b)) => out.push(*b as u8),
        (EOp::Int, Value::Int(i) | Value::Date(i) | Value::TimeMillis(i)) => write_int(out, *i),
        (EOp::Long, Value::Int(i) | Value::Date(i) | Value::TimeMillis(i)) => write_long(out, *i as i64),
        (
            EOp::Long,
            Value::Long(i)
            | Value::TimeMicros(i)
            | Value::TimestampMillis(i)
            | Value::TimestampMicros(i)
            | Value::LocalTimestampMillis(i)
            | Value::LocalTimestampMicros(i),
        ) => write_long(out, *i),
        (EOp::Float, Value::Float(f)) => out.extend_from_slice(&f.to_le_bytes()),
        (EOp::Double, Value::Double(f)) => out.extend_from_slice(&f.to_le_bytes()),
        (EOp::Double, Value::Float(f)) => out.extend_from_slice(&(*f as f64).to_le_bytes()),
        (EOp::Bytes, Value::Bytes(b) | Value::Decimal(Decimal { unscaled: b, .. })) => write_bytes(out, b),
        (EOp::String, Value::String(s) | Value::Uuid(s)) => write_bytes(out, s.as_bytes()),
        (EOp::Fixed(size), Value::Fixed(b)) => {
            if b.len() != *size {
                return Err(EncodeError::new(K::FixedSize { expected: *size, got: b.len() }));
            }
            out.extend_from_slice(b);
        }
        (EOp::Fixed(size), Value::Decimal(d)) => write_fixed_decimal(out, *size, &d.unscaled)?,
        (EOp::Fixed(12), Value::Duration { months, days, millis }) => {
            for x in [months, days, millis] {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        (EOp::Enum(symbols), Value::Enum(i, _)) => {
            if *i as usize >= symbols.len() {
                return Err(EncodeError::new(K::EnumIndex(*i)));
            }
            write_int(out, *i as i32);
        }
        (EOp::Enum(symbols), Value::String(s)) => match symbols.iter().position(|x| **x == **s) {
            Some(i) => write_int(out, i as i32),
            None => return Err(EncodeError::new(K::UnknownSymbol(s.clone()))),
        },
        (EOp::Array(items), Value::Array(a)) => {
            if !a.is_empty() {
                write_long(out, a.len() as i64);
                for v in a {
                    encode_value(plan, *items, v, out, depth + 1)?;
                }
            }
            out.push(0);
        }
        (EOp::Map(values), Value::Map(m)) => {
            if !m.is_empty() {
                write_long(out, m.len() as i64);
                for (k, v) in m {
                    write_bytes(out, k.as_bytes());
                    encode_value(plan, *values, v, out, depth + 1)?;
                }
            }
            out.push(0);
        }
        (EOp::Record(r), Value::Record(vs)) => {
            if vs.len() != r.fields.len() {
                return Err(EncodeError::new(K::FieldCount { expected: r.fields.len(), got: vs.len() }));
            }
            for (f, v) in r.fields.iter().zip(vs) {
                encode_value(plan, f.op, v, out, depth + 1).map_err(|e| e.in_field(&f.name))?;
            }
        }
        (EOp::Union(branches, _), Value::Union(i, v)) => {
            let Some(&b) = branches.get(*i as usize) else {
                return Err(EncodeError::new(K::UnionIndex(*i)));
            };
            write_int(out, *i as i32);
            encode_value(plan, b, v, out, depth + 1)?;
        }
        (EOp::Union(branches, _), v) => {
            // A bare value for a union: the first branch that takes it, as apache-avro and fastavro do.
            let mark = out.len();
            for (i, &b) in branches.iter().enumerate() {
                if !accepts(plan, b, v) {
                    continue;
                }
                write_int(out, i as i32);
                match encode_value(plan, b, v, out, depth + 1) {
                    Ok(()) => return Ok(()),
                    Err(_) => out.truncate(mark),
                }
            }
            return Err(EncodeError::new(K::NoBranch(v.kind_name().into())));
        }
        (_, v) => return Err(EncodeError::mismatch(plan.type_name(op), v.kind_name())),
    }
    Ok(())
}

/// Cheap pre-check of whether a bare value may fit a union branch (the encode attempt decides).
fn accepts(plan: &EncPlan, op: u32, v: &Value) -> bool {
    !matches!(
        (plan.op(op), v),
        (EOp::Null, v) if *v != Value::Null
    ) && !matches!((plan.op(op), v), (EOp::Union(..), _))
}

/// A decimal's unscaled bytes sign-extended (or trimmed of redundant sign bytes) to a fixed size.
pub(crate) fn write_fixed_decimal(out: &mut Vec<u8>, size: usize, b: &[u8]) -> Result<(), EncodeError> {
    let negative = b.first().is_some_and(|x| x & 0x80 != 0);
    let pad = if negative { 0xff } else { 0 };
    let mut s = b;
    while s.len() > size && s[0] == pad && s.get(1).is_some_and(|x| (x & 0x80 != 0) == negative) {
        s = &s[1..];
    }
    if s.len() > size {
        return Err(EncodeError::new(K::FixedSize { expected: size, got: b.len() }));
    }
    out.extend(std::iter::repeat(pad).take(size - s.len()));
    out.extend_from_slice(s);
    Ok(())
}
