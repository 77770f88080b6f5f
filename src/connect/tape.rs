//! The encode program: compiled once from a Connect schema and the Avro schema it was registered as, it turns a
//! tape (the Connect value flattened by Java, bindings/jni/BOUNDARY.md) into the Avro body Confluent's AvroData
//! and Avro's `GenericDatumWriter` write for the same value.
//!
//! One program node per Connect node, in pre-order, so node `i` is op `i`. Each node knows its Avro union
//! branches and its children's indices: no name lookups per record. Every tape read is bounds-checked.

use std::cell::RefCell;
use std::collections::HashMap;

use super::anything;
use super::ops;
use super::schema::{ConnectSchema, ConnectType};
use super::to_avro::AVRO_TYPE_UNION;
use super::{ConnectError, RecordError};
use crate::codec::wire::{write_bytes, write_int, write_long, MAX_EMPTY_ITEMS};
use crate::codec::MAX_DEPTH;
use crate::schema::{Kind, NodeId, Schema};

/// A compiled Connect -> Avro transcoder for one (Connect schema, Avro schema) pair. `Send + Sync`.
#[derive(Debug)]
pub struct EncodeProgram {
    nodes: Vec<EncNode>,
    ops: Vec<i32>,
}

/// Buffers for reordering one map's entries (tape positions of the keys, their Java hashes, the order).
#[derive(Default)]
struct MapScratch {
    keys: Vec<usize>,
    hashes: Vec<i32>,
    spread: Vec<u32>,
    counts: Vec<u32>,
    order: Vec<usize>,
}

/// Buffers grown past this many entries are dropped after their map rather than kept for the thread's life.
const MAP_SCRATCH_KEEP: usize = 1 << 12;

thread_local! {
    /// Reused by `encode_map` on this thread (a map nested in a map's value takes the next one).
    static MAP_SCRATCH: RefCell<Vec<MapScratch>> = const { RefCell::new(Vec::new()) };
}

#[derive(Debug)]
struct EncNode {
    /// Connect optional: the tape starts the node with a presence byte.
    presence: bool,
    /// The Avro union around the value: (null branch, value branch).
    union: Option<(u32, u32)>,
    kind: EncKind,
    /// The struct field name, for error paths (empty for other nodes).
    label: Box<str>,
    /// The fewest tape bytes the node takes: bounds item counts before any loop.
    min_tape: usize,
}

#[derive(Debug)]
enum EncKind {
    Boolean,
    Int,
    Long,
    Float,
    Double,
    /// Strings, bytes and bytes decimals: length-prefixed.
    Bytes,
    /// A top-level `bytes` schema: Confluent writes it without the length prefix.
    Raw,
    Fixed(usize),
    Enum(HashMap<Box<[u8]>, u32>),
    Array(u32),
    /// An Avro map (string keys): entries in the order Java's `HashMap` iterates them, as AvroData copies the
    /// Connect map into a `new HashMap<>()` before Avro writes it.
    Map { key: u32, value: u32 },
    /// A map with other keys: an array of MapEntry records, in the Connect map's order.
    Entries { key: u32, value: u32 },
    Record(Box<[u32]>),
    /// `io.confluent.connect.avro.Union`: (field node, Avro branch) per field; the first present field is written.
    Union { null: Option<u32>, fields: Box<[(u32, u32)]> },
    /// A schemaless value (op ANY): a tagged value written as AvroData's `Anything` record (`anything.rs`).
    Any,
}

/// Why a Connect schema and an Avro schema can't be compiled together (both programs' compilers).
pub(super) fn mismatch(s: &ConnectSchema, avro: &Schema, id: NodeId) -> ConnectError {
    ConnectError::Unsupported(format!(
        "the Avro schema does not match the Connect schema: Connect {} against Avro {}",
        s.ty.name(),
        avro.node(id).type_name()
    ))
}

pub(super) fn too_deep() -> ConnectError {
    ConnectError::Unsupported(format!("the schema nests deeper than {MAX_DEPTH} levels"))
}

/// For an optional Connect node (not a Union struct nor one of its members, whose presence the union carries):
/// the null branch of its Avro `[null, T]` / `[T, null]` union and the branch `T`; otherwise `None` and `id`.
pub(super) fn optional_union(
    s: &ConnectSchema,
    avro: &Schema,
    id: NodeId,
    member: bool,
) -> Result<(Option<u32>, NodeId), ConnectError> {
    if !s.optional || member || is_union_struct(s) {
        return Ok((None, id));
    }
    match &avro.node(id).kind {
        Kind::Union(m) if m.len() == 2 => match m.iter().position(|b| matches!(avro.node(*b).kind, Kind::Null)) {
            Some(null) => Ok((Some(null as u32), m[1 - null])),
            None => Err(mismatch(s, avro, id)),
        },
        _ => Err(mismatch(s, avro, id)),
    }
}

