//! Avro binary -> Rust types through [`Decode`], which `#[derive(Decode)]` implements per struct: a record whose
//! writer fields are the struct's, in order (a `DRecord::plain` record), is read field by field into a struct
//! literal, and each field by its own type's `Decode`. That skips serde's per-field protocol (`next_element`, a
//! seed, a visitor): on the 40-field `wide` record, -29% of the instructions serde decoding spends above a clone of
//! the result (12,910 -> 10,718 per record when introduced).
//!
//! Everything else — unions other than an optional's one-byte branch, promotions, records with fields to skip or
//! default, names that differ — goes to the type's serde `Deserialize` over the same position, so the two paths
//! agree on results and errors by construction (and `tests/codec_derive.rs` checks that they do).

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use serde::Deserialize;

use super::de::{in_field, Cx, De};
use super::error::DecodeError;
use super::resolve::{DOp, DRecord};

/// A type that reads itself from a decode position, falling back to its serde `Deserialize` for what it does not
/// read directly. Derive it for structs (`#[derive(Deserialize, Decode)]`) and decode with
/// [`Decoder::decode_derived`](super::Decoder::decode_derived):
///
/// ```
/// use avroconv::{codec::{Decoder, Encoder}, Decode, Schema};
/// #[derive(serde::Serialize, serde::Deserialize, Decode, PartialEq, Debug)]
/// struct User<'a> { name: &'a str, #[serde(rename = "age")] years: Option<i32>, tags: Vec<String> }
/// let schema = Schema::parse(r#"{"type":"record","name":"User","fields":[{"name":"name","type":"string"},
///     {"name":"age","type":["null","int"]},{"name":"tags","type":{"type":"array","items":"string"}}]}"#).unwrap();
/// let user = User { name: "ada", years: Some(36), tags: vec!["x".into()] };
/// let bytes = Encoder::new(&schema).to_vec(&user).unwrap();
/// assert_eq!(Decoder::new(&schema).decode_derived::<User>(&bytes).unwrap(), user);
/// ```
///
/// Implemented for `bool`, the integer types to 64 bits, `f32`, `f64`, `String`, `&str`, `Option`, `Box`, `Vec`,
/// and `BTreeMap` / `HashMap` keyed by `String`. For a field type without an impl, mark the field
/// `#[avroconv(serde)]`, or implement `Decode` as the serde path:
/// `fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> { Self::deserialize(de) }`.
///
/// Serde attributes that change which fields are read, or their names across the struct, are refused rather than
/// guessed at:
///
/// ```compile_fail
/// #[derive(serde::Deserialize, avroconv::Decode)]
/// struct Flat { #[serde(flatten)] rest: std::collections::HashMap<String, i32> }
/// ```
///
/// ```compile_fail
/// #[derive(serde::Deserialize, avroconv::Decode)]
/// #[serde(rename_all = "camelCase")]
/// struct Renamed { user_name: String }
/// ```
pub trait Decode<'de>: Deserialize<'de> {
    fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError>;
}

impl<'c, 'a, 'de> De<'c, 'a, 'de> {
    /// For derived impls: reads a record whose fields are `fields`, in order, with `read`; anything else through
    /// serde.
    #[doc(hidden)]
    #[inline(always)]
    pub fn read_record<T: Deserialize<'de>, const N: usize>(
        self,
        fields: &'static [&'static str; N],
        read: impl FnOnce(&mut Fields<'_, 'a, 'de, N>) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        let plan = self.cx.plan;
        if let DOp::Record(r) = plan.op(self.op) {
            // Matching names make as many ops as fields: the array type lets the field reads go unchecked.
            let ops = r.plain.as_deref().filter(|_| r.has_fields(fields)).and_then(|ops| <&[u32; N]>::try_from(ops).ok());
            if let Some(ops) = ops {
                let depth = self.cx.depth;
                self.cx.enter()?;
                let v = read(&mut Fields { cx: &mut *self.cx, r, ops });
                self.cx.depth = depth;
                return v;
            }
        }
        T::deserialize(self)
    }
}

/// A record's `N` fields, read by the derived code by their positions (constants there).
#[doc(hidden)]
pub struct Fields<'c, 'a, 'de, const N: usize> {
    cx: &'c mut Cx<'a, 'de>,
    r: &'a DRecord,
    ops: &'a [u32; N],
}

