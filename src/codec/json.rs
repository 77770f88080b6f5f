//! Avro's JSON encoding of a [`Value`] (the spec's "JSON Encoding": a union as `{"branch type": value}` or
//! `null`, bytes and fixed as strings of ISO-8859-1 code points), and field defaults (the spec's default
//! encoding: a union's default is a bare value of its first branch).
//!
//! Logical types read from JSON become their logical [`Value`] variants; they are written as their underlying type,
//! as Java's `GenericDatumWriter` with a `JsonEncoder` does.

use serde_json::{Map, Number, Value as JsonValue};

use super::error::JsonError;
use crate::schema::{Kind, LogicalType, NodeId, Schema};
use crate::value::{Decimal, Value};

const MAX_DEPTH: usize = 256;

/// Avro JSON -> [`Value`] for `schema`.
pub fn from_json(schema: &Schema, json: &JsonValue) -> Result<Value, JsonError> {
    read(schema, schema.root(), json, false, 0)
}

/// [`Value`] -> Avro JSON for `schema`.
pub fn to_json(schema: &Schema, value: &Value) -> Result<JsonValue, JsonError> {
    write(schema, schema.root(), value, 0)
}

/// A field default (as written in a schema) -> [`Value`] for the field's type.
pub(crate) fn default_value(schema: &Schema, node: NodeId, json: &JsonValue) -> Result<Value, JsonError> {
    read(schema, node, json, true, 0)
}

fn expected<T>(what: &str, json: &JsonValue) -> Result<T, JsonError> {
    let mut shown = json.to_string();
    if shown.len() > 40 {
        let mut end = 40;
        while !shown.is_char_boundary(end) {
            end -= 1;
        }
        shown.truncate(end);
        shown.push_str("...");
    }
    Err(JsonError::new(format!("expected {what}, got {shown}")))
}

fn latin1(s: &str) -> Result<Vec<u8>, JsonError> {
    s.chars()
        .map(|c| u8::try_from(c as u32).map_err(|_| JsonError::new(format!("character {c:?} is not ISO-8859-1"))))
        .collect()
}

