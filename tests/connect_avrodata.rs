//! avroconv's Connect <-> Avro mapping against Confluent 7.0.16's AvroData, run by tools/oracle/AvroDataOracle.java
//! over tests/data/connect/schemas.jsonl and avro_inputs.jsonl (outputs: expected.jsonl, expected_avro.jsonl).

use std::collections::{HashMap, HashSet};

use avroconv::connect::{from_connect_schema, to_connect_schema, AvroDataConfig, ConnectSchema};
use avroconv::schema::{Kind, NodeId, Schema};
use serde_json::{json, Map, Value};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/connect/");

fn lines(file: &str) -> Vec<Value> {
    std::fs::read_to_string(format!("{DATA}{file}"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The AvroDataOracle config variants.
fn config(name: &str) -> AvroDataConfig {
    let props: &[(&str, &str)] = match name {
        "default" => &[],
        "no_meta" => &[("connect.meta.data", "false")],
        "enhanced" => &[("enhanced.avro.schema.support", "true")],
        "scrub" => &[("scrub.invalid.names", "true")],
        "optional_map_keys" => &[("allow.optional.map.keys", "true")],
        "discard_doc_default" => &[("discard.type.doc.default", "true")],
        other => panic!("unknown config {other}"),
    };
    AvroDataConfig::from_props(props.iter().copied()).unwrap()
}

/// Java Avro 1.11's `Schema.toString()` as a JSON tree, in its attribute order (named types defined once, then
/// referenced by name; namespaces written only where they change). Compared as serialized text, so attribute
/// order counts.
fn java_json(s: &Schema, id: NodeId, names: &mut HashSet<String>, space: &mut Option<String>) -> Value {
    let node = s.node(id);
    let with_props = |mut obj: Map<String, Value>| {
        for (k, v) in node.props.iter() {
            obj.insert(k.to_owned(), v.clone());
        }
        Value::Object(obj)
    };
    if let Some(name) = node.name() {
        if names.contains(name.full_name()) {
            return Value::String(if name.namespace() == space.as_deref() {
                name.name().to_owned()
            } else {
                name.full_name().to_owned()
            });
        }
        names.insert(name.full_name().to_owned());
    }
    let mut obj = Map::new();
    obj.insert("type".into(), node.type_name().into());
    let write_name = |obj: &mut Map<String, Value>, name: &avroconv::schema::Name, space: &Option<String>| {
        obj.insert("name".into(), name.name().into());
        match (name.namespace(), space.as_deref()) {
            (Some(ns), cur) if Some(ns) != cur => {
                obj.insert("namespace".into(), ns.into());
            }
            (None, Some(_)) => {
                obj.insert("namespace".into(), "".into());
            }
            _ => {}
        }
    };
    match &node.kind {
        Kind::Record(r) => {
            write_name(&mut obj, &r.name, space);
            if let Some(d) = &r.doc {
                obj.insert("doc".into(), d.as_str().into());
            }
            let saved = std::mem::replace(space, r.name.namespace().map(str::to_owned));
            let fields = r
                .fields
                .iter()
                .map(|f| {
                    let mut fo = Map::new();
                    fo.insert("name".into(), f.name.as_str().into());
                    fo.insert("type".into(), java_json(s, f.schema, names, space));
                    if let Some(d) = &f.doc {
                        fo.insert("doc".into(), d.as_str().into());
                    }
                    if let Some(d) = &f.default {
                        fo.insert("default".into(), d.clone());
                    }
                    for (k, v) in f.props.iter() {
                        fo.insert(k.to_owned(), v.clone());
                    }
                    Value::Object(fo)
                })
                .collect();
            *space = saved;
            obj.insert("fields".into(), Value::Array(fields));
            with_props(obj)
        }
        Kind::Enum(e) => {
            write_name(&mut obj, &e.name, space);
            if let Some(d) = &e.doc {
                obj.insert("doc".into(), d.as_str().into());
            }
            obj.insert("symbols".into(), json!(e.symbols));
            if let Some(d) = &e.default {
                obj.insert("default".into(), d.as_str().into());
            }
            with_props(obj)
        }
        Kind::Fixed(f) => {
            write_name(&mut obj, &f.name, space);
            obj.insert("size".into(), f.size.into());
            with_props(obj)
        }
        Kind::Array(items) => {
            obj.insert("items".into(), java_json(s, *items, names, space));
            with_props(obj)
        }
        Kind::Map(values) => {
            obj.insert("values".into(), java_json(s, *values, names, space));
            with_props(obj)
        }
        Kind::Union(branches) => Value::Array(branches.iter().map(|b| java_json(s, *b, names, space)).collect()),
        _ if node.props.is_empty() => Value::String(node.type_name().into()),
        _ => with_props(obj),
    }
}

fn java_text(s: &Schema) -> String {
    serde_json::to_string(&java_json(s, s.root(), &mut HashSet::new(), &mut None)).unwrap()
}

/// Java's text, re-serialised the same way (same escaping and number forms; attribute order kept).
fn normalise(text: &str) -> String {
    serde_json::to_string(&serde_json::from_str::<Value>(text).unwrap()).unwrap()
}

fn check_round_trip(avro: &Schema, row: &Value, cfg: &AvroDataConfig, key: &str, version: Option<i32>) -> Result<(), String> {
    let ours = to_connect_schema(avro, version, cfg);
    match (row.get(key), row.get(format!("{key}_error")), ours) {
        (Some(want), _, Ok(got)) => {
            let want: ConnectSchema = serde_json::from_value(want.clone()).unwrap();
            if want != got {
                let (w, g) = (serde_json::to_value(&want).unwrap(), serde_json::to_value(&got).unwrap());
                return Err(format!("{key}: {}", first_diff(&w, &g, "$").unwrap_or_else(|| "map order".into())));
            }
        }
        (_, Some(_), Err(_)) => {}
        (_, Some(e), Ok(got)) => return Err(format!("{key}: Confluent fails with {e}, we gave {}", got.to_json())),
        (Some(_), _, Err(e)) => return Err(format!("{key}: we failed: {e}")),
        (None, None, _) => return Err(format!("{key}: no expectation")),
    }
    Ok(())
}

/// Where two descriptions first differ, for readable failures.
fn first_diff(want: &Value, got: &Value, at: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => {
                        if let Some(d) = first_diff(wv, gv, &format!("{at}.{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{at}.{k}: want {wv}, got nothing")),
                }
            }
            g.keys().find(|k| !w.contains_key(*k)).map(|k| format!("{at}.{k}: want nothing, got {}", g[k]))
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            w.iter().zip(g).enumerate().find_map(|(i, (a, b))| first_diff(a, b, &format!("{at}[{i}]")))
        }
        _ if want == got => None,
        _ => Some(format!("{at}: want {want}, got {got}")),
    }
}

