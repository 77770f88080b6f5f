//! `#[derive(Encode)]` against the serde path it must agree with: the same bytes for the same values, and the same
//! errors (kind, field path), on the bench shapes, on a struct using every supported field type, where the schema
//! differs from the struct (which the derived code hands to serde), and on random values.

#[path = "../benches/shapes/mod.rs"]
mod shapes;

use std::collections::{BTreeMap, HashMap};

use avroconv::codec::{EncodeError, EncodeErrorKind, Encoder};
use avroconv::{Encode, Schema};
use proptest::prelude::*;
use serde::Serialize;

/// Both paths on `value`: the derived bytes, after asserting that serde's are the same, error for error.
fn both<T: Encode + ?Sized>(e: &Encoder, value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut derived = vec![0xAA];
    let derived = e.encode_derived(value, &mut derived).map(|()| derived);
    let mut serde = vec![0xAA];
    let serde = e.encode(value, &mut serde).map(|()| serde);
    match (&derived, &serde) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "derived and serde encode differ"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "derived and serde fail differently"),
        _ => panic!("one path failed: derived {derived:?}, serde {serde:?}"),
    }
    // Appended after what the buffer held.
    derived.map(|mut b| {
        assert_eq!(b.remove(0), 0xAA);
        b
    })
}

fn shape<T: Encode>(schema: &str, make: fn(u64) -> T) {
    let e = Encoder::new(&Schema::parse(schema).unwrap());
    for i in 0..64 {
        both(&e, &make(i)).unwrap();
    }
}

#[test]
fn bench_shapes_encode_as_serde_does() {
    shape(shapes::KEY_SCHEMA, shapes::key);
    shape(shapes::CDC_SCHEMA, shapes::cdc);
    shape(shapes::WIDE_SCHEMA, shapes::wide);
}

#[derive(Serialize, Debug, Clone, Copy)]
enum Suit {
    Hearts,
    Spades,
}

#[derive(Serialize, Encode, Debug, Clone)]
struct Inner {
    x: i64,
    tags: Vec<String>,
}

type Fixed = std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>;

/// One field of each supported type, and the ways to send a field to serde.
#[derive(Serialize, Encode, Debug, Clone)]
struct Outer<'a> {
    #[serde(rename = "id")]
    ident: i32,
    small: i8,
    medium: i16,
    unsigned: u32,
    big: u64,
    name: String,
    label: &'a str,
    score: f64,
    ratio: f32,
    ok: bool,
    nick: Option<String>,
    #[avroconv(serde)]
    suit: Suit,
    inner: Box<Inner>,
    history: Vec<Inner>,
    counts: BTreeMap<String, i64>,
    hashed: HashMap<String, Option<i32>, Fixed>,
    maybe_inner: Option<Inner>,
    #[serde(with = "serde_bytes")]
    blob: Vec<u8>,
    #[serde(with = "serde_bytes")]
    blob_opt: Option<Vec<u8>>,
    #[serde(serialize_with = "hash_as_fixed")]
    hash: [u8; 4],
    /// `Some(None)` is Avro null through serde too.
    nested: Option<Option<i32>>,
    /// Written into a three-branch union: serde picks the branch.
    wide_union: Option<i64>,
    promoted: Promoted,
}

/// Promoted: int to long, float to double, long to double.
#[derive(Serialize, Encode, Debug, Clone)]
struct Promoted {
    a: i32,
    b: f32,
    c: i64,
}

fn hash_as_fixed<S: serde::Serializer>(h: &[u8; 4], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(h)
}

