//! Any bytes under the benchmark shapes' schemas: `#[derive(Decode)]` decodes exactly as the serde path does (the
//! same value, or the same error: kind, offset, field path), and never panics or over-allocates.
#![no_main]

mod alloc_bound;
#[path = "../../benches/shapes/mod.rs"]
mod shapes;

use std::fmt::Debug;
use std::sync::OnceLock;

use avroconv::codec::{Decode, Decoder};
use avroconv::Schema;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static HEAP: alloc_bound::Counting = alloc_bound::Counting;

fn decoders() -> &'static [Decoder; 3] {
    static DECODERS: OnceLock<[Decoder; 3]> = OnceLock::new();
    DECODERS.get_or_init(|| {
        [shapes::CDC_SCHEMA, shapes::KEY_SCHEMA, shapes::WIDE_SCHEMA]
            .map(|text| Decoder::new(&Schema::parse(text).expect("shape schema")))
    })
}

fn same<'de, T: Decode<'de> + PartialEq + Debug>(d: &Decoder, body: &'de [u8]) {
    let (derived, serde) = (d.decode_derived::<T>(body), d.decode::<T>(body));
    // Else as text: floats read from arbitrary bytes are often NaN.
    if derived != serde {
        assert_eq!(format!("{derived:?}"), format!("{serde:?}"));
    }
}

fuzz_target!(|data: &[u8]| {
    // Built before the leak check's baseline: they live for the whole run.
    let decoders = decoders();
    alloc_bound::no_leak(|| {
        // The first byte picks the shape, as in the `decode` target's seeds (0 cdc, 1 key, 2 wide).
        let Some((&pick, body)) = data.split_first() else { return };
        alloc_bound::within(data.len(), || match pick % 3 {
            0 => same::<shapes::Cdc>(&decoders[0], body),
            1 => same::<shapes::Key>(&decoders[1], body),
            _ => same::<shapes::Wide>(&decoders[2], body),
        });
    });
});
