//! Schema text -> [`Schema`], with Java Avro 1.11's rules: which attributes are reserved and which become
//! properties, how namespaces are inherited and names resolved, and what is validated.

// foldhash, not SipHash: parsing is on a first call's path (the writer schema of a new id).
use foldhash::{HashMap, HashMapExt};

use serde_json::Value as JsonValue;

use super::error::{SchemaError, SchemaErrorKind as E, SchemaPath};
use super::jsontree::{Array, Json, Object, Tree};
use super::{javachar, javanum, jsontext};
#[cfg(test)]
use super::error::SchemaErrorKind;
use super::model::*;

/// Deepest nesting accepted. serde_json stops at 128 levels of JSON already; this keeps our own recursion bounded
/// for schemas built from `serde_json::Value`s that did not come from text.
const MAX_DEPTH: usize = 256;

/// The largest fixed size Java accepts (`SystemLimitException.MAX_ARRAY_VM_LIMIT`).
const MAX_FIXED_SIZE: i32 = i32::MAX - 8;

/// Attributes of a schema object that are not custom properties (Java's `SCHEMA_RESERVED`). A `match` rather
/// than a list: it compiles to a switch on the length, and every attribute of every object goes through it.
fn schema_reserved(key: &str) -> bool {
    matches!(key, "doc" | "fields" | "items" | "name" | "namespace" | "size" | "symbols" | "values" | "type" | "aliases")
}

/// Attributes of a field object that are not custom properties (Java's `FIELD_RESERVED`).
fn field_reserved(key: &str) -> bool {
    matches!(key, "default" | "doc" | "name" | "order" | "type" | "aliases")
}

impl Schema {
    /// Parses schema text (JSON), validating it as Java Avro 1.11 does.
    ///
    /// As in Java, the text may hold `/* */` and `//` comments, and nothing but whitespace may follow the schema.
    pub fn parse(text: &str) -> Result<Schema, SchemaError> {
        let tree = jsontext::read(text).map_err(|e| SchemaError { kind: E::Json(e), at: SchemaPath::default() })?;
        Schema::from_tree(tree.root())
    }

    /// Parses a schema already read as JSON.
    pub fn from_json(json: &JsonValue) -> Result<Schema, SchemaError> {
        Schema::from_tree(Tree::from_value(json).root())
    }

    fn from_tree(json: Json<'_>) -> Result<Schema, SchemaError> {
        let mut parser =
            Parser { nodes: Vec::new(), names: HashMap::new(), at: SchemaPath::default(), unfinished: Vec::new() };
        let root = parser.parse(json, None)?;
        Ok(Schema::from_parts(parser.nodes, root))
    }
}

struct Parser {
    nodes: Vec<Node>,
    names: HashMap<String, NodeId>,
    at: SchemaPath,
    /// Records whose fields are being parsed: Java sets a record's fields only after all are parsed, so a default
    /// that needs them fails ("Schema fields not set yet").
    unfinished: Vec<NodeId>,
}

impl Parser {
    fn fail<T>(&self, kind: E) -> Result<T, SchemaError> {
        Err(SchemaError { kind, at: self.at.clone() })
    }

    fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        NodeId((self.nodes.len() - 1) as u32)
    }

    /// Runs `f` with `key` appended to the error path.
    fn under<T>(&mut self, key: &'static str, f: impl FnOnce(&mut Self) -> T) -> T {
        self.at.key(key);
        let out = f(self);
        self.at.pop();
        out
    }

    fn parse(&mut self, json: Json<'_>, space: Option<&str>) -> Result<NodeId, SchemaError> {
        if self.at.depth() > MAX_DEPTH {
            return self.fail(E::TooDeep(MAX_DEPTH));
        }
        match json {
            Json::String(name) => match Kind::primitive(name) {
                Some(kind) => Ok(self.push(Node::new(kind))),
                None => match self.lookup(name, space) {
                    Some(id) => Ok(id),
                    None => self.fail(E::UndefinedName(name.to_owned())),
                },
            },
            Json::Object(obj) => self.parse_object(obj, space),
            Json::Array(branches) => self.parse_union(branches, space),
            other => self.fail(E::NotASchema(other.to_value().to_string())),
        }
    }

    /// Java's `Names.get`: the name in the current namespace, else in the null namespace.
    fn lookup(&self, name: &str, space: Option<&str>) -> Option<NodeId> {
        let qualified = Name::new(name, space);
        self.names.get(qualified.full_name()).or_else(|| self.names.get(name)).copied()
    }

    fn parse_object(&mut self, obj: Object<'_>, space: Option<&str>) -> Result<NodeId, SchemaError> {
        let Some(type_name) = obj.get("type") else { return self.fail(E::Missing("type")) };
        let Some(type_name) = type_name.as_str() else {
            return self.under("type", |p| p.fail(E::WrongAttribute { attribute: "type", expected: "a string" }));
        };
        let named = matches!(type_name, "record" | "error" | "enum" | "fixed");
        let name = if named { Some(self.parse_name(obj, space)?) } else { None };
        // Named types set the namespace for everything nested in them.
        // Copied only for named types: `name` moves into the node below.
        let own_space = name.as_ref().map(|n| n.namespace().map(str::to_owned));
        let inner_space = match &own_space {
            Some(own) => own.as_deref(),
            None => space,
        };
        let doc = if named { optional_text(obj, "doc") } else { None };

        let id = match type_name {
            "record" | "error" => {
                let name = name.clone().expect("named");
                let id = self.define(
                    Node::new(Kind::Record(Record {
                        name: name.clone(),
                        doc,
                        aliases: Vec::new(),
                        fields: Vec::new(),
                        is_error: type_name == "error",
                    })),
                    &name,
                )?;
                self.unfinished.push(id);
                let fields = self.under("fields", |p| p.parse_fields(obj, &name, inner_space))?;
                self.unfinished.pop();
                if let Kind::Record(r) = &mut self.nodes[id.index()].kind {
                    r.fields = fields;
                }
                id
            }
            "enum" => {
                let name = name.clone().expect("named");
                let symbols = self.under("symbols", |p| p.parse_symbols(obj))?;
                // Java reads the default with `textValue()`: a default that is not a string is ignored.
                let default = match obj.get("default") {
                    Some(Json::String(d)) if symbols.iter().any(|s| s == d) => Some(d.to_owned()),
                    Some(Json::String(d)) => {
                        let d = d.to_owned();
                        return self.under("default", |p| p.fail(E::EnumDefaultNotASymbol(d)));
                    }
                    _ => None,
                };
                self.define(Node::new(Kind::Enum(Enum { name: name.clone(), doc, aliases: Vec::new(), symbols, default })), &name)?
            }
            "fixed" => {
                let name = name.clone().expect("named");
                let size = match obj.get("size") {
                    Some(Json::Number(n)) => match n.as_i64().and_then(|s| i32::try_from(s).ok()) {
                        // Java's SystemLimitException.checkMaxBytesLength: at most 2^31 - 9.
                        Some(s) if (0..=MAX_FIXED_SIZE).contains(&s) => s as usize,
                        Some(s) => return self.under("size", |p| p.fail(E::InvalidFixedSize(s.into()))),
                        None => {
                            return self.under("size", |p| {
                                p.fail(E::WrongAttribute { attribute: "size", expected: "an int" })
                            })
                        }
                    },
                    Some(_) => {
                        return self.under("size", |p| p.fail(E::WrongAttribute { attribute: "size", expected: "an int" }))
                    }
                    None => return self.fail(E::Missing("size")),
                };
                self.define(Node::new(Kind::Fixed(Fixed { name: name.clone(), doc, aliases: Vec::new(), size })), &name)?
            }
            "array" => {
                let Some(items) = obj.get("items") else { return self.fail(E::Missing("items")) };
                let items = self.under("items", |p| p.parse(items, space))?;
                self.push(Node::new(Kind::Array(items)))
            }
            "map" => {
                let Some(values) = obj.get("values") else { return self.fail(E::Missing("values")) };
                let values = self.under("values", |p| p.parse(values, space))?;
                self.push(Node::new(Kind::Map(values)))
            }
            other => match Kind::primitive(other) {
                Some(kind) => self.push(Node::new(kind)),
                // `{"type": "SomeName"}`: Java returns the named type itself, ignoring any other attributes.
                None => {
                    let qualified = Name::new(other, space);
                    return match self.names.get(qualified.full_name()) {
                        Some(&id) => Ok(id),
                        None => self.fail(E::UnknownType(other.to_owned())),
                    };
                }
            },
        };

        // Everything not reserved is a custom property, in the order written.
        let is_enum = type_name == "enum";
        let props: Props = obj
            .iter()
            .filter(|(k, _)| !(schema_reserved(k) || (is_enum && *k == "default")))
            .map(|(k, v)| (k.to_owned(), v.to_value()))
            .collect();
        // Java reads aliases of named types only; elsewhere "aliases" is ignored, whatever it holds.
        let aliases = match name {
            // A named type's aliases are full names; a simple alias takes the type's own namespace.
            Some(own) => match self.under("aliases", |p| p.parse_aliases(obj))? {
                Some(aliases) => dedup(aliases.iter().map(|a| Name::new(a, own.namespace()))),
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        if let Some(kind) = aliases.iter().find_map(|a| validate_name(a.name()).err()) {
            return self.under("aliases", |p| p.fail(kind));
        }
        let node = &mut self.nodes[id.index()];
        node.logical = logical_type(&node.kind, &props);
        node.props = props;
        match &mut node.kind {
            Kind::Record(r) => r.aliases = aliases,
            Kind::Enum(e) => e.aliases = aliases,
            Kind::Fixed(f) => f.aliases = aliases,
            _ => {}
        }
        Ok(id)
    }

    /// Registers a named type; Java refuses to define a name twice.
    fn define(&mut self, node: Node, name: &Name) -> Result<NodeId, SchemaError> {
        if Kind::primitive(name.full_name()).is_some() {
            return self.fail(E::NamedAfterPrimitive(name.full_name().to_owned()));
        }
        if self.names.contains_key(name.full_name()) {
            return self.fail(E::Redefined(name.full_name().to_owned()));
        }
        let id = self.push(node);
        self.names.insert(name.full_name().to_owned(), id);
        Ok(id)
    }

    fn parse_name(&mut self, obj: Object<'_>, space: Option<&str>) -> Result<Name, SchemaError> {
        let Some(name) = obj.get("name").and_then(Json::as_str) else { return self.fail(E::Missing("name")) };
        let namespace = optional_text(obj, "namespace");
        let name = Name::new(name, namespace.as_deref().or(space));
        if let Err(kind) = validate_name(name.name()) {
            return self.under("name", |p| p.fail(kind));
        }
        Ok(name)
    }

    fn parse_fields(
        &mut self,
        obj: Object<'_>,
        record: &Name,
        space: Option<&str>,
    ) -> Result<Vec<Field>, SchemaError> {
        let Some(Json::Array(list)) = obj.get("fields") else {
            return self.fail(E::WrongAttribute { attribute: "fields", expected: "an array" });
        };
        let mut fields: Vec<Field> = Vec::with_capacity(list.len());
        for (i, json) in list.iter().enumerate() {
            self.at.index(i);
            let field = self.parse_field(json, space)?;
            if fields.iter().any(|f| f.name == field.name) {
                return self.fail(E::DuplicateField { field: field.name, record: record.full_name().to_owned() });
            }
            fields.push(field);
            self.at.pop();
        }
        Ok(fields)
    }

    fn parse_field(&mut self, json: Json<'_>, space: Option<&str>) -> Result<Field, SchemaError> {
        let Json::Object(obj) = json else {
            return self.fail(E::WrongAttribute { attribute: "fields", expected: "an array of objects" });
        };
        let Some(name) = obj.get("name").and_then(Json::as_str) else { return self.fail(E::Missing("name")) };
        if let Err(kind) = validate_name(name) {
            return self.under("name", |p| p.fail(kind));
        }
        let Some(type_json) = obj.get("type") else { return self.fail(E::Missing("type")) };
        let schema = self.under("type", |p| p.parse(type_json, space))?;
        let order = match obj.get("order") {
            None => Order::Ascending,
            // Java: `Order.valueOf(text.toUpperCase(Locale.ENGLISH))`, so "Ascending" and even "ıgnore" pass.
            Some(o) => match o.as_str().map(str::to_uppercase).as_deref() {
                Some("ASCENDING") => Order::Ascending,
                Some("DESCENDING") => Order::Descending,
                Some("IGNORE") => Order::Ignore,
                _ => {
                    let text = o.as_str().map_or_else(|| o.to_value().to_string(), str::to_owned);
                    return self.under("order", |p| p.fail(E::InvalidOrder(text)));
                }
            },
        };
        let mut default = obj.get("default").map(Json::to_value);
        // Java turns a textual default of a float or double field into a number with `Double.valueOf` ("1.5" ->
        // 1.5) and throws when the text is no number. NaN and infinities, which JSON numbers cannot hold, stay
        // text: Jackson prints them as the strings "NaN", "Infinity", "-Infinity".
        let mut non_finite = false;
        if let Some(JsonValue::String(text)) = &default {
            if matches!(self.nodes[schema.index()].kind, Kind::Float | Kind::Double) {
                non_finite = true;
                default = match javanum::parse_double(text) {
                    Some(v) => Some(match serde_json::Number::from_f64(v) {
                        Some(n) => {
                            non_finite = false;
                            JsonValue::Number(n)
                        }
                        None => JsonValue::String(javanum::double_to_string(v)),
                    }),
                    None => {
                        let text = text.clone();
                        return self.under("default", |p| {
                            p.fail(E::InvalidDefault {
                                field: name.to_owned(),
                                value: text,
                                expected: "number (java.lang.NumberFormatException)".to_owned(),
                            })
                        });
                    }
                };
            }
        }
        if let Some(value) = default.as_ref().filter(|_| !non_finite) {
            if !self.is_valid_default(schema, value) {
                return self.under("default", |p| {
                    p.fail(E::InvalidDefault {
                        field: name.to_owned(),
                        value: value.to_string(),
                        expected: p.describe(schema),
                    })
                });
            }
        }
        let aliases = self.under("aliases", |p| p.parse_aliases(obj))?.map(dedup).unwrap_or_default();
        let props = obj
            .iter()
            .filter(|(k, _)| !field_reserved(k))
            .map(|(k, v)| (k.to_owned(), v.to_value()))
            .collect();
        Ok(Field { name: name.to_owned(), schema, doc: optional_text(obj, "doc"), default, order, aliases, props })
    }

    /// Java's `Schema.isValidDefault` (1.11): a union's default must fit its first branch.
    fn is_valid_default(&self, id: NodeId, value: &JsonValue) -> bool {
        match &self.nodes[id.index()].kind {
            Kind::String | Kind::Bytes | Kind::Enum(_) | Kind::Fixed(_) => value.is_string(),
            Kind::Int => value.as_i64().is_some_and(|v| i32::try_from(v).is_ok()) && !value.is_f64(),
            Kind::Long => (value.is_i64() || value.is_u64()) && value.as_i64().is_some(),
            Kind::Float | Kind::Double => value.is_number(),
            Kind::Boolean => value.is_boolean(),
            Kind::Null => value.is_null(),
            Kind::Array(items) => {
                value.as_array().is_some_and(|a| a.iter().all(|v| self.is_valid_default(*items, v)))
            }
            Kind::Map(values) => {
                value.as_object().is_some_and(|m| m.values().all(|v| self.is_valid_default(*values, v)))
            }
            Kind::Union(branches) => branches.first().is_some_and(|b| self.is_valid_default(*b, value)),
            Kind::Record(_) if self.unfinished.contains(&id) => false,
            Kind::Record(r) => value.as_object().is_some_and(|m| {
                r.fields.iter().all(|f| match m.get(&f.name).or(f.default.as_ref()) {
                    Some(v) => self.is_valid_default(f.schema, v),
                    None => false,
                })
            }),
        }
    }

    /// A short description of a type for error messages.
    fn describe(&self, id: NodeId) -> String {
        let node = &self.nodes[id.index()];
        match (&node.kind, node.name()) {
            (Kind::Union(branches), _) => match branches.first() {
                Some(&first) => format!("{} (a union's default must fit its first branch)", self.describe(first)),
                None => "empty union (which has no default)".to_owned(),
            },
            (_, Some(name)) if self.unfinished.contains(&id) => {
                format!("{} {} (whose fields are not all defined yet)", node.type_name(), name.full_name())
            }
            (_, Some(name)) => format!("{} {}", node.type_name(), name.full_name()),
            _ => node.type_name().to_owned(),
        }
    }

    fn parse_symbols(&mut self, obj: Object<'_>) -> Result<Vec<String>, SchemaError> {
        let Some(Json::Array(list)) = obj.get("symbols") else {
            return self.fail(E::WrongAttribute { attribute: "symbols", expected: "an array of names" });
        };
        let mut symbols: Vec<String> = Vec::with_capacity(list.len());
        for (i, symbol) in list.iter().enumerate() {
            self.at.index(i);
            let Some(symbol) = symbol.as_str() else {
                return self.fail(E::WrongAttribute { attribute: "symbols", expected: "an array of names" });
            };
            if let Err(kind) = validate_name(symbol) {
                return self.fail(kind);
            }
            if symbols.iter().any(|s| s == symbol) {
                return self.fail(E::DuplicateSymbol(symbol.to_owned()));
            }
            symbols.push(symbol.to_owned());
            self.at.pop();
        }
        Ok(symbols)
    }

    fn parse_aliases(&mut self, obj: Object<'_>) -> Result<Option<Vec<String>>, SchemaError> {
        let Some(aliases) = obj.get("aliases") else { return Ok(None) };
        let Json::Array(list) = aliases else {
            return self.fail(E::WrongAttribute { attribute: "aliases", expected: "an array of strings" });
        };
        list.iter()
            .map(|a| match a.as_str() {
                Some(a) => Ok(a.to_owned()),
                None => self.fail(E::WrongAttribute { attribute: "aliases", expected: "an array of strings" }),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    fn parse_union(&mut self, branches: Array<'_>, space: Option<&str>) -> Result<NodeId, SchemaError> {
        let mut ids: Vec<NodeId> = Vec::with_capacity(branches.len());
        for (i, branch) in branches.iter().enumerate() {
            self.at.index(i);
            let id = self.parse(branch, space)?;
            let kind = &self.nodes[id.index()].kind;
            if matches!(kind, Kind::Union(_)) {
                return self.fail(E::NestedUnion);
            }
            let key = kind.union_name();
            if ids.iter().any(|earlier| self.nodes[earlier.index()].kind.union_name() == key) {
                return self.fail(E::DuplicateInUnion(key.to_owned()));
            }
            ids.push(id);
            self.at.pop();
        }
        Ok(self.push(Node::new(Kind::Union(ids))))
    }
}

/// Java's `getOptionalText`: the attribute when it is a string.
fn optional_text(obj: Object<'_>, key: &str) -> Option<String> {
    obj.get(key).and_then(Json::as_str).map(str::to_owned)
}

/// Keeps the first of equal items, in order (Java keeps aliases in a `LinkedHashSet`).
fn dedup<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Java's `Schema.validateName`: a letter or `_`, then letters, digits or `_`. Java tests UTF-16 units with
/// `Character.isLetter` / `isLetterOrDigit`, so letters outside the Basic Multilingual Plane are refused.
pub(crate) fn validate_name(name: &str) -> Result<(), E> {
    let is_letter = javachar::is_letter;
    let is_digit = javachar::is_digit;
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if is_letter(c) || c == '_' => {}
        _ => return Err(E::IllegalName(name.to_owned())),
    }
    if chars.all(|c| is_letter(c) || is_digit(c) || c == '_') {
        Ok(())
    } else {
        Err(E::IllegalName(name.to_owned()))
    }
}

/// Java's `LogicalTypes.fromSchemaIgnoreInvalid`: the `logicalType` property when it names a logical type that
/// is valid on this type; `None` otherwise (the schema then stays its underlying type).
fn logical_type(kind: &Kind, props: &Props) -> Option<LogicalType> {
    let name = props.get_str("logicalType")?;
    // Java's `LogicalType.validate`: these Java-specific properties rule out any logical type.
    const INCOMPATIBLE: [&str; 4] = ["avro.java.string", "java-class", "java-key-class", "java-element-class"];
    if INCOMPATIBLE.iter().any(|p| props.get_str(p).is_some()) {
        return None;
    }
    let lt = match (name, kind) {
        ("decimal", Kind::Bytes | Kind::Fixed(_)) => {
            // Java reads these with `getObjectProp`, where a JSON integer beyond 64 bits (a BigInteger for
            // Jackson) is null, that is absent; serde_json holds such integers as u64 above i64::MAX or as
            // doubles, and integral doubles of 2^64 and more are taken for them.
            let beyond_64_bits = |v: &JsonValue| {
                (v.is_u64() && !v.is_i64())
                    || (v.is_f64() && v.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() >= 2f64.powi(64)))
            };
            let int_prop = |key| match props.get(key) {
                None => Some(0),
                Some(v) if beyond_64_bits(v) => Some(0),
                Some(v) => v.as_i64().filter(|_| !v.is_f64()).and_then(|v| i32::try_from(v).ok()),
            };
            let precision = int_prop("precision")?;
            let scale = int_prop("scale")?;
            let max_precision = match kind {
                // Java: Math.round(Math.floor(Math.log10(2) * (8 * size - 1))) with `8 * size - 1` in int
                // arithmetic, which wraps from size 2^28 on.
                Kind::Fixed(f) => {
                    let bits = (f.size as i32).wrapping_mul(8).wrapping_sub(1);
                    (std::f64::consts::LOG10_2 * f64::from(bits)).floor() as i64
                }
                _ => i32::MAX as i64,
            };
            if precision <= 0 || i64::from(precision) > max_precision || scale < 0 || scale > precision {
                return None;
            }
            LogicalType::Decimal { precision: precision as u32, scale: scale as u32 }
        }
        // Java 1.11's uuid is a bare `LogicalType("uuid")` that validates nothing: any type may carry it.
        ("uuid", _) => LogicalType::Uuid,
        ("date", Kind::Int) => LogicalType::Date,
        ("time-millis", Kind::Int) => LogicalType::TimeMillis,
        ("time-micros", Kind::Long) => LogicalType::TimeMicros,
        ("timestamp-millis", Kind::Long) => LogicalType::TimestampMillis,
        ("timestamp-micros", Kind::Long) => LogicalType::TimestampMicros,
        ("local-timestamp-millis", Kind::Long) => LogicalType::LocalTimestampMillis,
        ("local-timestamp-micros", Kind::Long) => LogicalType::LocalTimestampMicros,
        ("duration", Kind::Fixed(f)) if f.size == 12 => LogicalType::Duration,
        _ => return None,
    };
    Some(lt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_recursive_record_with_namespaces() {
        let s = Schema::parse(
            r#"{"type":"record","name":"List","namespace":"a.b","fields":[
                {"name":"value","type":{"type":"int","connect.name":"x"}},
                {"name":"next","type":["null","List"],"default":null}]}"#,
        )
        .unwrap();
        let Kind::Record(r) = &s.node(s.root()).kind else { panic!() };
        assert_eq!(r.name.full_name(), "a.b.List");
        assert_eq!(s.node(r.fields[0].schema).props.get_str("connect.name"), Some("x"));
        let Kind::Union(b) = &s.node(r.fields[1].schema).kind else { panic!() };
        assert_eq!(b[1], s.root());
    }

    #[test]
    fn errors_say_where() {
        let e = Schema::parse(r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b-c","type":"int"}]}"#)
            .unwrap_err();
        assert_eq!(e.at.to_string(), "$.fields[1].name");
        assert!(matches!(e.kind, SchemaErrorKind::IllegalName(_)));
        let e = Schema::parse(r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}"#)
            .unwrap_err();
        assert_eq!(e.at.to_string(), "$.fields[0].default");
    }
}
