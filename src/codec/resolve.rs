//! The decoding plan: a (writer, reader) schema pair compiled once into a flat table of operations, following
//! Java Avro 1.11's `Resolver` (what `ResolvingDecoder` and `GenericDatumReader` run) rule for rule:
//!
//! - `Schema.applyAliases`: reader aliases of named types rename writer types, reader field aliases rename writer
//!   fields (looked up by the writer record's renamed name), unless the two schemas are equal;
//! - same type: primitives read as is; fixed needs the same (renamed) full name and size; enums the same name,
//!   writer symbols mapped to reader symbols by name, else to the reader's enum default, else an error when read;
//!   records are not name-checked; reader fields are matched by name, writer-only fields skipped, reader-only fields
//!   filled from their defaults (a reader-only field without default makes the whole record an error);
//! - writer union: each branch resolved against the whole reader schema; reader union (writer not one): the first
//!   branch of the same type (named types: same full name; records: else the first structurally compatible, preferring
//!   a same short name), then the first promotable branch;
//! - promotions int->long/float/double, long->float/double, float->double, string<->bytes.
//!
//! A decoder for one schema is the identity resolution of the schema with itself.
//!
//! When errors are reported: an incompatibility that every datum meets (top level, record fields, array items, map
//! values, a chosen reader branch) fails [`compile`] with a [`ResolveError`]. One that depends on the data — a writer
//! union branch the reader cannot take, a writer enum symbol the reader lacks without a default — is reported when
//! such a datum is read, as Java does. (Java reports all of them at read time; an empty array of incompatible items
//! reads fine in Java and fails to compile here.)

use std::borrow::Cow;

// foldhash, not SipHash: compiling a plan is on a first call's path, and hashing memo keys was a quarter of it.
use foldhash::{HashMap, HashMapExt};

use super::error::{FieldPath, ResolveError};
use super::json::default_value;
use super::plan::SameNames;
use crate::schema::{Kind, LogicalType, NodeId, Schema};
use crate::value::Value;

type Lt = Option<LogicalType>;

#[derive(Debug)]
pub(crate) enum DOp {
    Null,
    Boolean,
    Int(Lt),
    Long(Lt),
    Float,
    Double,
    Bytes(Lt),
    String(Lt),
    IntToLong(Lt),
    IntToFloat,
    IntToDouble,
    LongToFloat,
    LongToDouble,
    FloatToDouble,
    StringToBytes(Lt),
    BytesToString(Lt),
    Fixed(usize, Lt),
    Enum(Box<DEnum>),
    Array(u32),
    Map(u32),
    Record(Box<DRecord>),
    /// Writer union: per writer branch, the op reading it into the reader schema.
    WriterUnion(Branches, Option<Optional>),
    /// Writer not a union, reader a union: the reader branch chosen and the op reading into it.
    ReaderUnion {
        branch: u32,
        op: u32,
    },
    /// Unreadable: the message is Java's.
    Error(Box<str>),
}

/// A writer union's branch ops: `DecPlan::branches[at..at + len]`. One list for the whole plan rather than a
/// `Box<[u32]>` per union, for the same reason as [`Names`] (`wide`: 21 unions).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Branches {
    at: u32,
    len: u32,
}

/// A two-branch writer union of which one branch reads as null and the other not (`["null", T]`): serde's
/// `Option` takes it without stepping through the plan.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Optional {
    /// Index of the branch that reads as null.
    pub null_at: u8,
    /// The op reading the other branch, past any reader-union step.
    pub some: u32,
}

#[derive(Debug)]
pub(crate) struct DEnum {
    pub reader_symbols: Box<[Box<str>]>,
    /// Writer index -> reader index; `u32::MAX` when the symbol has no match and no default (an error when read).
    pub map: Box<[u32]>,
    pub writer_symbols: Box<[Box<str>]>,
}

