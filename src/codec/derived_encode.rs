//! Rust types -> Avro binary through [`Encode`], which `#[derive(Encode)]` implements per struct: a record whose
//! schema fields are the struct's, in order, is written field by field, each by its own type's `Encode`. That skips
//! serde's per-field protocol (`serialize_field` with a key compared against the schema, a serializer per value).
//!
//! Everything else (unions other than an optional, promotions, enums, fixed, records whose fields differ) goes to
//! the type's serde `Serialize` at the same position, so both paths write the same bytes and fail alike, and
//! `tests/codec_derive_encode.rs` checks that they do.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use serde::Serialize;

use super::error::EncodeError;
use super::plan::{EField, EOp};
use super::ser::Ser;
use super::wire::{write_bytes, write_int, write_long};

/// A type that writes itself at an encode position, falling back to its serde `Serialize` for what it does not
/// write directly. Derive it for structs (`#[derive(Serialize, Encode)]`) and encode with
/// [`Encoder::encode_derived`](super::Encoder::encode_derived):
///
/// ```
/// use avroconv::{codec::Encoder, Encode, Schema};
/// #[derive(serde::Serialize, Encode)]
/// struct User<'a> { name: &'a str, #[serde(rename = "age")] years: Option<i32>, tags: Vec<String> }
/// let schema = Schema::parse(r#"{"type":"record","name":"User","fields":[{"name":"name","type":"string"},
///     {"name":"age","type":["null","int"]},{"name":"tags","type":{"type":"array","items":"string"}}]}"#).unwrap();
/// let user = User { name: "ada", years: Some(36), tags: vec!["x".into()] };
/// let encoder = Encoder::new(&schema);
/// let mut out = Vec::new();
/// encoder.encode_derived(&user, &mut out).unwrap();
/// assert_eq!(out, encoder.to_vec(&user).unwrap());
/// ```
///
/// Implemented for `bool`, the integer types to 64 bits, `f32`, `f64`, `str`, `String`, `Option`, `Box`, `&T`,
/// slices, `Vec`, and `BTreeMap` / `HashMap` keyed by `String`. For a field type without an impl, mark the field
/// `#[avroconv(serde)]`. Serde attributes that leave fields out or rename them across the struct are refused:
///
/// ```compile_fail
/// #[derive(serde::Serialize, avroconv::Encode)]
/// struct Sparse { #[serde(skip_serializing_if = "Option::is_none")] note: Option<String> }
/// ```
pub trait Encode: Serialize {
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError>;

    /// Whether serde would write this value as Avro `null` (a `None`, however deeply nested): an optional's
    /// `Some(None)` takes the null branch, as through serde.
    #[doc(hidden)]
    #[inline(always)]
    fn is_null(&self) -> bool {
        false
    }
}

impl<'c, 'a> Ser<'c, 'a> {
    /// For derived impls: writes `value`, a struct whose fields are `fields`, with `write` when the schema's record
    /// has those fields in that order; anything else through serde.
    #[doc(hidden)]
    #[inline(always)]
    pub fn write_record<T: Serialize + ?Sized, const N: usize>(
        self,
        value: &T,
        fields: &'static [&'static str; N],
        write: impl FnOnce(&mut FieldWriter<'_, 'a, N>) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        let plan = self.cx.plan;
        if let EOp::Record(r) = plan.op(self.op) {
            if let Some(fields) = r.fields_named(fields) {
                self.deeper()?;
                let depth = self.cx.depth;
                return write(&mut FieldWriter { ser: self, fields, depth });
            }
        }
        value.serialize(self)
    }

    /// The op here, and where to write.
    #[inline(always)]
    fn parts(&mut self) -> (&'a EOp, &mut Vec<u8>) {
        (self.cx.plan.op(self.op), self.cx.out)
    }
}

/// A record's `N` fields, written by the derived code by their positions (constants there), in order.
#[doc(hidden)]
pub struct FieldWriter<'c, 'a, const N: usize> {
    ser: Ser<'c, 'a>,
    fields: &'a [EField; N],
    /// The record's own depth.
    depth: usize,
}

impl<'a, const N: usize> FieldWriter<'_, 'a, N> {
    /// Field `i` by its type's `Encode`.
    #[inline(always)]
    pub fn at<T: Encode + ?Sized>(&mut self, i: usize, value: &T) -> Result<(), EncodeError> {
        self.at_with(i, |ser| value.encode(ser))
    }

    /// Field `i`, written by `write` (a `serialize_with` function, or the field type's serde impl).
    #[inline(always)]
    pub fn at_with(
        &mut self,
        i: usize,
        write: impl FnOnce(Ser<'_, 'a>) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        let f = &self.fields[i];
        write(self.ser.child(f.op, self.depth)).map_err(|e| e.in_field(&f.name))
    }
}

