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
/// Fewer for the size scale: the 100 KB payloads would otherwise make a 25 MB file.
const BLOB_RECORDS: u64 = 32;
pub const BLOB_SIZES: &[usize] = &[100, 1_000, 10_000, 100_000];
/// `{size}` becomes the payload size: one schema per size, since our converter's toConnectData gave no schema version
/// when one schema was registered under several subjects (found by this harness; Confluent's gives version 1).
const BLOB_SCHEMA: &str = r#"{"type":"record","name":"Blob","namespace":"bench.blob{size}","fields":[{"name":"id","type":"long"},{"name":"text","type":"string"}]}"#;

#[derive(Serialize)]
struct Blob {
    id: i64,
    text: String,
}

/// `len` bytes of text, about 15% of words non-ASCII as in the other shapes (the byte length is exact: the text is
/// padded with ASCII).
fn text(rng: &mut shapes::Rng, len: usize) -> String {
    const ASCII: &[&str] = &["chai", "syrup", "tofu", "konbu", "queso", "pavlova", "mutton", "ikura"];
    const INTL: &[&str] = &["Straße", "Müller", "crème", "São Paulo", "東京", "café ☕"];
    let mut out = String::with_capacity(len + 16);
    loop {
        let word = if rng.chance(15) { INTL[rng.below(INTL.len() as u64) as usize] } else { ASCII[rng.below(ASCII.len() as u64) as usize] };
        if out.len() + word.len() + 1 > len {
            break;
        }
        out.push_str(word);
        out.push(' ');
    }
    while out.len() < len {
        out.push('.');
    }
    out
}

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
    for &size in BLOB_SIZES {
        let rng = &mut shapes::Rng::new(0xB10B_0000 + size as u64);
        let records = (0..BLOB_RECORDS).map(|i| Blob { id: i as i64, text: text(rng, size) });
        write(dir, &format!("blob-{size}"), &BLOB_SCHEMA.replace("{size}", &size.to_string()), records);
    }
}
