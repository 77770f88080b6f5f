//! Heap held while one input is processed, against a bound proportional to the input: a declared length or count
//! must never make us allocate beyond what the input can back. libFuzzer's own `-malloc_limit_mb` only sees single
//! allocations over a flat limit; this counts every live byte. It also finds leaks without LeakSanitizer, so the
//! long runs can go without AddressSanitizer (the core's only `unsafe` is one UTF-8 check, src/codec/wire.rs).
//!
//! The bound, `PER_BYTE * len + SLACK`: a one-byte array item becomes a `Value` of 32 bytes, held twice while a
//! target re-encodes and re-reads it, with `Vec` doubling; the slack covers the flat cap of 2^16 zero-byte items
//! per body and error texts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

pub const PER_BYTE: usize = 256;
pub const SLACK: usize = 8 << 20;

/// The system allocator, counting live bytes and their peak.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            // Counted as held twice for a moment, as a moving realloc does.
            grew(new_size);
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        p
    }
}

/// Runs `f` on an input of `len` bytes and fails the run when the heap it held at its peak (beyond what was live
/// before) passes the bound.
pub fn within<R>(len: usize, f: impl FnOnce() -> R) -> R {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = f();
    let held = PEAK.load(Relaxed).saturating_sub(base);
    let bound = PER_BYTE * len + SLACK;
    assert!(held <= bound, "held {held} bytes of heap for a {len}-byte input (bound {bound})");
    r
}

/// Runs one whole input and fails the run when it leaks: heap still held after it. Buffers kept for reuse (the
/// converter's per-thread map scratch) also grow once; so an input that grew the heap runs again, and only growth
/// on that second run is a leak.
pub fn no_leak(f: impl Fn()) {
    let base = LIVE.load(Relaxed);
    f();
    if LIVE.load(Relaxed) <= base {
        return;
    }
    let base = LIVE.load(Relaxed);
    f();
    let after = LIVE.load(Relaxed);
    assert!(after <= base, "{} bytes of heap leaked by one input (again on its second run)", after - base);
}
