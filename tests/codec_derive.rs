//! `#[derive(Decode)]` against the serde path it must agree with: the same values from the same bytes, and the same
//! errors (kind, offset, field path) from damaged bytes, on the bench shapes, on a struct using every supported
//! field type, through schema resolution (which the derived code hands to serde), and on random mutations.

#[path = "../benches/shapes/mod.rs"]
mod shapes;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use avroconv::codec::{DecodeError, DecodeErrorKind, Decoder, Encoder};
use avroconv::{Decode, Schema};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// Both paths on `bytes`: the derived result, after asserting that serde's is the same, error for error.
fn both<'de, T: Decode<'de> + PartialEq + Debug>(d: &Decoder, bytes: &'de [u8]) -> Result<T, DecodeError> {
    let derived = d.decode_derived::<T>(bytes);
    let serde = d.decode::<T>(bytes);
    // Else as text: damaged floats are often NaN (and a deterministic hasher keeps maps in one order).
    if derived != serde {
        assert_eq!(format!("{derived:?}"), format!("{serde:?}"), "derived and serde decode differ on {bytes:02x?}");
    }
    derived
}

/// Every prefix of `bytes`, and `bytes` with each byte replaced by a few others, through `decode` (which runs
/// [`both`] and says whether it failed).
fn damaged(bytes: &[u8], decode: impl Fn(&[u8]) -> bool) {
    for n in 0..bytes.len() {
        assert!(decode(&bytes[..n]), "a {n}-byte prefix of {} decoded", bytes.len());
    }
    let mut b = bytes.to_vec();
    for i in 0..b.len() {
        let orig = b[i];
        for x in [0x00, 0x01, 0x02, 0x7f, 0x80, 0xff, orig ^ 0x80, orig.wrapping_add(2)] {
            b[i] = x;
            decode(&b);
        }
        b[i] = orig;
    }
}

fn shape<T>(schema: &str, make: fn(u64) -> T)
where
    T: Serialize + for<'de> Decode<'de> + PartialEq + Debug,
{
    let schema = Schema::parse(schema).unwrap();
    let (e, d) = (Encoder::new(&schema), Decoder::new(&schema));
    for i in 0..64 {
        let record = make(i);
        let bytes = e.to_vec(&record).unwrap();
        assert_eq!(both::<T>(&d, &bytes).unwrap(), record);
        if i < 4 {
            damaged(&bytes, |b| both::<T>(&d, b).is_err());
        }
    }
}

#[test]
fn bench_shapes_decode_as_serde_does() {
    shape(shapes::KEY_SCHEMA, shapes::key);
    shape(shapes::CDC_SCHEMA, shapes::cdc);
    shape(shapes::WIDE_SCHEMA, shapes::wide);
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone, Copy)]
enum Suit {
    Hearts,
    Spades,
}

#[derive(Serialize, Deserialize, Decode, Debug, PartialEq, Clone)]
struct Inner {
    x: i64,
    tags: Vec<String>,
}

/// One field of each supported type, borrowed ones included, and the ways to send a field to serde.
#[derive(Serialize, Deserialize, Decode, Debug, PartialEq)]
struct Outer<'a> {
    #[serde(rename = "id")]
    ident: i32,
    small: i8,
    medium: i16,
    unsigned: u32,
    big: u64,
    name: String,
    #[serde(borrow)]
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
    #[serde(with = "serde_bytes", borrow)]
    raw: &'a [u8],
    #[serde(deserialize_with = "hash_from_fixed")]
    hash: [u8; 4],
}

type Fixed = std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>;

fn hash_from_fixed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<[u8; 4], D::Error> {
    let b: &[u8] = serde_bytes::deserialize(d)?;
    b.try_into().map_err(serde::de::Error::custom)
}

const OUTER: &str = r#"{"type":"record","name":"Outer","fields":[
  {"name":"id","type":"int"},
  {"name":"small","type":"int"},
  {"name":"medium","type":"int"},
  {"name":"unsigned","type":"int"},
  {"name":"big","type":"long"},
  {"name":"name","type":"string"},
  {"name":"label","type":"string"},
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
  {"name":"raw","type":"bytes"},
  {"name":"hash","type":{"type":"fixed","name":"H4","size":4}}]}"#;

#[derive(Serialize)]
struct OuterOut {
    id: i32,
    small: i32,
    medium: i32,
    unsigned: i32,
    big: i64,
    name: String,
    label: String,
    score: f64,
    ratio: f32,
    ok: bool,
    nick: Option<String>,
    suit: Suit,
    inner: Inner,
    history: Vec<Inner>,
    counts: BTreeMap<String, i64>,
    hashed: HashMap<String, Option<i32>>,
    maybe_inner: Option<Inner>,
    #[serde(with = "serde_bytes")]
    blob: Vec<u8>,
    #[serde(with = "serde_bytes")]
    blob_opt: Option<Vec<u8>>,
    #[serde(with = "serde_bytes")]
    raw: Vec<u8>,
    #[serde(with = "serde_bytes")]
    hash: Vec<u8>,
}

