//! The decode program: compiled once from a writer's Avro schema and the Connect schema `to_connect_schema` gives
//! for it, it parses an Avro body into table slots (bindings/jni/BOUNDARY.md, "The table") that Java turns into
//! the Connect value. Writer schema only: Confluent's converter reads with the writer schema, no resolution.
//!
//! One program node per Connect node, in pre-order (node `i` is reader op `i`). Strings are not validated as
//! UTF-8 (Java replaces malformed sequences as Java Avro does); lengths and counts are checked against the input
//! before use, zero-byte items are capped as in the codec, and nesting is bounded by the compiled schema.

use super::anything;
use super::ops;
use super::schema::{ConnectSchema, ConnectType};
use super::tape::{is_union_struct, mismatch, optional_union, too_deep};
use super::ConnectError;
use crate::codec::wire::Reader;
use crate::codec::{DecodeError, MAX_DEPTH};
use crate::schema::{Kind, NodeId, Schema};

/// A compiled Avro -> table parser for one writer schema. `Send + Sync`.
#[derive(Debug)]
pub struct DecodeProgram {
    nodes: Vec<DecNode>,
    ops: Vec<i32>,
    symbols: Vec<String>,
}

#[derive(Debug)]
struct DecNode {
    /// An Avro `[null, T]`/`[T, null]` union read as an optional Connect node: the null branch.
    null_branch: Option<u32>,
    kind: DecKind,
    label: Box<str>,
    /// The fewest body bytes the node takes: bounds block counts.
    min_body: usize,
}

#[derive(Debug)]
enum DecKind {
    Boolean,
    Int,
    Long,
    Float,
    Double,
    /// Strings, bytes and decimals: `offset << 32 | length`.
    Bytes,
    /// A top-level `bytes` schema: the rest of the payload, no length prefix.
    Raw,
    Fixed(usize),
    /// Symbol `i` is slot `base + i`.
    Enum { base: u32, count: u32 },
    Array(u32),
    /// An Avro map: the key is the string node `key`.
    Map { key: u32, value: u32 },
    /// MapEntry records; `swapped` when the writer's record has `value` before `key`.
    Entries { key: u32, value: u32, swapped: bool },
    Record(Box<[u32]>),
    /// `io.confluent.connect.avro.Union`: per Avro branch, the Connect field it fills (`None` for null).
    Union { optional: bool, branches: Box<[Option<u32>]>, fields: Box<[u32]> },
    /// AvroData's `Anything` record, read as a schemaless value (op ANY, `anything.rs`).
    Any,
}

/// Where the slots go: writes what fits, counts everything (so a short table learns the size it needs).
pub(crate) struct Slots<'t> {
    table: &'t mut [i64],
    n: usize,
}

impl<'t> Slots<'t> {
    pub(crate) fn new(table: &'t mut [i64]) -> Self {
        Slots { table, n: 0 }
    }

    /// Slots used (may exceed the table's length).
    pub(crate) fn used(&self) -> usize {
        self.n
    }

    #[inline]
    pub(super) fn push(&mut self, v: i64) {
        if let Some(slot) = self.table.get_mut(self.n) {
            *slot = v;
        }
        self.n += 1;
    }

    #[inline]
    pub(super) fn set(&mut self, at: usize, v: i64) {
        if let Some(slot) = self.table.get_mut(at) {
            *slot = v;
        }
    }
}


#[inline]
fn span(at: usize, len: usize) -> i64 {
    ((at as i64) << 32) | len as i64
}

impl DecodeProgram {
    /// Compiles the parser of `writer` bodies into slots for `connect` (what `to_connect_schema` gives for it).
    pub fn compile(writer: &Schema, connect: &ConnectSchema) -> Result<DecodeProgram, ConnectError> {
        let mut c = Compiler { avro: writer, nodes: Vec::new(), ops: Vec::new(), symbols: Vec::new() };
        c.node(connect, writer.root(), "", 0, false)?;
        let mut nodes = c.nodes;
        if matches!(writer.node(writer.root()).kind, Kind::Bytes) && matches!(nodes[0].kind, DecKind::Bytes) {
            nodes[0].kind = DecKind::Raw;
        }
        Ok(DecodeProgram { nodes, ops: c.ops, symbols: c.symbols })
    }

    /// The program for bodies written with AvroData's `ANYTHING_SCHEMA` (schemaless values): one op, ANY.
    pub fn anything() -> DecodeProgram {
        let node = DecNode { null_branch: None, kind: DecKind::Any, label: "".into(), min_body: 9 };
        DecodeProgram { nodes: vec![node], ops: vec![ops::ANY], symbols: Vec::new() }
    }

    /// The reader ops (with ENUM flags).
    pub fn ops(&self) -> &[i32] {
        &self.ops
    }

    /// The enum symbols ENUM slots index.
    pub fn symbols(&self) -> &[String] {
        &self.symbols
    }

