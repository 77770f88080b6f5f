//! The encoding plan: a writer schema compiled once into a flat table of operations, one per schema node (so
//! shared named types and recursive types are one entry reached from several places). Encoders walk it by index.

use crate::schema::{Kind, Schema};
use crate::value::Value;

use super::json::default_value;

#[derive(Debug)]
pub(crate) enum EOp {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Fixed(usize),
    Enum(Box<[Box<str>]>),
    Array(u32),
    Map(u32),
    Record(Box<ERecord>),
    Union(Box<[u32]>),
}

#[derive(Debug)]
pub(crate) struct ERecord {
    /// Simple name, matched against serde struct names when choosing a union branch.
    pub name: Box<str>,
    pub full_name: Box<str>,
    pub fields: Box<[EField]>,
}

#[derive(Debug)]
pub(crate) struct EField {
    pub name: Box<str>,
    pub op: u32,
    /// The schema default, written for a serde struct field that is missing (e.g. skipped when `None`).
    pub default: Option<Value>,
}

#[derive(Debug)]
pub(crate) struct EncPlan {
    pub ops: Vec<EOp>,
    /// Per op, a named type's simple name or the type name (`"int"`, `"array"`...), to pick a union branch by name.
    pub names: Vec<Box<str>>,
    pub root: u32,
}

impl EncPlan {
    pub fn compile(schema: &Schema) -> EncPlan {
        let ops = schema
            .nodes()
            .iter()
            .map(|node| match &node.kind {
                Kind::Null => EOp::Null,
                Kind::Boolean => EOp::Boolean,
                Kind::Int => EOp::Int,
                Kind::Long => EOp::Long,
                Kind::Float => EOp::Float,
                Kind::Double => EOp::Double,
                Kind::Bytes => EOp::Bytes,
                Kind::String => EOp::String,
                Kind::Fixed(f) => EOp::Fixed(f.size),
                Kind::Enum(e) => EOp::Enum(e.symbols.iter().map(|s| s.as_str().into()).collect()),
                Kind::Array(i) => EOp::Array(i.0),
                Kind::Map(v) => EOp::Map(v.0),
                Kind::Union(b) => EOp::Union(b.iter().map(|b| b.0).collect()),
                Kind::Record(r) => EOp::Record(Box::new(ERecord {
                    name: r.name.name().into(),
                    full_name: r.name.full_name().into(),
                    fields: r
                        .fields
                        .iter()
                        .map(|f| EField {
                            name: f.name.as_str().into(),
                            op: f.schema.0,
                            // The parser validated defaults; one that still fails to convert is treated as absent.
                            default: f.default.as_ref().and_then(|d| default_value(schema, f.schema, d).ok()),
                        })
                        .collect(),
                })),
            })
            .collect();
        let names = schema.nodes().iter().map(|n| n.name().map_or(n.type_name(), |n| n.name()).into()).collect();
        EncPlan { ops, names, root: schema.root().0 }
    }

    #[inline]
    pub fn op(&self, i: u32) -> &EOp {
        &self.ops[i as usize]
    }

    /// The Avro type name of an op (a named type's simple name), to pick a union branch by name.
    pub fn type_name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }
}