fn outer_out(i: i64) -> OuterOut {
    let inner = |x: i64| Inner { x, tags: (0..x.rem_euclid(3)).map(|t| format!("t{t}é")).collect() };
    OuterOut {
        id: -5 * i as i32,
        small: -100 + i as i32,
        medium: 30_000,
        unsigned: 2_000_000_000 - i as i32,
        big: i64::MAX - i,
        name: format!("José ✓ {i}"),
        label: "label".repeat(i as usize % 20),
        score: 9.75 * i as f64,
        ratio: 0.5,
        ok: i % 2 == 0,
        nick: (i % 3 != 0).then(|| "nick".into()),
        suit: if i % 2 == 0 { Suit::Hearts } else { Suit::Spades },
        inner: inner(i),
        history: (0..i % 4).map(inner).collect(),
        counts: (0..i % 5).map(|k| (format!("k{k}"), k * 1000)).collect(),
        hashed: (0..i % 3).map(|k| (format!("h{k}"), (k != 1).then_some(k as i32))).collect(),
        maybe_inner: (i % 2 == 1).then(|| inner(i + 1)),
        blob: vec![i as u8; i as usize % 70],
        blob_opt: (i % 2 == 0).then(|| vec![1, 2, 3]),
        raw: b"raw".to_vec(),
        hash: vec![9, 8, 7, i as u8],
    }
}

#[test]
fn every_supported_field_type_decodes_as_serde_does() {
    let schema = Schema::parse(OUTER).unwrap();
    let (e, d) = (Encoder::new(&schema), Decoder::new(&schema));
    for i in 0..24 {
        let bytes = e.to_vec(&outer_out(i)).unwrap();
        let v: Outer = both(&d, &bytes).unwrap();
        assert_eq!((v.ident, v.small as i64, v.unsigned as i64, v.raw), (-5 * i as i32, -100 + i, 2_000_000_000 - i, &b"raw"[..]));
        // Borrowed fields point into the input.
        assert!(bytes.as_ptr_range().contains(&v.raw.as_ptr()));
        if i < 3 {
            damaged(&bytes, |b| both::<Outer>(&d, b).is_err());
        }
    }
}

#[test]
fn out_of_range_integers_fail_as_serde_does() {
    let schema = Schema::parse(OUTER).unwrap();
    let (e, d) = (Encoder::new(&schema), Decoder::new(&schema));
    let mut big = outer_out(1);
    big.small = 300;
    let err = both::<Outer>(&d, &e.to_vec(&big).unwrap()).unwrap_err();
    assert_eq!(err.path().to_string(), ".small", "{err}");
    let mut negative = outer_out(1);
    negative.unsigned = -1;
    let err = both::<Outer>(&d, &e.to_vec(&negative).unwrap()).unwrap_err();
    assert_eq!(err.path().to_string(), ".unsigned", "{err}");
}

/// Written with another schema: reordered, extra and missing fields, promotions, a three-branch union, an enum
/// over a union. Every one of these makes the derived code hand the record (or the field) to serde.
#[test]
fn resolution_goes_through_serde_and_agrees() {
    #[derive(Serialize)]
    struct Old {
        extra: Vec<String>,
        b: i32,
        a: String,
        c: Option<i32>,
        d: f32,
        e: i32,
    }
    #[derive(Deserialize, Decode, Debug, PartialEq)]
    struct New {
        a: Vec<u8>,
        b: i64,
        c: Option<i64>,
        d: f64,
        e: Option<i32>,
        added: String,
    }
    let writer = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"extra","type":{"type":"array","items":"string"}},
        {"name":"b","type":"int"},{"name":"a","type":"string"},{"name":"c","type":["null","int"]},
        {"name":"d","type":"float"},{"name":"e","type":"int"}]}"#,
    )
    .unwrap();
    let reader = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"bytes"},{"name":"b","type":"long"},
        {"name":"c","type":["null","long"]},{"name":"d","type":"double"},{"name":"e","type":["null","string","int"]},
        {"name":"added","type":"string","default":"x"}]}"#,
    )
    .unwrap();
    let d = Decoder::resolving(&writer, &reader).unwrap();
    let old = Old { extra: vec!["gone".into()], b: -7, a: "bytes".into(), c: Some(3), d: 1.5, e: 42 };
    let bytes = Encoder::new(&writer).to_vec(&old).unwrap();
    let new: New = both(&d, &bytes).unwrap();
    assert_eq!(new, New { a: b"bytes".to_vec(), b: -7, c: Some(3), d: 1.5, e: Some(42), added: "x".into() });
    damaged(&bytes, |b| both::<New>(&d, b).is_err());

    // Field by field: the record is plain, its fields' types are not the Rust ones.
    #[derive(Deserialize, Decode, Debug, PartialEq)]
    struct Wider {
        b: i64,
        a: Vec<u8>,
        c: Option<f64>,
    }
    let writer = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"b","type":"int"},{"name":"a","type":"string"},
        {"name":"c","type":["null","float"]}]}"#,
    )
    .unwrap();
    let reader = Schema::parse(
        r#"{"type":"record","name":"R","fields":[{"name":"b","type":"long"},{"name":"a","type":"bytes"},
        {"name":"c","type":["null","double"]}]}"#,
    )
    .unwrap();
    let d = Decoder::resolving(&writer, &reader).unwrap();
    let bytes = [0x0d, 0x04, b'h', b'i', 0x02, 0, 0, 0xc0, 0x3f];
    assert_eq!(both::<Wider>(&d, &bytes).unwrap(), Wider { b: -7, a: b"hi".to_vec(), c: Some(1.5) });
    damaged(&bytes, |b| both::<Wider>(&d, b).is_err());
}