#[derive(Debug)]
pub(crate) struct DRecord {
    /// Reader field names in reader order.
    pub fields: Names,
    /// In writer field order.
    pub steps: Box<[Step]>,
    /// Reader fields the writer lacks, with their default values, in reader order.
    pub defaults: Box<[(u32, Value)]>,
    /// Whether reads then defaults fill reader positions 0, 1, 2... in order (then serde can take a sequence).
    pub in_order: bool,
    /// The field ops when the writer's fields are the reader's, in order, with nothing to skip or default: then
    /// `de` hands them out as a plain sequence, without the step and default bookkeeping. A copy of the steps' ops
    /// rather than a flag over `steps`: read from 12-byte steps, `wide` decode took 1% more instructions.
    pub plain: Option<Box<[u32]>>,
    /// The serde (or `Decode`) field list last found equal to `fields`.
    pub serde_fields: SameNames,
}

impl DRecord {
    /// Whether a Rust struct's (static) field names are this record's reader fields, in order.
    #[inline]
    pub fn has_fields(&self, names: &'static [&'static str]) -> bool {
        names.len() == self.fields.len() && self.serde_fields.check(names, |i| &self.fields[i])
    }
}

/// Names kept in one buffer rather than a `Box<str>` each: a first call compiles its plan on a heap that long runs
/// have fragmented, where each allocation is slow (`wide`'s 60 field names were 60 of a compile's 138).
#[derive(Debug)]
pub(crate) struct Names {
    text: Box<str>,
    /// Where each name ends in `text`.
    ends: Box<[u32]>,
}

impl Names {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    fn new<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Self {
        let mut text = String::with_capacity(names.clone().map(str::len).sum());
        let ends = names
            .map(|name| {
                text.push_str(name);
                text.len() as u32
            })
            .collect();
        Names { text: text.into(), ends }
    }
}

impl std::ops::Index<usize> for Names {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Step {
    Read { pos: u32, op: u32 },
    Skip(u32),
}

#[derive(Debug)]
pub(crate) struct DecPlan {
    pub ops: Vec<DOp>,
    /// Least number of writer bytes each op consumes, to bound array/map counts by the input left.
    pub min_size: Vec<usize>,
    /// The reader type's name per op (a named type's simple name, else `"int"`, `"array"`...), to name union
    /// branches as enum variants.
    pub names: Vec<Cow<'static, str>>,
    /// The writer unions' branch ops, each union's a stretch (see [`Branches`]).
    branches: Vec<u32>,
    pub root: u32,
}

impl DecPlan {
    #[inline]
    pub fn op(&self, i: u32) -> &DOp {
        &self.ops[i as usize]
    }

