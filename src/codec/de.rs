//! Avro binary -> serde `Deserialize`, walking a [`DecPlan`]; strings and bytes are handed out borrowed from the
//! input (`visit_borrowed_str`), so `&str` fields cost no copy.
//!
//! A record is offered as a sequence when the reader fields come in the serde struct's field order (checked once
//! per struct type: the `fields` slice's address is remembered), else as a map keyed by field name. Unions are
//! transparent, `Option<T>` takes a union's `null` branch as `None`, and an enum over a union selects its variant by
//! the branch's type name (record simple name, `"int"`, `"string"`...), case-insensitively, or else by branch index.

use std::sync::atomic::Ordering::Relaxed;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::decode::{deeper, enum_index, skip, union_branch};
use super::error::{DecodeError, DecodeErrorKind as K};
use super::resolve::{DOp, DRecord, DecPlan, Step};
use super::value_de::ValueDe;
use super::wire::Reader;

pub(crate) struct De<'a, 'de, 'r> {
    plan: &'a DecPlan,
    op: u32,
    rd: &'r mut Reader<'de>,
    depth: usize,
}

impl<'a, 'de, 'r> De<'a, 'de, 'r> {
    pub fn new(plan: &'a DecPlan, op: u32, rd: &'r mut Reader<'de>, depth: usize) -> Self {
        De { plan, op, rd, depth }
    }

    /// Steps through unions to the op that reads the value itself.
    #[inline(always)]
    fn settle(&mut self) -> Result<&'a DOp, DecodeError> {
        match self.plan.op(self.op) {
            DOp::WriterUnion(_) | DOp::ReaderUnion { .. } | DOp::Error(_) => self.settle_union(),
            op => Ok(op),
        }
    }

    #[inline(never)]
    fn settle_union(&mut self) -> Result<&'a DOp, DecodeError> {
        loop {
            match self.plan.op(self.op) {
                DOp::WriterUnion(branches) => {
                    self.depth = deeper(self.rd, self.depth)?;
                    self.op = union_branch(self.rd, branches)?;
                }
                DOp::ReaderUnion { op, .. } => self.op = *op,
                DOp::Error(m) => return self.rd.err(K::Resolution(m.to_string()), self.rd.pos),
                op => return Ok(op),
            }
        }
    }

    /// The type name of the branch a union resolved to, to name an enum variant.
    fn branch_name(&self, op: u32) -> &'a str {
        match self.plan.op(op) {
            DOp::ReaderUnion { op, .. } => self.branch_name(*op),
            _ => &self.plan.names[op as usize],
        }
    }

    fn record<V: Visitor<'de>>(
        self,
        r: &'a DRecord,
        fields: Option<&'static [&'static str]>,
        v: V,
    ) -> Result<V::Value, DecodeError> {
        let depth = deeper(self.rd, self.depth)?;
        let as_seq = r.in_order
            && fields.is_some_and(|f| {
                let addr = f.as_ptr() as usize;
                if r.serde_fields.load(Relaxed) == addr {
                    return true;
                }
                let same = f.len() == r.fields.len() && f.iter().zip(r.fields.iter()).all(|(a, b)| *a == &**b);
                if same {
                    r.serde_fields.store(addr, Relaxed);
                }
                same
            });
        let access = RecordAccess { plan: self.plan, rd: self.rd, depth, r, step: 0, default: 0, pending: None };
        if as_seq {
            v.visit_seq(access)
        } else {
            v.visit_map(access)
        }
    }
}

