//! Property tests: random schemas (a small generator over the Avro type system, logical types included) with random
//! conforming values round-trip through encode/decode and Avro JSON; random and mutated bytes never panic.

use avroconv::codec::{from_json, to_json, Decoder, Encoder};
use avroconv::schema::{Kind, LogicalType, NodeId};
use avroconv::value::Decimal;
use avroconv::{Schema, Value};
use proptest::prelude::*;
use serde_json::{json, Value as Json};

#[derive(Clone, Debug)]
enum G {
    Prim(&'static str),
    Logical(&'static str, &'static str),
    Decimal,
    Fixed(usize),
    Enum(usize),
    Array(Box<G>),
    Map(Box<G>),
    Record(Vec<G>),
    Union(Vec<G>),
}

fn gen() -> impl Strategy<Value = G> {
    let leaf = prop_oneof![
        prop::sample::select(vec!["null", "boolean", "int", "long", "float", "double", "bytes", "string"])
            .prop_map(G::Prim),
        prop::sample::select(vec![
            ("int", "date"),
            ("int", "time-millis"),
            ("long", "time-micros"),
            ("long", "timestamp-millis"),
            ("long", "timestamp-micros"),
            ("long", "local-timestamp-micros"),
            ("string", "uuid"),
        ])
        .prop_map(|(t, l)| G::Logical(t, l)),
        Just(G::Decimal),
        (0usize..6).prop_map(G::Fixed),
        (1usize..5).prop_map(G::Enum),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|g| G::Array(Box::new(g))),
            inner.clone().prop_map(|g| G::Map(Box::new(g))),
            prop::collection::vec(inner.clone(), 0..4).prop_map(G::Record),
            prop::collection::vec(inner, 1..4).prop_map(G::Union),
        ]
    })
}