    /// A writer union's branch ops, by writer branch index.
    #[inline]
    pub fn branches(&self, b: Branches) -> &[u32] {
        &self.branches[b.at as usize..(b.at + b.len) as usize]
    }
}

/// Fills in [`Optional`] for writer unions that are optionals.
fn mark_optionals(plan: &mut DecPlan) {
    // Past a reader-union step, as `Deserializer::deserialize_option` goes.
    let settled = |plan: &DecPlan, op: u32| match plan.op(op) {
        DOp::ReaderUnion { op, .. } => *op,
        _ => op,
    };
    for i in 0..plan.ops.len() {
        let DOp::WriterUnion(branches, _) = plan.ops[i] else { continue };
        let &[a, b] = plan.branches(branches) else { continue };
        let (a, b) = (settled(plan, a), settled(plan, b));
        let optional = match (plan.op(a), plan.op(b)) {
            (DOp::Null, DOp::Null) => None,
            (DOp::Null, _) => Some(Optional { null_at: 0, some: b }),
            (_, DOp::Null) => Some(Optional { null_at: 1, some: a }),
            _ => None,
        };
        if let DOp::WriterUnion(_, o) = &mut plan.ops[i] {
            *o = optional;
        }
    }
}

/// Compiles the plan reading `writer` data as `reader`.
pub(crate) fn compile(writer: &Schema, reader: &Schema) -> Result<DecPlan, ResolveError> {
    let same = std::ptr::eq(writer, reader) || writer == reader;
    let (aliases, field_aliases) = if same { Default::default() } else { reader_aliases(reader) };
    let nodes = writer.nodes().len();
    let mut c = Compiler {
        w: writer,
        r: reader,
        ops: Vec::with_capacity(nodes),
        names: Vec::with_capacity(nodes),
        memo: HashMap::with_capacity(nodes),
        branches: Vec::new(),
        aliases,
        field_aliases,
    };
    let root = c.resolve(writer.root(), reader.root(), false);
    let mut names = c.names;
    names.resize(c.ops.len(), Cow::Borrowed(""));
    let mut plan = DecPlan { min_size: vec![0; c.ops.len()], ops: c.ops, names, branches: c.branches, root };
    compute_min_sizes(&mut plan);
    mark_optionals(&mut plan);
    check_unconditional(&plan)?;
    Ok(plan)
}

/// Java's `Schema.getAliases`: alias full name -> reader full name, and per record name (and record alias) its
/// field aliases -> field names.
type FieldAliases = HashMap<String, HashMap<String, String>>;

fn reader_aliases(reader: &Schema) -> (HashMap<String, String>, FieldAliases) {
    let mut aliases = HashMap::new();
    let mut fields: FieldAliases = HashMap::new();
    for node in reader.nodes() {
        let (name, list) = match &node.kind {
            Kind::Record(r) => (&r.name, &r.aliases),
            Kind::Enum(e) => (&e.name, &e.aliases),
            Kind::Fixed(f) => (&f.name, &f.aliases),
            _ => continue,
        };
        for a in list {
            aliases.insert(a.full_name().to_owned(), name.full_name().to_owned());
        }
        if let Kind::Record(r) = &node.kind {
            let map: HashMap<String, String> =
                r.fields.iter().flat_map(|f| f.aliases.iter().map(move |a| (a.clone(), f.name.clone()))).collect();
            if !map.is_empty() {
                for a in &r.aliases {
                    fields.insert(a.full_name().to_owned(), map.clone());
                }
                fields.insert(r.name.full_name().to_owned(), map);
            }
        }
    }
    (aliases, fields)
}

struct Compiler<'a> {
    w: &'a Schema,
    r: &'a Schema,
    ops: Vec<DOp>,
    names: Vec<Cow<'static, str>>,
    /// (writer node, reader node, skip) -> op; `skip` ops read writer data as the writer schema itself.
    memo: HashMap<(NodeId, NodeId, bool), u32>,
    /// The plan's `branches`.
    branches: Vec<u32>,
    aliases: HashMap<String, String>,
    field_aliases: FieldAliases,
}

fn is_promotion(w: &Kind, r: &Kind) -> bool {
    matches!(
        (w, r),
        (Kind::Int, Kind::Long | Kind::Float | Kind::Double)
            | (Kind::Long, Kind::Float | Kind::Double)
            | (Kind::Float, Kind::Double)
            | (Kind::String, Kind::Bytes)
            | (Kind::Bytes, Kind::String)
    )
}

impl<'a> Compiler<'a> {
    fn push(&mut self, op: DOp) -> u32 {
        self.ops.push(op);
        (self.ops.len() - 1) as u32
    }