impl<'de> de::Deserializer<'de> for De<'_, 'de, '_> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(mut self, v: V) -> Result<V::Value, DecodeError> {
        match self.settle()? {
            DOp::Null => v.visit_unit(),
            DOp::Boolean => v.visit_bool(self.rd.boolean()?),
            DOp::Int(_) => v.visit_i32(self.rd.int()?),
            DOp::Long(_) => v.visit_i64(self.rd.long()?),
            DOp::Float => v.visit_f32(self.rd.float()?),
            DOp::Double => v.visit_f64(self.rd.double()?),
            DOp::Bytes(_) | DOp::StringToBytes(_) => v.visit_borrowed_bytes(self.rd.bytes()?),
            DOp::String(_) | DOp::BytesToString(_) => v.visit_borrowed_str(self.rd.str()?),
            DOp::IntToLong(_) => v.visit_i64(self.rd.int()? as i64),
            DOp::IntToFloat => v.visit_f32(self.rd.int()? as f32),
            DOp::IntToDouble => v.visit_f64(self.rd.int()? as f64),
            DOp::LongToFloat => v.visit_f32(self.rd.long()? as f32),
            DOp::LongToDouble => v.visit_f64(self.rd.long()? as f64),
            DOp::FloatToDouble => v.visit_f64(self.rd.float()? as f64),
            DOp::Fixed(n, _) => v.visit_borrowed_bytes(self.rd.take(*n)?),
            DOp::Enum(e) => {
                let j = enum_index(self.rd, e)?;
                v.visit_str(&e.reader_symbols[j as usize])
            }
            DOp::Array(item) => {
                let depth = deeper(self.rd, self.depth)?;
                let min = self.plan.min_size[*item as usize];
                v.visit_seq(Blocks { plan: self.plan, rd: self.rd, depth, item: *item, min, left: 0, done: false })
            }
            DOp::Map(item) => {
                let depth = deeper(self.rd, self.depth)?;
                let min = self.plan.min_size[*item as usize] + 1;
                v.visit_map(Blocks { plan: self.plan, rd: self.rd, depth, item: *item, min, left: 0, done: false })
            }
            DOp::Record(r) => self.record(r, None, v),
            DOp::WriterUnion(_) | DOp::ReaderUnion { .. } | DOp::Error(_) => unreachable!("settled"),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(mut self, v: V) -> Result<V::Value, DecodeError> {
        let mut op = self.op;
        if let DOp::WriterUnion(branches) = self.plan.op(op) {
            self.depth = deeper(self.rd, self.depth)?;
            op = union_branch(self.rd, branches)?;
        }
        if let DOp::ReaderUnion { op: inner, .. } = self.plan.op(op) {
            op = *inner;
        }
        self.op = op;
        match self.plan.op(op) {
            DOp::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DecodeError> {
        match self.settle()? {
            DOp::Record(r) => self.record(r, Some(fields), v),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(mut self, v: V) -> Result<V::Value, DecodeError> {
        match self.settle()? {
            DOp::Bytes(_) | DOp::StringToBytes(_) | DOp::String(_) | DOp::BytesToString(_) => {
                let b = self.rd.bytes()?;
                v.visit_seq(de::value::SeqDeserializer::new(b.iter().copied()))
            }
            DOp::Fixed(n, _) => {
                let b = self.rd.take(*n)?;
                v.visit_seq(de::value::SeqDeserializer::new(b.iter().copied()))
            }
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, DecodeError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DecodeError> {
        let mut op = self.op;
        let mut branch = None;
        if let DOp::WriterUnion(branches) = self.plan.op(op) {
            self.depth = deeper(self.rd, self.depth)?;
            op = union_branch(self.rd, branches)?;
        }
        if let DOp::ReaderUnion { branch: b, op: inner } = self.plan.op(op) {
            branch = Some(*b);
            op = *inner;
        }
        self.op = op;
        match (self.plan.op(op), branch) {
            (DOp::Enum(e), None) => {
                let j = enum_index(self.rd, e)?;
                v.visit_enum(e.reader_symbols[j as usize].to_string().into_deserializer())
            }
            (DOp::String(_) | DOp::BytesToString(_), None) => v.visit_enum(self.rd.str()?.into_deserializer()),
            (DOp::Error(m), _) => self.rd.err(K::Resolution(m.to_string()), self.rd.pos),
            (_, Some(b)) => {
                let name = self.branch_name(op);
                let variant = variants.iter().copied().find(|x| x.eq_ignore_ascii_case(name));
                v.visit_enum(BranchEnum { de: self, variant, index: b })
            }
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        skip(self.plan, self.op, self.rd, self.depth)?;
        v.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        false
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct map
        identifier
    }
}

/// A union branch offered as an enum variant.
struct BranchEnum<'a, 'de, 'r> {
    de: De<'a, 'de, 'r>,
    variant: Option<&'static str>,
    index: u32,
}

impl<'a, 'de, 'r> de::EnumAccess<'de> for BranchEnum<'a, 'de, 'r> {
    type Error = DecodeError;
    type Variant = De<'a, 'de, 'r>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self::Variant), DecodeError> {
        let id = match self.variant {
            Some(name) => seed.deserialize(de::value::StrDeserializer::<DecodeError>::new(name))?,
            None => seed.deserialize(de::value::U32Deserializer::<DecodeError>::new(self.index))?,
        };
        Ok((id, self.de))
    }
}

impl<'de> de::VariantAccess<'de> for De<'_, 'de, '_> {
    type Error = DecodeError;

    fn unit_variant(self) -> Result<(), DecodeError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, DecodeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, DecodeError> {
        de::Deserializer::deserialize_seq(self, v)
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], v: V) -> Result<V::Value, DecodeError> {
        de::Deserializer::deserialize_struct(self, "", fields, v)
    }
}

/// Array items or map entries, block by block.
struct Blocks<'a, 'de, 'r> {
    plan: &'a DecPlan,
    rd: &'r mut Reader<'de>,
    depth: usize,
    item: u32,
    min: usize,
    left: usize,
    done: bool,
}

impl Blocks<'_, '_, '_> {
    #[inline]
    fn next(&mut self) -> Result<bool, DecodeError> {
        if self.done {
            return Ok(false);
        }
        if self.left == 0 {
            self.left = self.rd.block(self.min)?;
            if self.left == 0 {
                self.done = true;
                return Ok(false);
            }
        }
        self.left -= 1;
        Ok(true)
    }
}