impl<'a, 'de, const N: usize> Fields<'_, 'a, 'de, N> {
    /// Field `i`, by its type's `Decode`. Fields must be read in order: they are read from the input as asked.
    #[inline(always)]
    pub fn at<T: Decode<'de>>(&mut self, i: usize) -> Result<T, DecodeError> {
        self.at_with(i, T::decode)
    }

    /// Field `i`, read by `read` (a `deserialize_with` function, or the field type's serde impl).
    #[inline(always)]
    pub fn at_with<T>(
        &mut self,
        i: usize,
        read: impl FnOnce(De<'_, 'a, 'de>) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        match read(De { cx: &mut *self.cx, op: self.ops[i] }) {
            Ok(v) => Ok(v),
            Err(e) => Err(in_field(e, self.cx, self.r, i)),
        }
    }

    /// Field `i`, a `#[serde(with = "serde_bytes")]` one: Avro bytes directly, else through `fallback`
    /// (`serde_bytes::deserialize`).
    #[inline(always)]
    pub fn bytes_at<T: FromBytes<'de>>(
        &mut self,
        i: usize,
        fallback: impl FnOnce(De<'_, 'a, 'de>) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.at_with(i, |mut de| match T::read(&mut de) {
            Some(v) => v,
            None => fallback(de),
        })
    }
}

/// A `serde_bytes` field type that takes Avro bytes directly.
pub trait FromBytes<'de>: Sized {
    /// The value, when the position holds plain bytes (or an optional of them); `None`, with nothing read, when
    /// not.
    fn read(de: &mut De<'_, '_, 'de>) -> Option<Result<Self, DecodeError>>;
}

macro_rules! from_bytes {
    ($($ty:ty => $make:expr,)*) => {$(
        impl<'de> FromBytes<'de> for $ty {
            #[inline(always)]
            fn read(de: &mut De<'_, '_, 'de>) -> Option<Result<Self, DecodeError>> {
                match de.cx.plan.op(de.op) {
                    DOp::Bytes(_) => Some(de.cx.rd.bytes().map($make)),
                    _ => None,
                }
            }
        }
    )*};
}

from_bytes! {
    Vec<u8> => <[u8]>::to_vec,
    Box<[u8]> => Box::from,
}

impl<'de: 'a, 'a> FromBytes<'de> for &'a [u8] {
    #[inline]
    fn read(de: &mut De<'_, '_, 'de>) -> Option<Result<Self, DecodeError>> {
        match de.cx.plan.op(de.op) {
            DOp::Bytes(_) => Some(de.cx.rd.bytes()),
            _ => None,
        }
    }
}

impl<'de, T: FromBytes<'de>> FromBytes<'de> for Option<T> {
    #[inline(always)]
    fn read(de: &mut De<'_, '_, 'de>) -> Option<Result<Self, DecodeError>> {
        let branch = de.optional()?;
        let (pos, op) = (de.cx.rd.pos, de.op);
        let depth = match de.enter_branch() {
            Ok(depth) => depth,
            Err(e) => return Some(Err(e)),
        };
        let v = match branch {
            None => Some(Ok(None)),
            Some(some) => {
                de.op = some;
                T::read(de).map(|v| v.map(Some))
            }
        };
        de.cx.depth = depth;
        if v.is_none() {
            // Not bytes inside: back to the union, for the fallback to read whole.
            (de.cx.rd.pos, de.op) = (pos, op);
        }
        v
    }
}

/// Plain values: read when the op is the type's own (no union, no promotion), else through serde. Narrower
/// integers out of range also go to serde, rewound, for its error.
macro_rules! direct {
    ($($ty:ty: $op:pat => $read:ident,)*) => {$(
        impl<'de> Decode<'de> for $ty {
            #[inline(always)]
            #[allow(irrefutable_let_patterns)] // `try_from` into the same type
            fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
                if let $op = de.cx.plan.op(de.op) {
                    let start = de.cx.rd.pos;
                    if let Ok(v) = <$ty>::try_from(de.cx.rd.$read()?) {
                        return Ok(v);
                    }
                    de.cx.rd.pos = start;
                }
                <$ty>::deserialize(de)
            }
        }
    )*};
}

direct! {
    bool: DOp::Boolean => boolean,
    i8: DOp::Int(_) => int,
    i16: DOp::Int(_) => int,
    i32: DOp::Int(_) => int,
    i64: DOp::Long(_) => long,
    u8: DOp::Int(_) => int,
    u16: DOp::Int(_) => int,
    u32: DOp::Int(_) => int,
    u64: DOp::Long(_) => long,
    f32: DOp::Float => float,
    f64: DOp::Double => double,
}