#[test]
fn nesting_depth_is_bounded_as_in_serde() {
    #[derive(Serialize, Deserialize, Decode, Debug, PartialEq)]
    struct Node {
        v: i32,
        next: Option<Box<Node>>,
    }
    let schema =
        Schema::parse(r#"{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}"#)
            .unwrap();
    let d = Decoder::new(&schema);
    // v = 0, then the non-null branch, many times over; then v = 0 and null.
    let mut bytes = [0u8, 2].repeat(avroconv::codec::MAX_DEPTH);
    bytes.extend([0, 0]);
    let err = both::<Node>(&d, &bytes).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::TooDeep(_)), "{err}");
    let shallow = [0, 2, 2, 2, 4, 0];
    assert_eq!(
        both::<Node>(&d, &shallow).unwrap(),
        Node { v: 0, next: Some(Box::new(Node { v: 1, next: Some(Box::new(Node { v: 2, next: None })) })) }
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Random damage to a valid body, and random bytes: the two paths agree.
    #[test]
    fn mutated_bodies_decode_alike(i in 0i64..24, edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
                                   cut in any::<prop::sample::Index>(), noise in prop::collection::vec(any::<u8>(), 0..64)) {
        let schema = Schema::parse(OUTER).unwrap();
        let (e, d) = (Encoder::new(&schema), Decoder::new(&schema));
        let mut bytes = e.to_vec(&outer_out(i)).unwrap();
        for (at, x) in &edits {
            let at = at.index(bytes.len());
            bytes[at] = *x;
        }
        let _ = both::<Outer>(&d, &bytes);
        let _ = both::<Outer>(&d, &bytes[..cut.index(bytes.len() + 1)]);
        let _ = both::<Outer>(&d, &noise);
    }
}

/// Which path a record takes: a type whose serde impl always fails decodes only where the derived code reads it
/// itself.
#[test]
fn plain_records_are_read_by_the_derived_code_and_others_by_serde() {
    #[derive(Decode, Debug, PartialEq)]
    struct Probe {
        a: i32,
        b: String,
    }
    impl<'de> Deserialize<'de> for Probe {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
            Err(serde::de::Error::custom("serde path"))
        }
    }
    let plain = Schema::parse(r#"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#)
        .unwrap();
    let bytes = [0x54, 0x02, b'x'];
    let probe = Decoder::new(&plain).decode_derived::<Probe>(&bytes).unwrap();
    assert_eq!(probe, Probe { a: 42, b: "x".into() });
    assert!(Decoder::new(&plain).decode::<Probe>(&bytes).is_err());

    // Another field order, a field to skip, a field to default: serde's.
    for (writer, bytes) in [
        (r#"{"type":"record","name":"P","fields":[{"name":"b","type":"string"},{"name":"a","type":"int"}]}"#, &[2, b'y', 2][..]),
        (
            r#"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"c","type":"int"}]}"#,
            &[2, 2, b'y', 4][..],
        ),
    ] {
        let w = Schema::parse(writer).unwrap();
        let d = Decoder::resolving(&w, &plain).unwrap();
        assert!(d.decode_value(bytes).is_ok());
        let err = d.decode_derived::<Probe>(bytes).unwrap_err();
        assert!(err.to_string().ends_with("serde path"), "{err}");
    }
    let defaulted = Schema::parse(
        r#"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"d"}]}"#,
    )
    .unwrap();
    let w = Schema::parse(r#"{"type":"record","name":"P","fields":[{"name":"a","type":"int"}]}"#).unwrap();
    let err = Decoder::resolving(&w, &defaulted).unwrap().decode_derived::<Probe>(&[0x54]).unwrap_err();
    assert!(err.to_string().ends_with("serde path"), "{err}");
}