fn float(json: &JsonValue) -> Option<f64> {
    match json {
        JsonValue::Number(n) => n.as_f64(),
        JsonValue::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// The name a union branch is labelled with in Avro JSON (Java's `Schema.getFullName()`).
pub(crate) fn branch_label(schema: &Schema, node: NodeId) -> &str {
    let n = schema.node(node);
    match n.name() {
        Some(name) => name.full_name(),
        None => n.type_name(),
    }
}

fn read(schema: &Schema, id: NodeId, json: &JsonValue, default: bool, depth: usize) -> Result<Value, JsonError> {
    if depth > MAX_DEPTH {
        return Err(JsonError::new(format!("nesting deeper than {MAX_DEPTH} levels")));
    }
    let node = schema.node(id);
    let logical = node.logical;
    Ok(match &node.kind {
        Kind::Null => match json {
            JsonValue::Null => Value::Null,
            _ => return expected("null", json),
        },
        Kind::Boolean => match json {
            JsonValue::Bool(b) => Value::Boolean(*b),
            _ => return expected("boolean", json),
        },
        Kind::Int => {
            let Some(v) = json.as_i64().and_then(|v| i32::try_from(v).ok()) else {
                return expected("int", json);
            };
            match logical {
                Some(LogicalType::Date) => Value::Date(v),
                Some(LogicalType::TimeMillis) => Value::TimeMillis(v),
                _ => Value::Int(v),
            }
        }
        Kind::Long => {
            let Some(v) = json.as_i64() else {
                return expected("long", json);
            };
            match logical {
                Some(LogicalType::TimeMicros) => Value::TimeMicros(v),
                Some(LogicalType::TimestampMillis) => Value::TimestampMillis(v),
                Some(LogicalType::TimestampMicros) => Value::TimestampMicros(v),
                Some(LogicalType::LocalTimestampMillis) => Value::LocalTimestampMillis(v),
                Some(LogicalType::LocalTimestampMicros) => Value::LocalTimestampMicros(v),
                _ => Value::Long(v),
            }
        }
        Kind::Float => match float(json) {
            Some(v) => Value::Float(v as f32),
            None => return expected("float", json),
        },
        Kind::Double => match float(json) {
            Some(v) => Value::Double(v),
            None => return expected("double", json),
        },
        Kind::Bytes => {
            let Some(s) = json.as_str() else {
                return expected("bytes as a string", json);
            };
            let b = latin1(s)?;
            match logical {
                Some(LogicalType::Decimal { scale, .. }) => Value::Decimal(Decimal { unscaled: b, scale }),
                _ => Value::Bytes(b),
            }
        }
        Kind::String => {
            let Some(s) = json.as_str() else {
                return expected("string", json);
            };
            match logical {
                Some(LogicalType::Uuid) => Value::Uuid(s.to_owned()),
                _ => Value::String(s.to_owned()),
            }
        }
        Kind::Fixed(f) => {
            let Some(s) = json.as_str() else {
                return expected("fixed as a string", json);
            };
            let b = latin1(s)?;
            if b.len() != f.size {
                return Err(JsonError::new(format!(
                    "fixed {} needs {} bytes, got {}",
                    f.name.full_name(),
                    f.size,
                    b.len()
                )));
            }
            fixed_value(b, logical)
        }
        Kind::Enum(e) => {
            let Some(s) = json.as_str() else {
                return expected("enum symbol", json);
            };
            match e.symbols.iter().position(|x| x == s) {
                Some(i) => Value::Enum(i as u32, s.to_owned()),
                None => return Err(JsonError::new(format!("{s:?} is not a symbol of {}", e.name.full_name()))),
            }
        }
        Kind::Array(items) => {
            let Some(a) = json.as_array() else {
                return expected("array", json);
            };
            Value::Array(a.iter().map(|v| read(schema, *items, v, default, depth + 1)).collect::<Result<_, _>>()?)
        }
        Kind::Map(values) => {
            let Some(m) = json.as_object() else {
                return expected("map as an object", json);
            };
            Value::Map(
                m.iter()
                    .map(|(k, v)| Ok((k.clone(), read(schema, *values, v, default, depth + 1)?)))
                    .collect::<Result<_, JsonError>>()?,
            )
        }
        Kind::Record(r) => {
            let Some(m) = json.as_object() else {
                return expected("record as an object", json);
            };
            let mut fields = Vec::with_capacity(r.fields.len());
            for f in &r.fields {
                let v = match m.get(&f.name) {
                    Some(v) => read(schema, f.schema, v, default, depth + 1),
                    None => match &f.default {
                        Some(d) => read(schema, f.schema, d, true, depth + 1),
                        None => Err(JsonError::new("missing field without a default")),
                    },
                };
                fields.push(v.map_err(|e| e.in_field(&f.name))?);
            }
            Value::Record(fields)
        }
        Kind::Union(branches) => {
            if default {
                let Some(&first) = branches.first() else {
                    return Err(JsonError::new("empty union"));
                };
                return Ok(Value::Union(0, Box::new(read(schema, first, json, true, depth + 1)?)));
            }
            if json.is_null() {
                return match branches.iter().position(|b| matches!(schema.node(*b).kind, Kind::Null)) {
                    Some(i) => Ok(Value::Union(i as u32, Box::new(Value::Null))),
                    None => expected("a union branch object", json),
                };
            }
            let Some((label, inner)) = json.as_object().filter(|m| m.len() == 1).and_then(|m| m.iter().next()) else {
                return expected("a union as {\"type\": value}", json);
            };
            let Some(i) = branches.iter().position(|b| branch_label(schema, *b) == label) else {
                return Err(JsonError::new(format!("no union branch named {label:?}")));
            };
            Value::Union(i as u32, Box::new(read(schema, branches[i], inner, false, depth + 1)?))
        }
    })
}

fn fixed_value(b: Vec<u8>, logical: Option<LogicalType>) -> Value {
    match logical {
        Some(LogicalType::Decimal { scale, .. }) => Value::Decimal(Decimal { unscaled: b, scale }),
        Some(LogicalType::Duration) if b.len() == 12 => {
            let u = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
            Value::Duration { months: u(0), days: u(4), millis: u(8) }
        }
        _ => Value::Fixed(b),
    }
}

fn latin1_string(b: &[u8]) -> JsonValue {
    JsonValue::String(b.iter().map(|&c| c as char).collect())
}

fn float_json(v: f64, shortest: String) -> JsonValue {
    if v.is_nan() {
        JsonValue::String("NaN".into())
    } else if v.is_infinite() {
        JsonValue::String(if v > 0.0 { "Infinity" } else { "-Infinity" }.into())
    } else {
        // Via the shortest text of the value's own width, so that a float prints as 1.1, not 1.100000023841858.
        let v = shortest.parse::<f64>().unwrap_or(v);
        Number::from_f64(v).map_or(JsonValue::Null, JsonValue::Number)
    }
}

fn mismatch<T>(schema: &Schema, id: NodeId, v: &Value) -> Result<T, JsonError> {
    Err(JsonError::new(format!("a {} value does not fit {}", v.kind_name(), schema.node(id).type_name())))
}

fn write(schema: &Schema, id: NodeId, value: &Value, depth: usize) -> Result<JsonValue, JsonError> {
    if depth > MAX_DEPTH {
        return Err(JsonError::new(format!("nesting deeper than {MAX_DEPTH} levels")));
    }
    let node = schema.node(id);
    Ok(match (&node.kind, value) {
        (Kind::Null, Value::Null) => JsonValue::Null,
        (Kind::Boolean, Value::Boolean(b)) => JsonValue::Bool(*b),
        (Kind::Int, Value::Int(v) | Value::Date(v) | Value::TimeMillis(v)) => JsonValue::from(*v),
        (
            Kind::Long,
            Value::Long(v)
            | Value::TimeMicros(v)
            | Value::TimestampMillis(v)
            | Value::TimestampMicros(v)
            | Value::LocalTimestampMillis(v)
            | Value::LocalTimestampMicros(v),
        ) => JsonValue::from(*v),
        (Kind::Float, Value::Float(v)) => float_json(*v as f64, v.to_string()),
        (Kind::Double, Value::Double(v)) => float_json(*v, v.to_string()),
        (Kind::Bytes, Value::Bytes(b) | Value::Decimal(Decimal { unscaled: b, .. })) => latin1_string(b),
        (Kind::String, Value::String(s) | Value::Uuid(s)) => JsonValue::String(s.clone()),
        (Kind::Fixed(f), Value::Fixed(b) | Value::Decimal(Decimal { unscaled: b, .. })) => {
            if b.len() != f.size {
                return Err(JsonError::new(format!("fixed of size {} given {} bytes", f.size, b.len())));
            }
            latin1_string(b)
        }
        (Kind::Fixed(_), Value::Duration { months, days, millis }) => {
            let mut b = Vec::with_capacity(12);
            for x in [months, days, millis] {
                b.extend_from_slice(&x.to_le_bytes());
            }
            latin1_string(&b)
        }
        (Kind::Enum(e), Value::Enum(i, _)) => match e.symbols.get(*i as usize) {
            Some(s) => JsonValue::String(s.clone()),
            None => return Err(JsonError::new(format!("enum index {i} out of range"))),
        },
        (Kind::Array(items), Value::Array(a)) => {
            JsonValue::Array(a.iter().map(|v| write(schema, *items, v, depth + 1)).collect::<Result<_, _>>()?)
        }
        (Kind::Map(values), Value::Map(m)) => JsonValue::Object(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), write(schema, *values, v, depth + 1)?)))
                .collect::<Result<Map<_, _>, JsonError>>()?,
        ),
        (Kind::Record(r), Value::Record(vs)) => {
            if vs.len() != r.fields.len() {
                return Err(JsonError::new(format!("record has {} fields, value has {}", r.fields.len(), vs.len())));
            }
            let mut m = Map::new();
            for (f, v) in r.fields.iter().zip(vs) {
                m.insert(f.name.clone(), write(schema, f.schema, v, depth + 1).map_err(|e| e.in_field(&f.name))?);
            }
            JsonValue::Object(m)
        }
        (Kind::Union(branches), Value::Union(i, v)) => {
            let Some(&b) = branches.get(*i as usize) else {
                return Err(JsonError::new(format!("union branch {i} out of range")));
            };
            if matches!(schema.node(b).kind, Kind::Null) {
                JsonValue::Null
            } else {
                let mut m = Map::new();
                m.insert(branch_label(schema, b).to_owned(), write(schema, b, v, depth + 1)?);
                JsonValue::Object(m)
            }
        }
        _ => return mismatch(schema, id, value),
    })
}
