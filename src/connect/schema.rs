//! A Kafka Connect schema as Java sends it to the core: the compact JSON description (see the module docs of
//! [`crate::connect`] for the format) and its Rust model.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value as JsonValue;

use super::ConnectError;

/// `org.apache.kafka.connect.data.Schema.Type`, written in the description as Connect's own lower-case names.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConnectType {
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Boolean,
    String,
    Bytes,
    Array,
    Map,
    Struct,
}

impl ConnectType {
    /// The name Connect prints (`Schema.Type.getName()`).
    pub fn name(self) -> &'static str {
        match self {
            ConnectType::Int8 => "int8",
            ConnectType::Int16 => "int16",
            ConnectType::Int32 => "int32",
            ConnectType::Int64 => "int64",
            ConnectType::Float32 => "float32",
            ConnectType::Float64 => "float64",
            ConnectType::Boolean => "boolean",
            ConnectType::String => "string",
            ConnectType::Bytes => "bytes",
            ConnectType::Array => "array",
            ConnectType::Map => "map",
            ConnectType::Struct => "struct",
        }
    }
}

/// A Connect schema (`ConnectSchema`): what `SchemaBuilder` builds.
///
/// Equality is Connect's `ConnectSchema.equals`, except that map default values compare as sets of entries
/// (Java compares `Map`s without regard to order; the description keeps an order).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectSchema {
    #[serde(rename = "type")]
    pub ty: ConnectType,
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// `None` and an empty map differ in Connect (and in what AvroData does with them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<IndexMap<String, String>>,
    /// The default value in its JSON form (see the value encoding in the module docs). JSON `null` is no default,
    /// as in Connect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<JsonValue>,
    /// Fields of a struct, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<ConnectField>,
    /// Key schema of a map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Box<ConnectSchema>>,
    /// Value schema of a map or element schema of an array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Box<ConnectSchema>>,
}

/// A struct field: its name and schema (its index is its position).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectField {
    pub name: String,
    pub schema: ConnectSchema,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl PartialEq for ConnectSchema {
    fn eq(&self, other: &Self) -> bool {
        self.ty == other.ty
            && self.optional == other.optional
            && self.name == other.name
            && self.version == other.version
            && self.doc == other.doc
            && params_eq(&self.parameters, &other.parameters)
            && match (&self.default, &other.default) {
                (None, None) => true,
                (Some(a), Some(b)) => value_eq(self, a, b),
                _ => false,
            }
            && self.fields == other.fields
            && self.key == other.key
            && self.value == other.value
    }
}

/// Java compares parameter maps as maps (order does not matter).
fn params_eq(a: &Option<IndexMap<String, String>>, b: &Option<IndexMap<String, String>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.len() == b.len() && a.iter().all(|(k, v)| b.get(k) == Some(v)),
        _ => false,
    }
}

/// Equality of two default values of `schema`: maps are compared without regard to entry order.
fn value_eq(schema: &ConnectSchema, a: &JsonValue, b: &JsonValue) -> bool {
    match (schema.ty, a, b) {
        (ConnectType::Map, JsonValue::Array(x), JsonValue::Array(y)) => match (&schema.key, &schema.value) {
            (Some(k), Some(v)) => {
                let entry_eq = |a: &JsonValue, b: &JsonValue| match (a.as_array(), b.as_array()) {
                    (Some(a), Some(b)) if a.len() == 2 && b.len() == 2 => {
                        value_eq(k, &a[0], &b[0]) && value_eq(v, &a[1], &b[1])
                    }
                    _ => a == b,
                };
                x.len() == y.len()
                    && x.iter().all(|e| y.iter().any(|f| entry_eq(e, f)))
                    && y.iter().all(|f| x.iter().any(|e| entry_eq(e, f)))
            }
            _ => x == y,
        },
        (ConnectType::Array, JsonValue::Array(x), JsonValue::Array(y)) => match &schema.value {
            Some(items) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| value_eq(items, a, b)),
            None => x == y,
        },
        (ConnectType::Struct, JsonValue::Object(x), JsonValue::Object(y)) => {
            schema.fields.iter().all(|f| match (x.get(&f.name), y.get(&f.name)) {
                (None | Some(JsonValue::Null), None | Some(JsonValue::Null)) => true,
                (Some(a), Some(b)) => value_eq(&f.schema, a, b),
                _ => false,
            })
        }
        _ => a == b,
    }
}

impl ConnectSchema {
    /// A schema of this type with nothing else set.
    pub fn new(ty: ConnectType) -> Self {
        ConnectSchema {
            ty,
            optional: false,
            name: None,
            version: None,
            doc: None,
            parameters: None,
            default: None,
            fields: Vec::new(),
            key: None,
            value: None,
        }
    }

    /// Reads a description.
    pub fn from_json(text: &str) -> Result<Self, ConnectError> {
        let schema: ConnectSchema =
            serde_json::from_str(text).map_err(|e| ConnectError::InvalidDescription(e.to_string()))?;
        schema.validate()?;
        Ok(schema)
    }

