//! Connect schema -> Avro schema, as Confluent 7.0.16's `AvroData.fromConnectSchema` builds it (property order
//! included, since registries match schemas by their text).

use std::collections::HashMap;

use serde_json::{Map, Number, Value as JsonValue};

use super::config::AvroDataConfig;
use super::decimal::{parse_decimal, unscaled_bytes};
use super::names::{scrub_name, split_name};
use super::schema::{ConnectLogical, ConnectSchema, ConnectType, DATE, DECIMAL, TIME, TIMESTAMP};
use super::ConnectError;
use crate::schema::{Enum, Field, Fixed, Kind, LogicalType, Name, Node, NodeId, Order, Props, Record, Schema};

pub(crate) const NAMESPACE: &str = "io.confluent.connect.avro";
pub(crate) const DEFAULT_SCHEMA_NAME: &str = "ConnectDefault";
pub(crate) const MAP_ENTRY: &str = "MapEntry";
pub(crate) const AVRO_TYPE_UNION: &str = "io.confluent.connect.avro.Union";
pub(crate) const AVRO_TYPE_ENUM: &str = "io.confluent.connect.avro.Enum";
pub(crate) const RECORD_DOC: &str = "io.confluent.connect.avro.record.doc";
pub(crate) const FIELD_DOC_PREFIX: &str = "io.confluent.connect.avro.field.doc.";
pub(crate) const FIELD_DEFAULT_FLAG: &str = "io.confluent.connect.avro.field.default";
pub(crate) const ENUM_DOC_PREFIX: &str = "io.confluent.connect.avro.enum.doc.";
pub(crate) const ENUM_DEFAULT_PREFIX: &str = "io.confluent.connect.avro.enum.default.";
pub(crate) const CONNECT_RECORD_DOC: &str = "connect.record.doc";
pub(crate) const CONNECT_ENUM_DOC: &str = "connect.enum.doc";
pub(crate) const FIXED_SIZE: &str = "connect.fixed.size";
pub(crate) const DECIMAL_PRECISION: &str = "connect.decimal.precision";
pub(crate) const DECIMAL_PRECISION_DEFAULT: i32 = 64;

/// Translates a Connect schema into the Avro schema Confluent 7.0.16 registers for it.
pub fn from_connect_schema(schema: &ConnectSchema, config: &AvroDataConfig) -> Result<Schema, ConnectError> {
    let mut b =
        Builder { config, nodes: Vec::new(), schema_map: HashMap::new(), names: HashMap::new(), default_index: 0 };
    let root = b.convert(schema, false)?;
    Ok(Schema::from_parts(b.nodes, root))
}

struct Builder<'c> {
    config: &'c AvroDataConfig,
    nodes: Vec<Node>,
    /// AvroData's `schemaMap`: an equal (required) Connect schema converts to the same Avro schema, so a named
    /// type used twice is defined once and referenced by name after.
    /// Bucketed by a hash of the schema's shallow attributes, so a lookup compares deeply only likely matches.
    schema_map: HashMap<u64, Vec<(ConnectSchema, NodeId)>>,
    /// Named types defined so far, by full name.
    names: HashMap<String, NodeId>,
    /// Counter for `ConnectDefault`, `ConnectDefault2`, ...
    default_index: u32,
}

/// The Java type of an Avro default while AvroData builds it: `Float32` is a Jackson `FloatNode`, which prints
/// as a float in a `connect.default` property but becomes a widened double in a field default.
fn json_float32(v: f64, widen: bool) -> JsonValue {
    let f = v as f32;
    let n = if widen {
        Number::from_f64(f64::from(f))
    } else {
        // The shortest decimal that reads back as this float, as Java's Float.toString writes it.
        format!("{f}").parse::<f64>().ok().and_then(Number::from_f64)
    };
    n.map_or(JsonValue::Null, JsonValue::Number)
}

