//! TLS settings against the test registry served over HTTPS on 127.0.0.1: a custom CA, and mutual TLS with a
//! client certificate. Test certificates: tests/data/tls (regenerate with tests/data/tls/gen.sh).

use std::collections::HashMap;

use avroconv::registry::{blocking, Config, ErrorKind};
use avroconv_testkit::{ServerTls, TestRegistry};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tls");
const S: &str = r#"{"type":"record","name":"T","fields":[{"name":"a","type":"int"}]}"#;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DATA}/{name}")).unwrap()
}

fn server(mutual: bool) -> TestRegistry {
    TestRegistry::start_tls(ServerTls {
        cert_pem: read("server.pem"),
        key_pem: read("server.key"),
        client_ca_pem: mutual.then(|| read("ca.pem")),
    })
    .unwrap()
}

fn client(pairs: &[(&str, String)]) -> blocking::Client {
    let mut map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    map.insert("max.retries".into(), "0".into());
    blocking::Client::new(Config::from_map(&map).unwrap()).unwrap()
}

#[test]
fn custom_ca_is_trusted() {
    let reg = server(false);
    assert!(reg.url().starts_with("https://127.0.0.1:"));
    let c = client(&[
        ("schema.registry.url", reg.url()),
        ("schema.registry.ssl.truststore.type", "PEM".into()),
        ("schema.registry.ssl.truststore.location", format!("{DATA}/ca.pem")),
    ]);
    assert_eq!(c.register("tls-value", S, false).unwrap(), 1);

    // Without the CA the handshake fails: a typed connect error, no answer from the server.
    let untrusting = client(&[("schema.registry.url", reg.url())]);
    let e = untrusting.schema_by_id(1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().to_lowercase().contains("certificate"), "{e}");
    assert_eq!(reg.requests(), 1);
}

#[test]
fn mutual_tls_with_a_client_certificate() {
    let reg = server(true);
    let with_cert = client(&[
        ("schema.registry.url", reg.url()),
        ("ssl.ca.location", format!("{DATA}/ca.pem")),
        ("ssl.certificate.location", format!("{DATA}/client.pem")),
        ("ssl.key.location", format!("{DATA}/client.key")),
    ]);
    assert_eq!(with_cert.register("mtls-value", S, false).unwrap(), 1);
    // Confluent's inline PEM keys work too.
    let inline = client(&[
        ("schema.registry.url", reg.url()),
        ("schema.registry.ssl.truststore.certificates", read("ca.pem")),
        ("schema.registry.ssl.keystore.certificate.chain", read("client.pem")),
        ("schema.registry.ssl.keystore.key", read("client.key")),
    ]);
    assert_eq!(inline.schema_by_id(1).unwrap().id, 1);
    let shown = format!("{:?}", Config::from_map(&HashMap::from([
        ("schema.registry.url".to_string(), reg.url()),
        ("schema.registry.ssl.keystore.certificate.chain".to_string(), read("client.pem")),
        ("schema.registry.ssl.keystore.key".to_string(), read("client.key")),
    ])).unwrap());
    assert!(!shown.contains("PRIVATE KEY"), "{shown}");

    let without = client(&[("schema.registry.url", reg.url()), ("ssl.ca.location", format!("{DATA}/ca.pem"))]);
    let e = without.schema_by_id(1).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Connect | ErrorKind::Io), "{e}");
    assert_eq!(reg.requests(), 2, "the request without a client certificate never reached the registry");
}
