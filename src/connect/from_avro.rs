//! Avro schema -> Connect schema, as Confluent 7.0.16's `AvroData.toConnectSchema` does it when a converter reads
//! a record (`toConnectData(schema, value, registryVersion)`).

use std::cell::{Cell, RefCell};

use indexmap::IndexMap;
use serde_json::{Map, Value as JsonValue};

use super::config::AvroDataConfig;
use super::decimal::plain_string;
use super::names::split_name;
use super::schema::{check_value, ConnectField, ConnectLogical, ConnectSchema, ConnectType, DATE, DECIMAL, TIME, TIMESTAMP};
use super::to_avro::*;
use super::ConnectError;
use crate::schema::{Kind, NodeId, Schema};

/// Translates a writer's Avro schema into the Connect schema Confluent's converter hands to Connect.
/// `registry_version` is the subject version the registry reports for the schema; a `connect.version` property
/// takes priority over it.
pub fn to_connect_schema(
    schema: &Schema,
    registry_version: Option<i32>,
    config: &AvroDataConfig,
) -> Result<ConnectSchema, ConnectError> {
    let reader = Reader { schema, config, in_progress: RefCell::new(Vec::new()), produced: Cell::new(0) };
    reader.convert(schema.root(), false, None, None, registry_version)
}

struct Reader<'a> {
    schema: &'a Schema,
    config: &'a AvroDataConfig,
    /// Records being converted: a record reached again inside itself is recursive.
    in_progress: RefCell<Vec<NodeId>>,
    /// Connect schemas produced so far. A named type referenced from several places becomes one Connect schema
    /// per reference (as in Java), so a small Avro schema can expand exponentially: the budget bounds that.
    produced: Cell<usize>,
}

/// Most Connect schemas one Avro schema may expand to.
const MAX_CONNECT_SCHEMAS: usize = 100_000;

fn data(message: impl Into<String>) -> ConnectError {
    ConnectError::Unsupported(message.into())
}

/// A Connect schema builder that already has a name (and version) set, as `Decimal.builder()` etc. do.
fn logical_builder(ty: ConnectType, name: &str) -> ConnectSchema {
    ConnectSchema { name: Some(name.to_owned()), version: Some(1), ..ConnectSchema::new(ty) }
}

fn set_param(s: &mut ConnectSchema, key: String, value: String) {
    s.parameters.get_or_insert_with(IndexMap::new).insert(key, value);
}

