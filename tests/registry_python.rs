//! The test registry checked by an independent client: Python confluent-kafka's SchemaRegistryClient and
//! AvroSerializer (tests/python/check_registry.py), on `/` and `/apis/ccompat/v6`; then the bytes Python framed are
//! read back with our wire parser and client.
//!
//! Needs `pip install "confluent-kafka[avro,schemaregistry]<2.16"`. Set AVROCONV_SKIP_PYTHON=1 to skip on a machine
//! without it (the test fails otherwise, so a missing install is not mistaken for a pass).

use std::process::Command;

use avroconv::registry::{blocking, Config};
use avroconv::wire::{self, SchemaId};
use avroconv_testkit::TestRegistry;

#[test]
fn python_confluent_kafka_agrees_with_the_test_registry() {
    if std::env::var_os("AVROCONV_SKIP_PYTHON").is_some() {
        eprintln!("skipped: AVROCONV_SKIP_PYTHON is set");
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/check_registry.py");
    let reg = TestRegistry::start();
    for (root, prefix) in [("", "root"), ("/apis/ccompat/v6", "v6")] {
        let url = reg.url_at(root);
        let out = Command::new("python3").args([script, &url, prefix]).output().expect("run python3");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "python check on {url} failed:\n{stderr}");
        let seen: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");

        let framed = hex::decode(seen["framed_hex"].as_str().unwrap()).unwrap();
        let frame = wire::parse(&framed).unwrap();
        let SchemaId::Id(id) = frame.id else { panic!("prefix id expected") };
        let ours = blocking::Client::new(Config::builder().urls(&url).build().unwrap()).unwrap();
        // Python registered V2 again under the topic subject: same content, same id as under the first subject.
        assert_eq!(u64::from(id), seen["id2"].as_u64().unwrap());
        let writer = ours.schema_by_id(id).unwrap();
        assert_eq!(writer.schema.node(writer.schema.root()).name().unwrap().full_name(), "py.check.User");
        let subject = seen["topic_subject"].as_str().unwrap();
        assert_eq!(ours.latest(subject).unwrap().id, id);
        // The body is Avro for {"id": 5, "name": "héllo"}: zigzag 5 = 0x0a, union branch 1 = 0x02, length 6 = 0x0c.
        assert_eq!(frame.body, b"\x0a\x02\x0ch\xc3\xa9llo");
    }
    let log = reg.log();
    assert!(log.iter().any(|r| r.method == "GET" && r.path.starts_with("/associations")), "the ASSOCIATED strategy probed");
    assert!(log.iter().any(|r| r.method == "POST" && r.path.starts_with("/subjects/") && r.query.contains("normalize=")));
}