    /// Writes the description.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a description always serialises")
    }

    /// A parameter's value.
    pub fn parameter(&self, key: &str) -> Option<&str> {
        self.parameters.as_ref().and_then(|p| p.get(key)).map(String::as_str)
    }

    /// The same schema, required (AvroData's `nonOptional`).
    pub fn non_optional(&self) -> ConnectSchema {
        ConnectSchema { optional: false, ..self.clone() }
    }

    /// Checks what `SchemaBuilder` would: structs have no key/value, arrays an element schema, maps a key and a
    /// value schema, and a default value that fits the schema.
    pub fn validate(&self) -> Result<(), ConnectError> {
        let bad = |m: &str| Err(ConnectError::InvalidDescription(m.to_owned()));
        match self.ty {
            ConnectType::Array if self.value.is_none() || self.key.is_some() => {
                return bad("an array needs a \"value\" schema and no \"key\"")
            }
            ConnectType::Map if self.value.is_none() || self.key.is_none() => {
                return bad("a map needs \"key\" and \"value\" schemas")
            }
            ConnectType::Array | ConnectType::Map => {}
            _ if self.value.is_some() || self.key.is_some() => {
                return bad("only maps and arrays have \"key\"/\"value\" schemas")
            }
            _ => {}
        }
        if self.ty != ConnectType::Struct && !self.fields.is_empty() {
            return bad("only structs have fields");
        }
        for (i, f) in self.fields.iter().enumerate() {
            if self.fields[..i].iter().any(|g| g.name == f.name) {
                return Err(ConnectError::InvalidDescription(format!("duplicate field {:?}", f.name)));
            }
            f.schema.validate()?;
        }
        if let Some(k) = &self.key {
            k.validate()?;
        }
        if let Some(v) = &self.value {
            v.validate()?;
        }
        if let Some(d) = &self.default {
            check_value(self, d, true)?;
        }
        Ok(())
    }

    pub(crate) fn logical(&self) -> Option<ConnectLogical> {
        match self.name.as_deref()? {
            DECIMAL => Some(ConnectLogical::Decimal),
            DATE => Some(ConnectLogical::Date),
            TIME => Some(ConnectLogical::Time),
            TIMESTAMP => Some(ConnectLogical::Timestamp),
            _ => None,
        }
    }
}

pub(crate) const DECIMAL: &str = "org.apache.kafka.connect.data.Decimal";
pub(crate) const DATE: &str = "org.apache.kafka.connect.data.Date";
pub(crate) const TIME: &str = "org.apache.kafka.connect.data.Time";
pub(crate) const TIMESTAMP: &str = "org.apache.kafka.connect.data.Timestamp";

/// Connect's logical types (exact names, as `ConnectSchema.validateValue` matches them).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum ConnectLogical {
    Decimal,
    Date,
    Time,
    Timestamp,
}

/// Whether `v` is a valid value of `schema` (`ConnectSchema.validateValue`); `top` allows struct defaults to
/// leave optional fields out.
pub(crate) fn check_value(schema: &ConnectSchema, v: &JsonValue, top: bool) -> Result<(), ConnectError> {
    let fail = || {
        Err(ConnectError::InvalidDescription(format!(
            "default value {v} does not fit a {} schema",
            schema.ty.name()
        )))
    };
    if v.is_null() {
        return if schema.optional || top { Ok(()) } else { fail() };
    }
    let ok = match schema.logical() {
        Some(ConnectLogical::Decimal) => v.as_str().is_some_and(|s| super::decimal::parse_decimal(s).is_some()),
        Some(ConnectLogical::Date | ConnectLogical::Time | ConnectLogical::Timestamp) => v.is_i64(),
        None => match schema.ty {
            ConnectType::Int8 => v.as_i64().is_some_and(|n| i8::try_from(n).is_ok()),
            ConnectType::Int16 => v.as_i64().is_some_and(|n| i16::try_from(n).is_ok()),
            ConnectType::Int32 => v.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            ConnectType::Int64 => v.is_i64(),
            ConnectType::Float32 | ConnectType::Float64 => v.is_number(),
            ConnectType::Boolean => v.is_boolean(),
            ConnectType::String => v.is_string(),
            ConnectType::Bytes => v.as_str().is_some_and(|s| s.chars().all(|c| (c as u32) < 256)),
            ConnectType::Array => match (v.as_array(), &schema.value) {
                (Some(items), Some(s)) => {
                    for item in items {
                        check_value(s, item, false)?;
                    }
                    true
                }
                _ => false,
            },
            ConnectType::Map => match (v.as_array(), &schema.key, &schema.value) {
                (Some(entries), Some(k), Some(val)) => {
                    for e in entries {
                        match e.as_array().map(Vec::as_slice) {
                            Some([ek, ev]) => {
                                check_value(k, ek, false)?;
                                check_value(val, ev, false)?;
                            }
                            _ => return fail(),
                        }
                    }
                    true
                }
                _ => false,
            },
            ConnectType::Struct => match v.as_object() {
                Some(obj) => {
                    if obj.keys().any(|k| !schema.fields.iter().any(|f| &f.name == k)) {
                        return fail();
                    }
                    for f in &schema.fields {
                        if let Some(fv) = obj.get(&f.name) {
                            check_value(&f.schema, fv, false)?;
                        }
                    }
                    true
                }
                None => false,
            },
        },
    };
    if ok {
        Ok(())
    } else {
        fail()
    }
}
