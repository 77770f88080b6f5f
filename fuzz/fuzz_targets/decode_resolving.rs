//! Any bytes under a writer schema read with a different reader schema: resolution never panics or
//! over-allocates.
#![no_main]

mod alloc_bound;
mod schemas;

use std::sync::OnceLock;

use avroconv::codec::Decoder;
use avroconv::Schema;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static HEAP: alloc_bound::Counting = alloc_bound::Counting;

fn decoders() -> &'static [Decoder] {
    static DECODERS: OnceLock<Vec<Decoder>> = OnceLock::new();
    DECODERS.get_or_init(|| {
        schemas::PAIRS
            .iter()
            .map(|(w, r)| {
                let (w, r) = (Schema::parse(w).expect("writer"), Schema::parse(r).expect("reader"));
                Decoder::resolving(&w, &r).expect("compatible pair")
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    // Built before the leak check's baseline: they live for the whole run.
    let decoders = decoders();
    alloc_bound::no_leak(|| {
        let Some((&pick, body)) = data.split_first() else { return };
        let decoder = &decoders[pick as usize % decoders.len()];
        alloc_bound::within(data.len(), || drop(decoder.decode_value(body)));
    });
});
