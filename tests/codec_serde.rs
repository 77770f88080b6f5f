//! serde types through the compiled codecs: derive-based structs, Option <-> ["null", T], enums, sequences, maps,
//! nested and borrowed data; checked against the dynamic Value codec (itself checked against Java).

use std::collections::{BTreeMap, HashMap};

use avroconv::codec::{from_json, DecodeErrorKind, Decoder, EncodeErrorKind, Encoder};
use avroconv::{Schema, Value};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone, Copy)]
enum Suit {
    Hearts,
    Spades,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Inner {
    x: i64,
    tags: Vec<String>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Outer {
    id: i32,
    name: String,
    score: f64,
    ratio: f32,
    ok: bool,
    nick: Option<String>,
    suit: Suit,
    inner: Inner,
    history: Vec<Inner>,
    counts: BTreeMap<String, i64>,
    maybe_inner: Option<Inner>,
    #[serde(with = "serde_bytes")]
    blob: Vec<u8>,
    hash: [u8; 4],
}

const OUTER: &str = r#"{"type":"record","name":"Outer","fields":[
  {"name":"id","type":"int"},
  {"name":"name","type":"string"},
  {"name":"score","type":"double"},
  {"name":"ratio","type":"float"},
  {"name":"ok","type":"boolean"},
  {"name":"nick","type":["null","string"],"default":null},
  {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["Spades","Hearts"]}},
  {"name":"inner","type":{"type":"record","name":"Inner","fields":[
     {"name":"x","type":"long"},{"name":"tags","type":{"type":"array","items":"string"}}]}},
  {"name":"history","type":{"type":"array","items":"Inner"}},
  {"name":"counts","type":{"type":"map","values":"long"}},
  {"name":"maybe_inner","type":["null","Inner"]},
  {"name":"blob","type":"bytes"},
  {"name":"hash","type":{"type":"fixed","name":"H4","size":4}}]}"#;

fn outer() -> Outer {
    Outer {
        id: -5,
        name: "José ✓".into(),
        score: 9.75,
        ratio: 0.5,
        ok: true,
        nick: Some("jo".into()),
        suit: Suit::Hearts,
        inner: Inner { x: 1 << 40, tags: vec!["a".into(), "bé".into()] },
        history: vec![Inner { x: 1, tags: vec![] }, Inner { x: -2, tags: vec!["z".into()] }],
        counts: [("one".to_string(), 1), ("two".to_string(), 2)].into_iter().collect(),
        maybe_inner: Some(Inner { x: 3, tags: vec![] }),
        blob: vec![0, 255, 7],
        hash: [1, 2, 3, 4],
    }
}

#[test]
fn derive_round_trip_and_same_bytes_as_value_codec() {
    let s = Schema::parse(OUTER).unwrap();
    let enc = Encoder::new(&s);
    let dec = Decoder::new(&s);
    let v = outer();
    let bytes = enc.to_vec(&v).unwrap();
    let back: Outer = dec.decode(&bytes).unwrap();
    assert_eq!(back, v);
    // The same datum built as Avro JSON and encoded through the Value codec gives the same bytes.
    let json = serde_json::json!({
        "id": -5, "name": "José ✓", "score": 9.75, "ratio": 0.5, "ok": true, "nick": {"string": "jo"},
        "suit": "Hearts", "inner": {"x": 1u64 << 40, "tags": ["a", "bé"]},
        "history": [{"x": 1, "tags": []}, {"x": -2, "tags": ["z"]}], "counts": {"one": 1, "two": 2},
        "maybe_inner": {"Inner": {"x": 3, "tags": []}}, "blob": "\u{0}\u{ff}\u{7}", "hash": "\u{1}\u{2}\u{3}\u{4}"});
    let value = from_json(&s, &json).unwrap();
    let mut expected = Vec::new();
    enc.encode_value(&value, &mut expected).unwrap();
    assert_eq!(bytes, expected);
    assert_eq!(dec.decode_value(&bytes).unwrap(), value);
    // None and the second decode (cached field order) work too.
    let v2 = Outer { nick: None, maybe_inner: None, ..outer() };
    let back: Outer = dec.decode(&enc.to_vec(&v2).unwrap()).unwrap();
    assert_eq!(back, v2);
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Borrowed<'a> {
    #[serde(borrow)]
    name: &'a str,
    #[serde(borrow, with = "serde_bytes")]
    raw: &'a [u8],
    tags: Vec<&'a str>,
}