#[test]
fn from_connect_schema_matches_confluent() {
    let (texts, errors, trips) = check_corpus("schemas.jsonl", "expected.jsonl");
    assert!(texts > 1000 && errors > 100 && trips > 2000, "{texts} {errors} {trips}");
}

#[test]
fn random_connect_schemas_match_confluent() {
    let (texts, errors, trips) = check_corpus("random_schemas.jsonl", "expected_random.jsonl");
    assert!(texts > 3000 && errors > 200 && trips > 6000, "{texts} {errors} {trips}");
}

/// Runs every case of a corpus under every config; returns (texts identical, errors shared, round trips equal).
fn check_corpus(corpus_file: &str, expected_file: &str) -> (usize, usize, usize) {
    let corpus: HashMap<String, Value> =
        lines(corpus_file).into_iter().map(|c| (c["id"].as_str().unwrap().to_owned(), c["schema"].clone())).collect();
    assert!(corpus.len() >= 150, "corpus has {} schemas", corpus.len());
    let (mut texts, mut errors, mut trips, mut failures) = (0, 0, 0, Vec::new());
    let rows = lines(expected_file);
    assert_eq!(rows.len(), corpus.len() * 6, "the oracle covered every case under every config");
    for row in rows {
        let id = row["id"].as_str().unwrap();
        let cfg_name = row["config"].as_str().unwrap();
        let cfg = config(cfg_name);
        let what = format!("{id} [{cfg_name}]");
        let parsed = ConnectSchema::from_json(&corpus[id].to_string());
        if row.get("build_error").is_some() {
            if parsed.is_ok() {
                failures.push(format!("{what}: Connect refuses the description ({}), we accepted it", row["build_error"]));
            }
            continue;
        }
        let schema = match parsed {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{what}: we refused the description: {e}"));
                continue;
            }
        };
        let ours = from_connect_schema(&schema, &cfg);
        match (row.get("avro").and_then(Value::as_str), ours) {
            (Some(want), Ok(got)) => {
                // Byte for byte: the text we would register is Java's text.
                let got_text = got.to_string();
                if want != got_text {
                    let structure = if normalise(want) == java_text(&got) { "same structure" } else { "different structure" };
                    failures.push(format!("{what} ({structure}):\n want {want}\n got  {got_text}"));
                    continue;
                }
                texts += 1;
                let avro = Schema::parse(want).unwrap();
                for (key, version) in [("connect", None), ("connect_v3", Some(3))] {
                    match check_round_trip(&avro, &row, &cfg, key, version) {
                        Ok(()) => trips += 1,
                        Err(e) => failures.push(format!("{what}: {e}")),
                    }
                }
            }
            (None, Err(_)) => errors += 1,
            (None, Ok(got)) => {
                failures.push(format!("{what}: Confluent fails with {}, we gave {}", row["error"], java_text(&got)))
            }
            (Some(want), Err(e)) => failures.push(format!("{what}: we failed ({e}), Confluent gave {want}")),
        }
    }
    eprintln!("{corpus_file}: {texts} texts identical, {errors} errors where Confluent errs, {trips} round trips equal");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    (texts, errors, trips)
}