impl EncodeProgram {
    /// Compiles the program for values of `connect` written as `avro` (what `from_connect_schema` gives for it,
    /// or a registered schema of the same shape).
    pub fn compile(connect: &ConnectSchema, avro: &Schema) -> Result<EncodeProgram, ConnectError> {
        let mut c = Compiler { avro, nodes: Vec::new(), ops: Vec::new() };
        c.node(connect, avro.root(), "", 0, false)?;
        let mut nodes = c.nodes;
        // Confluent's serializer writes a top-level `bytes` value as it is (AbstractKafkaAvroSerializer).
        if matches!(avro.node(avro.root()).kind, Kind::Bytes) && matches!(nodes[0].kind, EncKind::Bytes) {
            nodes[0].kind = EncKind::Raw;
        }
        Ok(EncodeProgram { nodes, ops: c.ops })
    }

    /// The program for schemaless values (a `null` Connect schema), written as AvroData's `ANYTHING_SCHEMA`
    /// ([`super::ANYTHING_SCHEMA`]): one op, ANY.
    pub fn anything() -> EncodeProgram {
        let node = EncNode { presence: false, union: None, kind: EncKind::Any, label: "".into(), min_tape: 1 };
        EncodeProgram { nodes: vec![node], ops: vec![ops::ANY] }
    }

    /// The ops Java walks values with (one per node).
    pub fn ops(&self) -> &[i32] {
        &self.ops
    }

    /// Appends the Avro body of the value on `tape` to `out`. The whole tape must be used.
    pub fn encode(&self, tape: &[u8], out: &mut Vec<u8>) -> Result<(), RecordError> {
        let mut t = Tape { buf: tape, pos: 0, empty_budget: MAX_EMPTY_ITEMS };
        self.encode_node(0, &mut t, out)?;
        if t.pos != tape.len() {
            return Err(RecordError::tape(format!("{} bytes left after the value", tape.len() - t.pos), t.pos));
        }
        Ok(())
    }

    fn encode_node(&self, i: u32, t: &mut Tape, out: &mut Vec<u8>) -> Result<(), RecordError> {
        let n = &self.nodes[i as usize];
        let r = (|| {
            if n.presence && !t.present()? {
                return match (n.union, &n.kind) {
                    (Some((null, _)), _) | (None, &EncKind::Union { null: Some(null), .. }) => {
                        write_int(out, null as i32);
                        Ok(())
                    }
                    _ => Err(RecordError::value("Found null value for non-optional schema")),
                };
            }
            if let Some((_, value)) = n.union {
                write_int(out, value as i32);
            }
            self.encode_value(i, t, out)
        })();
        r.map_err(|e| if n.label.is_empty() { e } else { e.in_field(&n.label) })
    }