    /// The reader side: the reader schema, or the writer itself for skip ops.
    fn rs(&self, skip: bool) -> &'a Schema {
        if skip {
            self.w
        } else {
            self.r
        }
    }

    /// The writer named type's full name after the reader's aliases are applied.
    fn writer_name(&self, skip: bool, name: &str) -> String {
        if skip {
            return name.to_owned();
        }
        self.aliases.get(name).cloned().unwrap_or_else(|| name.to_owned())
    }

    fn error(&mut self, w: NodeId, r: NodeId, skip: bool, what: &str) -> u32 {
        let wn = full_name(self.w, w);
        let rn = full_name(self.rs(skip), r);
        self.push(DOp::Error(format!("{what}Found {wn}, expecting {rn}").into()))
    }

    fn resolve(&mut self, w: NodeId, r: NodeId, skip: bool) -> u32 {
        let op = self.resolve_op(w, r, skip);
        if self.names.len() < self.ops.len() {
            self.names.resize(self.ops.len(), Cow::Borrowed(""));
        }
        let node = self.rs(skip).node(r);
        // Primitives borrow their static type name: no allocation per op.
        self.names[op as usize] = node.name().map_or(Cow::Borrowed(node.type_name()), |n| Cow::Owned(n.name().to_owned()));
        op
    }

    fn resolve_op(&mut self, w: NodeId, r: NodeId, skip: bool) -> u32 {
        if let Some(&op) = self.memo.get(&(w, r, skip)) {
            return op;
        }
        let ws: &'a Schema = self.w;
        let wk = &ws.node(w).kind;
        let rnode = self.rs(skip).node(r);
        let rk = &rnode.kind;
        let lt = rnode.logical;
        if let Kind::Union(wb) = wk {
            let op = self.push(DOp::WriterUnion(Branches { at: 0, len: 0 }, None));
            self.memo.insert((w, r, skip), op);
            // The stretch is reserved first: unions inside the branches append theirs after it.
            let branches = Branches { at: self.branches.len() as u32, len: wb.len() as u32 };
            self.branches.resize(self.branches.len() + wb.len(), 0);
            for (i, &b) in wb.iter().enumerate() {
                self.branches[branches.at as usize + i] = self.resolve(b, r, skip);
            }
            self.ops[op as usize] = DOp::WriterUnion(branches, None);
            return op;
        }
        if std::mem::discriminant(wk) == std::mem::discriminant(rk) {
            let op = match (wk, rk) {
                (Kind::Null, _) => DOp::Null,
                (Kind::Boolean, _) => DOp::Boolean,
                (Kind::Int, _) => DOp::Int(lt),
                (Kind::Long, _) => DOp::Long(lt),
                (Kind::Float, _) => DOp::Float,
                (Kind::Double, _) => DOp::Double,
                (Kind::Bytes, _) => DOp::Bytes(lt),
                (Kind::String, _) => DOp::String(lt),
                (Kind::Fixed(wf), Kind::Fixed(rf)) => {
                    if self.writer_name(skip, wf.name.full_name()) != rf.name.full_name() {
                        return self.error(w, r, skip, "");
                    }
                    if wf.size != rf.size {
                        return self.error(w, r, skip, "Fixed size mismatch: ");
                    }
                    DOp::Fixed(rf.size, lt)
                }
                (Kind::Enum(we), Kind::Enum(re)) => {
                    if self.writer_name(skip, we.name.full_name()) != re.name.full_name() {
                        return self.error(w, r, skip, "");
                    }
                    let default = re.default.as_ref().and_then(|d| re.symbols.iter().position(|s| s == d));
                    let map = we
                        .symbols
                        .iter()
                        .map(|s| re.symbols.iter().position(|x| x == s).or(default).map_or(u32::MAX, |i| i as u32))
                        .collect();
                    DOp::Enum(Box::new(DEnum {
                        reader_symbols: re.symbols.iter().map(|s| s.as_str().into()).collect(),
                        map,
                        writer_symbols: we.symbols.iter().map(|s| s.as_str().into()).collect(),
                    }))
                }
                (Kind::Array(wi), Kind::Array(ri)) => {
                    let (wi, ri) = (*wi, *ri);
                    let op = self.push(DOp::Array(0));
                    self.memo.insert((w, r, skip), op);
                    let item = self.resolve(wi, ri, skip);
                    self.ops[op as usize] = DOp::Array(item);
                    return op;
                }
                (Kind::Map(wv), Kind::Map(rv)) => {
                    let (wv, rv) = (*wv, *rv);
                    let op = self.push(DOp::Map(0));
                    self.memo.insert((w, r, skip), op);
                    let item = self.resolve(wv, rv, skip);
                    self.ops[op as usize] = DOp::Map(item);
                    return op;
                }
                (Kind::Record(_), Kind::Record(_)) => return self.record(w, r, skip),
                _ => unreachable!("same discriminant"),
            };
            let op = self.push(op);
            self.memo.insert((w, r, skip), op);
            return op;
        }
        if let Kind::Union(_) = rk {
            return self.reader_union(w, r, skip);
        }
        let op = match (wk, rk) {
            (Kind::Int, Kind::Long) => DOp::IntToLong(lt),
            (Kind::Int, Kind::Float) => DOp::IntToFloat,
            (Kind::Int, Kind::Double) => DOp::IntToDouble,
            (Kind::Long, Kind::Float) => DOp::LongToFloat,
            (Kind::Long, Kind::Double) => DOp::LongToDouble,
            (Kind::Float, Kind::Double) => DOp::FloatToDouble,
            (Kind::String, Kind::Bytes) => DOp::StringToBytes(lt),
            (Kind::Bytes, Kind::String) => DOp::BytesToString(lt),
            _ => return self.error(w, r, skip, ""),
        };
        self.push(op)
    }

    fn record(&mut self, w: NodeId, r: NodeId, skip: bool) -> u32 {
        let ws: &'a Schema = self.w;
        let (Kind::Record(wr), Kind::Record(rr)) = (&ws.node(w).kind, &self.rs(skip).node(r).kind) else {
            unreachable!("records")
        };
        let op = self.push(DOp::Error("recursion".into()));
        self.memo.insert((w, r, skip), op);
        let wname = self.writer_name(skip, wr.name.full_name());
        let renamed = if skip { None } else { self.field_aliases.get(&wname) };
        // Borrowed from the schemas; only names renamed by a reader alias are copied.
        let wfields: Vec<(NodeId, Cow<'a, str>)> = wr
            .fields
            .iter()
            .map(|f| {
                let name = renamed.and_then(|m| m.get(&f.name)).map_or(Cow::Borrowed(f.name.as_str()), |n| Cow::Owned(n.clone()));
                (f.schema, name)
            })
            .collect();
        let rs: &'a Schema = self.rs(skip);
        let rfields: Vec<(NodeId, &'a str, Option<&'a serde_json::Value>)> =
            rr.fields.iter().map(|f| (f.schema, f.name.as_str(), f.default.as_ref())).collect();
        let rname = rr.name.full_name().to_owned();

        let mut steps = Vec::with_capacity(wfields.len());
        // Which reader fields the writer's fill; the rest take defaults.
        let mut filled = vec![false; rfields.len()];
        for (i, (wschema, wname)) in wfields.iter().enumerate() {
            // Usually the field at the same place (an unchanged or extended schema): no search.
            let same_place = rfields.get(i).is_some_and(|(_, n, _)| n == wname).then_some(i);
            match same_place.or_else(|| rfields.iter().position(|(_, n, _)| n == wname)) {
                Some(pos) => {
                    filled[pos] = true;
                    let sub = self.resolve(*wschema, rfields[pos].0, skip);
                    steps.push(Step::Read { pos: pos as u32, op: sub });
                }
                None => {
                    let sub = self.resolve(*wschema, *wschema, true);
                    steps.push(Step::Skip(sub));
                }
            }
        }
        let mut defaults = Vec::new();
        for (pos, (rschema, rname_f, default)) in rfields.iter().enumerate() {
            if filled[pos] {
                continue;
            }
            let value = default.and_then(|d| default_value(rs, *rschema, d).ok());
            match value {
                Some(v) => defaults.push((pos as u32, v)),
                None => {
                    let wn = full_name(self.w, w);
                    self.ops[op as usize] =
                        DOp::Error(format!("Found {wn}, expecting {rname}, missing required field {rname_f}").into());
                    return op;
                }
            }
        }
        let order = steps
            .iter()
            .filter_map(|s| match s {
                Step::Read { pos, .. } => Some(*pos),
                Step::Skip(_) => None,
            })
            .chain(defaults.iter().map(|(p, _)| *p));
        let in_order = order.enumerate().all(|(i, p)| i as u32 == p);
        let read = |s: &Step| match *s {
            Step::Read { op, .. } => Some(op),
            Step::Skip(_) => None,
        };
        let plain = if in_order && defaults.is_empty() { steps.iter().map(read).collect() } else { None };
        self.ops[op as usize] = DOp::Record(Box::new(DRecord {
            fields: Names::new(rfields.iter().map(|(_, n, _)| *n)),
            steps: steps.into(),
            defaults: defaults.into(),
            in_order,
            plain,
            serde_fields: SameNames::default(),
        }));
        op
    }

    fn reader_union(&mut self, w: NodeId, r: NodeId, skip: bool) -> u32 {
        let Kind::Union(rb) = &self.rs(skip).node(r).kind else { unreachable!("union") };
        let rb = rb.clone();
        match self.first_matching_branch(w, &rb, skip) {
            Some(i) => {
                let op = self.push(DOp::ReaderUnion { branch: i as u32, op: 0 });
                self.memo.insert((w, r, skip), op);
                let sub = self.resolve(w, rb[i], skip);
                self.ops[op as usize] = DOp::ReaderUnion { branch: i as u32, op: sub };
                op
            }
            None => self.error(w, r, skip, ""),
        }
    }

    /// Java's `ReaderUnion.firstMatchingBranch`.
    fn first_matching_branch(&mut self, w: NodeId, rb: &[NodeId], skip: bool) -> Option<usize> {
        let ws: &'a Schema = self.w;
        let wk = &ws.node(w).kind;
        let mut structure_match = None;
        for (j, &b) in rb.iter().enumerate() {
            let bk = &self.rs(skip).node(b).kind;
            if std::mem::discriminant(wk) != std::mem::discriminant(bk) {
                continue;
            }
            match (wk, bk) {
                (Kind::Record(wr), Kind::Record(br)) => {
                    if self.writer_name(skip, wr.name.full_name()) == br.name.full_name() {
                        return Some(j);
                    }
                    let (wshort, bshort) = (wr.name.name().to_owned(), br.name.name().to_owned());
                    let probe = self.resolve(w, b, skip);
                    if !self.has_match_error(probe) && (structure_match.is_none() || wshort == bshort) {
                        structure_match = Some(j);
                    }
                }
                (Kind::Enum(_) | Kind::Fixed(_), _) => {
                    let wn = self.writer_name(skip, full_name(self.w, w));
                    if wn == full_name(self.rs(skip), b) {
                        return Some(j);
                    }
                }
                _ => return Some(j),
            }
        }
        if structure_match.is_some() {
            return structure_match;
        }
        rb.iter().position(|&b| is_promotion(wk, &self.rs(skip).node(b).kind))
    }

    /// Java's `hasMatchError`: the record itself or one of its field reads is an error.
    fn has_match_error(&self, op: u32) -> bool {
        match &self.ops[op as usize] {
            DOp::Error(_) => true,
            DOp::Record(r) => r.steps.iter().any(|s| match s {
                Step::Read { op, .. } => matches!(self.ops[*op as usize], DOp::Error(_)),
                Step::Skip(_) => false,
            }),
            _ => false,
        }
    }
}