impl Builder<'_> {
    fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        NodeId((self.nodes.len() - 1) as u32)
    }

    /// `getNameOrDefault`: (namespace, name) of a Connect name, or the next `ConnectDefault` name.
    fn name_or_default(&mut self, name: Option<&str>) -> Result<Name, ConnectError> {
        let name = match name {
            Some(full) => {
                let (space, simple) = split_name(full, self.config.scrub_invalid_names)?;
                Name::new(&simple, space.as_deref())
            }
            None => {
                self.default_index += 1;
                let n = self.default_index;
                let simple =
                    if n > 1 { format!("{DEFAULT_SCHEMA_NAME}{n}") } else { DEFAULT_SCHEMA_NAME.to_owned() };
                Name::new(&simple, Some(NAMESPACE))
            }
        };
        check_name(name.name())?;
        Ok(name)
    }

    fn convert(&mut self, s: &ConnectSchema, ignore_optional: bool) -> Result<NodeId, ConnectError> {
        let is_union = s.name.as_deref() == Some(AVRO_TYPE_UNION);
        if !is_union && !s.optional {
            let bucket = self.schema_map.get(&shallow_hash(s)).into_iter().flatten();
            if let Some((_, id)) = bucket.into_iter().find(|(k, _)| k == s) {
                return Ok(*id);
            }
        }
        let params = s.parameters.as_ref();
        let mut connect_type = None;
        let base = match s.ty {
            ConnectType::Int8 => {
                connect_type = Some("int8");
                self.push(Node::new(Kind::Int))
            }
            ConnectType::Int16 => {
                connect_type = Some("int16");
                self.push(Node::new(Kind::Int))
            }
            ConnectType::Int32 => self.push(Node::new(Kind::Int)),
            ConnectType::Int64 => self.push(Node::new(Kind::Long)),
            ConnectType::Float32 => self.push(Node::new(Kind::Float)),
            ConnectType::Float64 => self.push(Node::new(Kind::Double)),
            ConnectType::Boolean => self.push(Node::new(Kind::Boolean)),
            ConnectType::String => match params {
                Some(p) if self.config.enhanced_avro_schema_support && p.contains_key(AVRO_TYPE_ENUM) => {
                    self.enum_schema(s)?
                }
                _ => self.push(Node::new(Kind::String)),
            },
            ConnectType::Bytes => {
                let fixed_size = if s.name.is_some() { s.parameter(FIXED_SIZE) } else { None };
                let mut node = match fixed_size {
                    Some(size) => {
                        let name = self.name_or_default(s.name.as_deref())?;
                        let size = parse_int(FIXED_SIZE, Some(size))?;
                        let size = usize::try_from(size)
                            .map_err(|_| ConnectError::InvalidParameter {
                                name: FIXED_SIZE.into(),
                                message: format!("Invalid fixed size: {size}"),
                            })?;
                        Node::new(Kind::Fixed(Fixed { name, doc: None, aliases: Vec::new(), size }))
                    }
                    None => Node::new(Kind::Bytes),
                };
                if is_decimal_name(s) {
                    let Some(p) = params else { return Err(ConnectError::missing_parameters(s)) };
                    let scale = parse_int("scale", p.get("scale").map(String::as_str))?;
                    let precision = match p.get(DECIMAL_PRECISION) {
                        Some(v) => parse_int(DECIMAL_PRECISION, Some(v))?,
                        None => DECIMAL_PRECISION_DEFAULT,
                    };
                    node.props.insert("scale", scale.into());
                    node.props.insert("precision", precision.into());
                }
                self.push(node)
            }
            ConnectType::Array => {
                let items = s.value.as_deref().ok_or_else(|| ConnectError::missing("value", s))?;
                let items = self.convert(items, false)?;
                self.push(Node::new(Kind::Array(items)))
            }
            ConnectType::Map => {
                let key = s.key.as_deref().ok_or_else(|| ConnectError::missing("key", s))?;
                let value = s.value.as_deref().ok_or_else(|| ConnectError::missing("value", s))?;
                if key.ty == ConnectType::String && (!key.optional || self.config.allow_optional_map_keys) {
                    let values = self.convert(value, false)?;
                    self.push(Node::new(Kind::Map(values)))
                } else {
                    // Avro maps have string keys: other maps are arrays of key/value records.
                    let (name, internal) = match &s.name {
                        None => (Name::new(MAP_ENTRY, Some(NAMESPACE)), false),
                        Some(n) => (self.name_or_default(Some(n))?, true),
                    };
                    let mut fields = Vec::with_capacity(2);
                    self.add_field(&mut fields, "key".into(), key, None)?;
                    self.add_field(&mut fields, "value".into(), value, None)?;
                    let mut node = Node::new(Kind::Record(Record {
                        name,
                        doc: None,
                        aliases: Vec::new(),
                        fields,
                        is_error: false,
                    }));
                    if internal {
                        node.props.insert("connect.internal.type", MAP_ENTRY.into());
                    }
                    let entry = self.push(node);
                    let entry = self.register(entry)?;
                    self.push(Node::new(Kind::Array(entry)))
                }
            }
            ConnectType::Struct if is_union => {
                let mut members = Vec::with_capacity(s.fields.len() + 1);
                if s.optional {
                    members.push(self.push(Node::new(Kind::Null)));
                }
                for f in &s.fields {
                    members.push(self.convert(&f.schema.non_optional(), true)?);
                }
                self.union(members)?
            }
            ConnectType::Struct if s.optional => {
                let null = self.push(Node::new(Kind::Null));
                let inner = self.convert(&s.non_optional(), false)?;
                self.union(vec![null, inner])?
            }
            ConnectType::Struct => {
                let name = self.name_or_default(s.name.as_deref())?;
                let doc_key = if self.config.discard_type_doc_default { CONNECT_RECORD_DOC } else { RECORD_DOC };
                let doc = s.parameter(doc_key).map(str::to_owned);
                let mut fields = Vec::with_capacity(s.fields.len());
                for f in &s.fields {
                    let field_name = scrub_name(&f.name, self.config.scrub_invalid_names);
                    let field_doc = if self.config.discard_type_doc_default {
                        None
                    } else {
                        s.parameter(&format!("{FIELD_DOC_PREFIX}{}", f.name)).map(str::to_owned)
                    };
                    self.add_field(&mut fields, field_name, &f.schema, field_doc)?;
                }
                self.push(Node::new(Kind::Record(Record { name, doc, aliases: Vec::new(), fields, is_error: false })))
            }
        };

        let mut result = base;
        if !matches!(self.nodes[base.index()].kind, Kind::Union(_)) {
            self.add_metadata(s, base, connect_type)?;
            // Named types are compared with earlier ones of the same name once complete (properties included).
            let base = if self.nodes[base.index()].name().is_some() { self.register(base)? } else { base };
            result = base;
            if !ignore_optional && s.optional {
                let null = self.push(Node::new(Kind::Null));
                // A default must match the union's first branch, so an optional schema with a default puts its
                // own type first.
                let members = if s.default.is_some() { vec![base, null] } else { vec![null, base] };
                result = self.union(members)?;
            }
        }
        if !s.optional {
            self.schema_map.entry(shallow_hash(s)).or_default().push((s.clone(), result));
        }
        Ok(result)
    }

    /// The `connect.*` properties, logical types and `avro*` parameters, in AvroData's order.
    fn add_metadata(&mut self, s: &ConnectSchema, id: NodeId, connect_type: Option<&str>) -> Result<(), ConnectError> {
        let config = self.config;
        if config.connect_meta_data {
            if let Some(doc) = &s.doc {
                self.add_prop(id, "connect.doc", doc.as_str().into())?;
            }
            if let Some(v) = s.version {
                self.add_prop(id, "connect.version", v.into())?;
            }
            if let Some(p) = &s.parameters {
                let kept: Map<String, JsonValue> = p
                    .iter()
                    .filter(|(k, _)| config.discard_type_doc_default || k.as_str() != FIELD_DEFAULT_FLAG)
                    .map(|(k, v)| (k.clone(), JsonValue::String(v.clone())))
                    .collect();
                if !kept.is_empty() {
                    self.add_prop(id, "connect.parameters", JsonValue::Object(kept))?;
                }
            }
            if let Some(d) = &s.default {
                if config.discard_type_doc_default || s.parameter(FIELD_DEFAULT_FLAG).is_none() {
                    let json = self.default_json(s, Some(d), false)?;
                    self.add_prop(id, "connect.default", json)?;
                }
            }
            if let Some(name) = &s.name {
                self.add_prop(id, "connect.name", name.as_str().into())?;
            }
            if let Some(t) = connect_type {
                self.add_prop(id, "connect.type", t.into())?;
            }
        }

        let mut force_legacy_decimal = false;
        if s.name.is_some() {
            if is_decimal_name(s) {
                let Some(p) = &s.parameters else { return Err(ConnectError::missing_parameters(s)) };
                let precision = match p.get(DECIMAL_PRECISION) {
                    Some(v) => parse_int(DECIMAL_PRECISION, Some(v))?,
                    None => DECIMAL_PRECISION_DEFAULT,
                };
                let scale = match p.get("scale") {
                    Some(v) => parse_int("scale", Some(v))?,
                    None => 0,
                };
                if scale < 0 || scale > precision {
                    // Avro refuses such a decimal: AvroData writes only the legacy `logicalType` property.
                    force_legacy_decimal = true;
                } else {
                    self.add_decimal(id, precision, scale)?;
                }
            } else if name_is(s, TIME) {
                self.add_logical(id, LogicalType::TimeMillis, Kind::Int, "Time (millis) can only be used with an underlying int type")?;
            } else if name_is(s, TIMESTAMP) {
                self.add_logical(
                    id,
                    LogicalType::TimestampMillis,
                    Kind::Long,
                    "Timestamp (millis) can only be used with an underlying long type",
                )?;
            } else if name_is(s, DATE) {
                self.add_logical(id, LogicalType::Date, Kind::Int, "Date can only be used with an underlying int type")?;
            }
            // The older way, kept by AvroData for compatibility: the bare `logicalType` property.
            let legacy = if is_decimal_name(s) {
                (s.parameter(DECIMAL_PRECISION).is_some() || force_legacy_decimal).then_some("decimal")
            } else if name_is(s, TIME) {
                Some("time-millis")
            } else if name_is(s, TIMESTAMP) {
                Some("timestamp-millis")
            } else if name_is(s, DATE) {
                Some("date")
            } else {
                None
            };
            if let Some(lt) = legacy {
                self.add_prop(id, "logicalType", lt.into())?;
            }
        }
        if let Some(p) = &s.parameters {
            for (k, v) in p {
                if k.starts_with("avro") {
                    self.add_prop(id, k, v.as_str().into())?;
                }
            }
        }
        Ok(())
    }

    /// `LogicalTypes.decimal(precision, scale).addToSchema(schema)`.
    fn add_decimal(&mut self, id: NodeId, precision: i32, scale: i32) -> Result<(), ConnectError> {
        if precision <= 0 {
            return Err(ConnectError::LogicalType(format!("Invalid decimal precision: {precision} (must be positive)")));
        }
        match &self.nodes[id.index()].kind {
            Kind::Bytes => {}
            Kind::Fixed(f) => {
                let max = ((8.0 * f.size as f64 - 1.0) * 2f64.log10()).floor() as i64;
                if i64::from(precision) > max {
                    return Err(ConnectError::LogicalType(format!(
                        "fixed({}) cannot store {precision} digits (max {max})",
                        f.size
                    )));
                }
            }
            _ => return Err(ConnectError::LogicalType("Logical type decimal must be backed by fixed or bytes".into())),
        }
        self.add_prop(id, "logicalType", "decimal".into())?;
        self.add_prop(id, "precision", precision.into())?;
        self.add_prop(id, "scale", scale.into())?;
        self.nodes[id.index()].logical =
            Some(LogicalType::Decimal { precision: precision as u32, scale: scale as u32 });
        Ok(())
    }

    fn add_logical(&mut self, id: NodeId, lt: LogicalType, on: Kind, message: &str) -> Result<(), ConnectError> {
        if self.nodes[id.index()].kind != on {
            return Err(ConnectError::LogicalType(message.to_owned()));
        }
        self.add_prop(id, "logicalType", lt.name().into())?;
        self.nodes[id.index()].logical = Some(lt);
        Ok(())
    }

    /// Java's `addProp`: a new key goes last; an existing key may only be set to the same value.
    fn add_prop(&mut self, id: NodeId, key: &str, value: JsonValue) -> Result<(), ConnectError> {
        let props = &mut self.nodes[id.index()].props;
        match props.get(key) {
            Some(old) if *old == value => Ok(()),
            Some(_) => Err(ConnectError::PropertyConflict(key.to_owned())),
            None => {
                props.insert(key, value);
                Ok(())
            }
        }
    }

    /// An Avro enum from a Connect string with `io.confluent.connect.avro.Enum` parameters.
    fn enum_schema(&mut self, s: &ConnectSchema) -> Result<NodeId, ConnectError> {
        let p = s.parameters.as_ref().expect("checked by the caller");
        let prefix = format!("{AVRO_TYPE_ENUM}.");
        let mut symbols: Vec<String> = Vec::new();
        for k in p.keys() {
            if let Some(sym) = k.strip_prefix(&prefix) {
                check_name(sym)?;
                if symbols.iter().any(|x| x == sym) {
                    return Err(ConnectError::InvalidName { name: sym.to_owned(), reason: "duplicate enum symbol" });
                }
                symbols.push(sym.to_owned());
            }
        }
        let simple = self.name_or_default(s.name.as_deref())?.name().to_owned();
        let enum_name = Name::new(&p[AVRO_TYPE_ENUM], None);
        check_name(enum_name.name())?;
        let (doc, default) = if self.config.discard_type_doc_default {
            (p.get(CONNECT_ENUM_DOC).cloned(), None)
        } else {
            (p.get(&format!("{ENUM_DOC_PREFIX}{simple}")).cloned(), p.get(&format!("{ENUM_DEFAULT_PREFIX}{simple}")).cloned())
        };
        if let Some(d) = &default {
            if !symbols.contains(d) {
                return Err(ConnectError::InvalidName { name: d.clone(), reason: "enum default is not a symbol" });
            }
        }
        Ok(self.push(Node::new(Kind::Enum(Enum { name: enum_name, doc, aliases: Vec::new(), symbols, default }))))
    }

    /// `Schema.createUnion`: no nested unions, no two branches of the same type.
    fn union(&mut self, members: Vec<NodeId>) -> Result<NodeId, ConnectError> {
        let mut seen: Vec<String> = Vec::with_capacity(members.len());
        for &m in &members {
            let kind = &self.nodes[m.index()].kind;
            if matches!(kind, Kind::Union(_)) {
                return Err(ConnectError::UnionBranch("Nested union".into()));
            }
            let key = kind.union_key();
            if seen.contains(&key) {
                return Err(ConnectError::UnionBranch(format!("Duplicate in union:{key}")));
            }
            seen.push(key);
        }
        Ok(self.push(Node::new(Kind::Union(members))))
    }

    /// Records a finished named type. Java prints a second schema of the same name as a reference when the two
    /// are equal and fails ("Can't redefine") when they differ.
    fn register(&mut self, id: NodeId) -> Result<NodeId, ConnectError> {
        let full = self.nodes[id.index()].name().expect("named").full_name().to_owned();
        match self.names.get(&full) {
            Some(&existing) if existing != id => {
                if avro_eq(&self.nodes, existing, id, &mut Vec::new()) {
                    Ok(existing)
                } else {
                    Err(ConnectError::Redefined(full))
                }
            }
            _ => {
                self.names.insert(full, id);
                Ok(id)
            }
        }
    }

    /// `addAvroRecordField`.
    fn add_field(
        &mut self,
        fields: &mut Vec<Field>,
        name: String,
        schema: &ConnectSchema,
        doc: Option<String>,
    ) -> Result<(), ConnectError> {
        let default = match &schema.default {
            Some(d) => Some(self.default_json(schema, Some(d), true)?),
            None if schema.optional => Some(JsonValue::Null),
            None => None,
        };
        let id = self.convert(schema, false)?;
        check_name(&name)?;
        if fields.iter().any(|f| f.name == name) {
            return Err(ConnectError::DuplicateField(name));
        }
        // Avro refuses a default that does not fit; AvroData then drops it (with a warning).
        let default = default.filter(|d| valid_default(&self.nodes, id, d));
        let doc = if self.config.discard_type_doc_default { schema.doc.clone() } else { doc };
        fields.push(Field {
            name,
            schema: id,
            doc,
            default,
            order: Order::Ascending,
            aliases: Vec::new(),
            props: Props::default(),
        });
        Ok(())
    }

    /// `defaultValueFromConnect`: a Connect value (in its description JSON form) as Avro JSON. `widen` gives the
    /// form a field default takes (Avro re-reads it with floats as doubles); otherwise the property form.
    fn default_json(&self, s: &ConnectSchema, v: Option<&JsonValue>, widen: bool) -> Result<JsonValue, ConnectError> {
        let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(JsonValue::Null) };
        let bad = || ConnectError::InvalidDefault(format!("{v} for a {} schema", s.ty.name()));
        // Logical types by their exact name, as AvroData's converter table looks them up.
        match s.logical() {
            Some(ConnectLogical::Decimal) => {
                let d = v.as_str().and_then(parse_decimal).ok_or_else(bad)?;
                let scale = parse_int("scale", s.parameter("scale"))?;
                if d.scale != i64::from(scale) {
                    return Err(ConnectError::InvalidDefault(format!(
                        "Decimal value has mismatching scale for given Decimal schema. Schema has scale {scale}, \
                         value has scale {}.",
                        d.scale
                    )));
                }
                return Ok(JsonValue::String(unscaled_bytes(&d).iter().map(|&b| char::from(b)).collect()));
            }
            Some(ConnectLogical::Time) => {
                let ms = v.as_i64().ok_or_else(bad)?;
                if !(0..86_400_000).contains(&ms) {
                    return Err(ConnectError::InvalidDefault(
                        "Kafka Connect Time type should not have any date fields set to non-zero values.".into(),
                    ));
                }
                return Ok(ms.into());
            }
            Some(ConnectLogical::Date | ConnectLogical::Timestamp) => return Ok(v.as_i64().ok_or_else(bad)?.into()),
            None => {}
        }
        Ok(match s.ty {
            ConnectType::Int8 | ConnectType::Int16 | ConnectType::Int32 | ConnectType::Int64 => {
                v.as_i64().ok_or_else(bad)?.into()
            }
            ConnectType::Float32 => json_float32(v.as_f64().ok_or_else(bad)?, widen),
            ConnectType::Float64 => v.as_f64().and_then(Number::from_f64).map(JsonValue::Number).ok_or_else(bad)?,
            ConnectType::Boolean => JsonValue::Bool(v.as_bool().ok_or_else(bad)?),
            ConnectType::String | ConnectType::Bytes => JsonValue::String(v.as_str().ok_or_else(bad)?.to_owned()),
            ConnectType::Array => {
                let items = s.value.as_deref().ok_or_else(bad)?;
                let list = v.as_array().ok_or_else(bad)?;
                JsonValue::Array(
                    list.iter().map(|e| self.default_json(items, Some(e), widen)).collect::<Result<_, _>>()?,
                )
            }
            ConnectType::Map => {
                let (key, value) = (s.key.as_deref().ok_or_else(bad)?, s.value.as_deref().ok_or_else(bad)?);
                let entries = v.as_array().ok_or_else(bad)?;
                let pairs = entries.iter().map(|e| match e.as_array().map(Vec::as_slice) {
                    Some([k, v]) => Ok((k, v)),
                    _ => Err(bad()),
                });
                if key.ty == ConnectType::String && (!key.optional || self.config.allow_optional_map_keys) {
                    let mut obj = Map::new();
                    for pair in pairs {
                        let (k, val) = pair?;
                        let k = k.as_str().ok_or_else(bad)?.to_owned();
                        obj.insert(k, self.default_json(value, Some(val), widen)?);
                    }
                    JsonValue::Object(obj)
                } else {
                    let mut list = Vec::with_capacity(entries.len());
                    for pair in pairs {
                        let (k, val) = pair?;
                        list.push(JsonValue::Array(vec![
                            self.default_json(key, Some(k), widen)?,
                            self.default_json(value, Some(val), widen)?,
                        ]));
                    }
                    JsonValue::Array(list)
                }
            }
            ConnectType::Struct => {
                let obj = v.as_object().ok_or_else(bad)?;
                let is_union = s.name.as_deref() == Some(AVRO_TYPE_UNION);
                let mut out = Map::new();
                for f in &s.fields {
                    // Struct.get(field) falls back to the field schema's default.
                    let fv = obj.get(&f.name).filter(|x| !x.is_null()).or(f.schema.default.as_ref());
                    let json = self.default_json(&f.schema, fv, widen)?;
                    if is_union {
                        return Ok(json);
                    }
                    out.insert(scrub_name(&f.name, self.config.scrub_invalid_names), json);
                }
                JsonValue::Object(out)
            }
        })
    }
}