#[test]
fn to_connect_schema_matches_confluent() {
    assert!(check_avro_corpus("avro_inputs.jsonl", "expected_avro.jsonl") > 400);
}

#[test]
fn random_avro_schemas_match_confluent() {
    assert!(check_avro_corpus("random_avro.jsonl", "expected_random_avro.jsonl") > 4000);
}

/// toConnectSchema of every Avro input under every config; returns how many conversions agree.
fn check_avro_corpus(corpus_file: &str, expected_file: &str) -> usize {
    let corpus: HashMap<String, Value> =
        lines(corpus_file).into_iter().map(|c| (c["id"].as_str().unwrap().to_owned(), c["avro"].clone())).collect();
    let mut failures = Vec::new();
    let mut n = 0;
    let rows = lines(expected_file);
    assert_eq!(rows.len(), corpus.len() * 6, "the oracle covered every input under every config");
    for row in rows {
        let id = row["id"].as_str().unwrap();
        let cfg_name = row["config"].as_str().unwrap();
        let avro = match (Schema::from_json(&corpus[id]), row.get("parse_error")) {
            (Ok(avro), None) => avro,
            (Err(_), Some(_)) => {
                n += 1;
                continue;
            }
            (Ok(_), Some(e)) => {
                failures.push(format!("{id}: Java refuses the schema ({e}), we parsed it"));
                continue;
            }
            (Err(e), None) => {
                failures.push(format!("{id}: we refuse the schema: {e}"));
                continue;
            }
        };
        for (key, version) in [("connect", None), ("connect_v3", Some(3))] {
            match check_round_trip(&avro, &row, &config(cfg_name), key, version) {
                Ok(()) => n += 1,
                Err(e) => failures.push(format!("{id} [{cfg_name}]: {e}")),
            }
        }
    }
    eprintln!("{corpus_file}: {n} Avro -> Connect conversions equal");
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    n
}