#[test]
fn borrowed_fields_point_into_the_input() {
    let s = Schema::parse(
        r#"{"type":"record","name":"B","fields":[{"name":"name","type":"string"},{"name":"raw","type":"bytes"},
            {"name":"tags","type":{"type":"array","items":"string"}}]}"#,
    )
    .unwrap();
    let bytes = Encoder::new(&s).to_vec(&Borrowed { name: "hello", raw: b"\x00\x01", tags: vec!["t1", "t2"] }).unwrap();
    let b: Borrowed = Decoder::new(&s).decode(&bytes).unwrap();
    assert_eq!(b, Borrowed { name: "hello", raw: b"\x00\x01", tags: vec!["t1", "t2"] });
    let range = bytes.as_ptr_range();
    for p in [b.name.as_ptr(), b.raw.as_ptr(), b.tags[1].as_ptr()] {
        assert!(range.contains(&p), "not borrowed from the input");
    }
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Reordered {
    c: i64,
    a: i32,
    extra_in_struct_skipped: Option<String>,
}

#[test]
fn struct_field_order_differs_from_schema() {
    let s = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"dflt"},
            {"name":"c","type":"long"},{"name":"extra_in_struct_skipped","type":["null","string"],"default":null}]}"#,
    )
    .unwrap();
    let v = Reordered { c: 3, a: 1, extra_in_struct_skipped: None };
    let bytes = Encoder::new(&s).to_vec(&v).unwrap();
    // "b" was missing from the struct: written from its default.
    let expected =
        from_json(&s, &serde_json::json!({"a": 1, "b": "dflt", "c": 3, "extra_in_struct_skipped": null})).unwrap();
    assert_eq!(Decoder::new(&s).decode_value(&bytes).unwrap(), expected);
    let back: Reordered = Decoder::new(&s).decode(&bytes).unwrap();
    assert_eq!(back, v);
}

#[derive(Serialize, Debug)]
struct Skips {
    a: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    opt: Option<i32>,
    z: String,
}

#[test]
fn skipped_fields_take_defaults_or_fail_clearly() {
    let s = Schema::parse(
        r#"{"type":"record","name":"S","fields":[{"name":"a","type":"int"},{"name":"opt","type":["null","int"],"default":null},
            {"name":"z","type":"string"}]}"#,
    )
    .unwrap();
    let enc = Encoder::new(&s);
    let bytes = enc.to_vec(&Skips { a: 1, opt: None, z: "q".into() }).unwrap();
    assert_eq!(bytes, [2, 0, 2, b'q']);
    let no_default = Schema::parse(
        r#"{"type":"record","name":"S","fields":[{"name":"a","type":"int"},{"name":"opt","type":["null","int"]},
            {"name":"z","type":"string"}]}"#,
    )
    .unwrap();
    let e = Encoder::new(&no_default).to_vec(&Skips { a: 1, opt: None, z: "q".into() }).unwrap_err();
    assert_eq!(e.kind().clone(), EncodeErrorKind::MissingField("opt".into()));
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Dog {
    name: String,
}
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Cat {
    lives: i32,
}
#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Pet {
    Dog(Dog),
    Cat(Cat),
    Long(i64),
}