/// A hash of what `ConnectSchema` equality compares first (equal schemas hash alike).
fn shallow_hash(s: &ConnectSchema) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (s.ty, s.optional, &s.name, s.version, &s.doc, s.fields.len()).hash(&mut h);
    for f in &s.fields {
        f.name.hash(&mut h);
    }
    h.finish()
}

fn name_is(s: &ConnectSchema, logical: &str) -> bool {
    s.name.as_deref().is_some_and(|n| java_equals_ignore_case(n, logical))
}

fn is_decimal_name(s: &ConnectSchema) -> bool {
    name_is(s, DECIMAL)
}

/// Java's `String.equalsIgnoreCase`: chars equal after upper- or lower-casing each (one char to one char).
fn java_equals_ignore_case(a: &str, b: &str) -> bool {
    let one = |c: char, upper: bool| {
        let mut it: Box<dyn Iterator<Item = char>> =
            if upper { Box::new(c.to_uppercase()) } else { Box::new(c.to_lowercase()) };
        match (it.next(), it.next()) {
            (Some(x), None) => x,
            _ => c,
        }
    };
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|(&x, &y)| {
            x == y || one(x, true) == one(y, true) || one(one(x, true), false) == one(one(y, true), false)
        })
}

/// `Integer.parseInt` of a parameter, as AvroData does it (a missing parameter is an error too).
fn parse_int(name: &str, value: Option<&str>) -> Result<i32, ConnectError> {
    let err = |message: String| ConnectError::InvalidParameter { name: name.to_owned(), message };
    let v = value.ok_or_else(|| err("Cannot parse null string".into()))?;
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(format!("For input string: \"{v}\"")));
    }
    v.parse::<i32>().map_err(|_| err(format!("For input string: \"{v}\"")))
}

