//! Any bytes under a writer schema: decoding never panics or over-allocates, and what decodes re-encodes, with
//! re-encoding a fixed point (compared as bytes: values may hold NaN, and the input may use overlong varints).
#![no_main]

mod alloc_bound;
mod schemas;

use std::sync::OnceLock;

use avroconv::codec::{Decoder, Encoder};
use avroconv::Schema;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static HEAP: alloc_bound::Counting = alloc_bound::Counting;

fn codecs() -> &'static [(Encoder, Decoder)] {
    static CODECS: OnceLock<Vec<(Encoder, Decoder)>> = OnceLock::new();
    CODECS.get_or_init(|| {
        schemas::SCHEMAS
            .iter()
            .map(|text| {
                let schema = Schema::parse(text).expect("fuzz schema");
                (Encoder::new(&schema), Decoder::new(&schema))
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    // Built before the leak check's baseline: they live for the whole run.
    let codecs = codecs();
    alloc_bound::no_leak(|| {
        let Some((&pick, body)) = data.split_first() else { return };
        let (encoder, decoder) = &codecs[pick as usize % codecs.len()];
        alloc_bound::within(data.len(), || {
            let Ok(value) = decoder.decode_value(body) else { return };
            let mut bytes = Vec::new();
            encoder.encode_value(&value, &mut bytes).expect("a decoded value encodes");
            let again = decoder.decode_value(&bytes).expect("re-encoded bytes decode");
            let mut bytes_again = Vec::new();
            encoder.encode_value(&again, &mut bytes_again).expect("a decoded value encodes");
            assert_eq!(bytes_again, bytes);
        });
    });
});
