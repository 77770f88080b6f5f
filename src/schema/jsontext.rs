//! Reading schema text the way Java Avro's `Schema.Parser.parse(String)` does with Jackson: `/* */` and `//`
//! comments are allowed (Avro enables `ALLOW_COMMENTS`), anything but whitespace after the schema is refused
//! ("dangling content"), where whitespace is what Java's `String.trim` strips (every char up to U+0020), and `-0`
//! is the integer 0 (serde_json would read the double -0.0, which prints as `-0.0`).

use std::borrow::Cow;

use super::jsontree::Tree;
#[cfg(test)]
use super::jsontree::Json;

/// Parses the first JSON value of `text` and checks that only whitespace follows it.
pub(crate) fn read(text: &str) -> Result<Tree<'_>, String> {
    match normalize(text)? {
        Cow::Borrowed(cleaned) => read_from(text, cleaned),
        // Comments or `-0`: rare, so the tree is copied out of the cleaned text rather than borrowed from it.
        Cow::Owned(cleaned) => read_from(text, &cleaned).map(Tree::into_owned),
    }
}

/// Reads `cleaned`, the normalised `text`, of the same length.
fn read_from<'a>(text: &str, cleaned: &'a str) -> Result<Tree<'a>, String> {
    let mut values = serde_json::Deserializer::from_str(cleaned).into_iter::<Tree<'a>>();
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
///
/// The text is copied only from the first replacement on: `/` and `-0` inside strings (URLs in docs, dates in
/// defaults) are common and need none, and a borrowed text lets the tree borrow its strings.
fn normalize(text: &str) -> Result<Cow<'_, str>, String> {
    if !text.contains('/') && !text.contains("-0") {
        return Ok(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    // `bytes[..copied]` is in `out` already (when there is an `out`).
    let mut copied = 0;
    let (mut i, mut in_string) = (0, false);
    while i < bytes.len() {
        if in_string {
            // Straight to the next quote or escape.
            match bytes[i..].iter().position(|&c| c == b'"' || c == b'\\') {
                Some(n) if bytes[i + n] == b'\\' => i += n + 2,
                Some(n) => {
                    in_string = false;
                    i += n + 1;
                }
                None => break,
            }
            continue;
        }
        let b = bytes[i];
        // The end of a stretch to blank out, if one starts here.
        let blank_until = match (b, bytes.get(i + 1)) {
            (b'"', _) => {
                in_string = true;
                None
            }
            (b'-', Some(b'0')) if !matches!(bytes.get(i + 2), Some(b'.' | b'e' | b'E' | b'0'..=b'9')) => Some(i + 1),
            (b'/', Some(b'/')) => {
                Some(bytes[i..].iter().position(|&c| c == b'\n' || c == b'\r').map_or(bytes.len(), |n| i + n))
            }
            (b'/', Some(b'*')) => match text[i + 2..].find("*/") {
                Some(end) => Some(i + 2 + end + 2),
                None => return Err("unexpected end of input in a comment".to_owned()),
            },
            _ => None,
        };
        match blank_until {
            Some(until) => {
                let out = out.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
                out.extend_from_slice(&bytes[copied..i]);
                out.extend(bytes[i..until].iter().map(|&c| if c == b'\n' || c == b'\r' { c } else { b' ' }));
                copied = until;
                i = until;
            }
            None => i += 1,
        }
    }
    let Some(mut out) = out else { return Ok(Cow::Borrowed(text)) };
    out.extend_from_slice(&bytes[copied..]);
    // Only ASCII bytes outside strings were replaced by ASCII, so the text is still UTF-8... except inside a
    // comment holding multi-byte characters, whose bytes all became spaces: also valid UTF-8.
    String::from_utf8(out).map(Cow::Owned).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_dangling_content() {
        assert_eq!(read("/* a */ {\"type\": // b\n \"int\"} \n").unwrap().root().get("type").and_then(Json::as_str), Some("int"));
        assert_eq!(read("\"a//b\"").unwrap().root().as_str(), Some("a//b"));
        assert!(read("{\"type\":\"int\"} x").unwrap_err().contains("dangling"));
        assert!(read("{\"type\":\"int\"} // late").unwrap_err().contains("dangling"));
        assert!(read("{\"type\":\"int\"}\u{1} ").is_ok());
        assert!(read("/* open").is_err());
        assert!(read("  ").is_err());
        assert_eq!(read("[-0, -0.0, -0e1, \"-0\", -01]").map(|v| v.root().to_value().to_string()).unwrap_or_default(), "");
        assert_eq!(read("[-0, -0.0, -0e1, \"-0\"]").unwrap().root().to_value().to_string(), "[0,-0.0,-0.0,\"-0\"]");
        assert_eq!(read("/* x\n y */[1, -0]").unwrap().root().to_value().to_string(), "[1,0]");
        assert_eq!(read("[\"é\", // ü\n 2]").unwrap().root().to_value().to_string(), "[\"é\",2]");
    }

    #[test]
    fn copies_only_when_something_is_replaced() {
        let text = r#"{"doc": "see http://x/y", "default": "2020-01-01", "e": "\"-0//"}"#;
        assert!(matches!(normalize(text), Ok(Cow::Borrowed(t)) if t == text));
        assert_eq!(normalize("[1,-0] // c\n").unwrap(), "[1, 0]     \n");
        assert_eq!(normalize("/*a\nb*/1").unwrap(), "   \n   1");
    }
}
