//! Encode and decode ns/record for the three shapes: avroconv's compiled codec (serde, `#[derive(Encode)]` /
//! `#[derive(Decode)]` and `Value` paths) next to apache-avro 0.22's schema-aware serde path (`write_ser` /
//! `read_deser`) and its `Value` path, in the same run, with floors: a memcpy of the encoded bytes (encode) and a
//! clone of the record (decode: the allocations and copies of owned output, which both libraries pay).
//! `cargo bench --bench codec`.

#[path = "shapes/mod.rs"]
mod shapes;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde::{de::DeserializeOwned, Serialize};

/// Records per iteration: enough distinct records that the working set is not one cache-resident record.
const RECORDS: u64 = 256;

fn bench_shape<T: Serialize + DeserializeOwned + for<'de> avroconv::Decode<'de> + avroconv::Encode + Clone + PartialEq + std::fmt::Debug>(c: &mut Criterion, shape: &str, schema_text: &str, make: fn(u64) -> T) {
    let records: Vec<T> = (0..RECORDS).map(make).collect();

    let ours = avroconv::Schema::parse(schema_text).expect("our schema");
    let encoder = avroconv::codec::Encoder::new(&ours);
    let decoder = avroconv::codec::Decoder::new(&ours);
    let theirs = apache_avro::Schema::parse_str(schema_text).expect("apache-avro schema");
    let writer = apache_avro::writer::datum::GenericDatumWriter::builder(&theirs).build().expect("writer");
    let reader = apache_avro::reader::datum::GenericDatumReader::builder(&theirs).build().expect("reader");

    let encoded: Vec<Vec<u8>> = records.iter().map(|r| encoder.to_vec(r).expect("encode")).collect();
    // Both libraries must agree on the bytes before their speed means anything.
    for (record, bytes) in records.iter().zip(&encoded) {
        assert_eq!(&writer.write_ser_to_vec(record).expect("apache-avro encode"), bytes, "{shape}: bytes differ");
    }
    let our_values: Vec<avroconv::Value> = encoded.iter().map(|b| decoder.decode_value(b).expect("decode")).collect();
    let their_values: Vec<apache_avro::types::Value> =
        encoded.iter().map(|b| reader.read_value(&mut &b[..]).expect("apache-avro decode")).collect();
    let total: usize = encoded.iter().map(Vec::len).sum();
    for (record, bytes) in records.iter().zip(&encoded) {
        assert_eq!(&decoder.decode_derived::<T>(bytes).expect("derived decode"), record, "{shape}: derived decode");
        let mut derived = Vec::new();
        encoder.encode_derived(record, &mut derived).expect("derived encode");
        assert_eq!(&derived, bytes, "{shape}: derived encode");
    }

    let mut group = c.benchmark_group(shape);
    group.throughput(Throughput::Elements(RECORDS));
    let mut out = Vec::with_capacity(64 * 1024);

    group.bench_function(BenchmarkId::new("encode", "avroconv-serde"), |b| {
        b.iter(|| {
            for r in &records {
                out.clear();
                encoder.encode(r, &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("encode", "avroconv-derive"), |b| {
        b.iter(|| {
            for r in &records {
                out.clear();
                encoder.encode_derived(r, &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("encode", "avroconv-value"), |b| {
        b.iter(|| {
            for v in &our_values {
                out.clear();
                encoder.encode_value(v, &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("encode", "apache-avro-serde"), |b| {
        b.iter(|| {
            for r in &records {
                out.clear();
                writer.write_ser(&mut out, r).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("encode", "apache-avro-value"), |b| {
        b.iter(|| {
            for v in &their_values {
                out.clear();
                writer.write_value_ref(&mut out, v).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("encode", "memcpy-floor"), |b| {
        b.iter(|| {
            for e in &encoded {
                out.clear();
                out.extend_from_slice(e);
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "clone-floor"), |b| {
        b.iter(|| {
            for r in &records {
                black_box(black_box(r).clone());
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "avroconv-serde"), |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(decoder.decode::<T>(e).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "avroconv-derive"), |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(decoder.decode_derived::<T>(e).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "avroconv-value"), |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(decoder.decode_value(e).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "apache-avro-serde"), |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(reader.read_deser::<T>(&mut &e[..]).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "apache-avro-value"), |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(reader.read_value(&mut &e[..]).unwrap());
            }
        })
    });
    group.finish();
    eprintln!("{shape}: {} records, {} bytes on average", RECORDS, total / RECORDS as usize);
}

/// Throughput against record size (the `blob-<size>` shapes, the same 32 records the JVM and Python sides of
/// scripts/bench.sh read): serde paths of both libraries only. ns per iteration / 32 = ns/record.
fn bench_blob(c: &mut Criterion, size: usize) {
    let records: Vec<shapes::Blob> = (0..shapes::BLOB_RECORDS).map(|i| shapes::blob(size, i)).collect();
    let text = shapes::blob_schema(size);
    let ours = avroconv::Schema::parse(&text).expect("our schema");
    let encoder = avroconv::codec::Encoder::new(&ours);
    let decoder = avroconv::codec::Decoder::new(&ours);
    let theirs = apache_avro::Schema::parse_str(&text).expect("apache-avro schema");
    let writer = apache_avro::writer::datum::GenericDatumWriter::builder(&theirs).build().expect("writer");
    let reader = apache_avro::reader::datum::GenericDatumReader::builder(&theirs).build().expect("reader");
    let encoded: Vec<Vec<u8>> = records.iter().map(|r| encoder.to_vec(r).expect("encode")).collect();
    for (record, bytes) in records.iter().zip(&encoded) {
        assert_eq!(&writer.write_ser_to_vec(record).expect("apache-avro encode"), bytes, "blob-{size}: bytes differ");
    }

    let mut group = c.benchmark_group(format!("blob-{size}"));
    group.throughput(Throughput::Elements(shapes::BLOB_RECORDS));
    let mut out = Vec::with_capacity(size + 64);
    group.bench_function(BenchmarkId::new("encode", "avroconv-serde"), |b| {
        b.iter(|| {
            for r in &records {
                out.clear();
                encoder.encode(r, &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("encode", "apache-avro-serde"), |b| {
        b.iter(|| {
            for r in &records {
                out.clear();
                writer.write_ser(&mut out, r).unwrap();
                black_box(&out);
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "avroconv-serde"), |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(decoder.decode::<shapes::Blob>(e).unwrap());
            }
        })
    });
    group.bench_function(BenchmarkId::new("decode", "apache-avro-serde"), |b| {
        b.iter(|| {
            for e in &encoded {
                black_box(reader.read_deser::<shapes::Blob>(&mut &e[..]).unwrap());
            }
        })
    });
    group.finish();
}

fn codec(c: &mut Criterion) {
    bench_shape(c, "cdc", shapes::CDC_SCHEMA, shapes::cdc);
    bench_shape(c, "key", shapes::KEY_SCHEMA, shapes::key);
    bench_shape(c, "wide", shapes::WIDE_SCHEMA, shapes::wide);
    for &size in shapes::BLOB_SIZES {
        bench_blob(c, size);
    }
}

criterion_group!(benches, codec);
criterion_main!(benches);
