//! The three benchmark shapes, generated deterministically: `cdc` (a Debezium Postgres change event of the
//! `ods.cdc_events` table after `ExtractNewRecordState`), `key` (its key) and `wide` (40 mixed fields). The schemas
//! beside this file are what Confluent's converter registers for them.
//!
//! Text is realistic on purpose: about 15% of JSON values carry non-ASCII text, because the JDK's UTF-8 paths are
//! 10-20x slower on non-ASCII and ASCII-only data would flatter Java.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const CDC_SCHEMA: &str = include_str!("cdc.avsc");
pub const KEY_SCHEMA: &str = include_str!("key.avsc");
pub const WIDE_SCHEMA: &str = include_str!("wide.avsc");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, avroconv::Decode, avroconv::Encode)]
pub struct Key {
    pub order_id: i16,
}

/// Named `Value` for serde: apache-avro's schema-aware deserializer wants the Avro record name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, avroconv::Decode, avroconv::Encode)]
#[serde(rename = "Value")]
pub struct Cdc {
    pub order_id: i16,
    pub customer_id: String,
    pub order_date: Option<i32>,
    pub required_date: Option<i32>,
    pub shipped_date: Option<i32>,
    pub order_items: Option<String>,
    pub products: Option<String>,
    pub customer: Option<String>,
    pub employee: Option<String>,
    pub shipper: Option<String>,
    pub shipment: Option<String>,
    pub updated_at: Option<String>,
    pub __deleted: Option<String>,
    pub __op: Option<String>,
    pub __db: Option<String>,
    pub __table: Option<String>,
    pub __schema: Option<String>,
    pub __lsn: Option<i64>,
    pub __source_ts_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, avroconv::Decode, avroconv::Encode)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub zip: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, avroconv::Decode, avroconv::Encode)]
pub struct Wide {
    pub id: i64,
    pub i8: i8,
    pub i8_opt: Option<i8>,
    pub i16: i16,
    pub i16_opt: Option<i16>,
    pub i32: i32,
    pub i32_opt: Option<i32>,
    pub i64: i64,
    pub i64_opt: Option<i64>,
    pub f32: f32,
    pub f32_opt: Option<f32>,
    pub f64: f64,
    pub f64_opt: Option<f64>,
    pub flag: bool,
    pub flag_opt: Option<bool>,
    pub name: String,
    pub description: Option<String>,
    pub code: String,
    pub email: Option<String>,
    #[serde(with = "serde_bytes")]
    pub payload: Vec<u8>,
    #[serde(with = "serde_bytes")]
    pub payload_opt: Option<Vec<u8>>,
    /// Decimal(scale 2): unscaled two's-complement big-endian bytes.
    #[serde(with = "serde_bytes")]
    pub amount: Vec<u8>,
    #[serde(with = "serde_bytes")]
    pub amount_opt: Option<Vec<u8>>,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub birth_date: i32,
    pub expiry_date: Option<i32>,
    pub start_time: i32,
    pub end_time: Option<i32>,
    pub tags: Vec<String>,
    pub counters: BTreeMap<String, i32>,
    pub address: Address,
    pub billing_address: Option<Address>,
    pub score: Option<f64>,
    pub rank: Option<i32>,
    pub status: String,
    pub seq: Option<i64>,
    pub active: bool,
    pub ratio: Option<f32>,
    pub note: Option<String>,
}

/// SplitMix64, written out so that the data is the same in every run and every language port, whatever version of
/// a random-number crate is installed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "chai", "chang", "aniseed", "syrup", "cajun", "seasoning", "gumbo", "mix", "grandma", "boysenberry", "spread",
    "organic", "dried", "pears", "northwoods", "cranberry", "sauce", "mishi", "kobe", "niku", "ikura", "queso",
    "cabrales", "manchego", "konbu", "tofu", "genen", "shouyu", "pavlova", "alice", "mutton", "carnarvon", "tigers",
];
/// Non-ASCII words: Latin-1, a little CJK and an emoji, as in real customer data.
const WORDS_INTL: &[&str] =
    &["Straße", "Müller", "crème", "brûlée", "São Paulo", "Zürich", "Smørrebrød", "東京", "北京", "café ☕"];

fn words(rng: &mut Rng, n: usize, intl: bool) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(if intl && rng.chance(30) { rng.pick(WORDS_INTL) } else { rng.pick(WORDS) });
    }
    out
}

