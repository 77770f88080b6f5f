//! A JSON tree that borrows its strings from the schema text, for the parser to walk.
//!
//! Hand-written rather than `serde_json::Value` for speed: `Schema::parse` spent half its time building, hashing
//! (`preserve_order`'s IndexMap with SipHash) and dropping a `Value` tree it then copied most strings out of.
//! serde_json still does the reading, so syntax errors, their messages and the nesting limit are its own; this is
//! only the visitor. Objects keep their attributes in the order written, with serde_json's rule for repeated keys
//! (the last value, at the first one's place); only property and default values become `serde_json::Value`s.
//!
//! The tree is one flat list of nodes (a tape), each container followed by its contents, rather than a `Vec` per
//! object and array: a first call parses the writer schema on a heap that long runs have fragmented, where every
//! allocation is slow (in a probe, parsing `wide` took 2.5 times as long on such a heap as on a fresh one), and each
//! of a schema's containers cost one (`wide`: 264 allocations per parse before, 179 after).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value as JsonValue};

/// A parsed JSON text: its nodes in document order, the root first.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tree<'a> {
    nodes: Vec<Node<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
enum Node<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    /// `end`: the index past the container's last node.
    Array { len: u32, end: u32 },
    Object { end: u32 },
    /// An object attribute, followed by its value's nodes. `value` is where the value to read is: the next node,
    /// or a later repeat's (serde_json's rule); 0 on a repeat that an earlier key took over.
    Key { name: Cow<'a, str>, value: u32 },
}

/// A value in a [`Tree`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Json<'t> {
    Null,
    Bool(bool),
    Number(&'t Number),
    String(&'t str),
    Array(Array<'t>),
    Object(Object<'t>),
}

/// An array in a [`Tree`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Array<'t> {
    nodes: &'t [Node<'t>],
    at: usize,
}

/// An object in a [`Tree`]: its attributes in the order written, each key once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Object<'t> {
    nodes: &'t [Node<'t>],
    at: usize,
}

/// Objects with more attributes than this find repeated keys through a hash index rather than a linear scan, so
/// that hostile input cannot make reading quadratic.
const LINEAR_KEYS: usize = 16;

impl<'a> Tree<'a> {
    pub(crate) fn root(&self) -> Json<'_> {
        view(&self.nodes, 0)
    }

    /// The tree of a `serde_json::Value` (for `Schema::from_json`).
    pub(crate) fn from_value(value: &'a JsonValue) -> Self {
        fn push<'a>(nodes: &mut Vec<Node<'a>>, value: &'a JsonValue) {
            match value {
                JsonValue::Null => nodes.push(Node::Null),
                JsonValue::Bool(b) => nodes.push(Node::Bool(*b)),
                JsonValue::Number(n) => nodes.push(Node::Number(n.clone())),
                JsonValue::String(s) => nodes.push(Node::String(Cow::Borrowed(s))),
                JsonValue::Array(items) => {
                    let at = open(nodes, Node::Array { len: items.len() as u32, end: 0 });
                    items.iter().for_each(|item| push(nodes, item));
                    close(nodes, at);
                }
                JsonValue::Object(map) => {
                    let at = open(nodes, Node::Object { end: 0 });
                    for (k, v) in map {
                        let value = nodes.len() as u32 + 1;
                        nodes.push(Node::Key { name: Cow::Borrowed(k), value });
                        push(nodes, v);
                    }
                    close(nodes, at);
                }
            }
        }
        let mut nodes = Vec::new();
        push(&mut nodes, value);
        Tree { nodes }
    }

    /// The same tree owning its strings.
    pub(crate) fn into_owned(self) -> Tree<'static> {
        let owned = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        let nodes = self.nodes.into_iter().map(|node| match node {
            Node::Null => Node::Null,
            Node::Bool(b) => Node::Bool(b),
            Node::Number(n) => Node::Number(n),
            Node::String(s) => Node::String(owned(s)),
            Node::Array { len, end } => Node::Array { len, end },
            Node::Object { end } => Node::Object { end },
            Node::Key { name, value } => Node::Key { name: owned(name), value },
        });
        Tree { nodes: nodes.collect() }
    }
}

impl<'de> Deserialize<'de> for Tree<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut nodes = Vec::new();
        Seed(&mut nodes).deserialize(deserializer)?;
        Ok(Tree { nodes })
    }
}

/// Pushes a container whose `end` [`close`] sets.
fn open<'a>(nodes: &mut Vec<Node<'a>>, node: Node<'a>) -> usize {
    nodes.push(node);
    nodes.len() - 1
}