    /// Parses the body starting at `start` of `input` into `slots`; offsets in slots count from `input[0]`. Bytes
    /// after a complete value are ignored, as Confluent ignores them.
    pub(crate) fn decode(&self, input: &[u8], start: usize, slots: &mut Slots) -> Result<(), DecodeError> {
        let mut r = Reader::new(input);
        r.pos = start.min(input.len());
        self.node(0, &mut r, slots)
    }

    fn node(&self, i: u32, r: &mut Reader, out: &mut Slots) -> Result<(), DecodeError> {
        let n = &self.nodes[i as usize];
        let res = (|| {
            if let Some(null) = n.null_branch {
                let at = r.pos;
                let b = r.long()?;
                if b == null as i64 {
                    out.push(0);
                    return Ok(());
                }
                if b != 1 - null as i64 {
                    return r.err(crate::codec::DecodeErrorKind::UnionIndex { index: b, branches: 2 }, at);
                }
                out.push(1);
            }
            self.value(i, r, out)
        })();
        res.map_err(|e| if n.label.is_empty() { e } else { e.in_field(&n.label) })
    }

    fn value(&self, i: u32, r: &mut Reader, out: &mut Slots) -> Result<(), DecodeError> {
        use crate::codec::DecodeErrorKind as K;
        match &self.nodes[i as usize].kind {
            DecKind::Boolean => out.push(r.boolean()? as i64),
            DecKind::Int => out.push(i64::from(r.int()?)),
            DecKind::Long => out.push(r.long()?),
            DecKind::Float => out.push(i64::from(r.float()?.to_bits())),
            DecKind::Double => out.push(r.double()?.to_bits() as i64),
            DecKind::Bytes => {
                let b = r.bytes()?;
                out.push(span(r.pos - b.len(), b.len()));
            }
            DecKind::Raw => {
                let at = r.pos;
                let len = r.remaining();
                r.pos += len;
                out.push(span(at, len));
            }
            DecKind::Fixed(size) => {
                let at = r.pos;
                r.take(*size)?;
                out.push(span(at, *size));
            }
            DecKind::Enum { base, count } => {
                let at = r.pos;
                let index = r.int()?;
                if index < 0 || index as u32 >= *count {
                    return r.err(K::EnumIndex { index: i64::from(index), symbols: *count as usize }, at);
                }
                out.push(i64::from(base + index as u32));
            }
            DecKind::Array(item) => {
                let count_at = out.used();
                out.push(0);
                let mut total = 0i64;
                loop {
                    let n = r.block(self.nodes[*item as usize].min_body)?;
                    if n == 0 {
                        break;
                    }
                    total += n as i64;
                    for _ in 0..n {
                        self.node(*item, r, out)?;
                    }
                }
                out.set(count_at, total);
            }
            DecKind::Map { key, value } => {
                let count_at = out.used();
                out.push(0);
                let mut total = 0i64;
                loop {
                    let n = r.block(1 + self.nodes[*value as usize].min_body)?;
                    if n == 0 {
                        break;
                    }
                    total += n as i64;
                    for _ in 0..n {
                        self.node(*key, r, out)?;
                        self.node(*value, r, out)?;
                    }
                }
                out.set(count_at, total);
            }
            DecKind::Entries { key, value, swapped } => {
                let count_at = out.used();
                out.push(0);
                let mut total = 0i64;
                let min = self.nodes[*key as usize].min_body + self.nodes[*value as usize].min_body;
                loop {
                    let n = r.block(min)?;
                    if n == 0 {
                        break;
                    }
                    total += n as i64;
                    for _ in 0..n {
                        if *swapped {
                            // The table wants the key first: skip the value, read the key, come back.
                            let value_at = r.pos;
                            self.node(*value, r, &mut Slots::new(&mut []))?;
                            self.node(*key, r, out)?;
                            let end = r.pos;
                            r.pos = value_at;
                            self.node(*value, r, out)?;
                            r.pos = end;
                        } else {
                            self.node(*key, r, out)?;
                            self.node(*value, r, out)?;
                        }
                    }
                }
                out.set(count_at, total);
            }
            DecKind::Record(fields) => {
                for &f in fields.iter() {
                    self.node(f, r, out)?;
                }
            }
            DecKind::Union { optional, branches, fields } => {
                let at = r.pos;
                let b = r.long()?;
                let Some(&chosen) = usize::try_from(b).ok().and_then(|b| branches.get(b)) else {
                    return r.err(K::UnionIndex { index: b, branches: branches.len() }, at);
                };
                match chosen {
                    None => out.push(0),
                    Some(field) => {
                        if *optional {
                            out.push(1);
                        }
                        for &f in fields.iter() {
                            if f == field {
                                out.push(1);
                                let label = &self.nodes[f as usize].label;
                                self.value(f, r, out).map_err(|e| e.in_field(label))?;
                            } else {
                                out.push(0);
                            }
                        }
                    }
                }
            }
            DecKind::Any => anything::decode(r, out, 0)?,
        }
        Ok(())
    }
}

struct Compiler<'a> {
    avro: &'a Schema,
    nodes: Vec<DecNode>,
    ops: Vec<i32>,
    symbols: Vec<String>,
}

