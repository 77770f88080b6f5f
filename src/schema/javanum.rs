//! Java's double <-> text conversions, as Jackson uses them for schema defaults and properties:
//! `Double.toString` (what Jackson writes for a `DoubleNode`) and `Double.valueOf` (what Avro applies to a textual
//! default of a float or double field). Hand-written: no crate reproduces Java's formats.

/// `Double.toString(v)` of the JDK 11/17 that Kafka Connect runs on: `1.0`, `100.0`, `1.2345678E7`, `1.0E-4`,
/// `-0.0`, `NaN`, `Infinity`.
///
/// The digits are the shortest that read back to `v` (as Rust's formatter gives them), which is what JDK 19+
/// prints and what JDK 17's `FloatingDecimal` prints too, except for two cases:
/// - whole numbers in [2^54, 2^63): JDK 17 takes a `long` path that keeps all digits but a few "insignificant"
///   ones (2.82879384806159008E17, not 2.82879384806159E17); reproduced here;
/// - rare others (about 1 in 200,000 random doubles, e.g. 4.9E-324 for 5.0E-324): not reproduced.
pub(crate) fn double_to_string(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    let (digits, exp) = long_path_digits(v.abs()).unwrap_or_else(|| shortest_digits(v.abs()));
    let mut out = String::with_capacity(digits.len() + 8);
    if v < 0.0 {
        out.push('-');
    }
    layout(&mut out, &digits, exp);
    out
}

/// Digits and decimal exponent `e` such that the value is `0.d1d2d3... * 10^e`.
fn shortest_digits(v: f64) -> (String, i32) {
    // `{:e}` prints the shortest round-trip digits: "1.2345e7".
    let formatted = format!("{v:e}");
    let (mantissa, exp) = formatted.split_once('e').expect("LowerExp always writes an exponent");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exp: i32 = exp.parse().expect("LowerExp writes an integer exponent");
    (digits, exp + 1)
}

/// JDK 17 `FloatingDecimal.dtoa` for whole numbers below 2^63: the exact integer, less the low-order digits that
/// the table `insignificantDigitsNumber` says 53 bits cannot hold, rounded half up.
fn long_path_digits(v: f64) -> Option<(String, i32)> {
    if v.fract() != 0.0 || v >= 9_223_372_036_854_775_808.0 {
        return None;
    }
    let bin_exp = ((v.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    // insignificantDigitsForPow2(binExp - 53 - 1): floor(p2 * log10(2)) for 1 < p2 < 64.
    let p2 = bin_exp - 54;
    let insignificant = if p2 > 1 { (f64::from(p2) * std::f64::consts::LOG10_2).floor() as u32 } else { 0 };
    let mut value = v as u64;
    let mut exp = 0;
    if insignificant > 0 {
        let pow10 = 10u64.pow(insignificant);
        let residue = value % pow10;
        value /= pow10;
        exp += insignificant as i32;
        if residue >= pow10 / 2 {
            value += 1;
        }
    }
    let text = value.to_string();
    exp += text.len() as i32;
    Some((text.trim_end_matches('0').to_owned(), exp))
}

/// `FloatingDecimal.toJavaFormatString`: plain notation for 10^-3 <= |v| < 10^7, else `d.dddEn`.
fn layout(out: &mut String, digits: &str, exp: i32) {
    let n = digits.len() as i32;
    if 0 < exp && exp <= 7 {
        if n <= exp {
            out.push_str(digits);
            out.extend(std::iter::repeat('0').take((exp - n) as usize));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..exp as usize]);
            out.push('.');
            out.push_str(&digits[exp as usize..]);
        }
    } else if -3 < exp && exp <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take((-exp) as usize));
        out.push_str(digits);
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if n > 1 { &digits[1..] } else { "0" });
        out.push('E');
        out.push_str(&(exp - 1).to_string());
    }
}

