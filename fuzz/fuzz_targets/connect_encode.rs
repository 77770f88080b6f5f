//! Any tape under a converter's encode program (bindings/jni/BOUNDARY.md): transcoding never panics or
//! over-allocates, and what it writes reads back through the decode program compiled for the same Avro schema,
//! taking exactly the bytes written.
#![no_main]

mod alloc_bound;
mod connect_schemas;

use std::sync::OnceLock;

use avroconv::connect::{
    from_connect_schema, to_connect_schema, AvroDataConfig, ConnectSchema, DecodeProgram, EncodeProgram, ReaderPlan,
};
use avroconv::schema::Kind;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static HEAP: alloc_bound::Counting = alloc_bound::Counting;

struct Case {
    encoder: EncodeProgram,
    /// None for a top-level `bytes` schema, written raw: any bytes read back.
    reader: Option<ReaderPlan>,
}

fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let config = AvroDataConfig { enhanced_avro_schema_support: true, ..AvroDataConfig::default() };
        connect_schemas::CONNECT_SCHEMAS
            .iter()
            .map(|text| {
                let connect = ConnectSchema::from_json(text).expect("fuzz schema");
                let avro = from_connect_schema(&connect, &config).expect("converts");
                let encoder = EncodeProgram::compile(&connect, &avro).expect("compiles");
                let reader = (!matches!(avro.node(avro.root()).kind, Kind::Bytes)).then(|| {
                    let back = to_connect_schema(&avro, Some(1), &config).expect("reads back");
                    ReaderPlan::new("t", 1, &back, DecodeProgram::compile(&avro, &back).expect("compiles"))
                });
                Case { encoder, reader }
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    // Built before the leak check's baseline: they live for the whole run.
    let cases = cases();
    alloc_bound::no_leak(|| {
        let Some((&pick, tape)) = data.split_first() else { return };
        let case = &cases[pick as usize % cases.len()];
        let mut framed = vec![0, 0, 0, 0, 1];
        if alloc_bound::within(data.len(), || case.encoder.encode(tape, &mut framed)).is_err() {
            return;
        }
        if let Some(reader) = &case.reader {
            let mut table = vec![0i64; 1 << 12];
            if let Err(e) = reader.decode(&framed, &mut table) {
                panic!("our own output does not read back: {e}");
            }
        }
    });
});
