//! A serde `Deserializer` over a [`Value`]: how reader-field defaults reach serde types. Records are offered as
//! sequences (a `Value::Record` carries no field names); unions are transparent and a union holding null is `None`.

use serde::de::{self, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::error::DecodeError;
use crate::value::{Decimal, Value};

pub(crate) struct ValueDe<'v>(pub &'v Value);

impl<'de> de::Deserializer<'de> for ValueDe<'_> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Boolean(b) => v.visit_bool(*b),
            Value::Int(i) | Value::Date(i) | Value::TimeMillis(i) => v.visit_i32(*i),
            Value::Long(i)
            | Value::TimeMicros(i)
            | Value::TimestampMillis(i)
            | Value::TimestampMicros(i)
            | Value::LocalTimestampMillis(i)
            | Value::LocalTimestampMicros(i) => v.visit_i64(*i),
            Value::Float(f) => v.visit_f32(*f),
            Value::Double(f) => v.visit_f64(*f),
            Value::Bytes(b) | Value::Fixed(b) | Value::Decimal(Decimal { unscaled: b, .. }) => v.visit_bytes(b),
            Value::String(s) | Value::Uuid(s) | Value::Enum(_, s) => v.visit_str(s),
            Value::Array(a) => v.visit_seq(de::value::SeqDeserializer::new(a.iter().map(ValueDe))),
            Value::Record(a) => v.visit_seq(de::value::SeqDeserializer::new(a.iter().map(ValueDe))),
            Value::Map(m) => {
                v.visit_map(de::value::MapDeserializer::new(m.iter().map(|(k, x)| (k.as_str(), ValueDe(x)))))
            }
            Value::Union(_, inner) => ValueDe(inner).deserialize_any(v),
            Value::Duration { months, days, millis } => {
                v.visit_seq(de::value::SeqDeserializer::new([*months, *days, *millis].into_iter()))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => v.visit_none(),
            Value::Union(_, inner) => ValueDe(inner).deserialize_option(v),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Enum(_, s) | Value::String(s) => v.visit_enum(s.as_str().into_deserializer()),
            Value::Union(_, inner) => ValueDe(inner).deserialize_enum(_name, _variants, v),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Bytes(b) | Value::Fixed(b) => v.visit_seq(de::value::SeqDeserializer::new(b.iter().copied())),
            Value::Union(_, inner) => ValueDe(inner).deserialize_seq(v),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, DecodeError> {
        v.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, DecodeError> for ValueDe<'_> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}