fn full_name(schema: &Schema, id: NodeId) -> &str {
    let n = schema.node(id);
    n.name().map_or(n.type_name(), |n| n.full_name())
}

/// Least writer bytes per op, by iteration from 0. Every intermediate value is a lower bound, so stopping early is
/// safe; a record that contains itself without a union or array in between never converges, hence the bound.
fn compute_min_sizes(plan: &mut DecPlan) {
    for _ in 0..plan.ops.len() + 2 {
        let mut changed = false;
        for i in 0..plan.ops.len() {
            let m = match &plan.ops[i] {
                DOp::Null | DOp::Error(_) => 0,
                DOp::Float | DOp::FloatToDouble => 4,
                DOp::Double => 8,
                DOp::Fixed(n, _) => *n,
                DOp::ReaderUnion { op, .. } => plan.min_size[*op as usize],
                DOp::Record(r) => r
                    .steps
                    .iter()
                    .map(|s| match s {
                        Step::Read { op, .. } | Step::Skip(op) => plan.min_size[*op as usize],
                    })
                    .fold(0usize, |a, b| a.saturating_add(b))
                    .min(1 << 20),
                _ => 1,
            };
            if m != plan.min_size[i] {
                plan.min_size[i] = m;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Fails when an error op is reached from the root without a data-dependent choice.
fn check_unconditional(plan: &DecPlan) -> Result<(), ResolveError> {
    fn walk(plan: &DecPlan, op: u32, seen: &mut [bool]) -> Result<(), ResolveError> {
        if std::mem::replace(&mut seen[op as usize], true) {
            return Ok(());
        }
        match plan.op(op) {
            DOp::Error(m) => Err(ResolveError { message: m.to_string(), path: FieldPath::default() }),
            DOp::Array(i) | DOp::Map(i) | DOp::ReaderUnion { op: i, .. } => walk(plan, *i, seen),
            DOp::Record(r) => {
                for s in r.steps.iter() {
                    if let Step::Read { pos, op } = s {
                        walk(plan, *op, seen).map_err(|mut e| {
                            e.path.push_front(&r.fields[*pos as usize]);
                            e
                        })?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
    walk(plan, plan.root, &mut vec![false; plan.ops.len()])
}
