//! The test registry checked by the Java Confluent 7.0.16 client and AvroConverter
//! (tools/oracle/RegistryClientCheck.java through scripts/oracle.sh), on `/` and `/apis/ccompat/v7`.
//!
//! Needs a JDK and the oracle jars (scripts/jars.sh fetches them from PyPI). Set AVROCONV_SKIP_JAVA=1 to skip on a
//! machine without them (the test fails otherwise, so a missing JDK is not mistaken for a pass).

use std::process::Command;

use avroconv::registry::{blocking, Config};
use avroconv::wire::{self, SchemaId};
use avroconv_testkit::TestRegistry;

#[test]
fn java_confluent_client_and_converter_agree_with_the_test_registry() {
    if std::env::var_os("AVROCONV_SKIP_JAVA").is_some() {
        eprintln!("skipped: AVROCONV_SKIP_JAVA is set");
        return;
    }
    let oracle = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/oracle.sh");
    let reg = TestRegistry::start();
    for (root, prefix) in [("", "root"), ("/apis/ccompat/v7", "v7")] {
        let url = reg.url_at(root);
        let out = Command::new("bash").args([oracle, "RegistryClientCheck", &url, prefix]).output().expect("run oracle");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "java check on {url} failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        let framed = stdout.lines().find_map(|l| l.strip_prefix("framed=")).expect("framed= line");
        let framed = hex::decode(framed).unwrap();
        let frame = wire::parse(&framed).unwrap();
        let SchemaId::Id(id) = frame.id else { panic!("prefix id expected") };
        let ours = blocking::Client::new(Config::builder().urls(&url).build().unwrap()).unwrap();
        let writer = ours.schema_by_id(id).unwrap();
        assert_eq!(writer.schema.node(writer.schema.root()).name().unwrap().full_name(), "java.check.Row");
        assert_eq!(frame.body, [0x54], "zigzag(42)");
        assert_eq!(ours.latest(&format!("{prefix}-topic-value")).unwrap().id, id);
    }
    // The calls Confluent 7.0.16 makes, with the query parameters it sends.
    let log = reg.log();
    let has = |method: &str, path: &str, query: &str| {
        log.iter().any(|r| r.method == method && r.path.starts_with(path) && r.query.contains(query))
    };
    assert!(has("GET", "/schemas/ids/", "fetchMaxId=false"), "{log:#?}");
    assert!(has("GET", "/schemas/ids/", "subject="), "{log:#?}");
    assert!(has("POST", "/subjects/root-java-value", "deleted=true"), "{log:#?}");
    assert!(has("POST", "/subjects/root-java-value", "normalize=false"), "{log:#?}");
}