fn render(g: &G, n: &mut usize) -> Json {
    *n += 1;
    let name = format!("T{n}");
    match g {
        G::Prim(p) => json!(p),
        G::Logical(t, l) => json!({"type": t, "logicalType": l}),
        G::Decimal => json!({"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}),
        G::Fixed(size) => json!({"type": "fixed", "name": name, "size": size}),
        G::Enum(k) => {
            json!({"type": "enum", "name": name, "symbols": (0..*k).map(|i| format!("S{i}")).collect::<Vec<_>>()})
        }
        G::Array(i) => json!({"type": "array", "items": render(i, n)}),
        G::Map(v) => json!({"type": "map", "values": render(v, n)}),
        G::Record(fs) => json!({"type": "record", "name": name, "fields":
            fs.iter().enumerate().map(|(i, f)| json!({"name": format!("f{i}"), "type": render(f, n)})).collect::<Vec<_>>()}),
        G::Union(bs) => {
            // A union holds no unions and no two unnamed types of the same kind.
            let mut seen = Vec::new();
            let mut out = Vec::new();
            for b in bs {
                let j = render(b, n);
                let key = match &j {
                    Json::String(s) => s.clone(),
                    Json::Array(_) => continue,
                    Json::Object(o) if o.contains_key("name") => o["name"].to_string(),
                    Json::Object(o) => o["type"].as_str().unwrap().to_owned(),
                    _ => unreachable!(),
                };
                if !seen.contains(&key) {
                    seen.push(key);
                    out.push(j);
                }
            }
            if out.is_empty() {
                out.push(json!("null"));
            }
            Json::Array(out)
        }
    }
}

fn schema_strategy() -> impl Strategy<Value = Schema> {
    gen().prop_map(|g| {
        let j = render(&g, &mut 0);
        Schema::from_json(&j).unwrap_or_else(|e| panic!("{e}: {j}"))
    })
}

fn finite_f32() -> impl Strategy<Value = f32> {
    any::<f32>().prop_filter("NaN", |f| !f.is_nan())
}

fn value(s: &Schema, id: NodeId) -> BoxedStrategy<Value> {
    let node = s.node(id);
    match (&node.kind, node.logical) {
        (Kind::Null, _) => Just(Value::Null).boxed(),
        (Kind::Boolean, _) => any::<bool>().prop_map(Value::Boolean).boxed(),
        (Kind::Int, Some(LogicalType::Date)) => any::<i32>().prop_map(Value::Date).boxed(),
        (Kind::Int, Some(LogicalType::TimeMillis)) => any::<i32>().prop_map(Value::TimeMillis).boxed(),
        (Kind::Int, _) => any::<i32>().prop_map(Value::Int).boxed(),
        (Kind::Long, Some(LogicalType::TimeMicros)) => any::<i64>().prop_map(Value::TimeMicros).boxed(),
        (Kind::Long, Some(LogicalType::TimestampMillis)) => any::<i64>().prop_map(Value::TimestampMillis).boxed(),
        (Kind::Long, Some(LogicalType::TimestampMicros)) => any::<i64>().prop_map(Value::TimestampMicros).boxed(),
        (Kind::Long, Some(LogicalType::LocalTimestampMicros)) => {
            any::<i64>().prop_map(Value::LocalTimestampMicros).boxed()
        }
        (Kind::Long, _) => any::<i64>().prop_map(Value::Long).boxed(),
        (Kind::Float, _) => finite_f32().prop_map(Value::Float).boxed(),
        (Kind::Double, _) => any::<f64>().prop_filter("NaN", |f| !f.is_nan()).prop_map(Value::Double).boxed(),
        (Kind::Bytes, Some(LogicalType::Decimal { scale, .. })) => prop::collection::vec(any::<u8>(), 0..5)
            .prop_map(move |unscaled| Value::Decimal(Decimal { unscaled, scale }))
            .boxed(),
        (Kind::Bytes, _) => prop::collection::vec(any::<u8>(), 0..20).prop_map(Value::Bytes).boxed(),
        (Kind::String, Some(LogicalType::Uuid)) => "[0-9a-f-]{0,36}".prop_map(Value::Uuid).boxed(),
        (Kind::String, _) => ".{0,12}".prop_map(Value::String).boxed(),
        (Kind::Fixed(f), _) => prop::collection::vec(any::<u8>(), f.size).prop_map(Value::Fixed).boxed(),
        (Kind::Enum(e), _) => {
            let symbols = e.symbols.clone();
            (0..symbols.len()).prop_map(move |i| Value::Enum(i as u32, symbols[i].clone())).boxed()
        }
        (Kind::Array(items), _) => prop::collection::vec(value(s, *items), 0..4).prop_map(Value::Array).boxed(),
        (Kind::Map(values), _) => {
            prop::collection::vec((".{0,6}", value(s, *values)), 0..4)
                .prop_map(|entries| {
                    // Keys are unique in a map.
                    let mut out: Vec<(String, Value)> = Vec::new();
                    for (k, v) in entries {
                        if !out.iter().any(|(x, _)| *x == k) {
                            out.push((k, v));
                        }
                    }
                    Value::Map(out)
                })
                .boxed()
        }
        (Kind::Record(r), _) => {
            let fields: Vec<_> = r.fields.iter().map(|f| value(s, f.schema)).collect();
            fields.prop_map(Value::Record).boxed()
        }
        (Kind::Union(bs), _) => {
            let branches: Vec<_> = bs
                .iter()
                .enumerate()
                .map(|(i, b)| value(s, *b).prop_map(move |v| Value::Union(i as u32, Box::new(v))).boxed())
                .collect();
            prop::strategy::Union::new(branches).boxed()
        }
    }
}

fn schema_and_value() -> impl Strategy<Value = (Schema, Value)> {
    schema_strategy().prop_flat_map(|s| {
        let v = value(&s, s.root());
        (Just(s), v)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn round_trip((schema, v) in schema_and_value()) {
        let mut bytes = Vec::new();
        Encoder::new(&schema).encode_value(&v, &mut bytes).unwrap();
        let dec = Decoder::new(&schema);
        prop_assert_eq!(&dec.decode_value(&bytes).unwrap(), &v);
        let _: serde::de::IgnoredAny = dec.decode(&bytes).unwrap();
        // Identity resolution through a freshly compiled pair decodes the same.
        prop_assert_eq!(&Decoder::resolving(&schema, &schema).unwrap().decode_value(&bytes).unwrap(), &v);
        // Avro JSON round trip.
        let j = to_json(&schema, &v).unwrap();
        prop_assert_eq!(&from_json(&schema, &j).unwrap(), &v);
        // Trailing garbage is rejected.
        bytes.push(0);
        prop_assert!(dec.decode_value(&bytes).is_err());
    }

    #[test]
    fn mutated_bytes_never_panic((schema, v) in schema_and_value(), flips in prop::collection::vec((any::<usize>(), any::<u8>()), 1..4), cut in any::<usize>()) {
        let mut bytes = Vec::new();
        Encoder::new(&schema).encode_value(&v, &mut bytes).unwrap();
        let dec = Decoder::new(&schema);
        if !bytes.is_empty() {
            for (at, b) in flips {
                let i = at % bytes.len();
                bytes[i] ^= b;
            }
        }
        let _ = dec.decode_value(&bytes);
        let _ = dec.decode::<serde::de::IgnoredAny>(&bytes);
        let cut = cut % (bytes.len() + 1);
        let _ = dec.decode_value(&bytes[..cut]);
        let _ = dec.decode::<serde::de::IgnoredAny>(&bytes[..cut]);
    }

    #[test]
    fn random_bytes_never_panic(schema in schema_strategy(), bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let dec = Decoder::new(&schema);
        let _ = dec.decode_value(&bytes);
        let _ = dec.decode::<serde::de::IgnoredAny>(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Arbitrary writer/reader pairs: compiling either succeeds or fails with a ResolveError, and reading the
    /// writer's data through a compiled pair returns a value or a DecodeError (never a panic). With the names the
    /// generator uses (T1, T2...) many pairs share record, enum and fixed names, so the resolution rules are exercised.
    #[test]
    fn random_resolution_never_panics((w, v) in schema_and_value(), r in schema_strategy()) {
        let mut bytes = Vec::new();
        Encoder::new(&w).encode_value(&v, &mut bytes).unwrap();
        if let Ok(d) = Decoder::resolving(&w, &r) {
            if let Ok(got) = d.decode_value(&bytes) {
                // What was read conforms to the reader schema.
                let mut out = Vec::new();
                Encoder::new(&r).encode_value(&got, &mut out).unwrap();
            }
            let _ = d.decode::<serde::de::IgnoredAny>(&bytes);
        }
    }
}
