//! The encoding plan: a writer schema compiled once into a flat table of operations, one per schema node (so
//! shared named types and recursive types are one entry reached from several places). Encoders walk it by index.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

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
    /// Branches, and for an optional (`["null", T]` or `[T, "null"]`) the index of its null branch.
    Union(Box<[u32]>, Option<u8>),
}

#[derive(Debug)]
pub(crate) struct ERecord {
    /// Simple name, matched against serde struct names when choosing a union branch.
    pub name: Box<str>,
    pub full_name: Box<str>,
    pub fields: Box<[EField]>,
    /// The `#[derive(Encode)]` field list last found equal to `fields`' names.
    pub derived: SameNames,
}

impl ERecord {
    /// The fields, when a struct's (static) field names are theirs in order.
    #[inline]
    pub fn fields_named<const N: usize>(&self, names: &'static [&'static str; N]) -> Option<&[EField; N]> {
        let fields = <&[EField; N]>::try_from(&self.fields[..]).ok()?;
        self.derived.check(names, |i| &fields[i].name).then_some(fields)
    }
}

/// Remembers the address of the last static field-name list (a serde or derived struct's) found equal to a
/// record's field names: a pointer compare per record instead of a name compare per field.
#[derive(Debug, Default)]
pub(crate) struct SameNames(AtomicUsize);

impl SameNames {
    /// Whether `names` are the record's `name(0)`, `name(1)`..., for a record of `names.len()` fields.
    #[inline]
    pub fn check<'n>(&self, names: &'static [&'static str], name: impl Fn(usize) -> &'n str) -> bool {
        let addr = names.as_ptr() as usize;
        // The caller checked the lengths: a shorter list could start at the same address.
        if self.0.load(Relaxed) == addr {
            return true;
        }
        let same = names.iter().enumerate().all(|(i, n)| *n == name(i));
        if same {
            self.0.store(addr, Relaxed);
        }
        same
    }
}

#[derive(Debug)]
pub(crate) struct EField {
    pub name: Box<str>,
    /// Address of the `&'static str` serde key last seen equal to `name` (0: none): static text never changes, so
    /// an equal address and length is a match without a `memcmp` call per field.
    pub static_key: AtomicUsize,
    pub op: u32,
    /// The schema default, written for a serde struct field that is missing (e.g. skipped when `None`).
    pub default: Option<Value>,
}

impl EField {
    /// Whether a serde struct's (static) field name is this field's name.
    #[inline(always)]
    pub fn is(&self, key: &'static str) -> bool {
        (self.static_key.load(Relaxed) == key.as_ptr() as usize && key.len() == self.name.len()) || self.is_new(key)
    }

    /// `is` for a key not seen before: compares the text.
    #[cold]
    #[inline(never)]
    fn is_new(&self, key: &'static str) -> bool {
        let same = *self.name == *key;
        if same {
            self.static_key.store(key.as_ptr() as usize, Relaxed);
        }
        same
    }
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
                Kind::Union(b) => {
                    let null_at = match **b {
                        [x, y] => [x, y].iter().position(|n| matches!(schema.node(*n).kind, Kind::Null)),
                        _ => None,
                    };
                    EOp::Union(b.iter().map(|b| b.0).collect(), null_at.map(|i| i as u8))
                }
                Kind::Record(r) => EOp::Record(Box::new(ERecord {
                    name: r.name.name().into(),
                    full_name: r.name.full_name().into(),
                    fields: r
                        .fields
                        .iter()
                        .map(|f| EField {
                            name: f.name.as_str().into(),
                            static_key: AtomicUsize::new(0),
                            op: f.schema.0,
                            // The parser validated defaults; one that still fails to convert is treated as absent.
                            default: f.default.as_ref().and_then(|d| default_value(schema, f.schema, d).ok()),
                        })
                        .collect(),
                    derived: SameNames::default(),
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