impl Compiler<'_> {
    /// `member`: a union struct's field, whose presence slot the union writes.
    fn node(&mut self, s: &ConnectSchema, id: NodeId, label: &str, depth: usize, member: bool) -> Result<u32, ConnectError> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        let avro = self.avro;
        let index = self.nodes.len() as u32;
        self.ops.push(ops::op_of(s));
        self.nodes.push(DecNode { null_branch: None, kind: DecKind::Boolean, label: label.into(), min_body: 0 });
        let (null_branch, value_id) = optional_union(s, avro, id, member)?;
        let kind = self.value(s, value_id, depth, index)?;
        let min_value = match &kind {
            DecKind::Float => 4,
            DecKind::Double => 8,
            DecKind::Raw => 0,
            DecKind::Fixed(size) => *size,
            DecKind::Record(f) => f.iter().map(|&c| self.nodes[c as usize].min_body).sum(),
            _ => 1,
        };
        let node = &mut self.nodes[index as usize];
        node.null_branch = null_branch;
        node.kind = kind;
        node.min_body = if null_branch.is_some() { 1 } else { min_value };
        Ok(index)
    }

    fn value(&mut self, s: &ConnectSchema, id: NodeId, depth: usize, index: u32) -> Result<DecKind, ConnectError> {
        let avro = self.avro;
        let bad = || Err(mismatch(s, avro, id));
        Ok(match (s.ty, &avro.node(id).kind) {
            (ConnectType::Boolean, Kind::Boolean) => DecKind::Boolean,
            (ConnectType::Int8 | ConnectType::Int16 | ConnectType::Int32, Kind::Int) => DecKind::Int,
            (ConnectType::Int64, Kind::Long) => DecKind::Long,
            (ConnectType::Float32, Kind::Float) => DecKind::Float,
            (ConnectType::Float64, Kind::Double) => DecKind::Double,
            (ConnectType::String | ConnectType::Bytes, Kind::String | Kind::Bytes) => DecKind::Bytes,
            (ConnectType::String, Kind::Enum(e)) => {
                self.ops[index as usize] |= ops::ENUM;
                let base = self.symbols.len() as u32;
                self.symbols.extend(e.symbols.iter().cloned());
                DecKind::Enum { base, count: e.symbols.len() as u32 }
            }
            (ConnectType::Bytes, Kind::Fixed(f)) => DecKind::Fixed(f.size),
            (ConnectType::Array, Kind::Array(items)) => {
                let Some(v) = s.value.as_deref() else { return bad() };
                DecKind::Array(self.node(v, *items, "", depth + 1, false)?)
            }
            (ConnectType::Map, Kind::Map(values)) => {
                let (Some(k), Some(v)) = (s.key.as_deref(), s.value.as_deref()) else { return bad() };
                if k.ty != ConnectType::String || k.optional {
                    return bad();
                }
                let key = self.nodes.len() as u32;
                self.ops.push(ops::op_of(k));
                self.nodes.push(DecNode { null_branch: None, kind: DecKind::Bytes, label: "".into(), min_body: 1 });
                let value = self.node(v, *values, "", depth + 1, false)?;
                DecKind::Map { key, value }
            }
            (ConnectType::Map, Kind::Array(items)) => {
                let (Some(k), Some(v)) = (s.key.as_deref(), s.value.as_deref()) else { return bad() };
                let Kind::Record(r) = &avro.node(*items).kind else { return bad() };
                let (Some(kp), Some(vp)) = (r.field_position("key"), r.field_position("value")) else { return bad() };
                if r.fields.len() != 2 {
                    return bad();
                }
                let key = self.node(k, r.fields[kp].schema, "key", depth + 1, false)?;
                let value = self.node(v, r.fields[vp].schema, "value", depth + 1, false)?;
                DecKind::Entries { key, value, swapped: vp < kp }
            }
            (ConnectType::Struct, Kind::Union(members)) if is_union_struct(s) => {
                let mut branches = Vec::with_capacity(members.len());
                let mut fields = Vec::with_capacity(s.fields.len());
                let mut next = s.fields.iter();
                let mut optional = false;
                for &m in members {
                    if matches!(avro.node(m).kind, Kind::Null) {
                        optional = true;
                        branches.push(None);
                        continue;
                    }
                    let Some(f) = next.next() else { return bad() };
                    let child = self.node(&f.schema, m, &f.name, depth + 1, true)?;
                    fields.push(child);
                    branches.push(Some(child));
                }
                if next.next().is_some() || optional != s.optional {
                    return bad();
                }
                DecKind::Union { optional, branches: branches.into(), fields: fields.into() }
            }
            (ConnectType::Struct, Kind::Record(r)) if !is_union_struct(s) => {
                if r.fields.len() != s.fields.len() {
                    return bad();
                }
                let mut fields = Vec::with_capacity(r.fields.len());
                for (f, af) in s.fields.iter().zip(&r.fields) {
                    fields.push(self.node(&f.schema, af.schema, &f.name, depth + 1, false)?);
                }
                DecKind::Record(fields.into())
            }
            _ => return bad(),
        })
    }
}
