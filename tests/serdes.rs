//! The Serializer / Deserializer over the test registry on 127.0.0.1: Confluent's decision order, tombstones,
//! evolution, caching (request counts), and bytes read by Python confluent-kafka.

use std::process::Command;
use std::sync::Arc;

use avroconv::registry::{blocking, Client, Config, ConfigBuilder, ErrorKind};
use avroconv::serdes::{self, AvroSchema};
use avroconv::subject::SubjectNameStrategy;
use avroconv::{Error, Schema, Value};
use avroconv_testkit::TestRegistry;
use serde::{Deserialize, Serialize};

const V1: &str = r#"{"type":"record","name":"User","namespace":"com.example","fields":[{"name":"id","type":"long"},{"name":"email","type":"string"}]}"#;
const V2: &str = r#"{"type":"record","name":"User","namespace":"com.example","fields":[{"name":"id","type":"long"},{"name":"email","type":"string"},{"name":"nick","type":["null","string"],"default":null}]}"#;

#[derive(Serialize, Deserialize, avroconv::Decode, avroconv::Encode, Debug, PartialEq)]
struct UserV1<'a> {
    id: i64,
    email: &'a str,
}

#[derive(Serialize, Deserialize, avroconv::Decode, avroconv::Encode, Debug, PartialEq)]
struct UserV2 {
    id: i64,
    email: String,
    nick: Option<String>,
}

fn builder(reg: &TestRegistry) -> ConfigBuilder {
    Config::builder().urls(&reg.url())
}

fn client(b: ConfigBuilder) -> blocking::Client {
    blocking::Client::new(b.build().unwrap()).unwrap()
}

#[test]
fn round_trip_registers_once_and_then_stays_local() {
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let schema = AvroSchema::parse(V1).unwrap();
    let user = UserV1 { id: 7, email: "ada@example.com" };
    let bytes = ser.serialize("users", &schema, Some(&user)).unwrap().unwrap();
    assert_eq!(&bytes[..5], &[0, 0, 0, 0, 1]);
    assert_eq!(reg.log()[0].path, "/subjects/users-value/versions");

    let mut buf = Vec::new();
    for _ in 0..1000 {
        buf.clear();
        ser.serialize_into("users", &schema, &user, &mut buf).unwrap();
    }
    assert_eq!(buf, bytes);
    assert_eq!(ser.serialize_derived("users", &schema, Some(&user)).unwrap().unwrap(), bytes);
    assert_eq!(reg.requests(), 1, "one registration, then nothing");

    let de = serdes::blocking::Deserializer::new(client(builder(&reg)), false);
    let back: UserV1 = de.deserialize(Some(&bytes), None).unwrap().unwrap();
    assert_eq!(back, user);
    for _ in 0..1000 {
        let _: UserV1 = de.deserialize(Some(&bytes), None).unwrap().unwrap();
    }
    assert_eq!(reg.requests(), 2, "one schema fetch for the reader");
    assert_eq!(de.deserialize_derived::<UserV1>(Some(&bytes), None).unwrap(), Some(user));
    assert_eq!(de.deserialize_derived::<UserV1>(None, None).unwrap(), None);
    let (id, value) = de.deserialize_value(Some(&bytes), None).unwrap().unwrap();
    assert_eq!(id, 1);
    assert_eq!(value, Value::Record(vec![Value::Long(7), Value::String("ada@example.com".into())]));
    assert_eq!(de.version_in("users-value", 1).unwrap(), Some(1));
}

#[test]
fn tombstones_are_null_without_registry_calls() {
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let de = serdes::blocking::Deserializer::new(client(builder(&reg)), false);
    let schema = AvroSchema::parse(V1).unwrap();
    assert_eq!(ser.serialize::<UserV1>("t", &schema, None).unwrap(), None);
    assert_eq!(ser.serialize_value("t", &schema, None).unwrap(), None);
    assert_eq!(ser.serialize_derived::<UserV1>("t", &schema, None).unwrap(), None);
    assert_eq!(de.deserialize::<UserV1>(None, None).unwrap(), None);
    assert_eq!(de.deserialize_value(None, None).unwrap(), None);
    assert_eq!(reg.requests(), 0);
}

