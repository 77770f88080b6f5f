//! Malformed bodies: each is a typed DecodeError naming what, at which byte offset and in which field; nothing
//! panics, and no allocation is sized by a length the input cannot back.

use avroconv::codec::{DecodeErrorKind as K, Decoder, Encoder, MAX_DEPTH, MAX_EMPTY_ITEMS};
use avroconv::{Schema, Value};
use serde::de::IgnoredAny;

fn dec(schema: &str) -> Decoder {
    Decoder::new(&Schema::parse(schema).unwrap())
}

fn zz(v: i64) -> Vec<u8> {
    let mut out = Vec::new();
    let mut n = ((v << 1) ^ (v >> 63)) as u64;
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
    out
}

fn err(d: &Decoder, bytes: &[u8]) -> avroconv::codec::DecodeError {
    let e = d.decode_value(bytes).expect_err("must fail");
    let e2 = d.decode::<IgnoredAny>(bytes).expect_err("serde path must fail too");
    assert_eq!(e.kind().clone(), e2.kind().clone(), "Value and serde paths disagree");
    assert_eq!(e.offset(), e2.offset());
    e
}

#[test]
fn varints() {
    let long = dec(r#""long""#);
    assert_eq!(err(&long, &[0xff; 11]).kind().clone(), K::BadVarint(10));
    // 10 bytes whose last carries more than the one bit left.
    let mut ten = vec![0xff; 9];
    ten.push(0x02);
    assert_eq!(err(&long, &ten).kind().clone(), K::BadVarint(10));
    let mut max = vec![0xfe];
    max.extend([0xff; 8]);
    max.push(0x01);
    assert_eq!(long.decode_value(&max).unwrap(), Value::Long(i64::MAX));
    let int = dec(r#""int""#);
    assert_eq!(err(&int, &[0xff, 0xff, 0xff, 0xff, 0x7f]).kind().clone(), K::BadVarint(5));
    assert_eq!(err(&int, &[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).kind().clone(), K::BadVarint(5));
    assert_eq!(err(&int, &[0x80]).kind().clone(), K::Eof);
    assert_eq!(err(&int, &[]).kind().clone(), K::Eof);
}

/// Every varint length (1-10 bytes, overlong forms too) at the end of the body and with bytes after it: the
/// decoder reads a word at a time when 8 bytes are left and byte by byte otherwise; both must agree.
#[test]
fn varints_of_every_length() {
    let long = dec(r#""long""#);
    // Eight bytes of padding after: every form is then also read from a full word.
    let padded = dec(r#"{"type":"record","name":"P","fields":[{"name":"a","type":"long"},{"name":"b","type":"int"},
        {"name":"pad","type":{"type":"fixed","name":"F","size":8}}]}"#);
    let mut values = vec![0i64, 1, -1, 63, -64, 64, 8191, 8192, i32::MAX as i64, i32::MIN as i64, i64::MAX, i64::MIN];
    values.extend((0..63).map(|k| 1i64 << k));
    values.extend((0..63).map(|k| -(1i64 << k) - 1));
    for v in values {
        let canonical = zz(v);
        // The same value padded with continuation bytes up to 10 bytes: Java accepts overlong varints.
        let mut forms = vec![canonical.clone()];
        let mut long_form = canonical.clone();
        while long_form.len() < 10 && (long_form.len() < 9 || *long_form.last().unwrap() <= 1) {
            *long_form.last_mut().unwrap() |= 0x80;
            long_form.push(0);
            forms.push(long_form.clone());
        }
        for form in forms {
            assert_eq!(long.decode_value(&form).unwrap(), Value::Long(v), "{form:02x?}");
            let mut body = form.clone();
            body.extend(zz(-3));
            body.extend([0xff; 8]);
            let expect = Value::Record(vec![Value::Long(v), Value::Int(-3), Value::Fixed(vec![0xff; 8])]);
            assert_eq!(padded.decode_value(&body).unwrap(), expect, "{body:02x?}");
        }
    }
}

#[test]
fn lengths_checked_before_allocation() {
    let d = dec(r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"s","type":"string"}]}"#);
    let mut b = vec![2];
    b.extend(zz(1 << 40));
    let e = err(&d, &b);
    assert_eq!(e.kind().clone(), K::LengthTooLarge { len: 1 << 40, remaining: 0 });
    assert_eq!((e.offset(), e.path().to_string()), (1, ".s".to_string()));
    let mut b = vec![2];
    b.extend(zz(-3));
    assert_eq!(err(&d, &b).kind().clone(), K::NegativeLength(-3));
    let e = err(&d, &[2, 4, b'a', 0xff]);
    assert_eq!((e.kind().clone(), e.offset()), (K::InvalidUtf8, 1));
    assert!(e.to_string().contains("byte 1") && e.to_string().contains(".s"), "{e}");
}

#[test]
fn block_counts() {
    let ints = dec(r#"{"type":"array","items":"int"}"#);
    let mut b = zz(1 << 50);
    b.push(0);
    assert!(matches!(err(&ints, &b).kind().clone(), K::CountTooLarge { count, .. } if count == 1 << 50));
    let mut b = zz(i64::MIN);
    b.push(0);
    assert!(ints.decode_value(&b).is_err());
    // Negative count: |count| items preceded by the block's byte size.
    let mut b = zz(-2);
    b.extend(zz(2));
    b.extend([2, 4, 0]);
    assert_eq!(ints.decode_value(&b).unwrap(), Value::Array(vec![Value::Int(1), Value::Int(2)]));
    let maps = dec(r#"{"type":"map","values":"null"}"#);
    let mut b = zz(1 << 30);
    assert!(matches!(err(&maps, &b).kind().clone(), K::CountTooLarge { .. }));
    b.clear();

    // Zero-byte items: bounded by a flat per-body budget (what we write must read back), not by the input.
    let nulls = dec(r#"{"type":"array","items":"null"}"#);
    let mut b = zz(1000);
    b.push(0);
    assert_eq!(nulls.decode_value(&b).unwrap(), Value::Array(vec![Value::Null; 1000]));
    let mut b = zz(MAX_EMPTY_ITEMS as i64 + 1);
    b.push(0);
    assert_eq!(err(&nulls, &b).kind().clone(), K::TooManyEmptyItems(MAX_EMPTY_ITEMS));
    // The budget is per body: many blocks cannot add up past it.
    let mut b = Vec::new();
    for _ in 0..3 {
        b.extend(zz(MAX_EMPTY_ITEMS as i64 / 2));
    }
    b.push(0);
    assert_eq!(err(&nulls, &b).kind().clone(), K::TooManyEmptyItems(MAX_EMPTY_ITEMS));
    let empty_records = dec(r#"{"type":"array","items":{"type":"record","name":"E","fields":[]}}"#);
    let mut b = zz(1 << 40);
    b.push(0);
    assert_eq!(err(&empty_records, &b).kind().clone(), K::TooManyEmptyItems(MAX_EMPTY_ITEMS));
}

#[test]
fn indexes_out_of_range() {
    let u = dec(r#"["null","int"]"#);
    assert_eq!(err(&u, &zz(2)).kind().clone(), K::UnionIndex { index: 2, branches: 2 });
    assert_eq!(err(&u, &zz(-1)).kind().clone(), K::UnionIndex { index: -1, branches: 2 });
    let e = dec(r#"{"type":"enum","name":"E","symbols":["A","B"]}"#);
    assert_eq!(err(&e, &zz(2)).kind().clone(), K::EnumIndex { index: 2, symbols: 2 });
    assert_eq!(err(&e, &zz(-1)).kind().clone(), K::EnumIndex { index: -1, symbols: 2 });
    let b = dec(r#""boolean""#);
    assert_eq!(err(&b, &[2]).kind().clone(), K::InvalidBoolean(2));
    let f = dec(r#"{"type":"fixed","name":"F","size":4}"#);
    assert_eq!(err(&f, &[1, 2, 3]).kind().clone(), K::Eof);
    let d = dec(r#""double""#);
    assert_eq!(err(&d, &[0; 7]).kind().clone(), K::Eof);
}

#[test]
fn trailing_bytes() {
    let d = dec(r#""int""#);
    let e = err(&d, &[2, 0, 0]);
    assert_eq!((e.kind().clone(), e.offset()), (K::TrailingBytes(2), 1));
}

const LIST: &str =
    r#"{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}"#;

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct Node {
    v: i32,
    next: Option<Box<Node>>,
}

fn chain(levels: usize) -> Vec<u8> {
    let mut b = Vec::new();
    for _ in 0..levels {
        b.extend([0, 2]); // v = 0, branch 1 (Node)
    }
    b.extend([0, 0]); // v = 0, branch 0 (null)
    b
}

#[test]
fn depth_is_bounded() {
    let d = dec(LIST);
    assert!(d.decode_value(&chain(50)).is_ok());
    assert!(d.decode::<Node>(&chain(50)).is_ok());
    let deep = chain(100_000);
    assert_eq!(d.decode_value(&deep).unwrap_err().kind().clone(), K::TooDeep(MAX_DEPTH));
    assert_eq!(d.decode::<Node>(&deep).unwrap_err().kind().clone(), K::TooDeep(MAX_DEPTH));
    assert_eq!(d.decode::<IgnoredAny>(&deep).unwrap_err().kind().clone(), K::TooDeep(MAX_DEPTH));
    // Deeply nested arrays too.
    let arrays = dec(r#"{"type":"record","name":"A","fields":[{"name":"a","type":{"type":"array","items":"A"}}]}"#);
    let b = vec![2; 100_000];
    assert_eq!(arrays.decode_value(&b).unwrap_err().kind().clone(), K::TooDeep(MAX_DEPTH));
    // The encoder bounds depth as well.
    let mut v = Value::Record(vec![Value::Int(0), Value::Union(0, Box::new(Value::Null))]);
    for _ in 0..1000 {
        v = Value::Record(vec![Value::Int(0), Value::Union(1, Box::new(v))]);
    }
    let s = Schema::parse(LIST).unwrap();
    assert!(Encoder::new(&s).encode_value(&v, &mut Vec::new()).is_err());
}