/// `Double.valueOf(text)`: Java's grammar (surrounding chars up to U+0020 ignored, optional sign, `NaN`,
/// `Infinity`, decimal with optional exponent, hexadecimal `0x1.8p3`, optional `f`/`F`/`d`/`D` suffix), which
/// differs from Rust's (`inf`, `nan` are not Java; `1.5d` and hex are not Rust). `None` where Java throws
/// `NumberFormatException`.
pub(crate) fn parse_double(text: &str) -> Option<f64> {
    let s = text.trim_matches(|c: char| c <= ' ');
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude = match body {
        "NaN" => f64::NAN,
        "Infinity" => f64::INFINITY,
        _ if body.starts_with("0x") || body.starts_with("0X") => parse_hex(&body[2..])?,
        _ => {
            let body = body.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(body);
            if !is_java_decimal(body) {
                return None;
            }
            body.parse::<f64>().ok()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `digits[.digits][e[+-]digits]` or `.digits[...]`, at least one mantissa digit.
fn is_java_decimal(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.map_or(true, |e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// The part after `0x` of a Java hexadecimal float: `h[.h]p[+-]d` with an optional type suffix. Exact up to 28
/// significant hex digits (more are truncated; Java rounds them).
fn parse_hex(s: &str) -> Option<f64> {
    let s = s.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(s);
    let (mantissa, exponent) = s.split_once(['p', 'P'])?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let exp_digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if exp_digits.is_empty() || !exp_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut exp: i64 = exponent.parse().unwrap_or(if exponent.starts_with('-') { -100_000 } else { 100_000 });
    let (mut value, mut used) = (0u128, 0);
    for (i, c) in int.chars().chain(frac.chars()).enumerate() {
        let d = c.to_digit(16)?;
        let in_frac = i >= int.len();
        if used < 28 && (value != 0 || d != 0) {
            value = value * 16 + u128::from(d);
            used += 1;
            if in_frac {
                exp -= 4;
            }
        } else if value == 0 && in_frac {
            exp -= 4; // leading zeros after the point
        } else if !in_frac && value != 0 {
            exp += 4; // integer digits beyond what we keep
        }
    }
    let exp = exp.clamp(-2000, 2000) as i32;
    // Scale in two steps so that 2^exp itself does not overflow before the product is formed.
    let half = exp / 2;
    Some(value as f64 * 2f64.powi(half) * 2f64.powi(exp - half))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_java() {
        for (v, java) in [
            (1.0, "1.0"),
            (100.0, "100.0"),
            (1.5, "1.5"),
            (-0.0, "-0.0"),
            (1e-5, "1.0E-5"),
            (1e10, "1.0E10"),
            (1234567.0, "1234567.0"),
            (12345678.0, "1.2345678E7"),
            (0.001, "0.001"),
            (0.0001, "1.0E-4"),
            (2.82879384806159E17, "2.82879384806159008E17"),
            (f64::from_bits(0x4361_211B_BEB9_FA6E), "3.8571821214192496E16"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1.0E23, "1.0E23"),
            (9007199254740993.0, "9.007199254740992E15"),
        ] {
            assert_eq!(double_to_string(v), java, "{v:e}");
        }
    }

    #[test]
    fn parses_like_java() {
        assert_eq!(parse_double(" 1.5d "), Some(1.5));
        assert_eq!(parse_double("+2e3"), Some(2000.0));
        assert_eq!(parse_double(".5"), Some(0.5));
        assert_eq!(parse_double("5."), Some(5.0));
        assert_eq!(parse_double("0x1p3"), Some(8.0));
        assert_eq!(parse_double("0x.8p1"), Some(1.0));
        assert_eq!(parse_double("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(parse_double("NaN").is_some_and(f64::is_nan));
        for bad in ["inf", "nan", "1.5x", "", "e5", "1e", "0x1", "abc", "1_0"] {
            assert_eq!(parse_double(bad), None, "{bad}");
        }
    }
}