#[test]
fn evolution_with_a_reader_schema() {
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let old = ser.serialize("ev", &AvroSchema::parse(V1).unwrap(), Some(&UserV1 { id: 1, email: "a@b" })).unwrap().unwrap();
    let v2 = UserV2 { id: 2, email: "c@d".into(), nick: Some("cd".into()) };
    let new = ser.serialize("ev", &AvroSchema::parse(V2).unwrap(), Some(&v2)).unwrap().unwrap();
    assert_eq!((old[4], new[4]), (1, 2), "ids 1 and 2");
    let c = client(builder(&reg));
    assert_eq!(c.latest("ev-value").unwrap().version, 2);

    let de = serdes::blocking::Deserializer::with_reader_schema(c, false, Schema::parse(V2).unwrap());
    let a: UserV2 = de.deserialize(Some(&old), None).unwrap().unwrap();
    assert_eq!(a, UserV2 { id: 1, email: "a@b".into(), nick: None }, "the added field takes its default");
    let b: UserV2 = de.deserialize(Some(&new), None).unwrap().unwrap();
    assert_eq!(b, v2);
    // Through #[derive(Decode)]: the resolved old record by serde, the new one by the generated code.
    assert_eq!(de.deserialize_derived::<UserV2>(Some(&old), None).unwrap(), Some(a));
    assert_eq!(de.deserialize_derived::<UserV2>(Some(&new), None).unwrap(), Some(b));
    assert_eq!(de.version_in("ev-value", 1).unwrap(), Some(1));
    assert_eq!(de.version_in("ev-value", 2).unwrap(), Some(2));
    assert_eq!(de.writer_version("ev", 2).unwrap(), Some(2));
    assert_eq!(de.writer_version("other-topic", 2).unwrap(), None);
}

#[test]
fn a_schema_registered_under_a_second_subject_later_has_a_version_there() {
    let reg = TestRegistry::start();
    let c = client(builder(&reg));
    let ser = serdes::blocking::Serializer::new(c.clone(), false);
    let de = serdes::blocking::Deserializer::new(c, false);
    let schema = AvroSchema::parse(V1).unwrap();
    let user = UserV1 { id: 1, email: "x" };
    let a = ser.serialize("a", &schema, Some(&user)).unwrap().unwrap();
    assert_eq!(de.writer_version("a", 1).unwrap(), Some(1));
    assert_eq!(de.writer_version("b", 1).unwrap(), None);
    // The same schema (same id) under a second subject: the id's cached subject list is stale now.
    let b = ser.serialize("b", &schema, Some(&user)).unwrap().unwrap();
    assert_eq!(a, b);
    assert_eq!(de.writer_version("b", 1).unwrap(), Some(1));
    assert_eq!(de.version_in("b-value", 1).unwrap(), Some(1));
}

#[test]
fn without_auto_register_the_schema_is_looked_up() {
    let reg = TestRegistry::start();
    let schema = AvroSchema::parse(V1).unwrap();
    let user = UserV1 { id: 1, email: "x" };
    // No negative cache here: another client registers the subject right after this one saw it missing.
    let lookup = serdes::blocking::Serializer::new(
        client(builder(&reg).auto_register_schemas(false).missing_cache_ttl(std::time::Duration::ZERO)),
        false,
    );
    let e = lookup.serialize("lk", &schema, Some(&user)).unwrap_err();
    assert!(matches!(&e, Error::Registry(r) if r.kind() == ErrorKind::SubjectNotFound), "{e}");
    assert!(!e.is_retriable());
    serdes::blocking::Serializer::new(client(builder(&reg)), false).serialize("lk", &schema, Some(&user)).unwrap();
    reg.reset_counts();
    let bytes = lookup.serialize("lk", &schema, Some(&user)).unwrap().unwrap();
    assert_eq!(bytes[4], 1);
    assert_eq!(reg.count("POST", "/subjects/lk-value"), 1);
    assert_eq!(reg.log()[0].query, "normalize=false&deleted=false");
}

