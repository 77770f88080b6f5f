//! The `avroconv` command line against a real HTTP registry (avroconv-testkit on 127.0.0.1): `encode --registry`
//! registers the schema under the topic's subject and frames records with the id it got; `decode --registry` fetches
//! writer schemas by id. The binary runs as a child process, as a user would run it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use avroconv::registry::{blocking::Client, Config};
use avroconv_testkit::TestRegistry;
use serde_json::Value as Json;

fn example(name: &str) -> String {
    format!("{}/examples/cdc/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The example records: their text (stdin for `encode`) and each parsed.
fn records() -> (String, Vec<Json>) {
    let text = std::fs::read_to_string(example("records.jsonl")).unwrap();
    let parsed = text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    (text, parsed)
}

/// Runs `avroconv args...` with `stdin` as its standard input.
fn avroconv(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_avroconv"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run avroconv");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &[u8]) -> Vec<String> {
    String::from_utf8(out.to_vec()).unwrap().lines().map(str::to_owned).collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `encode --registry url --topic topic` of the example records: one hex line per record.
fn encode(url: &str, topic: &str) -> Vec<String> {
    let (input, records) = records();
    let out = avroconv(&["encode", "--schema", &example("value-v1.avsc"), "--registry", url, "--topic", topic], &input);
    assert!(out.status.success(), "encode failed: {}", stderr(&out));
    let hex = lines(&out.stdout);
    assert_eq!(hex.len(), records.len());
    hex
}

/// `decode --registry url [extra...]` of `hex` lines.
fn decode(url: &str, hex: &[String], extra: &[&str]) -> Output {
    let args: Vec<&str> = ["decode", "--registry", url].iter().chain(extra).copied().collect();
    avroconv(&args, &(hex.join("\n") + "\n"))
}

fn json_lines(out: &Output) -> Vec<Json> {
    lines(&out.stdout).iter().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn client(url: &str) -> Client {
    Client::new(Config::builder().urls(url).build().unwrap()).unwrap()
}

/// Checks the frames carry magic byte 0 and the id the registry holds for `subject`; returns that id.
fn assert_framed_with_registered_id(url: &str, subject: &str, hex: &[String]) -> u32 {
    let latest = client(url).latest(subject).expect("the subject was registered");
    for line in hex {
        let bytes = hex::decode(line).unwrap();
        assert_eq!(bytes[0], 0, "magic byte of {line}");
        assert_eq!(bytes[1..5], latest.id.to_be_bytes(), "schema id of {line}");
    }
    latest.id
}

#[test]
fn encode_registers_and_frames_then_decode_gives_the_records_back() {
    let reg = TestRegistry::start();
    let url = reg.url();
    let hex = encode(&url, "orders");
    let id = assert_framed_with_registered_id(&url, "orders-value", &hex);
    // One registration for the whole run, not one per record.
    assert_eq!(reg.count("POST", "/subjects/orders-value/versions"), 1);

    let out = decode(&url, &hex, &[]);
    assert!(out.status.success(), "decode failed: {}", stderr(&out));
    assert_eq!(json_lines(&out), records().1);
    assert_eq!(reg.count("GET", &format!("/schemas/ids/{id}")), 1, "the writer schema is fetched once");

    // A second run (a fresh process, so one idempotent POST) registers nothing new: same id, same version, same bytes.
    let schemas = reg.store().schema_count();
    assert_eq!(encode(&url, "orders"), hex);
    assert_eq!(reg.count("POST", "/subjects/orders-value/versions"), 2);
    assert_eq!(reg.store().schema_count(), schemas);
    let latest = client(&url).latest("orders-value").unwrap();
    assert_eq!((latest.id, latest.version), (id, 1));
    let versions = client(&url).versions_of_id(id).unwrap();
    assert_eq!(versions.len(), 1, "{versions:?}");
}

#[test]
fn decode_into_a_reader_schema_adds_the_new_field_default() {
    let reg = TestRegistry::start();
    let hex = encode(&reg.url(), "orders");
    let out = decode(&reg.url(), &hex, &["--reader-schema", &example("value-v2.avsc")]);
    assert!(out.status.success(), "decode failed: {}", stderr(&out));
    let expected: Vec<Json> = records()
        .1
        .into_iter()
        .map(|mut r| {
            r.as_object_mut().unwrap().insert("employee_id".to_owned(), Json::Null);
            r
        })
        .collect();
    assert_eq!(json_lines(&out), expected);
}

#[test]
fn bad_lines_are_reported_by_number_and_the_others_still_decode() {
    let reg = TestRegistry::start();
    let hex = encode(&reg.url(), "orders");
    // Line 2 is not hex; line 4 is a frame naming a schema id the registry doesn't have.
    let input = [hex[0].clone(), "zz-not-hex".to_owned(), hex[1].clone(), "00000003e70102".to_owned()];
    let out = decode(&reg.url(), &input, &[]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert_eq!(json_lines(&out), records().1);
    let err = stderr(&out);
    let err_lines: Vec<&str> = err.lines().collect();
    assert_eq!(err_lines.len(), 2, "{err}");
    assert!(err_lines[0].starts_with("line 2: not hex"), "{err}");
    assert!(err_lines[1].starts_with("line 4: ") && err_lines[1].contains("999"), "{err}");
}

#[test]
fn a_registry_under_a_base_path_is_used_at_that_path() {
    let reg = TestRegistry::start();
    let root = "/apis/ccompat/v6";
    let url = reg.url_at(root);
    let hex = encode(&url, "orders");
    assert_framed_with_registered_id(&url, "orders-value", &hex);
    let out = decode(&url, &hex, &[]);
    assert!(out.status.success(), "decode failed: {}", stderr(&out));
    assert_eq!(json_lines(&out), records().1);
    let log = reg.log();
    assert!(log.iter().any(|r| r.method == "POST") && log.iter().any(|r| r.path.starts_with("/schemas/ids/")));
    assert!(log.iter().all(|r| r.root == root), "{log:?}");
}