/// Avro's name rule (Java `Schema.validateName`).
fn check_name(name: &str) -> Result<(), ConnectError> {
    crate::schema::validate_name(name).map_err(|_| ConnectError::InvalidName {
        name: name.to_owned(),
        reason: if name.is_empty() {
            "empty name"
        } else {
            "a name starts with a letter or _ and continues with letters, digits or _"
        },
    })
}

/// Java's `Schema.isValidDefault` (Avro 1.11): whether a field default fits its schema.
pub(crate) fn valid_default(nodes: &[Node], id: NodeId, v: &JsonValue) -> bool {
    match &nodes[id.index()].kind {
        Kind::String | Kind::Bytes | Kind::Enum(_) | Kind::Fixed(_) => v.is_string(),
        Kind::Int => v.as_i64().is_some_and(|n| i32::try_from(n).is_ok()) && !v.is_f64(),
        Kind::Long => v.is_i64() || v.is_u64() && v.as_i64().is_some(),
        Kind::Float | Kind::Double => v.is_number(),
        Kind::Boolean => v.is_boolean(),
        Kind::Null => v.is_null(),
        Kind::Array(items) => v.as_array().is_some_and(|a| a.iter().all(|e| valid_default(nodes, *items, e))),
        Kind::Map(values) => v.as_object().is_some_and(|m| m.values().all(|e| valid_default(nodes, *values, e))),
        Kind::Union(branches) => branches.first().is_some_and(|b| valid_default(nodes, *b, v)),
        Kind::Record(r) => v.as_object().is_some_and(|m| {
            r.fields.iter().all(|f| match m.get(&f.name).or(f.default.as_ref()) {
                Some(fv) => valid_default(nodes, f.schema, fv),
                None => false,
            })
        }),
    }
}

