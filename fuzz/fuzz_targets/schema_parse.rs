//! Any text: parsing never panics, and a schema that parses prints text that parses back to the same text.
#![no_main]

use avroconv::Schema;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(schema) = Schema::parse(text) else { return };
    let printed = schema.to_string();
    let again = Schema::parse(&printed).expect("printed schema text parses");
    assert_eq!(again.to_string(), printed, "printing is stable");
    let _ = schema.canonical_form();
});
