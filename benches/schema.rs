//! Schema text work on the cold path of a first serialize/deserialize: `Schema::parse`, printing Java's text
//! (`to_string`) and the Parsing Canonical Form, for the `cdc`, `key` and `wide` shapes; serde_json's own parse into
//! a `serde_json::Value` is the floor `parse` is compared to. `cargo bench --bench schema`.

#[path = "shapes/mod.rs"]
mod shapes;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn bench_schema(c: &mut Criterion) {
    let mut group = c.benchmark_group("schema");
    for (shape, text) in [("cdc", shapes::CDC_SCHEMA), ("key", shapes::KEY_SCHEMA), ("wide", shapes::WIDE_SCHEMA)] {
        let schema = avroconv::Schema::parse(text).expect("schema");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("serde_json-value", shape), |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)).expect("json"))
        });
        group.bench_function(BenchmarkId::new("parse", shape), |b| {
            b.iter(|| avroconv::Schema::parse(black_box(text)).expect("schema"))
        });
        group.bench_function(BenchmarkId::new("print", shape), |b| b.iter(|| black_box(&schema).to_string()));
        group.bench_function(BenchmarkId::new("canonical", shape), |b| {
            b.iter(|| black_box(&schema).canonical_form())
        });
    }
    // A `/` in a string (here a URL in a doc) sends the text through the comment scan, which must not copy it.
    let with_url = shapes::WIDE_SCHEMA.replacen("\"fields\"", "\"doc\":\"https://example.com/wide\",\"fields\"", 1);
    assert_ne!(with_url, shapes::WIDE_SCHEMA);
    group.throughput(Throughput::Bytes(with_url.len() as u64));
    group.bench_function(BenchmarkId::new("parse", "wide-with-url"), |b| {
        b.iter(|| avroconv::Schema::parse(black_box(&with_url)).expect("schema"))
    });
    group.finish();
}

criterion_group!(benches, bench_schema);
criterion_main!(benches);