/// Integers: written when the op is `int` (and the value fits) or `long`, else through serde (unions, promotions
/// to `float`/`double`, and the out-of-range error).
macro_rules! ints {
    ($($ty:ty),*) => {$(
        impl Encode for $ty {
            #[inline(always)]
            fn encode(&self, mut ser: Ser<'_, '_>) -> Result<(), EncodeError> {
                match (i64::try_from(*self), ser.parts()) {
                    (Ok(v), (EOp::Int, out)) if i32::try_from(v).is_ok() => write_int(out, v as i32),
                    (Ok(v), (EOp::Long, out)) => write_long(out, v),
                    _ => return self.serialize(ser),
                }
                Ok(())
            }
        }
    )*};
}

ints!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Other plain values: written when the op is the type's own, else through serde.
macro_rules! leaves {
    ($($ty:ty: $op:pat => |$v:ident, $out:ident| $write:expr,)*) => {$(
        impl Encode for $ty {
            #[inline(always)]
            fn encode(&self, mut ser: Ser<'_, '_>) -> Result<(), EncodeError> {
                match ser.parts() {
                    ($op, $out) => {
                        let $v = self;
                        $write
                    }
                    _ => return self.serialize(ser),
                }
                Ok(())
            }
        }
    )*};
}

leaves! {
    bool: EOp::Boolean => |v, out| out.push(*v as u8),
    f32: EOp::Float => |v, out| out.extend_from_slice(&v.to_le_bytes()),
    f64: EOp::Double => |v, out| out.extend_from_slice(&v.to_le_bytes()),
    str: EOp::String | EOp::Bytes => |v, out| write_bytes(out, v.as_bytes()),
}

impl Encode for String {
    #[inline(always)]
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        self.as_str().encode(ser)
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    #[inline(always)]
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        (**self).encode(ser)
    }
    fn is_null(&self) -> bool {
        (**self).is_null()
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    #[inline(always)]
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        (**self).encode(ser)
    }
    fn is_null(&self) -> bool {
        (**self).is_null()
    }
}

impl<T: Encode> Encode for Option<T> {
    /// An optional (`["null", T]` or `[T, "null"]`): the branch index, then `T` in its branch.
    #[inline]
    fn encode(&self, mut ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        let (&EOp::Union(ref branches, Some(null_at)), out) = ser.parts() else { return self.serialize(ser) };
        match self {
            None => {
                out.push(null_at << 1);
                Ok(())
            }
            Some(v) if !v.is_null() => {
                let i = 1 - null_at;
                out.push(i << 1);
                v.encode(Ser { cx: &mut *ser.cx, op: branches[i as usize] })
            }
            Some(_) => self.serialize(ser),
        }
    }

    fn is_null(&self) -> bool {
        match self {
            None => true,
            Some(v) => v.is_null(),
        }
    }
}

impl<'a> Ser<'_, 'a> {
    /// An array's items or a map's entries (each by `item`, given its op) as one block: the count, the items,
    /// then the zero count that ends them; when the op is not `Array` (or `Map`, with `map`), through serde.
    #[inline(always)]
    fn block<T: Serialize + ?Sized, I>(
        mut self,
        value: &T,
        map: bool,
        items: impl ExactSizeIterator<Item = I>,
        mut item: impl FnMut(I, Ser<'_, 'a>) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        let item_op = match (self.cx.plan.op(self.op), map) {
            (EOp::Array(i), false) | (EOp::Map(i), true) => *i,
            _ => return value.serialize(self),
        };
        self.deeper()?;
        let depth = self.cx.depth;
        if items.len() > 0 {
            write_long(self.cx.out, items.len() as i64);
        }
        for x in items {
            item(x, self.child(item_op, depth))?;
        }
        self.cx.out.push(0);
        Ok(())
    }
}

impl<T: Encode> Encode for [T] {
    #[inline]
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        ser.block(self, false, self.iter(), |x, ser| x.encode(ser))
    }
}

impl<T: Encode> Encode for Vec<T> {
    #[inline]
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        self.as_slice().encode(ser)
    }
}

/// A map entry: the key as Avro string, then the value at the map's value op.
#[inline(always)]
fn entry<V: Encode>((k, v): (&String, &V), ser: Ser<'_, '_>) -> Result<(), EncodeError> {
    write_bytes(ser.cx.out, k.as_bytes());
    v.encode(ser)
}

impl<V: Encode> Encode for BTreeMap<String, V> {
    #[inline]
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        ser.block(self, true, self.iter(), entry)
    }
}

impl<V: Encode, S: BuildHasher> Encode for HashMap<String, V, S> {
    #[inline]
    fn encode(&self, ser: Ser<'_, '_>) -> Result<(), EncodeError> {
        ser.block(self, true, self.iter(), entry)
    }
}
