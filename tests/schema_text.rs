//! Schema text, canonical form and fingerprints against Java Avro 1.11.3 on the corpus in tests/data/schemas:
//! for every `corpus/NAME.avsc`, `expected/NAME.json` holds what Java made of it (see the README there).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use avroconv::schema::{Fingerprint, Kind, LogicalType, NodeId, Schema};
use serde_json::Value;

struct Case {
    name: String,
    input: String,
    expected: Value,
}

fn corpus() -> Vec<Case> {
    // SCHEMA_CORPUS lets a differential run use another corpus/expected pair (e.g. a large fuzzed one).
    let root = std::env::var_os("SCHEMA_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schemas"));
    let mut inputs: Vec<PathBuf> = fs::read_dir(root.join("corpus"))
        .expect("corpus folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "avsc"))
        .collect();
    inputs.sort();
    inputs
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let expected_path = root.join("expected").join(format!("{name}.json"));
            let expected = fs::read_to_string(&expected_path).unwrap_or_else(|e| {
                panic!("{}: {e} (regenerate, see tests/data/schemas/README.md)", expected_path.display())
            });
            let expected =
                serde_json::from_str(&expected).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            let input = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Case { name, input, expected }
        })
        .collect()
}

/// Whether the run uses the checked-in corpus (whose size the tests also check), not one from SCHEMA_CORPUS.
fn checked_in() -> bool {
    std::env::var_os("SCHEMA_CORPUS").is_none()
}

fn expected<'a>(case: &'a Case, key: &str) -> &'a str {
    case.expected[key].as_str().unwrap_or_else(|| panic!("{}: no {key} in the expected output", case.name))
}