/// A JSON document of roughly `target` bytes (80 B to 1.5 KB in the cdc shape).
fn json_doc(rng: &mut Rng, target: usize) -> String {
    let intl = rng.chance(15);
    let mut out = String::from("[");
    let mut i = 0;
    while out.len() < target {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!(
            "{{\"sku\": \"P-{:05}\", \"qty\": {}, \"unit_price\": {}.{:02}, \"name\": \"{}\"}}",
            rng.below(100_000),
            1 + rng.below(20),
            rng.below(300),
            rng.below(100),
            {
                let n = 1 + rng.below(4) as usize;
                words(rng, n, intl)
            }
        ));
        i += 1;
    }
    out.push(']');
    out
}

/// A JSON document of `min` to `min + spread` bytes.
fn doc(rng: &mut Rng, min: usize, spread: u64) -> String {
    let target = min + rng.below(spread) as usize;
    json_doc(rng, target)
}

fn opt<T>(rng: &mut Rng, percent_present: u64, f: impl FnOnce(&mut Rng) -> T) -> Option<T> {
    if rng.chance(percent_present) {
        Some(f(rng))
    } else {
        None
    }
}

pub fn key(i: u64) -> Key {
    Key { order_id: (i % 32_000) as i16 }
}

pub fn cdc(i: u64) -> Cdc {
    let rng = &mut Rng::new(0xCDC0_0000 + i);
    let day = 19_000 + rng.below(2_000) as i32;
    Cdc {
        order_id: (i % 32_000) as i16,
        customer_id: format!("C{:04}", rng.below(10_000)),
        order_date: Some(day),
        required_date: Some(day + 14),
        shipped_date: opt(rng, 70, |r| day + r.below(10) as i32),
        order_items: Some(doc(rng, 80, 1_420)),
        products: Some(doc(rng, 80, 1_420)),
        customer: Some(doc(rng, 80, 1_420)),
        employee: Some(doc(rng, 80, 1_420)),
        shipper: Some(doc(rng, 80, 200)),
        shipment: opt(rng, 80, |r| doc(r, 80, 400)),
        updated_at: Some(format!("2026-11-{:02}T{:02}:{:02}:{:02}.{:06}Z", 1 + i % 28, i % 24, i % 60, (i * 7) % 60, i % 1_000_000)),
        __deleted: Some("false".to_owned()),
        __op: Some(if i % 10 == 0 { "c" } else { "u" }.to_owned()),
        __db: Some("main".to_owned()),
        __table: Some("cdc_events".to_owned()),
        __schema: Some("ods".to_owned()),
        __lsn: Some(26_873_032 + i as i64 * 512),
        __source_ts_ms: Some(1_795_498_236_959 + i as i64 * 13),
    }
}

fn address(rng: &mut Rng) -> Address {
    let intl = rng.chance(15);
    let number = 1 + rng.below(999);
    Address {
        street: format!("{number} {}", words(rng, 2, intl)),
        city: words(rng, 1, intl),
        zip: opt(rng, 80, |r| format!("{:05}", r.below(100_000))),
        lat: rng.below(180_000_000) as f64 / 1e6 - 90.0,
        lon: rng.below(360_000_000) as f64 / 1e6 - 180.0,
    }
}

fn decimal_bytes(unscaled: i64) -> Vec<u8> {
    // Minimal two's-complement big-endian, as Java's BigInteger.toByteArray() gives.
    let bytes = unscaled.to_be_bytes();
    let mut start = 0;
    while start < 7
        && ((bytes[start] == 0 && bytes[start + 1] & 0x80 == 0) || (bytes[start] == 0xFF && bytes[start + 1] & 0x80 != 0))
    {
        start += 1;
    }
    bytes[start..].to_vec()
}