impl Reader<'_> {
    fn convert(
        &self,
        id: NodeId,
        force_optional: bool,
        field_default: Option<&JsonValue>,
        doc_default: Option<&str>,
        version: Option<i32>,
    ) -> Result<ConnectSchema, ConnectError> {
        let node = self.schema.node(id);
        self.produced.set(self.produced.get() + 1);
        if self.produced.get() > MAX_CONNECT_SCHEMAS {
            return Err(data(format!("the schema expands to more than {MAX_CONNECT_SCHEMAS} Connect schemas")));
        }
        if matches!(node.kind, Kind::Record(_)) {
            if self.in_progress.borrow().contains(&id) {
                // Java builds a cyclic Connect schema here; a tree of ConnectSchema values cannot hold one.
                let name = node.name().map_or("", |n| n.full_name());
                return Err(data(format!("recursive schema {name}: cyclic Connect schemas are not supported")));
            }
            self.in_progress.borrow_mut().push(id);
            let out = self.convert_node(id, force_optional, field_default, doc_default, version);
            self.in_progress.borrow_mut().pop();
            return out;
        }
        self.convert_node(id, force_optional, field_default, doc_default, version)
    }

    fn convert_node(
        &self,
        id: NodeId,
        force_optional: bool,
        field_default: Option<&JsonValue>,
        doc_default: Option<&str>,
        version: Option<i32>,
    ) -> Result<ConnectSchema, ConnectError> {
        let node = self.schema.node(id);
        let props = &node.props;
        let connect_type = props.get_str("connect.type");
        let logical = props.get_str("logicalType");
        let is = |want: &str| logical.is_some_and(|l| l.eq_ignore_ascii_case(want));
        let meta = self.config.connect_meta_data;
        let discard = self.config.discard_type_doc_default;
        let mut b = match &node.kind {
            Kind::Boolean => ConnectSchema::new(ConnectType::Boolean),
            Kind::Bytes | Kind::Fixed(_) => {
                let mut b = if is("decimal") {
                    let scale = props.get("scale").and_then(JsonValue::as_f64).map_or(0, |s| s as i32);
                    let mut b = logical_builder(ConnectType::Bytes, DECIMAL);
                    set_param(&mut b, "scale".into(), scale.to_string());
                    if let Some(p) = props.get("precision") {
                        let p = p.as_f64().ok_or_else(|| {
                            data("precision property must be a JSON Integer. https://avro.apache.org/docs/1.9.1/spec.html#Decimal")
                        })? as i32;
                        if p != DECIMAL_PRECISION_DEFAULT {
                            set_param(&mut b, DECIMAL_PRECISION.into(), p.to_string());
                        }
                    }
                    b
                } else {
                    ConnectSchema::new(ConnectType::Bytes)
                };
                if let Kind::Fixed(f) = &node.kind {
                    set_param(&mut b, FIXED_SIZE.into(), f.size.to_string());
                }
                b
            }
            Kind::Double => ConnectSchema::new(ConnectType::Float64),
            Kind::Float => ConnectSchema::new(ConnectType::Float32),
            Kind::Int => match (connect_type, logical) {
                (None, None) => ConnectSchema::new(ConnectType::Int32),
                (_, Some(_)) if is("date") => logical_builder(ConnectType::Int32, DATE),
                (_, Some(_)) if is("time-millis") => logical_builder(ConnectType::Int32, TIME),
                (_, Some(_)) => ConnectSchema::new(ConnectType::Int32),
                (Some("int8"), None) => ConnectSchema::new(ConnectType::Int8),
                (Some("int16"), None) => ConnectSchema::new(ConnectType::Int16),
                (Some(_), None) => return Err(data("Connect type annotation for Avro int field is null")),
            },
            Kind::Long if is("timestamp-millis") => logical_builder(ConnectType::Int64, TIMESTAMP),
            Kind::Long => ConnectSchema::new(ConnectType::Int64),
            Kind::String => ConnectSchema::new(ConnectType::String),
            Kind::Array(items) => match &self.schema.node(*items).kind {
                Kind::Record(r) if self.is_map_entry(*items) => {
                    let (Some(k), Some(v)) = (r.field_position("key"), r.field_position("value")) else {
                        return Err(data(MAP_ENTRY_SHAPE));
                    };
                    if r.fields.len() != 2 {
                        return Err(data(MAP_ENTRY_SHAPE));
                    }
                    // AvroData converts key and value as schemas of their own (no version, fresh context).
                    let key = self.convert(r.fields[k].schema, false, None, None, None)?;
                    let value = self.convert(r.fields[v].schema, false, None, None, None)?;
                    ConnectSchema { key: Some(key.into()), value: Some(value.into()), ..ConnectSchema::new(ConnectType::Map) }
                }
                _ => {
                    let value = self.convert(*items, false, None, None, None)?;
                    ConnectSchema { value: Some(value.into()), ..ConnectSchema::new(ConnectType::Array) }
                }
            },
            Kind::Map(values) => {
                let value = self.convert(*values, false, None, None, None)?;
                ConnectSchema {
                    key: Some(ConnectSchema::new(ConnectType::String).into()),
                    value: Some(value.into()),
                    ..ConnectSchema::new(ConnectType::Map)
                }
            }
            Kind::Record(r) => {
                let mut b = ConnectSchema::new(ConnectType::Struct);
                if !discard && meta {
                    if let Some(doc) = &r.doc {
                        set_param(&mut b, RECORD_DOC.into(), doc.clone());
                    }
                }
                for f in &r.fields {
                    if !discard && meta {
                        if let Some(doc) = &f.doc {
                            set_param(&mut b, format!("{FIELD_DOC_PREFIX}{}", f.name), doc.clone());
                        }
                    }
                    let schema = self.convert(f.schema, false, f.default.as_ref(), f.doc.as_deref(), None)?;
                    b.fields.push(ConnectField { name: f.name.clone(), schema });
                }
                b
            }
            Kind::Enum(e) => {
                let mut b = ConnectSchema::new(ConnectType::String);
                if meta {
                    if let Some(doc) = &e.doc {
                        let key = if discard {
                            CONNECT_ENUM_DOC.to_owned()
                        } else {
                            format!("{ENUM_DOC_PREFIX}{}", e.name.name())
                        };
                        set_param(&mut b, key, doc.clone());
                    }
                    if let (false, Some(d)) = (discard, &e.default) {
                        set_param(&mut b, format!("{ENUM_DEFAULT_PREFIX}{}", e.name.name()), d.clone());
                    }
                }
                set_param(&mut b, AVRO_TYPE_ENUM.into(), e.name.full_name().to_owned());
                for sym in &e.symbols {
                    set_param(&mut b, format!("{AVRO_TYPE_ENUM}.{sym}"), sym.clone());
                }
                b
            }
            Kind::Union(members) => {
                if members.len() == 2 && members.iter().any(|m| self.is_plain_null(*m)) {
                    if let Some(&m) = members.iter().find(|m| !self.is_plain_null(**m)) {
                        // Optional T: the field default and the registry version are not carried over.
                        return self.convert(m, true, None, doc_default, None);
                    }
                }
                let mut b = ConnectSchema { name: Some(AVRO_TYPE_UNION.into()), ..ConnectSchema::new(ConnectType::Struct) };
                for &m in members {
                    if matches!(self.schema.node(m).kind, Kind::Null) {
                        b.optional = true;
                        continue;
                    }
                    let name = self.union_member_name(m)?;
                    if b.fields.iter().any(|f| f.name == name) {
                        return Err(data("Multiple union schemas map to the Connect union field name"));
                    }
                    let schema = self.convert(m, true, None, None, None)?;
                    b.fields.push(ConnectField { name, schema });
                }
                b
            }
            Kind::Null => return Err(ConnectError::NullSchema),
        };

        // Doc.
        let own_doc = match &node.kind {
            Kind::Record(r) => r.doc.as_deref(),
            Kind::Enum(e) => e.doc.as_deref(),
            Kind::Fixed(f) => f.doc.as_deref(),
            _ => None,
        };
        if discard {
            if let Some(doc) = doc_default.or(own_doc).or(props.get_str("connect.doc")) {
                b.doc = Some(doc.to_owned());
            }
            if let (true, Some(doc)) = (meta, own_doc) {
                set_param(&mut b, CONNECT_RECORD_DOC.into(), doc.to_owned());
            }
        } else if let (true, Some(doc)) = (meta, props.get_str("connect.doc")) {
            b.doc = Some(doc.to_owned());
        }

        // Version: `connect.version`, else the registry's.
        let version = match props.get("connect.version") {
            Some(v) => match v.as_f64() {
                Some(n) => n as i32,
                None => return Err(data(format!("Invalid Connect version found: {}", java_text(v)))),
            },
            None => version.unwrap_or(-1),
        };
        if version >= 0 {
            match b.version {
                Some(have) if have != version => {
                    return Err(data(format!(
                        "Mismatched versions: version already added to SchemaBuilder ({have}) differs from version in source schema ({version})"
                    )))
                }
                _ => b.version = Some(version),
            }
        }

        // Parameters.
        if let (true, Some(params)) = (meta, props.get("connect.parameters")) {
            let Some(obj) = params.as_object() else {
                return Err(data(format!("Expected JSON object for schema parameters but found: {}", java_text(params))));
            };
            for (k, v) in obj {
                let Some(v) = v.as_str() else {
                    return Err(data(format!("Expected schema parameter values to be strings but found: {}", java_text(v))));
                };
                set_param(&mut b, k.clone(), v.to_owned());
            }
        }
        for (k, v) in props.iter() {
            if k.starts_with("avro") {
                set_param(&mut b, k.to_owned(), java_text(v));
            }
        }

        // Default: the field's, else `connect.default`.
        let connect_default = props.get("connect.default");
        let default = match field_default {
            None => connect_default.map(|d| (d, false)),
            Some(d) => {
                if !discard && meta && connect_default.is_none() {
                    set_param(&mut b, FIELD_DEFAULT_FLAG.into(), "true".into());
                }
                Some((d, true))
            }
        };
        if let Some((json, from_field)) = default {
            // AvroData ignores a default it cannot convert (with a warning), except where Java throws outside
            // its DataException handling.
            match self.default_value(&b, id, json, from_field) {
                Ok(Some(v)) if check_value(&b, &v, false).is_ok() => b.default = Some(v),
                Err(e @ ConnectError::InvalidDefault(_)) => return Err(e),
                _ => {}
            }
        }

        // Name: `connect.name`, else the full name of a named type; ConnectDefault names are dropped.
        let name = match props.get("connect.name") {
            Some(JsonValue::String(n)) => Some(n.clone()),
            Some(other) => return Err(data(format!("Invalid schema name: {}", java_text(other)))),
            None => node.name().map(|n| n.full_name().to_owned()),
        };
        if let Some(name) = name.filter(|n| !n.starts_with("io.confluent.connect.avro.ConnectDefault")) {
            match &b.name {
                Some(have) if *have != name => {
                    return Err(data(format!(
                        "Mismatched names: name already added to SchemaBuilder ({have}) differs from name in source schema ({name})"
                    )))
                }
                _ => b.name = Some(name),
            }
        }
        if force_optional {
            b.optional = true;
        }
        Ok(b)
    }

    fn is_plain_null(&self, id: NodeId) -> bool {
        let n = self.schema.node(id);
        matches!(n.kind, Kind::Null) && n.props.is_empty()
    }

    fn is_map_entry(&self, id: NodeId) -> bool {
        let n = self.schema.node(id);
        match &n.kind {
            Kind::Record(r) => {
                (r.name.namespace() == Some(NAMESPACE) && r.name.name() == MAP_ENTRY)
                    || n.props.get_str("connect.internal.type") == Some(MAP_ENTRY)
            }
            _ => false,
        }
    }

    fn union_member_name(&self, id: NodeId) -> Result<String, ConnectError> {
        let n = self.schema.node(id);
        Ok(match n.name() {
            Some(name) if self.config.enhanced_avro_schema_support => name.full_name().to_owned(),
            Some(name) => split_name(name.name(), self.config.scrub_invalid_names)?.1,
            None => n.type_name().to_owned(),
        })
    }

    /// `defaultValueFromAvro`: an Avro default (a field's, or the JSON of `connect.default`) as a Connect value in
    /// the description's JSON form. `Err` and `Ok(None)` both mean "no default" to the caller.
    fn default_value(
        &self,
        s: &ConnectSchema,
        id: NodeId,
        v: &JsonValue,
        from_field: bool,
    ) -> Result<Option<JsonValue>, ConnectError> {
        let node = self.schema.node(id);
        let bad = || data("invalid default");
        // Avro reads a field's JSON null as its NULL_VALUE, which is no default; in `connect.default` a JSON null
        // goes through Jackson's conversions (0 for numbers, "null" for strings...), as in Java.
        if v.is_null() && from_field {
            return Ok(None);
        }
        let out = match (&node.kind, s.ty) {
            (Kind::Union(members), _) => {
                let first = *members.first().ok_or_else(bad)?;
                if matches!(self.schema.node(first).kind, Kind::Null) {
                    return Ok(None);
                }
                let union_struct = s.ty == ConnectType::Struct && s.name.as_deref() == Some(AVRO_TYPE_UNION);
                if from_field && !union_struct {
                    // Avro reads a union's default as its first branch, converted with the Connect schema at hand.
                    return self.default_value(s, first, v, from_field);
                }
                if !from_field {
                    let name = self.union_member_name(first)?;
                    let f = s.fields.iter().find(|f| f.name == name).filter(|_| s.ty == ConnectType::Struct);
                    return self.default_value(&f.ok_or_else(bad)?.schema, first, v, from_field);
                }
                // Avro reads a union's default as its first branch, a plain Java object; AvroData puts it in the
                // first union field whose Connect type accepts that object's class.
                let class = java_class(&self.schema.node(first).kind).ok_or_else(bad)?;
                let f = s.fields.iter().find(|f| accepts(&f.schema, class, v)).ok_or_else(bad)?;
                let value = self.default_value(&f.schema, first, v, from_field)?;
                let mut out = Map::new();
                for g in &s.fields {
                    let x = if g.name == f.name { value.clone() } else { None };
                    out.insert(g.name.clone(), x.unwrap_or(JsonValue::Null));
                }
                JsonValue::Object(out)
            }
            (Kind::Int, ty) => {
                let n = if from_field { v.as_i64().ok_or_else(bad)? } else { json_long(v) };
                // Time.toLogical refuses millis outside one day.
                if s.logical() == Some(ConnectLogical::Time) && !(0..=86_400_000).contains(&(n as i32)) {
                    return Err(bad());
                }
                match ty {
                    ConnectType::Int8 => (n as i8).into(),
                    ConnectType::Int16 => (n as i16).into(),
                    ConnectType::Int32 => (n as i32).into(),
                    _ => return Err(bad()),
                }
            }
            (Kind::Long, _) => {
                if from_field { v.as_i64().ok_or_else(bad)? } else { json_long(v) }.into()
            }
            (Kind::Float, _) => json_float(v.as_f64().unwrap_or(0.0) as f32),
            (Kind::Double, _) => {
                serde_json::Number::from_f64(v.as_f64().unwrap_or(0.0)).map_or(JsonValue::Null, JsonValue::Number)
            }
            (Kind::Boolean, _) => JsonValue::Bool(match v {
                JsonValue::Bool(b) => *b,
                JsonValue::String(t) if !from_field => t.trim().eq_ignore_ascii_case("true"),
                JsonValue::Number(n) if !from_field => n.as_f64() != Some(0.0),
                _ if !from_field => false,
                _ => return Err(bad()),
            }),
            (Kind::String | Kind::Enum(_), _) => match v {
                JsonValue::String(t) => JsonValue::String(t.clone()),
                JsonValue::Number(n) if !from_field => JsonValue::String(n.to_string()),
                JsonValue::Bool(b) if !from_field => JsonValue::String(b.to_string()),
                JsonValue::Null if !from_field => JsonValue::String("null".into()),
                _ if !from_field => JsonValue::String(String::new()),
                _ => return Err(bad()),
            },
            (Kind::Bytes | Kind::Fixed(_), _) => {
                // A non-text `connect.default` has no binary value: no default.
                let Some(t) = v.as_str() else { return if from_field { Err(bad()) } else { Ok(None) } };
                // ISO-8859-1: characters past U+00FF become '?', as String.getBytes does.
                let bytes: Vec<u8> = t.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
                if s.logical() == Some(ConnectLogical::Decimal) {
                    let scale: i32 = s.parameter("scale").and_then(|x| x.parse().ok()).ok_or_else(bad)?;
                    if bytes.is_empty() {
                        // Java's BigInteger throws here, outside what AvroData catches: the conversion fails.
                        return Err(ConnectError::InvalidDefault("Zero length BigInteger".into()));
                    }
                    JsonValue::String(plain_string(&bytes, scale))
                } else {
                    JsonValue::String(bytes.iter().map(|&b| char::from(b)).collect())
                }
            }
            (Kind::Array(items), ConnectType::Array) => {
                let list = v.as_array().ok_or_else(bad)?;
                let item_schema = s.value.as_deref().ok_or_else(bad)?;
                let mut out = Vec::with_capacity(list.len());
                for e in list {
                    out.push(self.default_value(item_schema, *items, e, from_field)?.unwrap_or(JsonValue::Null));
                }
                JsonValue::Array(out)
            }
            // A map stored as an array of key/value records: Avro hands AvroData a list of maps, which it cannot
            // read as records, so only an empty list converts (to an empty map).
            (Kind::Array(_), ConnectType::Map) if from_field && v.as_array().is_some_and(Vec::is_empty) => {
                JsonValue::Array(Vec::new())
            }
            (Kind::Map(values), ConnectType::Map) => {
                let obj = v.as_object().ok_or_else(bad)?;
                let value_schema = s.value.as_deref().ok_or_else(bad)?;
                let mut out = Vec::with_capacity(obj.len());
                for (k, e) in obj {
                    let e = self.default_value(value_schema, *values, e, from_field)?.unwrap_or(JsonValue::Null);
                    out.push(JsonValue::Array(vec![JsonValue::String(k.clone()), e]));
                }
                JsonValue::Array(out)
            }
            (Kind::Record(r), ConnectType::Struct) => {
                let obj = v.as_object().ok_or_else(bad)?;
                let mut out = Map::new();
                for cf in &s.fields {
                    let Some(af) = r.fields.iter().find(|f| f.name == cf.name) else { return Err(bad()) };
                    let fv = match obj.get(&cf.name) {
                        Some(x) => Some(x),
                        // A field default read by Avro falls back to the Connect field's own default.
                        None if from_field => cf.schema.default.as_ref(),
                        None => None,
                    };
                    let value = match fv {
                        Some(x) if obj.contains_key(&cf.name) => self.default_value(&cf.schema, af.schema, x, from_field)?,
                        Some(x) => Some(x.clone()),
                        None => None,
                    };
                    out.insert(cf.name.clone(), value.unwrap_or(JsonValue::Null));
                }
                JsonValue::Object(out)
            }
            _ => return Err(bad()),
        };
        Ok(Some(out))
    }
}