const OUTER: &str = r#"{"type":"record","name":"Outer","fields":[
  {"name":"id","type":"int"},
  {"name":"small","type":"int"},
  {"name":"medium","type":"int"},
  {"name":"unsigned","type":"long"},
  {"name":"big","type":"long"},
  {"name":"name","type":"string"},
  {"name":"label","type":"bytes"},
  {"name":"score","type":"double"},
  {"name":"ratio","type":"float"},
  {"name":"ok","type":"boolean"},
  {"name":"nick","type":["null","string"],"default":null},
  {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["Spades","Hearts"]}},
  {"name":"inner","type":{"type":"record","name":"Inner","fields":[
     {"name":"x","type":"long"},{"name":"tags","type":{"type":"array","items":"string"}}]}},
  {"name":"history","type":{"type":"array","items":"Inner"}},
  {"name":"counts","type":{"type":"map","values":"long"}},
  {"name":"hashed","type":{"type":"map","values":["int","null"]}},
  {"name":"maybe_inner","type":["null","Inner"]},
  {"name":"blob","type":"bytes"},
  {"name":"blob_opt","type":["bytes","null"]},
  {"name":"hash","type":{"type":"fixed","name":"H4","size":4}},
  {"name":"nested","type":["int","null"]},
  {"name":"wide_union","type":["null","string","long"]},
  {"name":"promoted","type":{"type":"record","name":"P","fields":[
     {"name":"a","type":"long"},{"name":"b","type":"double"},{"name":"c","type":"double"}]}}]}"#;

fn outer(i: i64) -> Outer<'static> {
    let inner = |x: i64| Inner { x, tags: (0..x.rem_euclid(3)).map(|t| format!("t{t}é")).collect() };
    Outer {
        ident: -5 * i as i32,
        small: -100 + i as i8,
        medium: 30_000,
        unsigned: 4_000_000_000 - i as u32,
        big: i64::MAX as u64 - i as u64,
        name: format!("José ✓ {i}"),
        label: ["", "label", "a longer label"][i as usize % 3],
        score: 9.75 * i as f64,
        ratio: 0.5,
        ok: i % 2 == 0,
        nick: (i % 3 != 0).then(|| "nick".into()),
        suit: if i % 2 == 0 { Suit::Hearts } else { Suit::Spades },
        inner: Box::new(inner(i)),
        history: (0..i % 4).map(inner).collect(),
        counts: (0..i % 5).map(|k| (format!("k{k}"), k * 1000)).collect(),
        hashed: (0..i % 3).map(|k| (format!("h{k}"), (k != 1).then_some(k as i32))).collect(),
        maybe_inner: (i % 2 == 1).then(|| inner(i + 1)),
        blob: vec![i as u8; i as usize % 70],
        blob_opt: (i % 2 == 0).then(|| vec![1, 2, 3]),
        hash: [9, 8, 7, i as u8],
        nested: [None, Some(None), Some(Some(i as i32))][i as usize % 3],
        wide_union: (i % 2 == 0).then_some(i << 40),
        promoted: Promoted { a: i as i32, b: 1.5, c: i << 50 },
    }
}

#[test]
fn every_supported_field_type_encodes_as_serde_does() {
    let e = Encoder::new(&Schema::parse(OUTER).unwrap());
    for i in 0..24 {
        both(&e, &outer(i)).unwrap();
    }
}

