//! The `avroconv-test-registry --tls-dir` mode other languages' tests use: it writes the PEM files and serves
//! HTTPS (with `--mutual`, only to clients with a certificate from `client-ca.pem`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use avroconv::registry::{blocking, Config};
use avroconv_testkit::pki::FILES;

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn tls_dir_mode_writes_the_certificates_and_serves_mutual_tls() {
    let dir = std::env::temp_dir().join(format!("avroconv-tls-bin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut child = Killed(
        Command::new(env!("CARGO_BIN_EXE_avroconv-test-registry"))
            .args(["--port", "0", "--tls-dir"])
            .arg(&dir)
            .arg("--mutual")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("{line:?}")).to_owned();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    for name in FILES {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(text.starts_with("-----BEGIN "), "{name}: {text}");
    }
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let client = |with_cert: bool| {
        let mut map = HashMap::from([
            ("schema.registry.url".to_owned(), url.clone()),
            ("max.retries".to_owned(), "0".to_owned()),
            ("ssl.ca.location".to_owned(), path("ca.pem")),
        ]);
        if with_cert {
            map.insert("ssl.certificate.location".into(), path("client.pem"));
            map.insert("ssl.key.location".into(), path("client.key"));
        }
        blocking::Client::new(Config::from_map(&map).unwrap()).unwrap()
    };
    let s = r#"{"type":"record","name":"T","fields":[{"name":"a","type":"int"}]}"#;
    assert_eq!(client(true).register("bin-value", s, false).unwrap(), 1);
    let e = client(false).schema_by_id(1).unwrap_err();
    assert!(e.to_string().contains("client certificate"), "{e}");
    drop(child);
    let _ = std::fs::remove_dir_all(&dir);
}
