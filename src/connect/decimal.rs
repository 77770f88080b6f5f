//! Connect `Decimal` values <-> their Avro form: the unscaled value as big-endian two's-complement bytes, as
//! `BigInteger.toByteArray()` writes it (fewest bytes that keep the sign). Hand-written rather than a bignum crate:
//! defaults are the only decimals the core converts at schema time, and this is forty lines.

/// A decimal as Java's `new BigDecimal(String)` reads it: sign, magnitude digits and scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParsedDecimal {
    pub negative: bool,
    /// Decimal digits of the unscaled value, most significant first.
    pub digits: Vec<u8>,
    pub scale: i64,
}

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]`.
pub(crate) fn parse_decimal(text: &str) -> Option<ParsedDecimal> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i32>().ok()?),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut digits = Vec::with_capacity(int.len() + frac.len());
    for c in int.bytes().chain(frac.bytes()) {
        if !c.is_ascii_digit() {
            return None;
        }
        digits.push(c - b'0');
    }
    Some(ParsedDecimal { negative, digits, scale: frac.len() as i64 - i64::from(exponent) })
}

/// The unscaled value's two's-complement big-endian bytes (Java's `BigInteger.toByteArray()`).
pub(crate) fn unscaled_bytes(d: &ParsedDecimal) -> Vec<u8> {
    // Magnitude in base 256, little-endian while building.
    let mut mag: Vec<u8> = Vec::new();
    for &digit in &d.digits {
        let mut carry = u32::from(digit);
        for b in mag.iter_mut() {
            let v = u32::from(*b) * 10 + carry;
            *b = v as u8;
            carry = v >> 8;
        }
        if carry > 0 {
            mag.push(carry as u8);
        }
    }
    let zero = mag.iter().all(|&b| b == 0);
    if d.negative && !zero {
        // Two's complement: invert and add one.
        let mut carry = 1u16;
        for b in mag.iter_mut() {
            let v = u16::from(!*b) + carry;
            *b = v as u8;
            carry = v >> 8;
        }
        mag.push(0xff);
    } else {
        mag.push(0);
    }
    // Drop redundant sign bytes: keep the fewest that still show the sign.
    while mag.len() > 1 {
        let top = mag[mag.len() - 1];
        let next = mag[mag.len() - 2];
        if (top == 0 && next & 0x80 == 0) || (top == 0xff && next & 0x80 != 0) {
            mag.pop();
        } else {
            break;
        }
    }
    mag.reverse();
    mag
}

/// `new BigDecimal(new BigInteger(bytes), scale).toPlainString()`.
pub(crate) fn plain_string(bytes: &[u8], scale: i32) -> String {
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    // Magnitude, big-endian.
    let mut mag: Vec<u8> = bytes.to_vec();
    if negative {
        let mut carry = 1u16;
        for b in mag.iter_mut().rev() {
            let v = u16::from(!*b) + carry;
            *b = v as u8;
            carry = v >> 8;
        }
    }
    // Repeated division by 10 for the decimal digits.
    let mut digits = Vec::new();
    while mag.iter().any(|&b| b != 0) {
        let mut rem = 0u32;
        for b in mag.iter_mut() {
            let v = (rem << 8) | u32::from(*b);
            *b = (v / 10) as u8;
            rem = v % 10;
        }
        digits.push(b'0' + rem as u8);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    digits.reverse();
    let mut s = String::from_utf8(digits).expect("ascii digits");
    if scale < 0 {
        if s != "0" {
            s.extend(std::iter::repeat('0').take(scale.unsigned_abs() as usize));
        }
    } else if scale > 0 {
        let scale = scale as usize;
        if s.len() <= scale {
            s = format!("0.{}{}", "0".repeat(scale - s.len()), s);
        } else {
            s.insert(s.len() - scale, '.');
        }
    }
    if negative {
        s.insert(0, '-');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> Vec<u8> {
        unscaled_bytes(&parse_decimal(text).unwrap())
    }

    #[test]
    fn matches_big_integer_to_byte_array() {
        assert_eq!(bytes("12.34"), vec![0x04, 0xd2]);
        assert_eq!(bytes("-0.001"), vec![0xff]);
        assert_eq!(bytes("0.00"), vec![0x00]);
        assert_eq!(bytes("128"), vec![0x00, 0x80]);
        assert_eq!(bytes("-128"), vec![0x80]);
        assert_eq!(bytes("-129"), vec![0xff, 0x7f]);
        assert_eq!(bytes("-170141183460469231731687303715884105729"), {
            let mut v = vec![0xff];
            v.push(0x7f);
            v.extend([0xff; 15]);
            v
        });
    }

    #[test]
    fn plain_strings_round_trip() {
        for (text, scale) in [("12.34", 2), ("-0.001", 3), ("0.00", 2), ("-9.99", 2), ("7", 0)] {
            let d = parse_decimal(text).unwrap();
            assert_eq!(plain_string(&unscaled_bytes(&d), scale), text, "{text}");
        }
        assert_eq!(plain_string(&[12], -2), "1200");
    }
}
