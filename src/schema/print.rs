//! `Display` for [`Schema`]: the text of Java Avro 1.11's `Schema.toString()`, byte for byte (compact JSON, Java's
//! attribute order, namespace elision and name references, Jackson's string escapes and Java's number format).
//!
//! A small writer of our own rather than serde_json's `Formatter`: the attribute order and name bookkeeping come
//! from the model walk anyway, and the leaves (Jackson's `\u00XX` upper-case escapes, `Double.toString` numbers)
//! would have to be overridden one by one.

use std::collections::HashSet;
use std::fmt::{self, Write};

use serde_json::Value as JsonValue;

use super::javanum;
use super::model::{Field, Kind, Name, NodeId, Order, Props, Schema};

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Into a String first: the printer writes many short pieces, each a dynamic call through a Formatter,
        // which cost more than printing the whole text once and copying it.
        let mut text = String::with_capacity(1024);
        Printer { schema: self, out: &mut text, seen: HashSet::new(), space: None }.node(self.root)?;
        f.write_str(&text)
    }
}

/// Java's `Schema.toJson` state: the names already written (`Names`) and the enclosing namespace.
struct Printer<'a, W> {
    schema: &'a Schema,
    out: W,
    /// Full names of the named types written so far: a later occurrence is written as a name reference.
    seen: HashSet<&'a str>,
    /// The namespace of the innermost record being written (`names.space()`).
    space: Option<&'a str>,
}

impl<'a, W: Write> Printer<'a, W> {
    fn node(&mut self, id: NodeId) -> fmt::Result {
        let node = self.schema.node(id);
        if let Some(name) = node.name() {
            // Java's `writeNameRef`: a named type is written in full once, then by name.
            if !self.seen.insert(name.full_name()) {
                return write_str(&mut self.out, qualified(name, self.space));
            }
        }
        match &node.kind {
            Kind::Record(r) => {
                let saved = self.space;
                self.out.write_str("{\"type\":")?;
                write_str(&mut self.out, node.type_name())?;
                self.name(&r.name)?;
                self.space = r.name.namespace();
                self.doc(r.doc.as_deref())?;
                self.out.write_str(",\"fields\":[")?;
                for (i, field) in r.fields.iter().enumerate() {
                    if i > 0 {
                        self.out.write_char(',')?;
                    }
                    self.field(field)?;
                }
                self.out.write_char(']')?;
                self.props(&node.props)?;
                self.aliases(&r.aliases, &r.name)?;
                self.space = saved;
                self.out.write_char('}')
            }
            Kind::Enum(e) => {
                self.out.write_str("{\"type\":\"enum\"")?;
                self.name(&e.name)?;
                self.doc(e.doc.as_deref())?;
                self.out.write_str(",\"symbols\":[")?;
                for (i, symbol) in e.symbols.iter().enumerate() {
                    if i > 0 {
                        self.out.write_char(',')?;
                    }
                    write_str(&mut self.out, symbol)?;
                }
                self.out.write_char(']')?;
                if let Some(default) = &e.default {
                    self.out.write_str(",\"default\":")?;
                    write_str(&mut self.out, default)?;
                }
                self.props(&node.props)?;
                self.aliases(&e.aliases, &e.name)?;
                self.out.write_char('}')
            }
            Kind::Fixed(x) => {
                self.out.write_str("{\"type\":\"fixed\"")?;
                self.name(&x.name)?;
                self.doc(x.doc.as_deref())?;
                write!(self.out, ",\"size\":{}", x.size)?;
                self.props(&node.props)?;
                self.aliases(&x.aliases, &x.name)?;
                self.out.write_char('}')
            }
            Kind::Array(items) => {
                self.out.write_str("{\"type\":\"array\",\"items\":")?;
                self.node(*items)?;
                self.props(&node.props)?;
                self.out.write_char('}')
            }
            Kind::Map(values) => {
                self.out.write_str("{\"type\":\"map\",\"values\":")?;
                self.node(*values)?;
                self.props(&node.props)?;
                self.out.write_char('}')
            }
            // Java's unions carry no properties and print as a bare array.
            Kind::Union(branches) => {
                self.out.write_char('[')?;
                for (i, branch) in branches.iter().enumerate() {
                    if i > 0 {
                        self.out.write_char(',')?;
                    }
                    self.node(*branch)?;
                }
                self.out.write_char(']')
            }
            // Primitives: a bare name, or an object when they carry properties.
            _ if node.props.is_empty() => write_str(&mut self.out, node.type_name()),
            _ => {
                self.out.write_str("{\"type\":")?;
                write_str(&mut self.out, node.type_name())?;
                self.props(&node.props)?;
                self.out.write_char('}')
            }
        }
    }