#[test]
fn enums_over_unions_pick_branches_by_name() {
    let s = Schema::parse(
        r#"[{"type":"record","name":"Dog","fields":[{"name":"name","type":"string"}]},
            {"type":"record","name":"Cat","fields":[{"name":"lives","type":"int"}]}, "long"]"#,
    )
    .unwrap();
    let (enc, dec) = (Encoder::new(&s), Decoder::new(&s));
    for (pet, branch) in
        [(Pet::Dog(Dog { name: "rex".into() }), 0), (Pet::Cat(Cat { lives: 9 }), 1), (Pet::Long(-1), 2)]
    {
        let bytes = enc.to_vec(&pet).unwrap();
        assert_eq!(bytes[0], branch * 2);
        assert_eq!(dec.decode::<Pet>(&bytes).unwrap(), pet);
    }
}

#[test]
fn maps_and_sequences() {
    let s = Schema::parse(r#"{"type":"map","values":{"type":"array","items":"int"}}"#).unwrap();
    let mut m: HashMap<String, Vec<i32>> = HashMap::new();
    m.insert("a".into(), vec![1, 2, 3]);
    m.insert("b".into(), vec![]);
    let bytes = Encoder::new(&s).to_vec(&m).unwrap();
    let back: HashMap<String, Vec<i32>> = Decoder::new(&s).decode(&bytes).unwrap();
    assert_eq!(back, m);
    // An iterator-backed sequence of unknown length gets its count prefixed afterwards.
    struct Unsized(Vec<i32>);
    impl Serialize for Unsized {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.iter().filter(|_| true))
        }
    }
    let arr = Schema::parse(r#"{"type":"array","items":"int"}"#).unwrap();
    let bytes = Encoder::new(&arr).to_vec(&Unsized(vec![5, 6])).unwrap();
    assert_eq!(bytes, [4, 10, 12, 0]);
    assert_eq!(Decoder::new(&arr).decode::<Vec<i64>>(&bytes).unwrap(), vec![5, 6]);
}

#[derive(Deserialize, Debug, PartialEq)]
struct ReaderView {
    c: f64,
    a: i64,
    added: String,
    opt: Option<i32>,
}

#[test]
fn resolving_decoder_feeds_serde_with_promotions_and_defaults() {
    let w = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"gone","type":"string"},
            {"name":"c","type":"float"}]}"#,
    )
    .unwrap();
    let r = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"c","type":"double"},{"name":"a","type":"long"},
            {"name":"added","type":"string","default":"d"},{"name":"opt","type":["null","int"],"default":null}]}"#,
    )
    .unwrap();
    let bytes = Encoder::new(&w).encode_value_to_vec(&Value::Record(vec![
        Value::Int(7),
        Value::String("x".into()),
        Value::Float(1.5),
    ]));
    let d = Decoder::resolving(&w, &r).unwrap();
    assert_eq!(d.decode::<ReaderView>(&bytes).unwrap(), ReaderView { c: 1.5, a: 7, added: "d".into(), opt: None });
}

trait ToVec {
    fn encode_value_to_vec(&self, v: &Value) -> Vec<u8>;
}
impl ToVec for Encoder {
    fn encode_value_to_vec(&self, v: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_value(v, &mut out).unwrap();
        out
    }
}

#[test]
fn type_mismatches_are_errors() {
    let s = Schema::parse(r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"#).unwrap();
    #[derive(Serialize)]
    struct A {
        a: String,
    }
    let e = Encoder::new(&s).to_vec(&A { a: "x".into() }).unwrap_err();
    assert_eq!(e.path().to_string(), ".a");
    #[derive(Serialize)]
    struct Big {
        a: i64,
    }
    let e = Encoder::new(&s).to_vec(&Big { a: 1 << 40 }).unwrap_err();
    assert!(matches!(e.kind().clone(), EncodeErrorKind::OutOfRange { .. }));
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct WantsString {
        a: String,
    }
    let e = Decoder::new(&s).decode::<WantsString>(&[2]).unwrap_err();
    assert!(matches!(e.kind().clone(), DecodeErrorKind::Custom(_)), "{e}");
    assert_eq!(e.path().to_string(), ".a");
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Tree {
    label: String,
    children: Vec<Tree>,
    next: Option<Box<Tree>>,
}

#[test]
fn recursive_types() {
    let s = Schema::parse(
        r#"{"type":"record","name":"Tree","fields":[{"name":"label","type":"string"},
            {"name":"children","type":{"type":"array","items":"Tree"}},{"name":"next","type":["null","Tree"]}]}"#,
    )
    .unwrap();
    let leaf = |l: &str| Tree { label: l.into(), children: vec![], next: None };
    let t = Tree {
        label: "root".into(),
        children: vec![leaf("a"), Tree { next: Some(Box::new(leaf("c"))), ..leaf("b") }],
        next: Some(Box::new(leaf("n"))),
    };
    let bytes = Encoder::new(&s).to_vec(&t).unwrap();
    assert_eq!(Decoder::new(&s).decode::<Tree>(&bytes).unwrap(), t);
    let json = avroconv::codec::to_json(&s, &Decoder::new(&s).decode_value(&bytes).unwrap()).unwrap();
    assert_eq!(json["children"][1]["next"]["Tree"]["label"], "c");
}