#[test]
fn cdc_and_wide_match_the_registered_schemas() {
    // What Confluent registered for the Debezium ods.cdc_events key/value and the 40-field wide record.
    let corpus: HashMap<String, Value> =
        lines("schemas.jsonl").into_iter().map(|c| (c["id"].as_str().unwrap().to_owned(), c["schema"].clone())).collect();
    for (id, file) in [("cdc_value", "cdc.avsc"), ("cdc_key", "key.avsc"), ("wide", "wide.avsc")] {
        let schema = ConnectSchema::from_json(&corpus[id].to_string()).unwrap();
        let avro = from_connect_schema(&schema, &AvroDataConfig::default()).unwrap();
        let want = std::fs::read_to_string(format!("{DATA}{file}")).unwrap();
        assert_eq!(avro.to_string(), want.trim(), "{id}");
        assert_eq!(java_text(&avro), normalise(want.trim()), "{id}");
    }
}

#[test]
fn errors_are_typed() {
    use avroconv::connect::ConnectError as E;
    let corpus: HashMap<String, Value> =
        lines("schemas.jsonl").into_iter().map(|c| (c["id"].as_str().unwrap().to_owned(), c["schema"].clone())).collect();
    let run = |id: &str, cfg: AvroDataConfig| {
        from_connect_schema(&ConnectSchema::from_json(&corpus[id].to_string()).unwrap(), &cfg).unwrap_err()
    };
    let scrub = AvroDataConfig { scrub_invalid_names: true, ..AvroDataConfig::default() };
    assert_eq!(run("map_two_non_string_in_record", AvroDataConfig::default()), E::Redefined("io.confluent.connect.avro.MapEntry".into()));
    assert_eq!(run("name_same_name_different_struct", AvroDataConfig::default()), E::Redefined("r.Sub".into()));
    assert!(matches!(run("invalid_field_name", AvroDataConfig::default()), E::InvalidName { .. }));
    assert!(matches!(run("invalid_record_name_digit", AvroDataConfig::default()), E::InvalidName { .. }));
    assert_eq!(run("invalid_field_names_collide", scrub), E::DuplicateField("a_b".into()));
    assert!(matches!(run("union_struct_dup_types", AvroDataConfig::default()), E::UnionBranch(_)));
    assert!(matches!(run("decimal_on_int", AvroDataConfig::default()), E::LogicalType(_)));
    assert!(matches!(run("fixed_decimal", AvroDataConfig::default()), E::LogicalType(_)));
    assert!(matches!(run("decimal_bad_scale", AvroDataConfig::default()), E::InvalidParameter { .. }));
    let null = Schema::parse("\"null\"").unwrap();
    assert_eq!(to_connect_schema(&null, None, &AvroDataConfig::default()).unwrap_err(), E::NullSchema);
    // The crate error wraps it.
    let e: avroconv::Error = E::NullSchema.into();
    assert!(matches!(e, avroconv::Error::Connect(E::NullSchema)));
}

#[test]
fn config_reads_confluent_keys() {
    let c = AvroDataConfig::from_props([
        ("connect.meta.data", "FALSE"),
        ("schemas.cache.config", "5"),
        ("ignore.default.for.nullables", "true"), // not in 7.0.16: ignored
    ])
    .unwrap();
    assert!(!c.connect_meta_data);
    assert_eq!(c.schemas_cache_size, 5);
    assert!(AvroDataConfig::from_props([("schemas.cache.config", "0")]).is_err());
    assert!(AvroDataConfig::from_props([("scrub.invalid.names", "yes")]).is_err());
}

#[test]
fn hostile_avro_schemas_fail_cleanly() {
    let cfg = AvroDataConfig::default();
    // Recursive: Java builds a cyclic Connect schema, which a tree of values cannot hold.
    let list = Schema::parse(r#"{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}"#).unwrap();
    assert!(to_connect_schema(&list, None, &cfg).is_err());
    // A DAG that doubles at every level would expand to 2^40 Connect schemas.
    let mut text = r#"{"type":"record","name":"R0","fields":[]}"#.to_owned();
    for i in 1..40 {
        text = format!(r#"{{"type":"record","name":"R{i}","fields":[{{"name":"a","type":{text}}},{{"name":"b","type":"R{}"}}]}}"#, i - 1);
    }
    let dag = Schema::parse(&text).unwrap();
    assert!(to_connect_schema(&dag, None, &cfg).is_err());
}
