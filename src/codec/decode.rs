//! Avro binary -> [`Value`] (and skipping), walking a [`DecPlan`].

use super::error::{DecodeError, DecodeErrorKind as K};
use super::resolve::{DEnum, DOp, DRecord, DecPlan, Step};
use super::wire::Reader;
use crate::schema::LogicalType;
use crate::value::{Decimal, Value};

/// Deepest nesting of records, arrays, maps and unions accepted in a body.
pub const MAX_DEPTH: usize = 128;

type Lt = Option<LogicalType>;

#[inline]
pub(crate) fn int_value(v: i32, lt: Lt) -> Value {
    match lt {
        Some(LogicalType::Date) => Value::Date(v),
        Some(LogicalType::TimeMillis) => Value::TimeMillis(v),
        _ => Value::Int(v),
    }
}

#[inline]
pub(crate) fn long_value(v: i64, lt: Lt) -> Value {
    match lt {
        Some(LogicalType::TimeMicros) => Value::TimeMicros(v),
        Some(LogicalType::TimestampMillis) => Value::TimestampMillis(v),
        Some(LogicalType::TimestampMicros) => Value::TimestampMicros(v),
        Some(LogicalType::LocalTimestampMillis) => Value::LocalTimestampMillis(v),
        Some(LogicalType::LocalTimestampMicros) => Value::LocalTimestampMicros(v),
        _ => Value::Long(v),
    }
}

fn bytes_value(b: &[u8], lt: Lt) -> Value {
    match lt {
        Some(LogicalType::Decimal { scale, .. }) => Value::Decimal(Decimal { unscaled: b.to_vec(), scale }),
        _ => Value::Bytes(b.to_vec()),
    }
}

fn string_value(s: &str, lt: Lt) -> Value {
    match lt {
        Some(LogicalType::Uuid) => Value::Uuid(s.to_owned()),
        _ => Value::String(s.to_owned()),
    }
}

fn fixed_value(b: &[u8], lt: Lt) -> Value {
    match lt {
        Some(LogicalType::Decimal { scale, .. }) => Value::Decimal(Decimal { unscaled: b.to_vec(), scale }),
        Some(LogicalType::Duration) if b.len() == 12 => {
            let u = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
            Value::Duration { months: u(0), days: u(4), millis: u(8) }
        }
        _ => Value::Fixed(b.to_vec()),
    }
}

/// The reader's symbol index for a writer enum index.
#[inline]
pub(crate) fn enum_index(rd: &mut Reader<'_>, e: &DEnum) -> Result<u32, DecodeError> {
    let start = rd.pos;
    let i = rd.int()?;
    match e.map.get(i as usize) {
        Some(&j) if i >= 0 && j != u32::MAX => Ok(j),
        Some(_) if i >= 0 => rd.err(K::Resolution(format!("No match for {}", e.writer_symbols[i as usize])), start),
        _ => rd.err(K::EnumIndex { index: i as i64, symbols: e.map.len() }, start),
    }
}

/// The op of the writer union branch whose index comes next.
#[inline]
pub(crate) fn union_branch(rd: &mut Reader<'_>, branches: &[u32]) -> Result<u32, DecodeError> {
    let start = rd.pos;
    let i = rd.int()?;
    match branches.get(i as usize) {
        Some(&op) if i >= 0 => Ok(op),
        _ => rd.err(K::UnionIndex { index: i as i64, branches: branches.len() }, start),
    }
}

pub(crate) fn decode_value(plan: &DecPlan, op: u32, rd: &mut Reader<'_>, depth: usize) -> Result<Value, DecodeError> {
    Ok(match plan.op(op) {
        DOp::Null => Value::Null,
        DOp::Boolean => Value::Boolean(rd.boolean()?),
        DOp::Int(lt) => int_value(rd.int()?, *lt),
        DOp::Long(lt) => long_value(rd.long()?, *lt),
        DOp::Float => Value::Float(rd.float()?),
        DOp::Double => Value::Double(rd.double()?),
        DOp::Bytes(lt) | DOp::StringToBytes(lt) => bytes_value(rd.bytes()?, *lt),
        DOp::String(lt) => string_value(rd.str()?, *lt),
        DOp::BytesToString(lt) => string_value(rd.str()?, *lt),
        DOp::IntToLong(lt) => long_value(rd.int()? as i64, *lt),
        DOp::IntToFloat => Value::Float(rd.int()? as f32),
        DOp::IntToDouble => Value::Double(rd.int()? as f64),
        DOp::LongToFloat => Value::Float(rd.long()? as f32),
        DOp::LongToDouble => Value::Double(rd.long()? as f64),
        DOp::FloatToDouble => Value::Double(rd.float()? as f64),
        DOp::Fixed(n, lt) => fixed_value(rd.take(*n)?, *lt),
        DOp::Enum(e) => {
            let j = enum_index(rd, e)?;
            Value::Enum(j, e.reader_symbols[j as usize].to_string())
        }
        DOp::Array(item) => array(plan, *item, rd, depth)?,
        DOp::Map(item) => map(plan, *item, rd, depth)?,
        DOp::Record(r) => record(plan, r, rd, depth)?,
        DOp::WriterUnion(branches, _) => {
            let depth = deeper(rd, depth)?;
            let b = union_branch(rd, plan.branches(*branches))?;
            decode_value(plan, b, rd, depth)?
        }
        DOp::ReaderUnion { branch, op } => Value::Union(*branch, Box::new(decode_value(plan, *op, rd, depth)?)),
        DOp::Error(m) => return rd.err(K::Resolution(m.to_string()), rd.pos),
    })
}

