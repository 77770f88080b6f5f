//! TLS and credentials against the test registry served over HTTPS on 127.0.0.1: a custom CA, mutual TLS, a wrong
//! CA, an expired server certificate, basic auth and a bearer token, and no secret in any Debug or Display text.
//! Certificates are made by each test (testkit's `TestPki`, rcgen): no key is checked in.

use std::collections::HashMap;
use std::path::PathBuf;

use avroconv::registry::{blocking, Config, ErrorKind};
use avroconv_testkit::{Fault, TestPki, TestRegistry};

const S: &str = r#"{"type":"record","name":"T","fields":[{"name":"a","type":"int"}]}"#;

/// A new folder under the system temp dir holding `pki`'s PEM files; removed on drop.
struct Files(PathBuf);

impl Files {
    fn new(pki: &TestPki, tag: &str) -> Files {
        let dir = std::env::temp_dir().join(format!("avroconv-tls-{tag}-{}", std::process::id()));
        pki.write_to(&dir).unwrap();
        Files(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn config(pairs: &[(&str, String)]) -> Config {
    let mut map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    map.insert("max.retries".into(), "0".into());
    Config::from_map(&map).unwrap()
}

fn client(pairs: &[(&str, String)]) -> blocking::Client {
    blocking::Client::new(config(pairs)).unwrap()
}

#[test]
fn a_custom_ca_is_trusted() {
    let pki = TestPki::generate();
    let files = Files::new(&pki, "ca");
    let reg = TestRegistry::start_tls(pki.server_tls(false, false)).unwrap();
    assert!(reg.url().starts_with("https://127.0.0.1:"));
    // Confluent's PEM truststore file, and the same CA inline.
    let c = client(&[
        ("schema.registry.url", reg.url()),
        ("schema.registry.ssl.truststore.type", "PEM".into()),
        ("schema.registry.ssl.truststore.location", files.path("ca.pem")),
    ]);
    assert_eq!(c.register("tls-value", S, false).unwrap(), 1);
    let inline = client(&[("schema.registry.url", reg.url()), ("schema.registry.ssl.truststore.certificates", pki.ca_pem.clone())]);
    assert_eq!(inline.schema_by_id(1).unwrap().id, 1);

    // Without the CA (the system roots only) the handshake fails: a typed connect error; the server saw nothing.
    let untrusting = client(&[("schema.registry.url", reg.url())]);
    let e = untrusting.schema_by_id(1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.to_string().contains("TLS: the registry's certificate is not signed by a trusted CA"), "{e}");
    assert_eq!(reg.requests(), 2);
}

#[test]
fn a_wrong_ca_is_refused_clearly() {
    let pki = TestPki::generate();
    let reg = TestRegistry::start_tls(pki.server_tls(false, false)).unwrap();
    let c = client(&[("schema.registry.url", reg.url()), ("schema.registry.ssl.truststore.certificates", pki.other_ca_pem.clone())]);
    let e = c.register("tls-value", S, false).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    let text = e.to_string();
    assert!(text.contains("TLS: the registry's certificate is not signed by a trusted CA (schema.registry.ssl.truststore.*)"), "{text}");
    assert!(text.contains("UnknownIssuer") && text.contains(&reg.url()), "{text}");
    assert_eq!(reg.requests(), 0);
}

#[test]
fn an_expired_server_certificate_is_refused_saying_so() {
    let pki = TestPki::generate();
    let reg = TestRegistry::start_tls(pki.server_tls(false, true)).unwrap();
    let c = client(&[("schema.registry.url", reg.url()), ("schema.registry.ssl.truststore.certificates", pki.ca_pem.clone())]);
    let e = c.schema_by_id(1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    let text = e.to_string();
    // Our words, then rustls' reason with the dates ("certificate expired: verification time ..., but certificate is
    // not valid after 978307200 ...": 2001-01-01).
    assert!(text.contains("TLS: the registry's certificate has expired"), "{text}");
    assert!(text.contains("certificate expired") && text.contains("978307200"), "{text}");
    assert_eq!(reg.requests(), 0);
    // The same CA's valid certificate works: the CA is not what was refused.
    let good = TestRegistry::start_tls(pki.server_tls(false, false)).unwrap();
    let c = client(&[("schema.registry.url", good.url()), ("schema.registry.ssl.truststore.certificates", pki.ca_pem.clone())]);
    assert_eq!(c.register("tls-value", S, false).unwrap(), 1);
}

#[test]
fn mutual_tls_needs_the_client_certificate() {
    let pki = TestPki::generate();
    let files = Files::new(&pki, "mtls");
    let reg = TestRegistry::start_tls(pki.server_tls(true, false)).unwrap();
    // Python confluent-kafka's file keys.
    let with_cert = client(&[
        ("schema.registry.url", reg.url()),
        ("ssl.ca.location", files.path("ca.pem")),
        ("ssl.certificate.location", files.path("client.pem")),
        ("ssl.key.location", files.path("client.key")),
    ]);
    assert_eq!(with_cert.register("mtls-value", S, false).unwrap(), 1);
    // Confluent's inline PEM keys (what the Java converter hands over after reading a JKS or PKCS12 keystore).
    let inline = client(&[
        ("schema.registry.url", reg.url()),
        ("schema.registry.ssl.truststore.certificates", pki.ca_pem.clone()),
        ("schema.registry.ssl.keystore.certificate.chain", pki.client_pem.clone()),
        ("schema.registry.ssl.keystore.key", pki.client_key_pem.clone()),
    ]);
    assert_eq!(inline.schema_by_id(1).unwrap().id, 1);
    assert_eq!(reg.requests(), 2);

    // No client certificate: the server's alert, in words naming the setting; the request never reached it.
    let without = client(&[("schema.registry.url", reg.url()), ("ssl.ca.location", files.path("ca.pem"))]);
    let e = without.schema_by_id(1).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Connect | ErrorKind::Io), "{e}");
    assert!(e.to_string().contains("TLS: the registry requires a client certificate (schema.registry.ssl.keystore.*)"), "{e}");
    // A certificate from a CA the server does not accept (the server's own CA signed the server, not clients).
    let wrong = client(&[
        ("schema.registry.url", reg.url()),
        ("schema.registry.ssl.truststore.certificates", pki.ca_pem.clone()),
        ("schema.registry.ssl.keystore.certificate.chain", pki.server_pem.clone()),
        ("schema.registry.ssl.keystore.key", pki.server_key_pem.clone()),
    ]);
    let e = wrong.schema_by_id(1).unwrap_err();
    assert!(e.to_string().contains("TLS: the registry refused our client certificate"), "{e}");
    assert_eq!(reg.requests(), 2, "requests without an accepted client certificate never reached the registry");
}

/// Every line of a PEM text that carries key material (not the BEGIN/END lines).
fn body_lines(pem: &str) -> Vec<&str> {
    pem.lines().filter(|l| !l.starts_with("-----") && !l.trim().is_empty()).collect()
}

fn assert_no_secret(texts: &[String], secrets: &[&str]) {
    for t in texts {
        for s in secrets {
            assert!(!t.contains(s), "secret {s:?} leaked in: {t}");
        }
    }
}

#[test]
fn credentials_are_sent_over_tls_and_never_printed() {
    let pki = TestPki::generate();
    let reg = TestRegistry::start_tls(pki.server_tls(true, false)).unwrap();
    let tls = |mut pairs: Vec<(&'static str, String)>| {
        pairs.push(("schema.registry.url", reg.url()));
        pairs.push(("schema.registry.ssl.truststore.certificates", pki.ca_pem.clone()));
        pairs.push(("schema.registry.ssl.keystore.certificate.chain", pki.client_pem.clone()));
        pairs.push(("schema.registry.ssl.keystore.key", pki.client_key_pem.clone()));
        pairs
    };
    let basic_pairs = tls(vec![
        ("basic.auth.credentials.source", "USER_INFO".into()),
        ("basic.auth.user.info", "alice:pa55:w0rd-basic".into()),
    ]);
    let bearer_pairs = tls(vec![("bearer.auth.token", "tok-3f9a-bearer".into())]);
    let basic_config = config(&basic_pairs);
    let bearer_config = config(&bearer_pairs);
    let basic = blocking::Client::new(basic_config.clone()).unwrap();
    let bearer = blocking::Client::new(bearer_config.clone()).unwrap();
    assert_eq!(basic.register("auth-value", S, false).unwrap(), 1);
    assert_eq!(bearer.schema_by_id(1).unwrap().id, 1);
    let sent: Vec<Option<String>> = reg.log().into_iter().map(|r| r.authorization).collect();
    // base64("alice:pa55:w0rd-basic"): the password may hold ':'.
    assert_eq!(sent, [Some("Basic YWxpY2U6cGE1NTp3MHJkLWJhc2lj".to_owned()), Some("Bearer tok-3f9a-bearer".to_owned())]);

    // Errors on the same clients: a 401 and a 500 answer, a refused handshake, a bad key.
    reg.inject(Fault::Status(401), 1);
    let e401 = basic.schema_by_id(7).unwrap_err(); // not 1: that one is cached
    assert_eq!(e401.kind(), ErrorKind::Unauthenticated);
    reg.inject(Fault::Status(500), 1);
    let e500 = bearer.schema_by_id(7).unwrap_err();
    let mut untrusting = bearer_pairs.clone();
    untrusting.retain(|(k, _)| *k != "schema.registry.ssl.truststore.certificates");
    let e_tls = client(&untrusting).schema_by_id(1).unwrap_err();
    let mut bad_key = basic_pairs.clone();
    for (k, v) in bad_key.iter_mut() {
        if *k == "schema.registry.ssl.keystore.key" {
            // A PEM whose body does not decode: the parser's error must not quote it.
            *v = v.lines().map(|l| if l.starts_with("-----") { l.to_owned() } else { l.replace('A', "!") }).collect::<Vec<_>>().join("\n");
        }
    }
    let e_key = blocking::Client::new(config(&bad_key)).unwrap_err();
    let e_pairs = Config::from_map(
        &basic_pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).chain([("bearer.auth.token".into(), "tok-3f9a-bearer".into())]).collect(),
    )
    .unwrap_err();

    let texts = vec![
        format!("{basic_config:?}"),
        format!("{bearer_config:?}"),
        format!("{:?}", basic_config.auth),
        format!("{:?}", basic_config.tls),
        format!("{basic:?}"),
        format!("{bearer:?}"),
        format!("{e401} {e401:?}"),
        format!("{e500} {e500:?}"),
        format!("{e_tls} {e_tls:?}"),
        format!("{e_key} {e_key:?}"),
        format!("{e_pairs} {e_pairs:?}"),
    ];
    let mut secrets = vec!["pa55:w0rd-basic", "YWxpY2U6cGE1NTp3MHJkLWJhc2lj", "tok-3f9a-bearer", "PRIVATE KEY"];
    secrets.extend(body_lines(&pki.client_key_pem));
    secrets.extend(body_lines(&bad_key.iter().find(|(k, _)| *k == "schema.registry.ssl.keystore.key").unwrap().1));
    assert_no_secret(&texts, &secrets);
    assert!(texts[0].contains("[redacted]") && texts[3].contains("[redacted]"), "{}", texts[0]);
    assert!(texts[6].contains("401") && texts[8].contains("TLS"), "{texts:?}");
}
