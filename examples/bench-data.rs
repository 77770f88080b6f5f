//! Writes the benchmark records (scripts/bench.sh) into a folder, default `target/bench-data/`: for each shape
//! `<name>.avsc` (the schema Confluent registers) and `<name>.bin` (the records' Avro bodies, each preceded by its
//! length as a 4-byte big-endian integer). The JVM and Python sides of the benchmark read these files, so every
//! side measures the same records. Shapes: `cdc`, `key`, `wide` (benches/shapes/) and `blob-<bytes>`, a record
//! whose string payload is 100 B to 100 KB, for throughput against record size.
//! `cargo run --example bench-data [-- DIR]`

#[path = "../benches/shapes/mod.rs"]
mod shapes;

use std::path::Path;

use serde::Serialize;

/// Distinct records per shape, as in benches/codec.rs: enough that the working set is not one cached record.
const RECORDS: u64 = 256;

fn write<T: Serialize>(dir: &Path, name: &str, schema_text: &str, records: impl Iterator<Item = T>) -> usize {
    let schema = avroconv::Schema::parse(schema_text).expect("schema");
    let encoder = avroconv::codec::Encoder::new(&schema);
    let mut out = Vec::new();
    let mut n = 0;
    for record in records {
        let body = encoder.to_vec(&record).expect("encode");
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        out.extend_from_slice(&body);
        n += 1;
    }
    std::fs::write(dir.join(format!("{name}.avsc")), schema_text.trim_end()).expect("write schema");
    std::fs::write(dir.join(format!("{name}.bin")), &out).expect("write records");
    eprintln!("bench-data: {name}: {n} records, {} bytes on average", (out.len() - 4 * n) / n);
    n
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/bench-data".to_owned());
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("create the data folder");
    write(dir, "cdc", shapes::CDC_SCHEMA, (0..RECORDS).map(shapes::cdc));
    write(dir, "key", shapes::KEY_SCHEMA, (0..RECORDS).map(shapes::key));
    write(dir, "wide", shapes::WIDE_SCHEMA, (0..RECORDS).map(shapes::wide));
    for &size in shapes::BLOB_SIZES {
        let records = (0..shapes::BLOB_RECORDS).map(|i| shapes::blob(size, i));
        write(dir, &format!("blob-{size}"), &shapes::blob_schema(size), records);
    }
}