#[derive(Deserialize, Debug, PartialEq)]
struct Evolved<'a> {
    added: i32,
    name: &'a str,
}

#[test]
fn resolving_decode_borrows_too() {
    let w = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"name","type":"string"},{"name":"x","type":"long"}]}"#,
    )
    .unwrap();
    let r = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"added","type":"int","default":4},
            {"name":"name","type":"string"}]}"#,
    )
    .unwrap();
    let bytes = Encoder::new(&w).encode_value_to_vec(&Value::Record(vec![Value::String("nm".into()), Value::Long(1)]));
    let e: Evolved = Decoder::resolving(&w, &r).unwrap().decode(&bytes).unwrap();
    assert_eq!(e, Evolved { added: 4, name: "nm" });
    assert!(bytes.as_ptr_range().contains(&e.name.as_ptr()));
}

#[test]
fn plain_json_values_through_serde() {
    // serde_json::Value serializes objects as maps (fields out of order here) and numbers as i64/u64/f64.
    let s = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"name","type":["null","string"]},
            {"name":"score","type":"float"},{"name":"tags","type":{"type":"map","values":"int"}}]}"#,
    )
    .unwrap();
    let plain = serde_json::json!({"name": "x", "id": 7, "tags": {"a": 1}, "score": 0.5});
    let bytes = Encoder::new(&s).to_vec(&plain).unwrap();
    let avro_json = serde_json::json!({"id": 7, "name": {"string": "x"}, "score": 0.5, "tags": {"a": 1}});
    assert_eq!(Decoder::new(&s).decode_value(&bytes).unwrap(), from_json(&s, &avro_json).unwrap());
    // Decoding into serde_json::Value gives plain JSON back (unions transparent), in schema field order.
    let back: serde_json::Value = Decoder::new(&s).decode(&bytes).unwrap();
    assert_eq!(back, serde_json::json!({"id": 7, "name": "x", "score": 0.5, "tags": {"a": 1}}));
    assert_eq!(back.as_object().unwrap().keys().collect::<Vec<_>>(), ["id", "name", "score", "tags"]);
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Payload {
    Suit(Suit),
    Hash([u8; 2]),
    Text(String),
}

#[test]
fn enum_and_fixed_branches_are_named_by_their_names() {
    let s = Schema::parse(
        r#"[{"type":"enum","name":"Suit","symbols":["Spades","Hearts"]},{"type":"fixed","name":"Hash","size":2},
            {"type":"string","logicalType":"uuid"}, "null"]"#,
    )
    .unwrap();
    let (enc, dec) = (Encoder::new(&s), Decoder::new(&s));
    for (p, branch) in [(Payload::Suit(Suit::Spades), 0u8), (Payload::Hash([7, 8]), 1), (Payload::Text("t".into()), 2)]
    {
        let bytes = enc.to_vec(&p).unwrap();
        assert_eq!(bytes[0], branch * 2, "{p:?}");
        // Text has no branch of its name: it goes by index on the way back (branch 2, variant 2).
        assert_eq!(dec.decode::<Payload>(&bytes).unwrap(), p);
    }
}