    fn encode_value(&self, i: u32, t: &mut Tape, out: &mut Vec<u8>) -> Result<(), RecordError> {
        match &self.nodes[i as usize].kind {
            EncKind::Boolean => {
                let at = t.pos;
                match t.u8()? {
                    b @ (0 | 1) => out.push(b),
                    b => return Err(RecordError::tape(format!("boolean byte {b}"), at)),
                }
            }
            EncKind::Int => write_int(out, t.i32()?),
            EncKind::Long => write_long(out, t.i64()?),
            // Tape and Avro both hold IEEE bits little-endian.
            EncKind::Float => out.extend_from_slice(t.take(4)?),
            EncKind::Double => out.extend_from_slice(t.take(8)?),
            EncKind::Bytes => write_bytes(out, t.bytes()?),
            EncKind::Raw => out.extend_from_slice(t.bytes()?),
            EncKind::Fixed(size) => {
                let b = t.bytes()?;
                // Avro's writeFixed copies `size` bytes from the array: more are cut off, fewer fail.
                if b.len() < *size {
                    return Err(RecordError::value(format!("fixed of size {size} given {} bytes", b.len())));
                }
                out.extend_from_slice(&b[..*size]);
            }
            EncKind::Enum(symbols) => {
                let b = t.bytes()?;
                match symbols.get(b) {
                    Some(&index) => write_int(out, index as i32),
                    None => {
                        return Err(RecordError::value(format!(
                            "unknown enum symbol {:?}",
                            String::from_utf8_lossy(b)
                        )))
                    }
                }
            }
            EncKind::Array(item) => {
                let count = t.count(self.min_tape(*item))?;
                write_long(out, count as i64);
                for _ in 0..count {
                    self.encode_node(*item, t, out)?;
                }
                if count > 0 {
                    out.push(0);
                }
            }
            EncKind::Entries { key, value } => {
                let count = t.count(self.min_tape(*key) + self.min_tape(*value))?;
                write_long(out, count as i64);
                for _ in 0..count {
                    self.encode_node(*key, t, out)?;
                    self.encode_node(*value, t, out)?;
                }
                if count > 0 {
                    out.push(0);
                }
            }
            EncKind::Map { key, value } => self.encode_map(*key, *value, t, out)?,
            EncKind::Record(fields) => {
                for &f in fields.iter() {
                    self.encode_node(f, t, out)?;
                }
            }
            EncKind::Union { null, fields } => {
                let mut chosen = false;
                for &(f, branch) in fields.iter() {
                    let node = &self.nodes[f as usize];
                    let present = !node.presence || t.present()?;
                    if present && !chosen {
                        chosen = true;
                        write_int(out, branch as i32);
                        self.encode_value(f, t, out).map_err(|e| e.in_field(&node.label))?;
                    } else if present {
                        self.skip_value(f, t)?;
                    }
                }
                if !chosen {
                    match null {
                        Some(null) => write_int(out, *null as i32),
                        None => return Err(RecordError::value("a union struct with no field set, and no null branch")),
                    }
                }
            }
            EncKind::Any => anything::encode(t, out, 0)?,
        }
        Ok(())
    }

    /// A string-keyed map. Entries are read once to learn their keys, then written in `HashMap` order.
    fn encode_map(&self, key: u32, value: u32, t: &mut Tape, out: &mut Vec<u8>) -> Result<(), RecordError> {
        let count = t.count(self.min_tape(key) + self.min_tape(value))?;
        write_long(out, count as i64);
        if count == 0 {
            return Ok(());
        }
        if count == 1 {
            write_bytes(out, self.map_key(key, t)?);
            self.encode_node(value, t, out)?;
            out.push(0);
            return Ok(());
        }
        // The pool's buffers, not new Vecs per map: a stack, since a map's values may hold maps.
        let mut s = MAP_SCRATCH.try_with(|p| p.borrow_mut().pop()).ok().flatten().unwrap_or_default();
        s.keys.clear();
        s.hashes.clear();
        let r = self.encode_map_entries(key, value, count, t, out, &mut s);
        if s.keys.capacity() <= MAP_SCRATCH_KEEP {
            let _ = MAP_SCRATCH.try_with(|p| p.borrow_mut().push(s));
        }
        r
    }

    /// The `count` entries of a string-keyed map in the order Java's `HashMap` iterates them.
    fn encode_map_entries(
        &self,
        key: u32,
        value: u32,
        count: usize,
        t: &mut Tape,
        out: &mut Vec<u8>,
        s: &mut MapScratch,
    ) -> Result<(), RecordError> {
        for _ in 0..count {
            let at = t.pos;
            let k = self.map_key(key, t)?;
            s.hashes.push(java_string_hash(k));
            s.keys.push(at);
            self.skip(value, t)?;
        }
        let end = t.pos;
        java_hash_map_order_into(&s.hashes, &mut s.spread, &mut s.counts, &mut s.order);
        for &i in &s.order {
            t.pos = s.keys[i];
            write_bytes(out, self.map_key(key, t)?);
            self.encode_node(value, t, out)?;
        }
        t.pos = end;
        out.push(0);
        Ok(())
    }

