//! Any text: parsing never panics; a schema that parses prints text that parses again, and printing reaches a
//! fixed point after one round trip. (Not at once: like Java, we print aliases relative to the type's namespace,
//! so aliases `[".x", "x"]` in namespace `n` (the names `x` and `n.x`) both print as `"x"` and then merge.)
#![no_main]

mod alloc_bound;

use avroconv::Schema;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static HEAP: alloc_bound::Counting = alloc_bound::Counting;

fn reprint(text: &str) -> String {
    Schema::parse(text).expect("printed schema text parses").to_string()
}

fuzz_target!(|data: &[u8]| alloc_bound::no_leak(|| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(schema) = alloc_bound::within(data.len(), || Schema::parse(text).ok()) else { return };
    let _ = schema.canonical_form();
    let once = schema.to_string();
    let twice = reprint(&once);
    assert_eq!(reprint(&twice), twice, "printing reaches a fixed point");
}));
