//! The schema model: an arena of nodes, so that named types referenced in several places (and recursive types)
//! are one node reached from several parents, as in Java's object graph, without reference cycles.
//!
//! Every attribute and custom property is kept in the order it was given: Java Avro prints properties in insertion
//! order, and registries such as Apicurio match schemas by their exact text.

use serde_json::Value as JsonValue;

/// Index of a node in a [`Schema`]'s arena.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The position of the node in [`Schema::nodes`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A parsed and validated Avro schema.
///
/// `Display` prints the text Java Avro 1.11's `Schema.toString()` prints for the same schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    pub(crate) nodes: Vec<Node>,
    pub(crate) root: NodeId,
}

impl Schema {
    /// The top-level node.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// The node with this id.
    ///
    /// # Panics
    /// If `id` does not come from this schema.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// All nodes, in the order they were created (a named type before its fields' types).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The named type (record, enum or fixed) with this full name.
    pub fn named(&self, full_name: &str) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|n| n.name().is_some_and(|name| name.full_name() == full_name))
            .map(|i| NodeId(i as u32))
    }

    /// Assembles a schema from an arena; used by the parser and by builders in this crate. The caller guarantees
    /// that every `NodeId` in `nodes` is in range, and that each full name is defined by one node only: Display
    /// writes later nodes of a name already written as references to it, where Java's `toString` throws "Can't
    /// redefine" (as Confluent 7.0's AvroData does for two maps with non-string keys, both `MapEntry`).
    pub(crate) fn from_parts(nodes: Vec<Node>, root: NodeId) -> Self {
        debug_assert!(root.index() < nodes.len());
        Schema { nodes, root }
    }
}

/// One type in the arena: its kind plus the custom properties written beside `type` in its JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Custom properties in insertion order. For primitives and fixed this includes `logicalType` and the
    /// decimal's `precision`/`scale`, as in Java, where logical types are properties.
    pub props: Props,
    /// The logical type, when the properties name a valid one (Java ignores invalid ones, and so do we).
    pub logical: Option<LogicalType>,
}

impl Node {
    pub fn new(kind: Kind) -> Self {
        Node { kind, props: Props::default(), logical: None }
    }

    /// The name of a record, enum or fixed.
    pub fn name(&self) -> Option<&Name> {
        match &self.kind {
            Kind::Record(r) => Some(&r.name),
            Kind::Enum(e) => Some(&e.name),
            Kind::Fixed(f) => Some(&f.name),
            _ => None,
        }
    }

    /// The Avro type name: `"int"`, `"record"`, `"union"`...
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }
}

/// What a node is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record(Record),
    Enum(Enum),
    Fixed(Fixed),
    Array(NodeId),
    Map(NodeId),
    Union(Vec<NodeId>),
}

impl Kind {
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Int => "int",
            Kind::Long => "long",
            Kind::Float => "float",
            Kind::Double => "double",
            Kind::Bytes => "bytes",
            Kind::String => "string",
            Kind::Record(r) if r.is_error => "error",
            Kind::Record(_) => "record",
            Kind::Enum(_) => "enum",
            Kind::Fixed(_) => "fixed",
            Kind::Array(_) => "array",
            Kind::Map(_) => "map",
            Kind::Union(_) => "union",
        }
    }

    /// The kind of a primitive type name, as written in a schema.
    pub fn primitive(name: &str) -> Option<Kind> {
        Some(match name {
            "null" => Kind::Null,
            "boolean" => Kind::Boolean,
            "int" => Kind::Int,
            "long" => Kind::Long,
            "float" => Kind::Float,
            "double" => Kind::Double,
            "bytes" => Kind::Bytes,
            "string" => Kind::String,
            _ => return None,
        })
    }

    /// Whether two kinds are the same type for union-membership purposes (Java: unions may not hold two
    /// unnamed types of the same kind, nor two named types of the same name).
    pub(crate) fn union_key(&self) -> String {
        self.union_name().to_owned()
    }

    /// [`Kind::union_key`] without the copy: the full name of a named type, else the type name.
    pub(crate) fn union_name(&self) -> &str {
        match self {
            Kind::Record(r) => r.name.full_name(),
            Kind::Enum(e) => e.name.full_name(),
            Kind::Fixed(f) => f.name.full_name(),
            other => other.type_name(),
        }
    }
}