pub fn wide(i: u64) -> Wide {
    let rng = &mut Rng::new(0x00E1_DE00_0000 + i);
    let intl = rng.chance(15);
    Wide {
        id: i as i64,
        i8: rng.below(256) as u8 as i8,
        i8_opt: opt(rng, 50, |r| r.below(256) as u8 as i8),
        i16: rng.below(65_536) as u16 as i16,
        i16_opt: opt(rng, 50, |r| r.below(65_536) as u16 as i16),
        i32: rng.next_u64() as i32,
        i32_opt: opt(rng, 50, |r| r.next_u64() as i32),
        i64: rng.next_u64() as i64,
        i64_opt: opt(rng, 50, |r| r.next_u64() as i64),
        f32: rng.below(1_000_000) as f32 / 100.0,
        f32_opt: opt(rng, 50, |r| r.below(1_000_000) as f32 / 100.0),
        f64: rng.below(1_000_000_000) as f64 / 1000.0,
        f64_opt: opt(rng, 50, |r| r.below(1_000_000_000) as f64 / 1000.0),
        flag: rng.chance(50),
        flag_opt: opt(rng, 50, |r| r.chance(50)),
        name: words(rng, 2, intl),
        description: opt(rng, 70, |r| {
            let n = 8 + r.below(20) as usize;
            words(r, n, intl)
        }),
        code: format!("X-{:06}", rng.below(1_000_000)),
        email: opt(rng, 80, |r| format!("{}@example.com", words(r, 1, false))),
        payload: (0..16 + rng.below(48)).map(|_| rng.below(256) as u8).collect(),
        payload_opt: opt(rng, 50, |r| (0..8 + r.below(24)).map(|_| r.below(256) as u8).collect()),
        amount: decimal_bytes(rng.below(10_000_000) as i64 - 5_000_000),
        amount_opt: opt(rng, 50, |r| decimal_bytes(r.below(10_000_000) as i64)),
        created_at: 1_795_498_236_959 + i as i64,
        updated_at: opt(rng, 70, |r| 1_795_498_236_959 + r.below(1_000_000) as i64),
        birth_date: rng.below(20_000) as i32,
        expiry_date: opt(rng, 50, |r| 19_000 + r.below(3_000) as i32),
        start_time: rng.below(86_400_000) as i32,
        end_time: opt(rng, 50, |r| r.below(86_400_000) as i32),
        tags: (0..3 + rng.below(6)).map(|_| words(rng, 1, intl)).collect(),
        counters: (0..2 + rng.below(4)).map(|k| (format!("k{k}"), rng.below(1000) as i32)).collect(),
        address: address(rng),
        billing_address: opt(rng, 40, address),
        score: opt(rng, 60, |r| r.below(10_000) as f64 / 100.0),
        rank: opt(rng, 60, |r| r.below(1000) as i32),
        status: rng.pick(&["NEW", "ACTIVE", "SUSPENDED", "CLOSED"]).to_owned(),
        seq: opt(rng, 60, |r| r.below(1 << 40) as i64),
        active: rng.chance(80),
        ratio: opt(rng, 50, |r| r.below(1000) as f32 / 1000.0),
        note: opt(rng, 30, |r| words(r, 4, intl)),
    }
}

/// Payload sizes of the `blob-<size>` shapes: throughput against record size.
pub const BLOB_SIZES: &[usize] = &[100, 1_000, 10_000, 100_000];
/// Records per `blob-<size>` shape: fewer than the others, or the 100 KB one would be 25 MB.
pub const BLOB_RECORDS: u64 = 32;

/// A `long` and one string of a given byte length. One schema per size (namespace `bench.blob<size>`): our
/// converter's toConnectData once gave no schema version when one schema was registered under several subjects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, avroconv::Decode, avroconv::Encode)]
pub struct Blob {
    pub id: i64,
    pub text: String,
}

pub fn blob_schema(size: usize) -> String {
    format!(
        r#"{{"type":"record","name":"Blob","namespace":"bench.blob{size}","fields":[{{"name":"id","type":"long"}},{{"name":"text","type":"string"}}]}}"#
    )
}

/// Record `i` of `blob-<size>`: `size` bytes of words, about 15% of them non-ASCII, padded with ASCII to the exact
/// length.
pub fn blob(size: usize, i: u64) -> Blob {
    const ASCII: &[&str] = &["chai", "syrup", "tofu", "konbu", "queso", "pavlova", "mutton", "ikura"];
    const INTL: &[&str] = &["Straße", "Müller", "crème", "São Paulo", "東京", "café ☕"];
    let rng = &mut Rng::new(0xB10B_0000_0000 + (size as u64) * 1_000 + i);
    let mut text = String::with_capacity(size + 16);
    loop {
        let word = if rng.chance(15) { rng.pick(INTL) } else { rng.pick(ASCII) };
        if text.len() + word.len() + 1 > size {
            break;
        }
        text.push_str(word);
        text.push(' ');
    }
    while text.len() < size {
        text.push('.');
    }
    Blob { id: i as i64, text }
}
