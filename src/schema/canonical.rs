//! The Parsing Canonical Form of the Avro specification, exactly as Java's `SchemaNormalization.toParsingForm`
//! writes it: only `name` (full), `type`, `fields`, `symbols`, `items`, `values` and `size`, in that order; a named
//! type in full once, then by full name; error records as `"record"`.
//!
//! Like Java, names and symbols are written without JSON escaping: Avro names cannot need it, and namespaces
//! (which Java 1.11 does not validate) come out as Java writes them.

use std::collections::HashSet;

use super::model::{Kind, NodeId, Schema};

impl Schema {
    /// The Parsing Canonical Form: two schemas with the same form read and write the same binary data.
    pub fn canonical_form(&self) -> String {
        let mut out = String::new();
        write(self, self.root(), &mut HashSet::new(), &mut out);
        out
    }
}

fn write<'a>(schema: &'a Schema, id: NodeId, seen: &mut HashSet<&'a str>, out: &mut String) {
    let node = schema.node(id);
    if let Some(name) = node.name() {
        if !seen.insert(name.full_name()) {
            quoted(out, name.full_name());
            return;
        }
        out.push_str("{\"name\":");
        quoted(out, name.full_name());
    }
    match &node.kind {
        Kind::Record(r) => {
            out.push_str(",\"type\":\"record\",\"fields\":[");
            for (i, field) in r.fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str("{\"name\":");
                quoted(out, &field.name);
                out.push_str(",\"type\":");
                write(schema, field.schema, seen, out);
                out.push('}');
            }
            out.push_str("]}");
        }
        Kind::Enum(e) => {
            out.push_str(",\"type\":\"enum\",\"symbols\":[");
            for (i, symbol) in e.symbols.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                quoted(out, symbol);
            }
            out.push_str("]}");
        }
        Kind::Fixed(f) => {
            out.push_str(",\"type\":\"fixed\",\"size\":");
            out.push_str(&f.size.to_string());
            out.push('}');
        }
        Kind::Array(items) => {
            out.push_str("{\"type\":\"array\",\"items\":");
            write(schema, *items, seen, out);
            out.push('}');
        }
        Kind::Map(values) => {
            out.push_str("{\"type\":\"map\",\"values\":");
            write(schema, *values, seen, out);
            out.push('}');
        }
        Kind::Union(branches) => {
            out.push('[');
            for (i, branch) in branches.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(schema, *branch, seen, out);
            }
            out.push(']');
        }
        other => quoted(out, other.type_name()),
    }
}

fn quoted(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}
