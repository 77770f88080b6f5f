//! Reading schema text the way Java Avro's `Schema.Parser.parse(String)` does with Jackson: `/* */` and `//`
//! comments are allowed (Avro enables `ALLOW_COMMENTS`), anything but whitespace after the schema is refused
//! ("dangling content"), where whitespace is what Java's `String.trim` strips (every char up to U+0020), and `-0`
//! is the integer 0 (serde_json would read the double -0.0, which prints as `-0.0`).

use std::borrow::Cow;

use super::jsontree::Json;

/// Parses the first JSON value of `text` and checks that only whitespace follows it.
pub(crate) fn read(text: &str) -> Result<Json<'_>, String> {
    match normalize(text)? {
        Cow::Borrowed(cleaned) => read_from(text, cleaned),
        // Comments or `-0`: rare, so the tree is copied out of the cleaned text rather than borrowed from it.
        Cow::Owned(cleaned) => read_from(text, &cleaned).map(Json::into_owned),
    }
}

/// Reads `cleaned`, the normalised `text`, of the same length.
fn read_from<'a>(text: &str, cleaned: &'a str) -> Result<Json<'a>, String> {
    let mut values = serde_json::Deserializer::from_str(cleaned).into_iter::<Json<'a>>();
    let value = match values.next() {
        Some(Ok(value)) => value,
        Some(Err(e)) => return Err(e.to_string()),
        None => return Err("no content: cannot parse <null> schema".to_owned()),
    };
    // Comments after the schema are dangling content for Java, so look at the original text.
    let rest = &text[values.byte_offset()..];
    let dangling = rest.trim_matches(|c: char| c <= ' ');
    if !dangling.is_empty() {
        return Err(format!("dangling content after end of schema: {}", truncate(dangling)));
    }
    Ok(value)
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Outside strings, replaces comments with spaces (newlines kept, so serde_json's line/column stay right) and
/// the number `-0` with ` 0`. Hand-written because serde_json has no comment support and the scan is short.
fn normalize(text: &str) -> Result<Cow<'_, str>, String> {
    if !text.contains('/') && !text.contains("-0") {
        return Ok(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let (mut i, mut in_string) = (0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            out.push(b);
            match b {
                b'\\' if i + 1 < bytes.len() => {
                    out.push(bytes[i + 1]);
                    i += 1;
                }
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match (b, bytes.get(i + 1)) {
            (b'"', _) => {
                in_string = true;
                out.push(b);
                i += 1;
            }
            (b'-', Some(b'0')) if !matches!(bytes.get(i + 2), Some(b'.' | b'e' | b'E' | b'0'..=b'9')) => {
                out.push(b' ');
                i += 1;
            }
            (b'/', Some(b'/')) => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    out.push(b' ');
                    i += 1;
                }
            }
            (b'/', Some(b'*')) => {
                let Some(end) = text[i + 2..].find("*/") else {
                    return Err("unexpected end of input in a comment".to_owned());
                };
                for &c in &bytes[i..i + 2 + end + 2] {
                    out.push(if c == b'\n' || c == b'\r' { c } else { b' ' });
                }
                i += 2 + end + 2;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    // Only ASCII bytes outside strings were replaced by ASCII, so the text is still UTF-8... except inside a
    // comment holding multi-byte characters, whose bytes all became spaces: also valid UTF-8.
    String::from_utf8(out).map(Cow::Owned).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_dangling_content() {
        assert_eq!(read("/* a */ {\"type\": // b\n \"int\"} \n").unwrap().get("type").and_then(Json::as_str), Some("int"));
        assert_eq!(read("\"a//b\"").unwrap().as_str(), Some("a//b"));
        assert!(read("{\"type\":\"int\"} x").unwrap_err().contains("dangling"));
        assert!(read("{\"type\":\"int\"} // late").unwrap_err().contains("dangling"));
        assert!(read("{\"type\":\"int\"}\u{1} ").is_ok());
        assert!(read("/* open").is_err());
        assert!(read("  ").is_err());
        assert_eq!(read("[-0, -0.0, -0e1, \"-0\", -01]").map(|v| v.to_value().to_string()).unwrap_or_default(), "");
        assert_eq!(read("[-0, -0.0, -0e1, \"-0\"]").unwrap().to_value().to_string(), "[0,-0.0,-0.0,\"-0\"]");
    }
}
