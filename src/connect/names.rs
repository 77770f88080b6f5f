//! Name handling of AvroData: splitting Connect's dotted names and scrubbing names Avro would refuse.

use super::ConnectError;

/// `doScrubName`: a name that is not `[A-Za-z_][A-Za-z0-9_]*` is URL-encoded (UTF-8), every character outside
/// `[A-Za-z0-9_]` becomes `_`, and a leading digit gets an `x` in front. Unchanged when `scrub` is off.
pub(crate) fn scrub_name(name: &str, scrub: bool) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if !scrub || name.is_empty() || (name.chars().all(plain) && !name.starts_with(|c: char| c.is_ascii_digit())) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() * 3);
    let mut buf = [0u8; 4];
    for c in name.chars() {
        if plain(c) {
            out.push(c);
        } else if matches!(c, '.' | '-' | '*' | ' ') {
            // URLEncoder keeps . - * and writes a space as +; all four then become _.
            out.push('_');
        } else {
            // %XX per UTF-8 byte, and the % becomes _.
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push('_');
                out.push_str(&format!("{b:02X}"));
            }
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'x');
    }
    out
}

/// `splitName`: (namespace, simple name) of a dotted Connect name, each part scrubbed when `scrub` is on. As in
/// Java's `String.split`, trailing empty parts are dropped; a name of dots only fails as it does in Java.
pub(crate) fn split_name(full: &str, scrub: bool) -> Result<(Option<String>, String), ConnectError> {
    if full.is_empty() {
        return Ok((None, String::new()));
    }
    let mut parts: Vec<&str> = full.split('.').collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    let parts: Vec<String> = parts.iter().map(|p| scrub_name(p, scrub)).collect();
    match parts.as_slice() {
        [] => Err(ConnectError::InvalidName { name: full.to_owned(), reason: "a name of dots only" }),
        [one] => Ok((None, one.clone())),
        [space @ .., last] => Ok((Some(space.join(".")), last.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_as_confluent_does() {
        assert_eq!(scrub_name("bad-name", true), "bad_name");
        assert_eq!(scrub_name("9lives", true), "x9lives");
        assert_eq!(scrub_name("with space", true), "with_space");
        assert_eq!(scrub_name("naïve", true), "na_C3_AFve");
        assert_eq!(scrub_name("日本", true), "_E6_97_A5_E6_9C_AC");
        assert_eq!(scrub_name("ok_1", true), "ok_1");
        assert_eq!(scrub_name("bad-name", false), "bad-name");
    }

    #[test]
    fn splits_as_java_split_does() {
        assert_eq!(split_name("a.b.C", false).unwrap(), (Some("a.b".into()), "C".into()));
        assert_eq!(split_name("ns.Trail.", false).unwrap(), (Some("ns".into()), "Trail".into()));
        assert_eq!(split_name(".Lead", false).unwrap(), (Some(String::new()), "Lead".into()));
        assert_eq!(split_name("a..b", false).unwrap(), (Some("a.".into()), "b".into()));
        assert!(split_name(".", false).is_err());
    }
}