fn close(nodes: &mut [Node<'_>], at: usize) {
    let past = nodes.len() as u32;
    if let Node::Array { end, .. } | Node::Object { end } = &mut nodes[at] {
        *end = past;
    }
}

fn view<'t>(nodes: &'t [Node<'t>], at: usize) -> Json<'t> {
    match &nodes[at] {
        Node::Null => Json::Null,
        Node::Bool(b) => Json::Bool(*b),
        Node::Number(n) => Json::Number(n),
        Node::String(s) => Json::String(s),
        Node::Array { .. } => Json::Array(Array { nodes, at }),
        Node::Object { .. } => Json::Object(Object { nodes, at }),
        Node::Key { .. } => unreachable!("a key is read through its object"),
    }
}

/// The index past the value at `at` and its contents.
fn skip(nodes: &[Node<'_>], at: usize) -> usize {
    match nodes[at] {
        Node::Array { end, .. } | Node::Object { end } => end as usize,
        _ => at + 1,
    }
}

impl<'t> Array<'t> {
    pub(crate) fn len(&self) -> usize {
        match self.nodes[self.at] {
            Node::Array { len, .. } => len as usize,
            _ => 0,
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Json<'t>> {
        let nodes = self.nodes;
        let mut at = self.at + 1;
        (0..self.len()).map(move |_| {
            let item = view(nodes, at);
            at = skip(nodes, at);
            item
        })
    }
}

impl<'t> Object<'t> {
    pub(crate) fn get(&self, key: &str) -> Option<Json<'t>> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'t str, Json<'t>)> {
        let nodes = self.nodes;
        keys(nodes, self.at, skip(nodes, self.at)).map(move |k| match &nodes[k] {
            Node::Key { name, value } => (name.as_ref(), view(nodes, *value as usize)),
            _ => unreachable!("a key's index"),
        })
    }
}

impl<'t> Json<'t> {
    /// The attribute `key` of an object.
    #[cfg(test)]
    pub(crate) fn get(self, key: &str) -> Option<Json<'t>> {
        match self {
            Json::Object(object) => object.get(key),
            _ => None,
        }
    }

    pub(crate) fn as_str(self) -> Option<&'t str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The same value as serde_json would have read it.
    pub(crate) fn to_value(self) -> JsonValue {
        match self {
            Json::Null => JsonValue::Null,
            Json::Bool(b) => JsonValue::Bool(b),
            Json::Number(n) => JsonValue::Number(n.clone()),
            Json::String(s) => JsonValue::String(s.to_owned()),
            Json::Array(items) => JsonValue::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(object) => JsonValue::Object(object.iter().map(|(k, v)| (k.to_owned(), v.to_value())).collect()),
        }
    }
}

/// serde_json's `ValueVisitor`, appending to the tape, with strings borrowed where the text has no escapes.
struct Seed<'s, 'a>(&'s mut Vec<Node<'a>>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for Seed<'_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for Seed<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<(), E> {
        self.0.push(Node::Bool(b));
        Ok(())
    }

    fn visit_i64<E>(self, n: i64) -> Result<(), E> {
        self.0.push(Node::Number(n.into()));
        Ok(())
    }

    fn visit_u64<E>(self, n: u64) -> Result<(), E> {
        self.0.push(Node::Number(n.into()));
        Ok(())
    }

    fn visit_f64<E>(self, n: f64) -> Result<(), E> {
        self.0.push(Number::from_f64(n).map_or(Node::Null, Node::Number));
        Ok(())
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<(), E> {
        self.0.push(Node::String(Cow::Borrowed(s)));
        Ok(())
    }

    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        self.0.push(Node::String(Cow::Owned(s.to_owned())));
        Ok(())
    }

    fn visit_string<E>(self, s: String) -> Result<(), E> {
        self.0.push(Node::String(Cow::Owned(s)));
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.push(Node::Null);
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        self.0.push(Node::Null);
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let nodes = self.0;
        let at = open(nodes, Node::Array { len: 0, end: 0 });
        let mut n = 0u32;
        while seq.next_element_seed(Seed(nodes))?.is_some() {
            n += 1;
        }
        close(nodes, at);
        if let Node::Array { len, .. } = &mut nodes[at] {
            *len = n;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let nodes = self.0;
        let at = open(nodes, Node::Object { end: 0 });
        // Repeats are found by walking the keys so far, or through an index past `LINEAR_KEYS` of them. A walk stops
        // at a key's first occurrence, which comes before its repeats; only a new key walks them all, at most
        // `LINEAR_KEYS + 1` times per object, so that even a hostile object of one key repeated reads in linear time.
        let mut distinct = 0;
        let mut index: Option<HashMap<String, usize>> = None;
        while let Some(name) = map.next_key_seed(KeySeed)? {
            let key_at = nodes.len();
            let earlier = match &index {
                Some(index) => index.get(name.as_ref()).copied(),
                None => keys(nodes, at, key_at).find(|&k| key(nodes, k) == name),
            };
            nodes.push(Node::Key { name, value: key_at as u32 + 1 });
            map.next_value_seed(Seed(nodes))?;
            let Some(first) = earlier else {
                distinct += 1;
                if let Some(index) = &mut index {
                    index.insert(key(nodes, key_at).to_owned(), key_at);
                } else if distinct > LINEAR_KEYS {
                    index = Some(keys(nodes, at, nodes.len()).map(|k| (key(nodes, k).to_owned(), k)).collect());
                }
                continue;
            };
            // A repeat: the first key reads this value, and this key is passed over.
            if let Node::Key { value, .. } = &mut nodes[first] {
                *value = key_at as u32 + 1;
            }
            if let Node::Key { value, .. } = &mut nodes[key_at] {
                *value = 0;
            }
        }
        close(nodes, at);
        Ok(())
    }
}

/// Where the keys of the object at `at` are, up to `end`, each at its first occurrence (repeats, which hand their
/// value to it, are passed over).
fn keys<'t>(nodes: &'t [Node<'_>], at: usize, end: usize) -> impl Iterator<Item = usize> + 't {
    let mut k = at + 1;
    std::iter::from_fn(move || {
        while k < end {
            let this = k;
            k = skip(nodes, this + 1);
            if !matches!(nodes[this], Node::Key { value: 0, .. }) {
                return Some(this);
            }
        }
        None
    })
}

fn key<'t>(nodes: &'t [Node<'_>], at: usize) -> &'t str {
    match &nodes[at] {
        Node::Key { name, .. } => name,
        _ => unreachable!("a key's index"),
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(s))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s))
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
            r#"[1e300, -0.0, 0.1, {}, [], "\u00e9", {"a": [1, {"b": 2}], "c": 3, "a": [], "a": 4}]"#.to_owned(),
            r#"{"k": {"x": 1, "x": 2}, "k": [[], {}], "z": "\"escaped\" key and value"}"#.to_owned(),
        ];
        let big: Vec<String> = (0..40).map(|i| format!("\"k{}\": {{\"v\": {i}}}", i % 23)).collect();
        texts.push(format!("{{{}}}", big.join(",")));
        // Repeats before and after the index takes over.
        let keys = (0..10).map(|i| i % 5).chain(20..40).chain(0..5).chain(20..25);
        let mixed: Vec<String> = keys.enumerate().map(|(i, k)| format!("\"k{k}\": [{i}]")).collect();
        texts.push(format!("{{{}}}", mixed.join(",")));
        for text in texts {
            let ours = serde_json::from_str::<Tree<'_>>(&text).unwrap();
            let theirs: JsonValue = serde_json::from_str(&text).unwrap();
            assert_eq!(ours.root().to_value(), theirs, "{text}");
            assert!(same(ours.root(), &theirs), "{text}");
            assert_eq!(Tree::from_value(&theirs).root().to_value(), theirs, "{text}");
            assert_eq!(ours.clone().into_owned(), ours);
        }
    }

    /// Equal, key order included, each key listed once (`to_value` would hide a repeat: a map keeps one).
    fn same(ours: Json<'_>, theirs: &JsonValue) -> bool {
        match (ours, theirs) {
            (Json::Object(o), JsonValue::Object(m)) => {
                o.iter().count() == m.len() && o.iter().zip(m).all(|((k, v), (tk, tv))| k == tk && same(v, tv))
            }
            (Json::Array(a), JsonValue::Array(items)) => {
                a.len() == items.len() && a.iter().zip(items).all(|(v, tv)| same(v, tv))
            }
            _ => ours.to_value() == *theirs,
        }
    }

    #[test]
    fn walks_objects_and_arrays() {
        let text = r#"{"a": [1, [2, 3], {"b": 4}, "x"], "b": {"c": null}, "a": [5]}"#;
        let tree = serde_json::from_str::<Tree<'_>>(text).unwrap();
        let Json::Object(root) = tree.root() else { panic!("an object") };
        let keys: Vec<&str> = root.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b"]);
        let Some(Json::Array(a)) = root.get("a") else { panic!("an array") };
        assert_eq!((a.len(), a.iter().map(Json::to_value).collect::<Vec<_>>()), (1, vec![JsonValue::from(5)]));
        assert_eq!(tree.root().get("b").and_then(|b| b.get("c")), Some(Json::Null));
        assert_eq!(tree.root().get("c"), None);
    }
}