    /// Java's `Name.writeName`: the namespace only where it differs from the enclosing one, and `""` for no
    /// namespace inside one.
    fn name(&mut self, name: &Name) -> fmt::Result {
        self.out.write_str(",\"name\":")?;
        write_str(&mut self.out, name.name())?;
        match (name.namespace(), self.space) {
            (Some(own), outer) if outer != Some(own) => {
                self.out.write_str(",\"namespace\":")?;
                write_str(&mut self.out, own)
            }
            (None, Some(_)) => self.out.write_str(",\"namespace\":\"\""),
            _ => Ok(()),
        }
    }

    fn doc(&mut self, doc: Option<&str>) -> fmt::Result {
        match doc {
            Some(doc) => {
                self.out.write_str(",\"doc\":")?;
                write_str(&mut self.out, doc)
            }
            None => Ok(()),
        }
    }

    /// Field attributes in Java's order: name, type, doc, default, order, aliases, then properties.
    fn field(&mut self, field: &Field) -> fmt::Result {
        self.out.write_str("{\"name\":")?;
        write_str(&mut self.out, &field.name)?;
        self.out.write_str(",\"type\":")?;
        self.node(field.schema)?;
        self.doc(field.doc.as_deref())?;
        if let Some(default) = &field.default {
            self.out.write_str(",\"default\":")?;
            write_value(&mut self.out, default)?;
        }
        if field.order != Order::Ascending {
            self.out.write_str(",\"order\":")?;
            write_str(&mut self.out, field.order.as_str())?;
        }
        if !field.aliases.is_empty() {
            self.out.write_str(",\"aliases\":[")?;
            for (i, alias) in field.aliases.iter().enumerate() {
                if i > 0 {
                    self.out.write_char(',')?;
                }
                write_str(&mut self.out, alias)?;
            }
            self.out.write_char(']')?;
        }
        self.props(&field.props)?;
        self.out.write_char('}')
    }

    fn props(&mut self, props: &Props) -> fmt::Result {
        for (key, value) in props.iter() {
            self.out.write_char(',')?;
            write_str(&mut self.out, key)?;
            self.out.write_char(':')?;
            write_value(&mut self.out, value)?;
        }
        Ok(())
    }

    /// Java's `aliasesToJson`: each alias relative to the type's own namespace.
    fn aliases(&mut self, aliases: &[Name], own: &Name) -> fmt::Result {
        if aliases.is_empty() {
            return Ok(());
        }
        self.out.write_str(",\"aliases\":[")?;
        for (i, alias) in aliases.iter().enumerate() {
            if i > 0 {
                self.out.write_char(',')?;
            }
            write_str(&mut self.out, qualified(alias, own.namespace()))?;
        }
        self.out.write_char(']')
    }
}

/// Java's `Name.getQualified(space)`: the simple name when the namespace is `space`, unless the simple name is a
/// type name (`"record"`, `"int"`...), which would read back as that type.
fn qualified<'n>(name: &'n Name, space: Option<&str>) -> &'n str {
    const TYPE_NAMES: [&str; 14] = [
        "record", "enum", "array", "map", "union", "fixed", "string", "bytes", "int", "long", "float", "double",
        "boolean", "null",
    ];
    match name.namespace() {
        Some(ns) if Some(ns) == space && !TYPE_NAMES.contains(&name.name()) => name.name(),
        _ => name.full_name(),
    }
}

/// A JSON value as Jackson writes a `JsonNode` tree: compact, keys in order, Java number text.
pub(crate) fn write_value<W: Write>(out: &mut W, value: &JsonValue) -> fmt::Result {
    match value {
        JsonValue::Null => out.write_str("null"),
        JsonValue::Bool(b) => out.write_str(if *b { "true" } else { "false" }),
        JsonValue::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => write!(out, "{u}"),
            (None, Some(i)) => write!(out, "{i}"),
            // Jackson reads every JSON number with a fraction or exponent as a double.
            _ => out.write_str(&javanum::double_to_string(n.as_f64().unwrap_or(f64::NAN))),
        },
        JsonValue::String(s) => write_str(out, s),
        JsonValue::Array(items) => {
            out.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_char(',')?;
                }
                write_value(out, item)?;
            }
            out.write_char(']')
        }
        JsonValue::Object(map) => {
            out.write_char('{')?;
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.write_char(',')?;
                }
                write_str(out, key)?;
                out.write_char(':')?;
                write_value(out, item)?;
            }
            out.write_char('}')
        }
    }
}

/// A JSON string with Jackson's escapes: `\"`, `\\`, `\b \t \n \f \r`, other control characters as `\u00XX`
/// with upper-case hex; everything else (DEL, non-ASCII, `/`) as is.
pub(crate) fn write_str<W: Write>(out: &mut W, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let mut start = 0;
    // Bytes, not chars: every byte to escape is ASCII, and no byte of a multi-byte UTF-8 sequence is.
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            b if b < b' ' => "",
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        if escape.is_empty() {
            write!(out, "\\u{:04X}", b)?;
        } else {
            out.write_str(escape)?;
        }
        start = i + 1;
    }
    out.write_str(&s[start..])?;
    out.write_char('"')
}