    fn map_key<'a>(&self, key: u32, t: &mut Tape<'a>) -> Result<&'a [u8], RecordError> {
        if self.nodes[key as usize].presence && !t.present()? {
            // Avro cannot write a null map key (Java fails with a NullPointerException).
            return Err(RecordError::value("null key in a map with string keys"));
        }
        t.bytes()
    }

    fn skip(&self, i: u32, t: &mut Tape) -> Result<(), RecordError> {
        if self.nodes[i as usize].presence && !t.present()? {
            return Ok(());
        }
        self.skip_value(i, t)
    }

    /// Moves past a value without writing it (union struct fields after the chosen one, map values).
    fn skip_value(&self, i: u32, t: &mut Tape) -> Result<(), RecordError> {
        match &self.nodes[i as usize].kind {
            EncKind::Boolean => drop(t.take(1)?),
            EncKind::Int | EncKind::Float => drop(t.take(4)?),
            EncKind::Long | EncKind::Double => drop(t.take(8)?),
            EncKind::Bytes | EncKind::Raw | EncKind::Fixed(_) | EncKind::Enum(_) => t.bytes().map(|_| ())?,
            EncKind::Array(item) => {
                let count = t.count(self.min_tape(*item))?;
                for _ in 0..count {
                    self.skip(*item, t)?;
                }
            }
            EncKind::Map { key, value } | EncKind::Entries { key, value } => {
                let count = t.count(self.min_tape(*key) + self.min_tape(*value))?;
                for _ in 0..count {
                    self.skip(*key, t)?;
                    self.skip(*value, t)?;
                }
            }
            EncKind::Record(fields) => {
                for &f in fields.iter() {
                    self.skip(f, t)?;
                }
            }
            EncKind::Union { fields, .. } => {
                for &(f, _) in fields.iter() {
                    self.skip(f, t)?;
                }
            }
            EncKind::Any => anything::encode(t, &mut Vec::new(), 0)?,
        }
        Ok(())
    }

    fn min_tape(&self, i: u32) -> usize {
        self.nodes[i as usize].min_tape
    }
}

struct Compiler<'a> {
    avro: &'a Schema,
    nodes: Vec<EncNode>,
    ops: Vec<i32>,
}

impl Compiler<'_> {
    /// Compiles `s` against Avro node `id`; `member`: a union struct's field, whose Avro node is its branch
    /// (the presence byte is read by the union).
    fn node(&mut self, s: &ConnectSchema, id: NodeId, label: &str, depth: usize, member: bool) -> Result<u32, ConnectError> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        let index = self.nodes.len() as u32;
        self.ops.push(ops::op_of(s));
        self.nodes.push(EncNode { presence: s.optional, union: None, kind: EncKind::Boolean, label: label.into(), min_tape: 0 });
        let (null, value_id) = optional_union(s, self.avro, id, member)?;
        let union = null.map(|null| (null, 1 - null));
        let kind = self.value(s, value_id, depth)?;
        let min_value = match &kind {
            EncKind::Boolean => 1,
            EncKind::Int | EncKind::Float => 4,
            EncKind::Long | EncKind::Double => 8,
            EncKind::Bytes | EncKind::Raw | EncKind::Fixed(_) | EncKind::Enum(_) => 4,
            EncKind::Array(_) | EncKind::Map { .. } | EncKind::Entries { .. } => 4,
            EncKind::Record(f) => f.iter().map(|&c| self.nodes[c as usize].min_tape).sum(),
            EncKind::Union { fields, .. } => fields.iter().map(|&(c, _)| self.nodes[c as usize].min_tape).sum(),
            EncKind::Any => 1,
        };
        let node = &mut self.nodes[index as usize];
        node.union = union;
        node.kind = kind;
        node.min_tape = if s.optional { 1 } else { min_value };
        Ok(index)
    }

    fn value(&mut self, s: &ConnectSchema, id: NodeId, depth: usize) -> Result<EncKind, ConnectError> {
        let avro = self.avro;
        let bad = || Err(mismatch(s, avro, id));
        Ok(match (s.ty, &avro.node(id).kind) {
            (ConnectType::Boolean, Kind::Boolean) => EncKind::Boolean,
            (ConnectType::Int8 | ConnectType::Int16 | ConnectType::Int32, Kind::Int) => EncKind::Int,
            (ConnectType::Int64, Kind::Long) => EncKind::Long,
            (ConnectType::Float32, Kind::Float) => EncKind::Float,
            (ConnectType::Float64, Kind::Double) => EncKind::Double,
            (ConnectType::String | ConnectType::Bytes, Kind::String | Kind::Bytes) => EncKind::Bytes,
            (ConnectType::String, Kind::Enum(e)) => EncKind::Enum(
                e.symbols.iter().enumerate().map(|(i, sym)| (sym.as_bytes().into(), i as u32)).collect(),
            ),
            (ConnectType::Bytes, Kind::Fixed(f)) => EncKind::Fixed(f.size),
            (ConnectType::Array, Kind::Array(items)) => {
                let Some(v) = s.value.as_deref() else { return bad() };
                EncKind::Array(self.node(v, *items, "", depth + 1, false)?)
            }
            (ConnectType::Map, Kind::Map(values)) => {
                let (Some(k), Some(v)) = (s.key.as_deref(), s.value.as_deref()) else { return bad() };
                if k.ty != ConnectType::String {
                    return bad();
                }
                let key = self.nodes.len() as u32;
                self.ops.push(ops::op_of(k));
                self.nodes.push(EncNode { presence: k.optional, union: None, kind: EncKind::Bytes, label: "".into(), min_tape: if k.optional { 1 } else { 4 } });
                let value = self.node(v, *values, "", depth + 1, false)?;
                EncKind::Map { key, value }
            }
            (ConnectType::Map, Kind::Array(items)) => {
                let (Some(k), Some(v)) = (s.key.as_deref(), s.value.as_deref()) else { return bad() };
                let Kind::Record(r) = &avro.node(*items).kind else { return bad() };
                if r.fields.len() != 2 || r.fields[0].name != "key" || r.fields[1].name != "value" {
                    return bad();
                }
                let key = self.node(k, r.fields[0].schema, "key", depth + 1, false)?;
                let value = self.node(v, r.fields[1].schema, "value", depth + 1, false)?;
                EncKind::Entries { key, value }
            }
            (ConnectType::Struct, Kind::Union(members)) if is_union_struct(s) => {
                let null = members.iter().position(|m| matches!(avro.node(*m).kind, Kind::Null));
                let branches: Vec<usize> = (0..members.len()).filter(|&b| Some(b) != null).collect();
                if branches.len() != s.fields.len() || (null.is_some() != s.optional) {
                    return bad();
                }
                let mut fields = Vec::with_capacity(branches.len());
                for (f, &b) in s.fields.iter().zip(&branches) {
                    fields.push((self.node(&f.schema, members[b], &f.name, depth + 1, true)?, b as u32));
                }
                EncKind::Union { null: null.map(|n| n as u32), fields: fields.into() }
            }
            (ConnectType::Struct, Kind::Record(r)) if !is_union_struct(s) => {
                if r.fields.len() != s.fields.len() {
                    return bad();
                }
                let mut fields = Vec::with_capacity(r.fields.len());
                for (f, af) in s.fields.iter().zip(&r.fields) {
                    fields.push(self.node(&f.schema, af.schema, &f.name, depth + 1, false)?);
                }
                EncKind::Record(fields.into())
            }
            _ => return bad(),
        })
    }
}