// Containers live in their own functions so that `decode_value`'s frame stays small: nesting depth costs stack.
#[inline(never)]
fn array(plan: &DecPlan, item: u32, rd: &mut Reader<'_>, depth: usize) -> Result<Value, DecodeError> {
    let depth = deeper(rd, depth)?;
    let items = blocks(rd, plan.min_size[item as usize], |rd| decode_value(plan, item, rd, depth))?;
    Ok(Value::Array(items))
}

#[inline(never)]
fn map(plan: &DecPlan, item: u32, rd: &mut Reader<'_>, depth: usize) -> Result<Value, DecodeError> {
    let depth = deeper(rd, depth)?;
    let entries = blocks(rd, plan.min_size[item as usize].saturating_add(1), |rd| {
        let key = rd.str()?.to_owned();
        Ok((key, decode_value(plan, item, rd, depth)?))
    })?;
    Ok(Value::Map(entries))
}

/// Reads the blocks of an array or map (each item at least `min` bytes), one `item` call per item.
#[inline]
fn blocks<T>(
    rd: &mut Reader<'_>,
    min: usize,
    mut item: impl FnMut(&mut Reader<'_>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let mut out = Vec::new();
    loop {
        let n = rd.block(min)?;
        if n == 0 {
            return Ok(out);
        }
        out.reserve(n);
        for _ in 0..n {
            out.push(item(rd)?);
        }
    }
}

// Containers live in their own functions so that `decode_value`'s frame stays small: nesting depth costs stack.
#[inline(never)]
fn record(plan: &DecPlan, r: &DRecord, rd: &mut Reader<'_>, depth: usize) -> Result<Value, DecodeError> {
    let depth = deeper(rd, depth)?;
    if r.in_order {
        let mut out = Vec::with_capacity(r.fields.len());
        for s in r.steps.iter() {
            match *s {
                Step::Read { pos, op } => out.push(field(plan, op, rd, depth, &r.fields[pos as usize])?),
                Step::Skip(op) => skip(plan, op, rd, depth)?,
            }
        }
        out.extend(r.defaults.iter().map(|(_, v)| v.clone()));
        Ok(Value::Record(out))
    } else {
        let mut out = vec![Value::Null; r.fields.len()];
        for s in r.steps.iter() {
            match *s {
                Step::Read { pos, op } => out[pos as usize] = field(plan, op, rd, depth, &r.fields[pos as usize])?,
                Step::Skip(op) => skip(plan, op, rd, depth)?,
            }
        }
        for (pos, v) in r.defaults.iter() {
            out[*pos as usize] = v.clone();
        }
        Ok(Value::Record(out))
    }
}

#[inline]
fn field(plan: &DecPlan, op: u32, rd: &mut Reader<'_>, depth: usize, name: &str) -> Result<Value, DecodeError> {
    decode_value(plan, op, rd, depth).map_err(|e| e.in_field(name))
}

#[inline]
pub(crate) fn deeper(rd: &Reader<'_>, depth: usize) -> Result<usize, DecodeError> {
    if depth >= MAX_DEPTH {
        return rd.err(K::TooDeep(MAX_DEPTH), rd.pos);
    }
    Ok(depth + 1)
}

/// Reads past one datum without building it.
pub(crate) fn skip(plan: &DecPlan, op: u32, rd: &mut Reader<'_>, depth: usize) -> Result<(), DecodeError> {
    match plan.op(op) {
        DOp::Null => {}
        DOp::Boolean => {
            rd.boolean()?;
        }
        DOp::Int(_) | DOp::IntToLong(_) | DOp::IntToFloat | DOp::IntToDouble => {
            rd.int()?;
        }
        DOp::Long(_) | DOp::LongToFloat | DOp::LongToDouble => {
            rd.long()?;
        }
        DOp::Float | DOp::FloatToDouble => {
            rd.take(4)?;
        }
        DOp::Double => {
            rd.take(8)?;
        }
        // Skipped strings are still checked for UTF-8 (Java doesn't): a malformed body is rejected whatever the
        // reader keeps.
        DOp::String(_) | DOp::StringToBytes(_) => {
            rd.str()?;
        }
        DOp::Bytes(_) | DOp::BytesToString(_) => {
            rd.bytes()?;
        }
        DOp::Fixed(n, _) => {
            rd.take(*n)?;
        }
        DOp::Enum(e) => {
            enum_index(rd, e)?;
        }
        DOp::Array(item) | DOp::Map(item) => {
            let is_map = matches!(plan.op(op), DOp::Map(_));
            let depth = deeper(rd, depth)?;
            let min = plan.min_size[*item as usize] + is_map as usize;
            loop {
                let n = rd.block(min)?;
                if n == 0 {
                    break;
                }
                for _ in 0..n {
                    if is_map {
                        rd.bytes()?;
                    }
                    skip(plan, *item, rd, depth)?;
                }
            }
        }
        DOp::Record(r) => {
            let depth = deeper(rd, depth)?;
            for s in r.steps.iter() {
                match *s {
                    Step::Read { op, .. } | Step::Skip(op) => skip(plan, op, rd, depth)?,
                }
            }
        }
        DOp::WriterUnion(branches, _) => {
            let depth = deeper(rd, depth)?;
            let b = union_branch(rd, plan.branches(*branches))?;
            skip(plan, b, rd, depth)?;
        }
        DOp::ReaderUnion { op, .. } => skip(plan, *op, rd, depth)?,
        DOp::Error(m) => return rd.err(K::Resolution(m.to_string()), rd.pos),
    }
    Ok(())
}