impl<'de: 'a, 'a> Decode<'de> for &'a str {
    #[inline(always)]
    fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
        match de.cx.plan.op(de.op) {
            DOp::String(_) => de.cx.rd.str(),
            _ => <&str>::deserialize(de),
        }
    }
}

impl<'de> Decode<'de> for String {
    #[inline(always)]
    fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
        match de.cx.plan.op(de.op) {
            DOp::String(_) => de.cx.rd.str().map(str::to_owned),
            _ => String::deserialize(de),
        }
    }
}

impl<'de, T: Decode<'de>> Decode<'de> for Box<T> {
    #[inline]
    fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
        T::decode(de).map(Box::new)
    }
}

impl<'de, T: Decode<'de>> Decode<'de> for Option<T> {
    #[inline]
    fn decode(mut de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
        let Some(branch) = de.optional() else { return Option::<T>::deserialize(de) };
        let depth = de.enter_branch()?;
        let v = match branch {
            None => Ok(None),
            Some(op) => T::decode(De { cx: &mut *de.cx, op }).map(Some),
        };
        de.cx.depth = depth;
        v
    }
}

impl<'de> De<'_, '_, 'de> {
    /// An array's items or a map's entries, block by block: `block` with each block's count, then `item` per item
    /// (given the item op). When the op is not `Array` (or `Map`, with `map`), `C`'s serde impl reads it.
    #[inline(always)]
    fn blocks<C: Deserialize<'de>>(
        self,
        map: bool,
        new: impl FnOnce() -> C,
        block: impl Fn(&mut C, usize),
        mut item: impl FnMut(&mut C, &mut De<'_, '_, 'de>) -> Result<(), DecodeError>,
    ) -> Result<C, DecodeError> {
        let plan = self.cx.plan;
        let item_op = match (plan.op(self.op), map) {
            (DOp::Array(i), false) | (DOp::Map(i), true) => *i,
            _ => return C::deserialize(self),
        };
        // Map entries are a key (at least one byte) and a value.
        let min = plan.min_size[item_op as usize] + map as usize;
        let depth = self.cx.depth;
        let read = (|| {
            self.cx.enter()?;
            let mut out = new();
            let mut de = De { cx: &mut *self.cx, op: item_op };
            loop {
                let n = de.cx.rd.block(min)?;
                if n == 0 {
                    return Ok(out);
                }
                block(&mut out, n);
                for _ in 0..n {
                    item(&mut out, &mut de)?;
                }
            }
        })();
        self.cx.depth = depth;
        read
    }

    /// A map's entries, each put in with `insert`; see `blocks`.
    #[inline(always)]
    fn entries<M: Deserialize<'de>, V: Decode<'de>>(
        self,
        new: impl FnOnce() -> M,
        reserve: impl Fn(&mut M, usize),
        insert: impl Fn(&mut M, String, V),
    ) -> Result<M, DecodeError> {
        self.blocks(true, new, reserve, |out, de| {
            let k = de.cx.rd.str()?.to_owned();
            insert(out, k, V::decode(De { cx: &mut *de.cx, op: de.op })?);
            Ok(())
        })
    }
}

/// At most this many bytes are reserved ahead of the items themselves, as serde's `size_hint::cautious`: block
/// counts are bounded by the input left, not by what an item takes in memory.
const MAX_PREALLOC_BYTES: usize = 1024 * 1024;

impl<'de, T: Decode<'de>> Decode<'de> for Vec<T> {
    #[inline]
    fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
        let cap = MAX_PREALLOC_BYTES / std::mem::size_of::<T>().max(1);
        let reserve = |out: &mut Vec<T>, n: usize| out.reserve(n.min(cap));
        de.blocks(false, Vec::new, reserve, |out, de| {
            out.push(T::decode(De { cx: &mut *de.cx, op: de.op })?);
            Ok(())
        })
    }
}

impl<'de, V: Decode<'de>> Decode<'de> for BTreeMap<String, V> {
    #[inline]
    fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
        de.entries(BTreeMap::new, |_, _| {}, |out, k, v| {
            out.insert(k, v);
        })
    }
}

impl<'de, V: Decode<'de>, S: BuildHasher + Default> Decode<'de> for HashMap<String, V, S> {
    #[inline]
    fn decode(de: De<'_, '_, 'de>) -> Result<Self, DecodeError> {
        let cap = MAX_PREALLOC_BYTES / std::mem::size_of::<(String, V)>();
        de.entries(HashMap::default, |out, n| out.reserve(n.min(cap)), |out, k, v| {
            out.insert(k, v);
        })
    }
}