/// A full name, split into its simple name and namespace.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Name {
    name: String,
    namespace: Option<String>,
    full: String,
}

impl Name {
    /// A name from a simple or dotted `name` and the namespace in effect (an explicit `namespace` attribute or the
    /// enclosing one). A dotted name carries its own namespace, as in the Avro spec. An empty namespace is none.
    pub fn new(name: &str, namespace: Option<&str>) -> Self {
        match name.rfind('.') {
            Some(dot) => {
                let space = &name[..dot];
                Name::from_parts(&name[dot + 1..], if space.is_empty() { None } else { Some(space) })
            }
            None => Name::from_parts(name, namespace.filter(|s| !s.is_empty())),
        }
    }

    fn from_parts(name: &str, namespace: Option<&str>) -> Self {
        let full = match namespace {
            Some(ns) => format!("{ns}.{name}"),
            None => name.to_owned(),
        };
        Name { name: name.to_owned(), namespace: namespace.map(str::to_owned), full }
    }

    /// The simple name, without namespace.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// `namespace.name`, or `name` when there is no namespace.
    pub fn full_name(&self) -> &str {
        &self.full
    }
}

/// Field sort order.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    Ascending,
    Descending,
    Ignore,
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Ascending => "ascending",
            Order::Descending => "descending",
            Order::Ignore => "ignore",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub name: Name,
    pub doc: Option<String>,
    /// Aliases as full names, deduplicated, in the order given.
    pub aliases: Vec<Name>,
    pub fields: Vec<Field>,
    /// Declared as `"type": "error"` (Avro IDL's error records); prints back as such.
    pub is_error: bool,
}

impl Record {
    /// Position of the field with this name.
    pub fn field_position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub schema: NodeId,
    pub doc: Option<String>,
    /// The default as written (after Java's conversion of textual float/double defaults to numbers; one that
    /// converts to NaN or an infinity stays the text Jackson prints for it: "NaN", "Infinity", "-Infinity").
    pub default: Option<JsonValue>,
    pub order: Order,
    pub aliases: Vec<String>,
    pub props: Props,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    pub name: Name,
    pub doc: Option<String>,
    pub aliases: Vec<Name>,
    pub symbols: Vec<String>,
    pub default: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fixed {
    pub name: Name,
    pub doc: Option<String>,
    pub aliases: Vec<Name>,
    pub size: usize,
}

/// Logical types of the Avro 1.11 specification.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum LogicalType {
    /// On `bytes` or `fixed`.
    Decimal { precision: u32, scale: u32 },
    /// On `string` in the specification; Java 1.11 accepts it on any type, and so do we.
    Uuid,
    /// On `int`: days since the epoch.
    Date,
    /// On `int`.
    TimeMillis,
    /// On `long`.
    TimeMicros,
    TimestampMillis,
    TimestampMicros,
    LocalTimestampMillis,
    LocalTimestampMicros,
    /// On `fixed` of size 12. In the specification, but Java Avro 1.11 does not know it (its
    /// `getLogicalType()` is null there); the text is the same either way.
    Duration,
}

impl LogicalType {
    pub fn name(self) -> &'static str {
        match self {
            LogicalType::Decimal { .. } => "decimal",
            LogicalType::Uuid => "uuid",
            LogicalType::Date => "date",
            LogicalType::TimeMillis => "time-millis",
            LogicalType::TimeMicros => "time-micros",
            LogicalType::TimestampMillis => "timestamp-millis",
            LogicalType::TimestampMicros => "timestamp-micros",
            LogicalType::LocalTimestampMillis => "local-timestamp-millis",
            LogicalType::LocalTimestampMicros => "local-timestamp-micros",
            LogicalType::Duration => "duration",
        }
    }
}

/// Custom properties in insertion order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props(Vec<(String, JsonValue)>);

impl Props {
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The property as a string, when it is one.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(JsonValue::as_str)
    }

    /// Sets a property; a new key goes last, an existing key keeps its place (as in Java's LinkedHashMap).
    pub fn insert(&mut self, key: impl Into<String>, value: JsonValue) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &JsonValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl FromIterator<(String, JsonValue)> for Props {
    fn from_iter<I: IntoIterator<Item = (String, JsonValue)>>(iter: I) -> Self {
        let mut props = Props::default();
        for (k, v) in iter {
            props.insert(k, v);
        }
        props
    }
}