#[test]
fn errors_are_serdes_with_the_same_field_path() {
    let e = Encoder::new(&Schema::parse(OUTER).unwrap());
    // `big` above i64::MAX, a `long` field.
    let mut v = outer(1);
    v.big = u64::MAX;
    let err = both(&e, &v).unwrap_err();
    assert_eq!(err.path().to_string(), ".big", "{err}");
    // `unsigned` into an int-typed schema field: out of range.
    let narrow = OUTER.replace(r#"{"name":"unsigned","type":"long"}"#, r#"{"name":"unsigned","type":"int"}"#);
    let err = both(&Encoder::new(&Schema::parse(&narrow).unwrap()), &outer(1)).unwrap_err();
    assert!(matches!(err.kind(), EncodeErrorKind::OutOfRange { .. }), "{err}");
    assert_eq!(err.path().to_string(), ".unsigned", "{err}");
    // A string where the schema has an int, deep inside an array of records.
    let wrong = OUTER.replace(r#"{"name":"tags","type":{"type":"array","items":"string"}}"#, r#"{"name":"tags","type":{"type":"array","items":"int"}}"#);
    let err = both(&Encoder::new(&Schema::parse(&wrong).unwrap()), &outer(2)).unwrap_err();
    assert_eq!(err.path().to_string(), ".inner.tags", "{err}");
}

#[test]
fn nesting_depth_is_bounded_as_in_serde() {
    #[derive(Serialize, Encode)]
    struct Node {
        v: i32,
        next: Option<Box<Node>>,
    }
    let schema =
        Schema::parse(r#"{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}"#)
            .unwrap();
    let e = Encoder::new(&schema);
    let chain = |n: usize| (0..n).fold(None, |next, v| Some(Box::new(Node { v: v as i32, next })));
    let deep = chain(avroconv::codec::MAX_DEPTH + 1).unwrap();
    let err = both(&e, &*deep).unwrap_err();
    assert!(matches!(err.kind(), EncodeErrorKind::TooDeep(_)), "{err}");
    assert_eq!(both(&e, &*chain(3).unwrap()).unwrap(), [4, 2, 2, 2, 0, 0]);
}

/// Which path a record takes: a type whose serde impl always fails encodes only where the derived code writes it
/// itself.
#[test]
fn plain_records_are_written_by_the_derived_code_and_others_by_serde() {
    #[derive(Encode)]
    struct Probe {
        a: i32,
        b: String,
    }
    impl Serialize for Probe {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("serde path"))
        }
    }
    let probe = Probe { a: 42, b: "x".into() };
    let plain = r#"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#;
    let e = Encoder::new(&Schema::parse(plain).unwrap());
    let mut out = Vec::new();
    e.encode_derived(&probe, &mut out).unwrap();
    assert_eq!(out, [0x54, 0x02, b'x']);
    assert!(e.encode(&probe, &mut Vec::new()).is_err());
    for other in [
        r#"{"type":"record","name":"P","fields":[{"name":"b","type":"string"},{"name":"a","type":"int"}]}"#,
        r#"{"type":"record","name":"P","fields":[{"name":"a","type":"int"}]}"#,
        r#"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"c","type":"int","default":1}]}"#,
        r#"["null","P"]"#.replace("\"P\"", plain).as_str(),
    ] {
        let e = Encoder::new(&Schema::parse(other).unwrap());
        let err = e.encode_derived(&probe, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("serde path"), "{other}: {err}");
    }
}

#[derive(Serialize, Encode, Debug, Clone)]
struct Random {
    a: i64,
    b: Option<i32>,
    c: Vec<Option<String>>,
    d: BTreeMap<String, f64>,
    e: Option<Option<bool>>,
    f: u64,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Random values, under a schema the struct matches and under ones that take serde's paths (promotions, a
    /// three-branch union, narrow ints that overflow, a `null`-first optional): the same bytes or the same error.
    #[test]
    fn random_values_encode_alike(a in any::<i64>(), b in any::<Option<i32>>(), c in prop::collection::vec(any::<Option<String>>(), 0..4),
                                  d in prop::collection::btree_map(".{0,4}", any::<f64>(), 0..4), e in any::<Option<Option<bool>>>(),
                                  f in any::<u64>(), schema in 0usize..3) {
        let v = Random { a, b, c, d, e, f };
        let schemas = [
            r#"{"type":"record","name":"Random","fields":[{"name":"a","type":"long"},{"name":"b","type":["null","int"]},
               {"name":"c","type":{"type":"array","items":["string","null"]}},{"name":"d","type":{"type":"map","values":"double"}},
               {"name":"e","type":["null","boolean"]},{"name":"f","type":"long"}]}"#,
            r#"{"type":"record","name":"Random","fields":[{"name":"a","type":"int"},{"name":"b","type":["null","long","string"]},
               {"name":"c","type":{"type":"array","items":["null","bytes"]}},{"name":"d","type":{"type":"map","values":"double"}},
               {"name":"e","type":["boolean","null"]},{"name":"f","type":"double"}]}"#,
            r#"{"type":"record","name":"Random","fields":[{"name":"a","type":"float"},{"name":"b","type":["null","double"]},
               {"name":"c","type":{"type":"array","items":["null","string"]}},{"name":"d","type":{"type":"map","values":"float"}},
               {"name":"e","type":["null","boolean"]},{"name":"f","type":"long"}]}"#,
        ];
        let e = Encoder::new(&Schema::parse(schemas[schema]).unwrap());
        let _ = both(&e, &v);
    }
}