/// Runs `check` on every case and fails once with every mismatch listed.
fn check_all(what: &str, mut check: impl FnMut(&Case) -> Option<Result<(), String>>) -> usize {
    let cases = corpus();
    assert!(!checked_in() || cases.len() >= 200, "the corpus shrank to {} schemas", cases.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        match check(case) {
            Some(Ok(())) => checked += 1,
            Some(Err(e)) => failures.push(format!("{}: {e}", case.name)),
            None => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{what}: {} of {} differ from Java:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    checked
}

#[test]
fn accepts_and_rejects_what_java_does() {
    let (mut valid, mut invalid) = (0, 0);
    check_all("acceptance", |case| {
        let ours = Schema::parse(&case.input);
        let java_error = case.expected.get("error").and_then(Value::as_str);
        Some(match (ours, java_error) {
            (Ok(_), None) => {
                valid += 1;
                Ok(())
            }
            (Err(e), Some(_)) => {
                invalid += 1;
                // Our errors say where: a JSON path, plus line and column for JSON syntax errors.
                let text = e.to_string();
                if text.starts_with("invalid schema at $") {
                    Ok(())
                } else {
                    Err(format!("error without a location: {text}"))
                }
            }
            (Err(e), None) if known_refusal(&e.to_string()) => Ok(()),
            (Ok(s), Some(java)) => Err(format!("Java rejects ({java}), we accept: {s}")),
            (Err(e), None) => Err(format!("Java accepts, we reject: {e}")),
        })
    });
    assert!(!checked_in() || (valid >= 200 && invalid >= 30), "{valid} valid and {invalid} invalid schemas");
}

// Known deviations from Java, as rules rather than lists of cases so that a differential run on a fuzzed corpus
// (SCHEMA_CORPUS) needs no editing. Each rule is narrow: an exact token, an exact error.

/// Whether our text differs from Java's only where we knowingly print numbers otherwise:
/// - JDK <= 18's Double.toString prints some of the smallest subnormals with a digit too many (JDK-4511638):
///   4.9E-324 where JDK 19+ and we print 5.0E-324 (8 of 100,000 random subnormals). Corpus: def-floats.
/// - Jackson reads integers beyond 64 bits as BigInteger and prints them as such; serde_json (without its
///   arbitrary_precision feature, which would change number equality crate-wide) reads them as doubles.
///   Corpus: edge-bigint-prop, edge-double-default-bigint, lt-decimal-bigint-precision.
fn known_number_deviations(java: &str, ours: &str) -> bool {
    let (java, ours) = (json_tokens(java), json_tokens(ours));
    java.len() == ours.len()
        && java.iter().zip(&ours).all(|(j, o)| {
            j == o
                || (j.contains('E')
                    && o.contains('E')
                    && j.parse::<f64>().ok().is_some_and(|v| v != 0.0 && v.abs() < f64::MIN_POSITIVE)
                    && j.parse::<f64>().ok() == o.parse::<f64>().ok())
                || (j.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                    && j.parse::<i64>().is_err()
                    && j.parse::<u64>().is_err()
                    && o.contains('E')
                    && j.parse::<f64>().ok() == o.parse::<f64>().ok())
        })
}

/// Compact JSON text cut into strings, numbers and single punctuation characters.
fn json_tokens(text: &str) -> Vec<&str> {
    let (mut tokens, bytes, mut i) = (Vec::new(), text.as_bytes(), 0);
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
        tokens.push(&text[start..i.min(text.len())]);
    }
    tokens
}

/// Java accepts, we refuse: Jackson reads 1e400 as the double Infinity (and Java then prints the property as
/// the string "Infinity"); serde_json refuses numbers out of the double range. Corpus: edge-huge-double.
fn known_refusal(error: &str) -> bool {
    error.contains("not valid JSON: number out of range")
}

/// The text reads back as another schema, in Java as with us: an alias ".x" is x in no namespace, Java prints it
/// as "x", which reads back in the type's namespace (Java's equals ignores aliases, so Java calls the round trip
/// "same"). Corpus: edge-alias-leading-dot.
fn has_leading_dot_alias(json: &Value) -> bool {
    match json {
        Value::Object(map) => map.iter().any(|(k, v)| {
            (k == "aliases"
                && v.as_array().is_some_and(|a| a.iter().any(|x| x.as_str().is_some_and(|x| x.starts_with('.')))))
                || has_leading_dot_alias(v)
        }),
        Value::Array(items) => items.iter().any(has_leading_dot_alias),
        _ => false,
    }
}

#[test]
fn text_is_javas_schema_to_string() {
    let n = check_all("Schema.toString()", |case| {
        let schema = Schema::parse(&case.input).ok()?;
        let java = expected(case, "text");
        let ours = schema.to_string();
        let known = || known_number_deviations(java, &ours);
        Some(if ours == java || known() { Ok(()) } else { Err(format!("\n  java: {java}\n  ours: {ours}")) })
    });
    assert!(!checked_in() || n >= 200, "only {n} texts compared");
}

#[test]
fn canonical_form_and_fingerprints_are_javas() {
    let n = check_all("canonical form", |case| {
        let schema = Schema::parse(&case.input).ok()?;
        let canonical = schema.canonical_form();
        if canonical != expected(case, "canonical") {
            return Some(Err(format!("\n  java: {}\n  ours: {canonical}", expected(case, "canonical"))));
        }
        for (algorithm, key) in
            [(Fingerprint::Rabin, "rabin"), (Fingerprint::Md5, "md5"), (Fingerprint::Sha256, "sha256")]
        {
            let ours = hex::encode(schema.fingerprint(algorithm));
            if ours != expected(case, key) {
                return Some(Err(format!("{key}: java {}, ours {ours}", expected(case, key))));
            }
        }
        let rabin = hex::encode(schema.rabin_fingerprint().to_le_bytes());
        Some(if rabin == expected(case, "rabin") { Ok(()) } else { Err(format!("rabin_fingerprint(): {rabin}")) })
    });
    assert!(!checked_in() || n >= 200, "only {n} canonical forms compared");
}

/// The logical types we read, in the order of the oracle's walk (a node before its children, named types once),
/// for the types that carry a `logicalType` property; written as the oracle writes Java's `getLogicalType()`.
fn logical_types(schema: &Schema, id: NodeId, seen: &mut HashSet<NodeId>, out: &mut Vec<String>) {
    let node = schema.node(id);
    if node.name().is_some() && !seen.insert(id) {
        return;
    }
    if !matches!(node.kind, Kind::Union(_)) && node.props.get("logicalType").is_some() {
        out.push(match node.logical {
            None => "none".to_owned(),
            // Java 1.11 has no duration logical type: Java says none where the specification (and we) say duration.
            Some(LogicalType::Duration) => "none".to_owned(),
            Some(LogicalType::Decimal { precision, scale }) => format!("decimal({precision},{scale})"),
            Some(other) => other.name().to_owned(),
        });
    }
    match &node.kind {
        Kind::Record(r) => r.fields.iter().for_each(|f| logical_types(schema, f.schema, seen, out)),
        Kind::Union(branches) => branches.iter().for_each(|&b| logical_types(schema, b, seen, out)),
        Kind::Array(inner) | Kind::Map(inner) => logical_types(schema, *inner, seen, out),
        _ => {}
    }
}

#[test]
fn logical_types_are_javas() {
    let n = check_all("logical types", |case| {
        let schema = Schema::parse(&case.input).ok()?;
        let mut ours = Vec::new();
        logical_types(&schema, schema.root(), &mut HashSet::new(), &mut ours);
        let java: Vec<&str> = case.expected["logical"].as_array()?.iter().filter_map(Value::as_str).collect();
        Some(if ours == java { Ok(()) } else { Err(format!("java {java:?}, ours {ours:?}")) })
    });
    assert!(!checked_in() || n >= 200, "only {n} schemas compared");
}

#[test]
fn printed_text_parses_back_to_the_same_schema() {
    let n = check_all("parse(print(s))", |case| {
        let schema = Schema::parse(&case.input).ok()?;
        let text = schema.to_string();
        // Where Java's own text reads back as another text (aliases ".x" and "x" print alike and then merge), ours
        // must do the same.
        if let Some(java_again) = case.expected["reparse"].as_str().and_then(|r| r.strip_prefix("different text: ")) {
            return Some(match Schema::parse(&text) {
                Ok(again) if again.to_string() == java_again => Ok(()),
                Ok(again) => Err(format!("second text\n  java: {java_again}\n  ours: {again}")),
                Err(e) => Err(format!("our own text is refused: {e}\n  {text}")),
            });
        }
        if case.expected["reparse"] != "same" {
            return Some(Err(format!("Java's own round trip: {}", case.expected["reparse"])));
        }
        Some(match Schema::parse(&text) {
            Ok(again) if again == schema => Ok(()),
            Ok(again)
                if again.to_string() == text
                    && serde_json::from_str(&case.input).is_ok_and(|json| has_leading_dot_alias(&json)) =>
            {
                Ok(())
            }
            Ok(again) => Err(format!("reparsed differently: {again:?}")),
            Err(e) => Err(format!("our own text is refused: {e}\n  {text}")),
        })
    });
    assert!(!checked_in() || n >= 200, "only {n} round trips");
}

mod mutated {
    //! Random edits of the corpus files: whatever the parser makes of them, it must not panic, and what it accepts
    //! must print a text that reads back to itself.

    use super::*;
    use proptest::prelude::*;

    /// Snippets that make edits interesting for a schema parser rather than only breaking the JSON.
    const TOKENS: &[&str] = &[
        "\"null\"",
        "\"int\"",
        "\"record\"",
        "\"E\"",
        "\"a.b\"",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        "\"\"",
        "-0",
        "1e400",
        "1.5",
        "\"default\":",
        "\"namespace\":\"\",",
        "\"aliases\":[\"x\"],",
        "\"type\":",
        "null",
        "/*c*/",
        "\\u0000",
        "\"logicalType\":\"decimal\",",
        "\"precision\":3,",
        "\"size\":1,",
        "é",
        "😀",
    ];

    fn inputs() -> &'static [String] {
        static INPUTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        INPUTS.get_or_init(|| corpus().into_iter().map(|c| c.input).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_and_printing_reaches_a_fixpoint(
            file in any::<prop::sample::Index>(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..8, prop::sample::select(TOKENS)), 1..4),
        ) {
            let inputs = inputs();
            let mut text = inputs[file.index(inputs.len())].clone();
            for (at, cut, token) in edits {
                let start = at.index(text.len() + 1);
                let start = (0..=start).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                let end = (start + cut).min(text.len());
                let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
                text.replace_range(start..end, token);
            }
            // Printed text parses again, and printing reaches a fixed point after one round trip. Not at once:
            // like Java, aliases print relative to the type's namespace, so `[".x", "x"]` in namespace `n` (the
            // names `x` and `n.x`) both print as "x" and then merge.
            if let Ok(schema) = Schema::parse(&text) {
                let reprint = |printed: &str| {
                    Schema::parse(printed)
                        .map(|s| s.to_string())
                        .map_err(|e| TestCaseError::fail(format!("{e}: {printed}")))
                };
                let twice = reprint(&schema.to_string())?;
                prop_assert_eq!(reprint(&twice)?, twice);
                let _ = (schema.canonical_form(), schema.rabin_fingerprint());
            }
        }
    }
}

