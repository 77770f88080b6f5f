//! Any body under a converter's decode program (bindings/jni/BOUNDARY.md, the Rust half of `Native.decode`):
//! never panics or over-allocates, whatever the table size; a body the generic decoder accepts, this one accepts
//! too, with the same slot count for any table size.
#![no_main]

mod alloc_bound;
mod schemas;

use std::sync::OnceLock;

use avroconv::connect::{to_connect_schema, AvroDataConfig, DecodeProgram, ReaderPlan};
use avroconv::codec::Decoder;
use avroconv::Schema;
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static HEAP: alloc_bound::Counting = alloc_bound::Counting;

fn plans() -> &'static [(ReaderPlan, Decoder)] {
    static PLANS: OnceLock<Vec<(ReaderPlan, Decoder)>> = OnceLock::new();
    PLANS.get_or_init(|| {
        schemas::SCHEMAS
            .iter()
            .filter_map(|text| {
                let schema = Schema::parse(text).expect("fuzz schema");
                // Schemas AvroData refuses (recursion, a standalone null) have no converter plan.
                let connect = to_connect_schema(&schema, Some(1), &AvroDataConfig::default()).ok()?;
                let program = DecodeProgram::compile(&schema, &connect).expect("compiles");
                Some((ReaderPlan::new("t", 7, &connect, program), Decoder::new(&schema)))
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    // Built before the leak check's baseline: they live for the whole run.
    let plans = plans();
    alloc_bound::no_leak(|| {
        let Some((&pick, body)) = data.split_first() else { return };
        let (plan, generic) = &plans[pick as usize % plans.len()];
        let mut framed = vec![0, 0, 0, 0, 7];
        framed.extend_from_slice(body);
        let mut big = vec![0i64; 1 << 12];
        let full = alloc_bound::within(data.len(), || plan.decode(&framed, &mut big));
        // A short table gives the same answer: the slot count it needs.
        let mut small = vec![0i64; (pick >> 3) as usize];
        let short = plan.decode(&framed, &mut small);
        assert_eq!(full.as_ref().ok(), short.as_ref().ok());
        assert_eq!(full.is_ok(), short.is_ok());
        if generic.decode_value(body).is_ok() {
            if let Err(e) = full {
                panic!("the generic decoder reads this body, the converter's does not: {e}");
            }
        }
    });
});