pub(crate) fn is_union_struct(s: &ConnectSchema) -> bool {
    s.ty == ConnectType::Struct && s.name.as_deref() == Some(AVRO_TYPE_UNION)
}

/// The tape reader: little-endian, every read checked against what is left.
pub(super) struct Tape<'a> {
    buf: &'a [u8],
    pub(super) pos: usize,
    /// Zero-byte items (empty structs) still allowed, as in the codec's decoder.
    empty_budget: usize,
}

impl<'a> Tape<'a> {
    #[inline]
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], RecordError> {
        match self.buf.get(self.pos..self.pos.saturating_add(n)) {
            Some(b) => {
                self.pos += n;
                Ok(b)
            }
            None => Err(RecordError::tape(format!("{n} bytes needed, {} left", self.buf.len() - self.pos), self.pos)),
        }
    }

    #[inline]
    pub(super) fn u8(&mut self) -> Result<u8, RecordError> {
        Ok(self.take(1)?[0])
    }

    #[inline]
    fn present(&mut self) -> Result<bool, RecordError> {
        let at = self.pos;
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(RecordError::tape(format!("presence byte {b}"), at)),
        }
    }

    #[inline]
    pub(super) fn i32(&mut self) -> Result<i32, RecordError> {
        Ok(i32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    #[inline]
    pub(super) fn i64(&mut self) -> Result<i64, RecordError> {
        Ok(i64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }

    /// An i32 length, then that many bytes.
    #[inline]
    pub(super) fn bytes(&mut self) -> Result<&'a [u8], RecordError> {
        let at = self.pos;
        let len = self.i32()?;
        if len < 0 {
            return Err(RecordError::tape(format!("negative length {len}"), at));
        }
        self.take(len as usize)
    }

    /// An i32 item count, checked against the tape left (items of `min` bytes each).
    pub(super) fn count(&mut self, min: usize) -> Result<usize, RecordError> {
        let at = self.pos;
        let n = self.i32()?;
        if n < 0 {
            return Err(RecordError::tape(format!("negative count {n}"), at));
        }
        let n = n as usize;
        if min == 0 {
            if n > self.empty_budget {
                return Err(RecordError::tape(format!("more than {MAX_EMPTY_ITEMS} empty items"), at));
            }
            self.empty_budget -= n;
        } else if n.saturating_mul(min) > self.buf.len() - self.pos {
            return Err(RecordError::tape(format!("{n} items cannot fit in the {} bytes left", self.buf.len() - self.pos), at));
        }
        Ok(n)
    }
}

/// Java's `String.hashCode` of UTF-8 text (over its UTF-16 units).
pub(crate) fn java_string_hash(utf8: &[u8]) -> i32 {
    String::from_utf8_lossy(utf8).encode_utf16().fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(i32::from(u)))
}