impl<'de> de::SeqAccess<'de> for Blocks<'_, 'de, '_> {
    type Error = DecodeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, DecodeError> {
        if !self.next()? {
            return Ok(None);
        }
        seed.deserialize(De::new(self.plan, self.item, self.rd, self.depth)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Blocks<'_, 'de, '_> {
    type Error = DecodeError;

    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, DecodeError> {
        if !self.next()? {
            return Ok(None);
        }
        let key = self.rd.str()?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DecodeError> {
        seed.deserialize(De::new(self.plan, self.item, self.rd, self.depth))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A record's fields: writer fields in writer order (skipping those the reader lacks), then reader defaults.
struct RecordAccess<'a, 'de, 'r> {
    plan: &'a DecPlan,
    rd: &'r mut Reader<'de>,
    depth: usize,
    r: &'a DRecord,
    step: usize,
    default: usize,
    /// The field whose key was handed out (map form): a step op, or a default index.
    pending: Option<Pending>,
}

#[derive(Clone, Copy)]
enum Pending {
    Read(u32, u32),
    Default(usize),
}

impl<'de> RecordAccess<'_, 'de, '_> {
    /// Moves to the next field to hand out, skipping writer-only fields.
    #[inline]
    fn advance(&mut self) -> Result<Option<Pending>, DecodeError> {
        while let Some(s) = self.r.steps.get(self.step) {
            self.step += 1;
            match *s {
                Step::Read { pos, op } => return Ok(Some(Pending::Read(pos, op))),
                Step::Skip(op) => skip(self.plan, op, self.rd, self.depth)?,
            }
        }
        if self.default < self.r.defaults.len() {
            self.default += 1;
            return Ok(Some(Pending::Default(self.default - 1)));
        }
        Ok(None)
    }

    #[inline]
    fn value<S: DeserializeSeed<'de>>(&mut self, p: Pending, seed: S) -> Result<S::Value, DecodeError> {
        let (pos, out) = match p {
            Pending::Read(pos, op) => (pos, seed.deserialize(De::new(self.plan, op, self.rd, self.depth))),
            Pending::Default(i) => {
                let (pos, v) = &self.r.defaults[i];
                (*pos, seed.deserialize(ValueDe(v)))
            }
        };
        out.map_err(|e| e.at_if_unknown(self.rd.pos).in_field(&self.r.fields[pos as usize]))
    }
}

impl<'de> de::SeqAccess<'de> for RecordAccess<'_, 'de, '_> {
    type Error = DecodeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, DecodeError> {
        match self.advance()? {
            Some(p) => self.value(p, seed).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.r.fields.len())
    }
}

impl<'de> de::MapAccess<'de> for RecordAccess<'_, 'de, '_> {
    type Error = DecodeError;

    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, DecodeError> {
        let Some(p) = self.advance()? else {
            return Ok(None);
        };
        self.pending = Some(p);
        let pos = match p {
            Pending::Read(pos, _) => pos,
            Pending::Default(i) => self.r.defaults[i].0,
        };
        let name: &str = &self.r.fields[pos as usize];
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DecodeError> {
        let p =
            self.pending.take().ok_or_else(|| DecodeError::new(K::Custom("value before key".into()), self.rd.pos))?;
        self.value(p, seed)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.r.fields.len())
    }
}
