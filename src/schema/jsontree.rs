//! A JSON tree that borrows its strings from the schema text, for the parser to walk.
//!
//! Hand-written rather than `serde_json::Value` for speed: `Schema::parse` spent half its time building, hashing
//! (`preserve_order`'s IndexMap with SipHash) and dropping a `Value` tree it then copied most strings out of.
//! serde_json still does the reading, so syntax errors, their messages and the nesting limit are its own; this is
//! only the visitor. Objects are attribute lists in the order written, with serde_json's rule for repeated keys
//! (the last value, at the first one's place); only property and default values become `serde_json::Value`s.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value as JsonValue};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// An object's attributes, in the order written, each key once.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Object<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

/// Objects with more attributes than this find repeated keys through a hash index rather than a linear scan, so
/// that hostile input cannot make reading quadratic.
const LINEAR_KEYS: usize = 16;

impl<'a> Json<'a> {
    /// The attribute `key` of an object.
    #[cfg(test)]
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(object) => object.get(key),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The same value as serde_json would have read it.
    pub(crate) fn to_value(&self) -> JsonValue {
        match self {
            Json::Null => JsonValue::Null,
            Json::Bool(b) => JsonValue::Bool(*b),
            Json::Number(n) => JsonValue::Number(n.clone()),
            Json::String(s) => JsonValue::String(s.as_ref().to_owned()),
            Json::Array(items) => JsonValue::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(object) => JsonValue::Object(object.iter().map(|(k, v)| (k.to_owned(), v.to_value())).collect()),
        }
    }

    /// A tree that borrows from `value` (for `Schema::from_json`).
    pub(crate) fn from_value(value: &'a JsonValue) -> Self {
        match value {
            JsonValue::Null => Json::Null,
            JsonValue::Bool(b) => Json::Bool(*b),
            JsonValue::Number(n) => Json::Number(n.clone()),
            JsonValue::String(s) => Json::String(Cow::Borrowed(s)),
            JsonValue::Array(items) => Json::Array(items.iter().map(Json::from_value).collect()),
            JsonValue::Object(map) => {
                Json::Object(Object(map.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from_value(v))).collect()))
            }
        }
    }

    /// The same tree owning its strings.
    pub(crate) fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(n),
            Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
            Json::Array(items) => Json::Array(items.into_iter().map(Json::into_owned).collect()),
            Json::Object(Object(attrs)) => Json::Object(Object(
                attrs.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect(),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

/// serde_json's `ValueVisitor`, keeping strings borrowed where the text has no escapes.
struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Deserialize::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut attrs: Vec<(Cow<'de, str>, Json<'de>)> = Vec::new();
        let mut index: Option<HashMap<String, usize>> = None;
        while let Some(Key(key)) = map.next_key()? {
            let value: Json<'de> = map.next_value()?;
            let earlier = match &mut index {
                Some(index) => index.get(key.as_ref()).copied(),
                None => attrs.iter().position(|(k, _)| *k == key),
            };
            match earlier {
                Some(i) => attrs[i].1 = value,
                None => {
                    if let Some(index) = &mut index {
                        index.insert(key.as_ref().to_owned(), attrs.len());
                    }
                    attrs.push((key, value));
                    if index.is_none() && attrs.len() > LINEAR_KEYS {
                        index = Some(attrs.iter().enumerate().map(|(i, (k, _))| (k.as_ref().to_owned(), i)).collect());
                    }
                }
            }
        }
        Ok(Json::Object(Object(attrs)))
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }

            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(s)))
            }

            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }

            fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree reads as serde_json's `Value` does, repeated keys included, in small and large objects.
    #[test]
    fn reads_as_serde_json_does() {
        let mut texts = vec![
            r#"{"a": 1, "b": [true, null, -1, 18446744073709551615, 1.5e300, "x\"y"], "a": {"c": 2}}"#.to_owned(),
            r#"[1e300, -0.0, 0.1, {}, [], "\u00e9"]"#.to_owned(),
        ];
        let big: Vec<String> = (0..40).map(|i| format!("\"k{}\": {i}", i % 23)).collect();
        texts.push(format!("{{{}}}", big.join(",")));
        for text in texts {
            let ours: Json<'_> = serde_json::from_str(&text).unwrap();
            let theirs: JsonValue = serde_json::from_str(&text).unwrap();
            assert_eq!(ours.to_value(), theirs, "{text}");
            assert_eq!(Json::from_value(&theirs), ours);
            assert_eq!(ours.clone().into_owned(), ours);
        }
    }
}
