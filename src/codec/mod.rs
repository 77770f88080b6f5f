//! Compiled Avro binary codecs: a schema (or a writer/reader pair) compiles once into a flat plan; encoding and
//! decoding walk the plan by index, for dynamic [`Value`]s and for serde types.
//!
//! ```
//! use avroconv::{Schema, codec::{Encoder, Decoder}};
//! #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
//! struct User<'a> { name: &'a str, age: Option<i32> }
//! let schema = Schema::parse(r#"{"type":"record","name":"User","fields":[
//!     {"name":"name","type":"string"},{"name":"age","type":["null","int"]}]}"#).unwrap();
//! let bytes = Encoder::new(&schema).to_vec(&User { name: "ada", age: Some(36) }).unwrap();
//! let user: User = Decoder::new(&schema).decode(&bytes).unwrap();
//! assert_eq!(user, User { name: "ada", age: Some(36) });
//! ```

mod de;
mod decode;
mod derived;
mod derived_encode;
mod encode;
pub mod error;
pub mod json;
mod plan;
mod resolve;
mod ser;
mod ser_leaf;
mod value_de;
pub(crate) mod wire;

use serde::{Deserialize, Serialize};

pub use de::De;
pub use decode::MAX_DEPTH;
pub use derived::{Decode, Fields, FromBytes};
pub use derived_encode::{Encode, FieldWriter};
/// `#[derive(Decode)]`: see [`Decode`]; `#[derive(Encode)]`: see [`Encode`].
#[cfg(feature = "derive")]
pub use avroconv_derive::{Decode, Encode};
pub use ser::Ser;
pub use error::{DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, FieldPath, JsonError, ResolveError};
pub use json::{from_json, to_json};
pub use wire::MAX_EMPTY_ITEMS;

use crate::schema::Schema;
use crate::value::Value;
use plan::EncPlan;
use resolve::DecPlan;
use wire::Reader;

/// Writes data of one schema as Avro binary. Compiled once; `Send + Sync`, cheap to share in an `Arc`.
#[derive(Debug)]
pub struct Encoder {
    plan: EncPlan,
}

impl Encoder {
    pub fn new(schema: &Schema) -> Encoder {
        Encoder { plan: EncPlan::compile(schema) }
    }

    /// Appends the encoding of a serde value to `out`. On error, `out` may hold a partial datum past its
    /// original length.
    pub fn encode<T: Serialize + ?Sized>(&self, value: &T, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let mut cx = ser::Cx { plan: &self.plan, out, depth: 0 };
        value.serialize(ser::Ser::new(&mut cx, self.plan.root))
    }

    /// Appends the encoding of a [`Value`] to `out`.
    pub fn encode_value(&self, value: &Value, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        encode::encode_value(&self.plan, self.plan.root, value, out, 0)
    }

    /// Appends the encoding of an [`Encode`] type (`#[derive(Encode)]`), as [`encode`](Self::encode) does its
    /// serde impl, with the same bytes, but faster: a record whose fields are the struct's is written without
    /// serde's per-field protocol.
    pub fn encode_derived<T: Encode + ?Sized>(&self, value: &T, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let mut cx = ser::Cx { plan: &self.plan, out, depth: 0 };
        value.encode(ser::Ser::new(&mut cx, self.plan.root))
    }

    pub fn to_vec<T: Serialize + ?Sized>(&self, value: &T) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::new();
        self.encode(value, &mut out)?;
        Ok(out)
    }
}

/// Reads Avro binary written with one schema, optionally resolved into another (reader) schema. Compiled once;
/// `Send + Sync`. Decoding requires the whole input to be consumed.
#[derive(Debug)]
pub struct Decoder {
    plan: DecPlan,
}

impl Decoder {
    pub fn new(schema: &Schema) -> Decoder {
        let plan = resolve::compile(schema, schema).expect("a schema always resolves against itself");
        Decoder { plan }
    }

    /// A decoder reading data written with `writer` as `reader`, by Avro's schema resolution rules (see
    /// [`resolve`](self) module docs for which incompatibilities fail here and which when read).
    pub fn resolving(writer: &Schema, reader: &Schema) -> Result<Decoder, ResolveError> {
        Ok(Decoder { plan: resolve::compile(writer, reader)? })
    }

    /// Decodes a serde value; `&str` and `&[u8]` fields borrow from `input`.
    pub fn decode<'de, T: Deserialize<'de>>(&self, input: &'de [u8]) -> Result<T, DecodeError> {
        let mut cx = de::Cx::new(&self.plan, input);
        let v = T::deserialize(de::De::new(&mut cx, self.plan.root)).map_err(|e| e.at_if_unknown(cx.rd.pos))?;
        finish(&cx.rd)?;
        Ok(v)
    }

    /// Decodes a [`Decode`] type (`#[derive(Decode)]`), as [`decode`](Self::decode) does its serde impl but
    /// faster: a record whose writer fields are the struct's is read without serde's per-field protocol.
    pub fn decode_derived<'de, T: Decode<'de>>(&self, input: &'de [u8]) -> Result<T, DecodeError> {
        let mut cx = de::Cx::new(&self.plan, input);
        let v = T::decode(de::De::new(&mut cx, self.plan.root)).map_err(|e| e.at_if_unknown(cx.rd.pos))?;
        finish(&cx.rd)?;
        Ok(v)
    }

    pub fn decode_value(&self, input: &[u8]) -> Result<Value, DecodeError> {
        let mut rd = Reader::new(input);
        let v = decode::decode_value(&self.plan, self.plan.root, &mut rd, 0)?;
        finish(&rd)?;
        Ok(v)
    }
}

fn finish(rd: &Reader<'_>) -> Result<(), DecodeError> {
    match rd.remaining() {
        0 => Ok(()),
        n => Err(DecodeError::new(DecodeErrorKind::TrailingBytes(n), rd.pos)),
    }
}

impl From<ResolveError> for DecodeError {
    fn from(e: ResolveError) -> Self {
        DecodeError::new(DecodeErrorKind::Resolution(e.message), 0).with_path(e.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Encoder>();
        check::<Decoder>();
    }
}