/// The class of the Java object Avro's `JacksonUtils.toObject` makes of a default of this type.
#[derive(Copy, Clone, PartialEq, Eq)]
enum JavaClass {
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    String,
    Bytes,
    List,
    Map,
}

fn java_class(kind: &Kind) -> Option<JavaClass> {
    Some(match kind {
        Kind::Int => JavaClass::Integer,
        Kind::Long => JavaClass::Long,
        Kind::Float => JavaClass::Float,
        Kind::Double => JavaClass::Double,
        Kind::Boolean => JavaClass::Boolean,
        Kind::String | Kind::Enum(_) => JavaClass::String,
        Kind::Bytes | Kind::Fixed(_) => JavaClass::Bytes,
        Kind::Array(_) => JavaClass::List,
        Kind::Map(_) | Kind::Record(_) => JavaClass::Map,
        Kind::Null | Kind::Union(_) => return None,
    })
}

/// Whether AvroData's union matching (`isInstanceOfAvroSchemaTypeForSimpleSchema`) puts an object of this class
/// into a union field of this Connect schema. Enum fields match only objects of the enum's own class and struct
/// fields only Avro records, so neither ever takes a default.
fn accepts(field: &ConnectSchema, class: JavaClass, v: &JsonValue) -> bool {
    if field.ty == ConnectType::String && field.parameter(AVRO_TYPE_ENUM).is_some() {
        return false;
    }
    match (field.ty, class) {
        (ConnectType::Int32, JavaClass::Integer)
        | (ConnectType::Int64, JavaClass::Long)
        | (ConnectType::Float32, JavaClass::Float)
        | (ConnectType::Float64, JavaClass::Double)
        | (ConnectType::Boolean, JavaClass::Boolean)
        | (ConnectType::String, JavaClass::String)
        | (ConnectType::Array, JavaClass::List)
        | (ConnectType::Map, JavaClass::Map) => true,
        (ConnectType::Bytes, JavaClass::Bytes) => match (field.name.as_ref(), field.parameter(FIXED_SIZE)) {
            (Some(_), Some(size)) => v.as_str().map(|t| t.chars().count().to_string()).as_deref() == Some(size),
            _ => true,
        },
        _ => false,
    }
}

const MAP_ENTRY_SHAPE: &str =
    "Found map encoded as array of key-value pairs, but array elements do not match the expected format.";

/// Jackson's `longValue()`: the integer, a float truncated, 0 for anything else.
fn json_long(v: &JsonValue) -> i64 {
    v.as_i64().unwrap_or_else(|| v.as_f64().map_or(0, |f| f as i64))
}

/// A float as Java's `Float.toString` writes it, read back as JSON.
fn json_float(f: f32) -> JsonValue {
    format!("{f}").parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(JsonValue::Null, JsonValue::Number)
}

/// `String.valueOf` of a JSON property's Java object: strings bare, everything else as JSON text.
fn java_text(v: &JsonValue) -> String {
    match v {
        JsonValue::String(s) => s.clone(),
        other => other.to_string(),
    }
}
