//! Avro's primitive encodings: zig-zag varints, little-endian floats, length-prefixed bytes. Hand-written (no
//! crate) because these are the innermost loops of both codecs and must inline.

use super::error::{DecodeError, DecodeErrorKind as K};

/// Most zero-byte items (nulls, empty records, zero-size fixed) one body may hold in arrays and maps, in total:
/// they cost no input bytes, so the input length cannot bound them, and a decoded `Value` is still tens of bytes
/// each. The bound is flat rather than proportional to the input so that whatever the encoder writes (which may
/// be shorter than what it was decoded from) decodes again. 2^16 items are at most a few MB of values; 2^20 let a
/// 44-byte body make the decoder allocate 72 MB (found by fuzzing).
pub const MAX_EMPTY_ITEMS: usize = 1 << 16;

#[inline]
pub fn write_long(out: &mut Vec<u8>, v: i64) {
    let mut n = ((v << 1) ^ (v >> 63)) as u64;
    // Byte pushes, not a temporary buffer and a memcpy call: most varints are one or two bytes.
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[inline]
pub fn write_int(out: &mut Vec<u8>, v: i32) {
    write_long(out, v as i64)
}

#[inline]
pub fn write_bytes(out: &mut Vec<u8>, b: &[u8]) {
    write_long(out, b.len() as i64);
    out.extend_from_slice(b);
}

/// UTF-8 validation. Short ASCII text (most field values) by `is_ascii`'s word-at-a-time loop; the rest by
/// simdutf8 (SIMD for long text; it hands inputs under 64 bytes to `std`, which is slower than `is_ascii` there).
#[inline]
fn utf8(b: &[u8]) -> Option<&str> {
    if b.len() < 64 && b.is_ascii() {
        // SAFETY: ASCII bytes are valid UTF-8. (Measured to matter: see the commit adding it.)
        return Some(unsafe { std::str::from_utf8_unchecked(b) });
    }
    simdutf8::basic::from_utf8(b).ok()
}

/// The 7-bit groups of up to 8 varint bytes (in a little-endian word) as one number: the continuation bits are
/// dropped, then groups pair into 14 bits, then 28, then 56.
#[inline(always)]
fn squeeze(x: u64) -> u64 {
    let x = x & 0x7f7f_7f7f_7f7f_7f7f;
    let x = (x & 0x007f_007f_007f_007f) | (x & 0x7f00_7f00_7f00_7f00) >> 1;
    let x = (x & 0x0000_3fff_0000_3fff) | (x & 0x3fff_0000_3fff_0000) >> 2;
    (x & 0x0fff_ffff) | (x & 0x0fff_ffff_0000_0000) >> 4
}

/// A zig-zag encoded long's value.
#[inline(always)]
fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

/// A cursor over an input body.
#[derive(Clone)]
pub struct Reader<'de> {
    pub buf: &'de [u8],
    pub pos: usize,
    /// Zero-byte array/map items still allowed (see [`MAX_EMPTY_ITEMS`]).
    pub empty_budget: usize,
}

impl<'de> Reader<'de> {
    pub fn new(buf: &'de [u8]) -> Self {
        Reader { buf, pos: 0, empty_budget: MAX_EMPTY_ITEMS }
    }

    #[inline]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    #[cold]
    pub fn err<T>(&self, kind: K, at: usize) -> Result<T, DecodeError> {
        Err(DecodeError::new(kind, at))
    }

    #[inline(always)]
    fn varint(&mut self, max_bytes: u8) -> Result<u64, DecodeError> {
        // One- and two-byte varints (lengths and numbers under 8192) are the common case, also as a body's last
        // bytes (a key record is often a single varint).
        match *self.buf.get(self.pos..).unwrap_or_default() {
            [b, ..] if b < 0x80 => {
                self.pos += 1;
                Ok(b as u64)
            }
            [b, c, ..] if c < 0x80 => {
                self.pos += 2;
                Ok((b & 0x7f) as u64 | (c as u64) << 7)
            }
            _ => self.varint_slow(max_bytes),
        }
    }