/// Java's `Schema.equals` for two nodes of one arena: names, properties, fields (name, schema, default, order,
/// properties), symbols, sizes; docs do not count. `seen` breaks cycles through records.
fn avro_eq(nodes: &[Node], a: NodeId, b: NodeId, seen: &mut Vec<(NodeId, NodeId)>) -> bool {
    if a == b || seen.contains(&(a, b)) {
        return true;
    }
    let (x, y) = (&nodes[a.index()], &nodes[b.index()]);
    if x.props != y.props {
        return false;
    }
    match (&x.kind, &y.kind) {
        (Kind::Record(r), Kind::Record(s)) => {
            seen.push((a, b));
            r.name == s.name
                && r.fields.len() == s.fields.len()
                && r.fields.iter().zip(&s.fields).all(|(f, g)| {
                    f.name == g.name
                        && f.default == g.default
                        && f.order == g.order
                        && f.props == g.props
                        && avro_eq(nodes, f.schema, g.schema, seen)
                })
        }
        (Kind::Enum(e), Kind::Enum(f)) => e.name == f.name && e.symbols == f.symbols,
        (Kind::Fixed(e), Kind::Fixed(f)) => e.name == f.name && e.size == f.size,
        (Kind::Array(i), Kind::Array(j)) | (Kind::Map(i), Kind::Map(j)) => avro_eq(nodes, *i, *j, seen),
        (Kind::Union(u), Kind::Union(v)) => {
            u.len() == v.len() && u.iter().zip(v).all(|(i, j)| avro_eq(nodes, *i, *j, seen))
        }
        (k, l) => k == l,
    }
}
