//! One codec path run over the bench records, for instruction counts under callgrind (repeatable on a busy
//! machine, unlike wall time). `cargo bench --bench count -- SHAPE PATH ROUNDS`; per-record instructions are the
//! difference between two ROUNDS values divided by 256 x their difference (the set-up is the same in both runs):
//!
//! ```sh
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/deps/count-* cdc dec-serde 20
//! ```
//!
//! PATH: enc-serde, enc-derive, enc-value, dec-serde, dec-derive, dec-value, their-enc-serde, their-dec-serde,
//! memcpy, clone (the decode floor: a clone of each record, the allocations and copies owned output costs).

#[path = "shapes/mod.rs"]
mod shapes;

use std::hint::black_box;

use serde::{de::DeserializeOwned, Serialize};

const RECORDS: u64 = 256;

fn run<T: Serialize + DeserializeOwned + for<'de> avroconv::codec::Decode<'de> + avroconv::Encode + Clone>(schema_text: &str, make: fn(u64) -> T, path: &str, rounds: usize) {
    let records: Vec<T> = (0..RECORDS).map(make).collect();
    let ours = avroconv::Schema::parse(schema_text).expect("our schema");
    let encoder = avroconv::codec::Encoder::new(&ours);
    let decoder = avroconv::codec::Decoder::new(&ours);
    let theirs = apache_avro::Schema::parse_str(schema_text).expect("apache-avro schema");
    let writer = apache_avro::writer::datum::GenericDatumWriter::builder(&theirs).build().expect("writer");
    let reader = apache_avro::reader::datum::GenericDatumReader::builder(&theirs).build().expect("reader");
    let encoded: Vec<Vec<u8>> = records.iter().map(|r| encoder.to_vec(r).expect("encode")).collect();
    let values: Vec<avroconv::Value> = encoded.iter().map(|b| decoder.decode_value(b).expect("decode")).collect();
    let mut out = Vec::with_capacity(64 * 1024);
    for _ in 0..rounds {
        match path {
            "enc-serde" => records.iter().for_each(|r| {
                out.clear();
                encoder.encode(r, &mut out).unwrap();
                black_box(&out);
            }),
            "enc-derive" => records.iter().for_each(|r| {
                out.clear();
                encoder.encode_derived(r, &mut out).unwrap();
                black_box(&out);
            }),
            "enc-value" => values.iter().for_each(|v| {
                out.clear();
                encoder.encode_value(v, &mut out).unwrap();
                black_box(&out);
            }),
            "their-enc-serde" => records.iter().for_each(|r| {
                out.clear();
                writer.write_ser(&mut out, r).unwrap();
                black_box(&out);
            }),
            "memcpy" => encoded.iter().for_each(|e| {
                out.clear();
                out.extend_from_slice(e);
                black_box(&out);
            }),
            "clone" => records.iter().for_each(|r| drop(black_box(black_box(r).clone()))),
            "dec-serde" => encoded.iter().for_each(|e| drop(black_box(decoder.decode::<T>(e).unwrap()))),
            "dec-derive" => encoded.iter().for_each(|e| drop(black_box(decoder.decode_derived::<T>(e).unwrap()))),
            "dec-value" => encoded.iter().for_each(|e| drop(black_box(decoder.decode_value(e).unwrap()))),
            "their-dec-serde" => {
                encoded.iter().for_each(|e| drop(black_box(reader.read_deser::<T>(&mut &e[..]).unwrap())))
            }
            _ => panic!("unknown path {path}"),
        }
    }
}

fn main() {
    // `cargo test --all-targets` runs benches with no arguments (or cargo's flags): nothing to do then.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [shape, path, rounds] = &args[..] else {
        eprintln!("usage: count SHAPE PATH ROUNDS");
        return;
    };
    let rounds: usize = rounds.parse().expect("ROUNDS");
    match shape.as_str() {
        "cdc" => run(shapes::CDC_SCHEMA, shapes::cdc, path, rounds),
        "key" => run(shapes::KEY_SCHEMA, shapes::key, path, rounds),
        "wide" => run(shapes::WIDE_SCHEMA, shapes::wide, path, rounds),
        _ => panic!("unknown shape {shape}"),
    }
}