#[test]
fn use_latest_version_and_use_schema_id() {
    let reg = TestRegistry::start();
    let c = client(builder(&reg));
    c.register("lv-value", V1, false).unwrap();
    c.register("lv-value", V2, false).unwrap();
    let latest = serdes::blocking::Serializer::new(
        client(builder(&reg).auto_register_schemas(false).use_latest_version(true)),
        false,
    );
    // The record is written with the latest schema (id 2): its serde type must fit that schema.
    let v2 = UserV2 { id: 5, email: "e".into(), nick: None };
    let bytes = latest.serialize("lv", &AvroSchema::parse(V2).unwrap(), Some(&v2)).unwrap().unwrap();
    assert_eq!(bytes[4], 2);
    // Strict: a schema the latest version can't read is refused.
    let other = AvroSchema::parse(r#"{"type":"record","name":"User","namespace":"com.example","fields":[{"name":"id","type":"string"}]}"#).unwrap();
    let e = latest.serialize("lv", &other, Some(&serde_json::json!({"id": "x"}))).unwrap_err();
    assert!(e.to_string().contains("latest.compatibility.strict=false"), "{e}");

    let fixed = serdes::blocking::Serializer::new(client(builder(&reg).auto_register_schemas(false).use_schema_id(Some(1))), false);
    let bytes = fixed.serialize("any", &AvroSchema::parse(V1).unwrap(), Some(&UserV1 { id: 1, email: "x" })).unwrap().unwrap();
    assert_eq!(bytes[..5], [0, 0, 0, 0, 1]);
    let missing = serdes::blocking::Serializer::new(client(builder(&reg).auto_register_schemas(false).use_schema_id(Some(99))), false);
    let e = missing.serialize("any", &AvroSchema::parse(V1).unwrap(), Some(&UserV1 { id: 1, email: "x" })).unwrap_err();
    assert!(matches!(&e, Error::Registry(r) if r.kind() == ErrorKind::SchemaNotFound), "{e}");
}

/// One schema instance shared by serializers of different settings and topics: each gets its own id (the first
/// writer's id is memoized in the schema; the others must not pick it up).
#[test]
fn a_shared_schema_instance_gets_each_serializers_own_id() {
    let reg = TestRegistry::start();
    let c = client(builder(&reg));
    c.register("other-value", V2, false).unwrap(); // id 1, so that V1 gets id 2
    let schema = AvroSchema::parse(V1).unwrap();
    let record = UserV1 { id: 1, email: "x" };
    let id_of = |ser: &serdes::blocking::Serializer, topic: &str| ser.serialize(topic, &schema, Some(&record)).unwrap().unwrap()[4];
    let registering = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let pinned = serdes::blocking::Serializer::new(client(builder(&reg).auto_register_schemas(false).use_schema_id(Some(1))), false);
    for _ in 0..2 {
        assert_eq!(id_of(&registering, "a"), 2);
        assert_eq!(id_of(&pinned, "a"), 1);
        assert_eq!(id_of(&pinned, "b"), 1);
    }
    // Another topic of the first serializer: the same schema text, the same id, from its own subject.
    c.register("b-value", V2, false).unwrap();
    assert_eq!(id_of(&registering, "b"), 2);
    assert_eq!(c.latest("b-value").unwrap().version, 2);
}

#[test]
fn record_name_strategy_and_keys() {
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(
        client(builder(&reg).key_subject_name_strategy(SubjectNameStrategy::RecordName)),
        true,
    );
    ser.serialize("t", &AvroSchema::parse(V1).unwrap(), Some(&UserV1 { id: 1, email: "x" })).unwrap();
    assert_eq!(reg.log()[0].path, "/subjects/com.example.User/versions");
    let e = ser.serialize("t", &AvroSchema::parse(r#""long""#).unwrap(), Some(&1i64)).unwrap_err();
    assert!(e.to_string().contains("RecordNameStrategy needs a record schema"), "{e}");
    let keys = serdes::blocking::Serializer::new(client(builder(&reg)), true);
    keys.serialize("t", &AvroSchema::parse(r#""long""#).unwrap(), Some(&1i64)).unwrap();
    assert_eq!(reg.log().last().unwrap().path, "/subjects/t-key/versions");
}

#[test]
fn top_level_bytes_are_raw_as_in_confluent() {
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let schema = AvroSchema::parse(r#""bytes""#).unwrap();
    let bytes = ser.serialize_value("raw", &schema, Some(&Value::Bytes(b"abc".to_vec()))).unwrap().unwrap();
    assert_eq!(bytes, [0, 0, 0, 0, 1, b'a', b'b', b'c']);
    let de = serdes::blocking::Deserializer::new(client(builder(&reg)), false);
    assert_eq!(de.deserialize_value(Some(&bytes), None).unwrap().unwrap().1, Value::Bytes(b"abc".to_vec()));
    let borrowed: &[u8] = de.deserialize(Some(&bytes), None).unwrap().unwrap();
    assert_eq!(borrowed, b"abc");
}

#[test]
fn bad_payloads_are_typed_errors() {
    let reg = TestRegistry::start();
    let de = serdes::blocking::Deserializer::new(client(builder(&reg)), false);
    let e = de.deserialize_value(Some(br#"{"id": 1}"#), None).unwrap_err();
    assert!(matches!(e, Error::Wire(_)), "{e}");
    assert!(e.to_string().contains("JSON"), "{e}");
    let e = de.deserialize_value(Some(&[0, 0, 0, 0, 9, 1]), None).unwrap_err();
    assert!(matches!(&e, Error::Registry(r) if r.kind() == ErrorKind::SchemaNotFound), "{e}");
    // Trailing bytes after a complete record are caught by the codec.
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let mut bytes = ser.serialize("tb", &AvroSchema::parse(V1).unwrap(), Some(&UserV1 { id: 1, email: "x" })).unwrap().unwrap();
    bytes.push(0);
    assert!(matches!(de.deserialize_value(Some(&bytes), None).unwrap_err(), Error::Decode(_)));
    // Header-carried ids: a `0 + id` header names the schema, the payload is the bare body.
    let body = &bytes[5..bytes.len() - 1];
    let header = avroconv::wire::header(1);
    let headers: [(&str, &[u8]); 1] = [(avroconv::wire::VALUE_SCHEMA_ID_HEADER, &header)];
    let (id, _) = de.deserialize_value(Some(body), Some(&headers)).unwrap().unwrap();
    assert_eq!(id, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_flavour() {
    let reg = TestRegistry::start();
    let c = Client::new(builder(&reg).build().unwrap()).unwrap();
    let ser = Arc::new(serdes::Serializer::new(c.clone(), false));
    let schema = AvroSchema::parse(V1).unwrap();
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let (ser, schema) = (ser.clone(), schema.clone());
            tokio::spawn(async move {
                let email = format!("u{i}@x");
                ser.serialize("as", &schema, Some(&UserV1 { id: i, email: &email })).await.unwrap().unwrap()
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.push(t.await.unwrap());
    }
    assert_eq!(reg.requests(), 1);
    let derived = ser.serialize_derived("as", &schema, Some(&UserV1 { id: 0, email: "u0@x" })).await.unwrap();
    assert_eq!(derived.as_ref(), Some(&all[0]));
    let de = serdes::Deserializer::new(c, false);
    for (i, bytes) in all.iter().enumerate() {
        let u: UserV1 = de.deserialize(Some(bytes), None).await.unwrap().unwrap();
        assert_eq!(u.id, i as i64);
        assert_eq!(de.deserialize_derived(Some(bytes), None).await.unwrap(), Some(u));
    }
}

#[test]
fn python_reads_what_we_write() {
    if std::env::var_os("AVROCONV_SKIP_PYTHON").is_some() {
        return;
    }
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let v2 = UserV2 { id: -123456789, email: "zoë@exämple.com".into(), nick: Some("日本".into()) };
    let bytes = ser.serialize("py", &AvroSchema::parse(V2).unwrap(), Some(&v2)).unwrap().unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/decode_framed.py");
    let out = Command::new("python3").args([script, &reg.url(), "py", &hex::encode(&bytes)]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen, serde_json::json!({"id": -123456789, "email": "zoë@exämple.com", "nick": "日本"}));
}

#[test]
fn java_reads_what_we_write() {
    if std::env::var_os("AVROCONV_SKIP_JAVA").is_some() {
        return;
    }
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    ser.serialize("jv", &AvroSchema::parse(V1).unwrap(), Some(&UserV1 { id: 1, email: "old" })).unwrap();
    let v2 = UserV2 { id: 42, email: "zoë@exämple.com".into(), nick: None };
    let bytes = ser.serialize("jv", &AvroSchema::parse(V2).unwrap(), Some(&v2)).unwrap().unwrap();
    let oracle = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/oracle.sh");
    let out = Command::new("bash").args([oracle, "DecodeFramed", &reg.url(), "jv", &hex::encode(&bytes)]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let line = |k: &str| stdout.lines().find_map(|l| l.strip_prefix(k)).unwrap_or_default().to_owned();
    assert_eq!(line("record="), r#"{"id": 42, "email": "zoë@exämple.com", "nick": null}"#);
    assert_eq!(line("connect="), "Struct{id=42,email=zoë@exämple.com}");
    assert_eq!(line("version="), "2", "the converter found our schema as version 2 of jv-value");
}

#[test]
fn a_record_that_fails_to_encode_leaves_the_buffer_as_it_was() {
    #[derive(Serialize)]
    struct Wrong<'a> {
        id: &'a str,
        email: &'a str,
    }
    let reg = TestRegistry::start();
    let ser = serdes::blocking::Serializer::new(client(builder(&reg)), false);
    let schema = AvroSchema::parse(V1).unwrap();
    let mut buf = Vec::new();
    ser.serialize_into("users", &schema, &UserV1 { id: 1, email: "a@b" }, &mut buf).unwrap();
    let before = buf.clone();
    let err = ser.serialize_into("users", &schema, &Wrong { id: "x", email: "a@b" }, &mut buf).unwrap_err();
    assert!(matches!(err, Error::Encode(_)), "{err:?}");
    assert_eq!(buf, before, "nothing of the failed record is left behind");
    ser.serialize_into("users", &schema, &UserV1 { id: 2, email: "c@d" }, &mut buf).unwrap();
    assert_eq!(buf.len(), 2 * before.len(), "the next record follows the last good one");
}
