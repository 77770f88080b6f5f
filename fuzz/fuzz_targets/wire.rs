//! Any payload, with or without record headers: the Confluent frame parser never panics, and a frame it accepts
//! is exactly its prefix (magic 0 + 4-byte id, or Confluent 8's magic 1 + 16-byte GUID) plus the rest as body.
#![no_main]

mod alloc_bound;

use avroconv::wire::{self, SchemaId};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static HEAP: alloc_bound::Counting = alloc_bound::Counting;

fuzz_target!(|data: &[u8]| alloc_bound::no_leak(|| alloc_bound::within(data.len(), || check(data))));

fn check(data: &[u8]) {
    if let Ok(frame) = wire::parse(data) {
        match frame.id {
            SchemaId::Id(id) => {
                assert_eq!((data[0], &id.to_be_bytes()[..]), (0, &data[1..5]));
                assert_eq!(frame.body, &data[5..]);
            }
            SchemaId::Guid(guid) => {
                assert_eq!((data[0], &guid[..]), (1, &data[1..17]));
                assert_eq!(frame.body, &data[17..]);
            }
        }
    }
    // The first byte picks a header layout; the rest splits into a header value and the payload.
    let Some((&pick, rest)) = data.split_first() else { return };
    let cut = (pick as usize >> 2).min(rest.len());
    let (value, payload) = rest.split_at(cut);
    let name = ["__value_schema_id", "__key_schema_id", "apicurio.value.globalId", "other"][pick as usize & 3];
    if let Ok(frame) = wire::parse_with_headers(payload, [(name, value)], pick & 0x80 != 0) {
        assert!(frame.body.len() <= payload.len());
    }
}