/// The order in which `java.util.HashMap` iterates keys with these `hashCode`s after they were put, in this order,
/// into a `new HashMap<>()`: by bucket, then by insertion within a bucket. The table starts at 16 buckets and
/// doubles past 3/4 full, or when a bucket reaches 9 entries while under 64 buckets (instead of becoming a tree).
/// Not modelled: insertion into a bucket that is already a tree (9+ colliding keys in a table of 64+), which is
/// ordered by the tree rather than by insertion.
#[cfg(test)]
pub(crate) fn java_hash_map_order(hashes: &[i32]) -> Vec<usize> {
    let (mut spread, mut counts, mut order) = (Vec::new(), Vec::new(), Vec::new());
    java_hash_map_order_into(hashes, &mut spread, &mut counts, &mut order);
    order
}

/// [`java_hash_map_order`] into `order`, with the caller's buffers (no allocation once they have grown).
pub(crate) fn java_hash_map_order_into(hashes: &[i32], spread: &mut Vec<u32>, counts: &mut Vec<u32>, order: &mut Vec<usize>) {
    spread.clear();
    spread.extend(hashes.iter().map(|&h| (h as u32) ^ ((h as u32) >> 16)));
    let mut cap = 16usize;
    counts.clear();
    counts.resize(cap, 0);
    let resize = |cap: &mut usize, counts: &mut Vec<u32>, upto: &[u32]| {
        *cap *= 2;
        counts.clear();
        counts.resize(*cap, 0);
        for &h in upto {
            counts[h as usize & (*cap - 1)] += 1;
        }
    };
    for i in 0..spread.len() {
        let b = spread[i] as usize & (cap - 1);
        counts[b] += 1;
        if counts[b] > 8 && cap < 64 {
            resize(&mut cap, counts, &spread[..=i]);
        }
        if i + 1 > cap / 4 * 3 {
            resize(&mut cap, counts, &spread[..=i]);
        }
    }
    order.clear();
    order.extend(0..spread.len());
    // Stable: by bucket, then in insertion order.
    let spread = &spread[..];
    order.sort_by_key(|&i| spread[i] as usize & (cap - 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_string_hashes() {
        assert_eq!(java_string_hash(b""), 0);
        assert_eq!(java_string_hash(b"a"), 97);
        assert_eq!(java_string_hash(b"hello"), 99162322);
        // "Aa" and "BB" collide in Java.
        assert_eq!(java_string_hash(b"Aa"), java_string_hash(b"BB"));
        // A supplementary character counts as two UTF-16 units.
        assert_eq!(java_string_hash("\u{1F600}".as_bytes()), 0xD83D * 31 + 0xDE00);
    }

    #[test]
    fn hash_map_order_matches_java() {
        // new HashMap<>() with put("b"), put("a"), put("c"): iterates a, b, c (buckets 97, 98, 99 mod 16).
        let keys = ["b", "a", "c"];
        let hashes: Vec<i32> = keys.iter().map(|k| java_string_hash(k.as_bytes())).collect();
        let order: Vec<&str> = java_hash_map_order(&hashes).into_iter().map(|i| keys[i]).collect();
        assert_eq!(order, ["a", "b", "c"]);
        // 13 entries grow the table to 32 buckets: "q" (113 -> 17) then comes after "a" (97 -> 1).
        let keys: Vec<String> = (0..13).map(|i| ((b'a' + i * 2) as char).to_string()).collect();
        let hashes: Vec<i32> = keys.iter().map(|k| java_string_hash(k.as_bytes())).collect();
        let order = java_hash_map_order(&hashes);
        let buckets: Vec<u32> = order.iter().map(|&i| hashes[i] as u32 & 31).collect();
        assert!(buckets.windows(2).all(|w| w[0] <= w[1]), "{buckets:?}");
    }
}