    #[inline(never)]
    fn varint_slow(&mut self, max_bytes: u8) -> Result<u64, DecodeError> {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        // Up to 8 bytes from one little-endian word, without a branch per byte: timestamps and ids are 5-8.
        if let Some(&word) = rest.first_chunk::<8>() {
            let x = u64::from_le_bytes(word);
            let ends = !x & 0x8080_8080_8080_8080;
            let len = (ends.trailing_zeros() / 8 + 1) as usize;
            if ends != 0 && len <= max_bytes as usize {
                self.pos += len;
                return Ok(squeeze(x & (u64::MAX >> (64 - 8 * len))));
            }
            // Nine or ten bytes (a random 64-bit value): the word's 56 bits and one or two more bytes.
            if ends == 0 && max_bytes == 10 {
                match *rest.get(8..).unwrap_or_default() {
                    [b, ..] if b < 0x80 => {
                        self.pos += 9;
                        return Ok(squeeze(x) | (b as u64) << 56);
                    }
                    // The last byte of a 10-byte varint may carry one bit only.
                    [b, c, ..] if c <= 1 => {
                        self.pos += 10;
                        return Ok(squeeze(x) | ((b & 0x7f) as u64) << 56 | (c as u64) << 63);
                    }
                    _ => {}
                }
            }
        }
        // With 10 bytes left (the longest varint) the loop needs no end-of-input checks.
        if let Some(&chunk) = rest.first_chunk::<10>() {
            return self.varint_in(&chunk, max_bytes);
        }
        let start = self.pos;
        let mut n: u64 = 0;
        let mut shift = 0u32;
        for i in 0..max_bytes as usize {
            let Some(&b) = self.buf.get(start + i) else {
                return self.err(K::Eof, start);
            };
            n |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                // The last byte of a 10-byte varint may carry one bit only.
                if i == 9 && b > 1 {
                    return self.err(K::BadVarint(max_bytes), start);
                }
                self.pos = start + i + 1;
                return Ok(n);
            }
            shift += 7;
        }
        self.err(K::BadVarint(max_bytes), start)
    }

    /// `varint_slow` over the next 10 bytes of input.
    #[inline(always)]
    fn varint_in(&mut self, chunk: &[u8; 10], max_bytes: u8) -> Result<u64, DecodeError> {
        let mut n: u64 = 0;
        for (i, &b) in chunk.iter().enumerate().take(max_bytes as usize) {
            n |= ((b & 0x7f) as u64) << (7 * i);
            if b & 0x80 == 0 {
                // The last byte of a 10-byte varint may carry one bit only.
                if i == 9 && b > 1 {
                    break;
                }
                self.pos += i + 1;
                return Ok(n);
            }
        }
        self.err(K::BadVarint(max_bytes), self.pos)
    }

    #[inline]
    pub fn long(&mut self) -> Result<i64, DecodeError> {
        Ok(unzigzag(self.varint(10)?))
    }

    #[inline]
    pub fn int(&mut self) -> Result<i32, DecodeError> {
        let start = self.pos;
        let n = self.varint(5)?;
        if n > u32::MAX as u64 {
            return self.err(K::BadVarint(5), start);
        }
        Ok(unzigzag(n) as i32)
    }

    #[inline]
    pub fn boolean(&mut self) -> Result<bool, DecodeError> {
        match self.buf.get(self.pos) {
            Some(0) => {
                self.pos += 1;
                Ok(false)
            }
            Some(1) => {
                self.pos += 1;
                Ok(true)
            }
            Some(&b) => self.err(K::InvalidBoolean(b), self.pos),
            None => self.err(K::Eof, self.pos),
        }
    }

    #[inline]
    pub fn take(&mut self, n: usize) -> Result<&'de [u8], DecodeError> {
        if n > self.remaining() {
            return self.err(K::Eof, self.pos);
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    #[inline]
    pub fn float(&mut self) -> Result<f32, DecodeError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    #[inline]
    pub fn double(&mut self) -> Result<f64, DecodeError> {
        let b = self.take(8)?;
        Ok(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    /// A length-prefixed byte string, borrowed from the input; the length is checked against what is left
    /// before anything is allocated.
    #[inline]
    pub fn bytes(&mut self) -> Result<&'de [u8], DecodeError> {
        let start = self.pos;
        // Tested still zig-zag encoded (odd: negative), and bounded by the slice lookup itself; the errors are
        // sorted out off the hot path. With `str` inlined: -4% instructions on `cdc` and `wide` decode.
        let n = self.varint(10)?;
        let len = (n >> 1) as usize;
        match self.buf.get(self.pos..).and_then(|rest| rest.get(..len)) {
            Some(s) if n & 1 == 0 => {
                self.pos += len;
                Ok(s)
            }
            _ => self.bad_length(n, start),
        }
    }

    /// The error for a length that is negative or longer than the input left.
    #[cold]
    fn bad_length<T>(&self, n: u64, start: usize) -> Result<T, DecodeError> {
        let len = unzigzag(n);
        if len < 0 {
            return self.err(K::NegativeLength(len), start);
        }
        self.err(K::LengthTooLarge { len: len as u64, remaining: self.remaining() }, start)
    }

    #[inline(always)]
    pub fn str(&mut self) -> Result<&'de str, DecodeError> {
        let start = self.pos;
        let b = self.bytes()?;
        match utf8(b) {
            Some(s) => Ok(s),
            None => self.err(K::InvalidUtf8, start),
        }
    }

    /// The item count [`block`](Self::block) would return next, without moving: a capacity hint.
    pub fn peek_block(&self, min_item_size: usize) -> Option<usize> {
        self.clone().block(min_item_size).ok()
    }

    /// The item count of the next array/map block (0 at the end), checked against the input that could back it:
    /// each item takes at least `min_item_size` bytes; zero-size items draw on the body's budget.
    #[inline]
    pub fn block(&mut self, min_item_size: usize) -> Result<usize, DecodeError> {
        let start = self.pos;
        let mut count = self.long()?;
        if count < 0 {
            // A negative count is followed by the block's size in bytes, which we don't need.
            count = count.checked_neg().ok_or_else(|| DecodeError::new(K::BadVarint(10), start))?;
            let size_at = self.pos;
            let size = self.long()?;
            if size < 0 {
                return self.err(K::NegativeLength(size), size_at);
            }
        }
        let count = count as u64;
        if min_item_size == 0 {
            if count > self.empty_budget as u64 {
                return self.err(K::TooManyEmptyItems(MAX_EMPTY_ITEMS), start);
            }
            self.empty_budget -= count as usize;
        } else if count.saturating_mul(min_item_size as u64) > self.remaining() as u64 {
            return self.err(K::CountTooLarge { count, remaining: self.remaining() }, start);
        }
        Ok(count as usize)
    }
}
