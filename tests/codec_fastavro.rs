//! fastavro (Python) as a second independent implementation: it reads what we write, we read what it writes, and
//! both write the same bytes. Requires python3 with fastavro (`pip install fastavro`); fails clearly without.

use std::io::Write;
use std::process::{Command, Stdio};

use avroconv::codec::{from_json, to_json, Decoder, Encoder};
use avroconv::Schema;
use serde_json::{json, Value as Json};

const SCHEMA: &str = r#"{"type":"record","name":"Event","namespace":"io.test","fields":[
  {"name":"id","type":"long"},
  {"name":"seq","type":"int"},
  {"name":"ok","type":"boolean"},
  {"name":"score","type":"double"},
  {"name":"ratio","type":"float"},
  {"name":"name","type":"string"},
  {"name":"raw","type":"bytes"},
  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["CREATE","UPDATE","DELETE"]}},
  {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"attrs","type":{"type":"map","values":["null","long","string"]}},
  {"name":"before","type":["null",{"type":"record","name":"Row","fields":[
      {"name":"col","type":"string"},{"name":"n","type":["null","int"],"default":null}]}],"default":null},
  {"name":"after","type":["null","Row"]},
  {"name":"children","type":{"type":"array","items":{"type":"record","name":"Child","fields":[
      {"name":"v","type":"int"},{"name":"next","type":["null","Child"]}]}}}]}"#;

fn data() -> Vec<Json> {
    vec![
        json!({"id": 1, "seq": 0, "ok": true, "score": 1.5, "ratio": 0.25, "name": "plain", "raw": "",
               "kind": "CREATE", "hash": "abcd", "tags": [], "attrs": {}, "before": null, "after": null,
               "children": []}),
        json!({"id": -9007199254740993i64, "seq": -2147483648, "ok": false, "score": -1e300, "ratio": 3.5,
               "name": "héllo wörld ✓ 😀", "raw": "\u{0}\u{ff}\u{80}", "kind": "DELETE", "hash": "\u{0}\u{1}\u{fe}\u{ff}",
               "tags": ["a", "ü", ""], "attrs": {"k1": null, "k2": {"long": 5}, "k3": {"string": "v"}},
               "before": {"io.test.Row": {"col": "x", "n": {"int": 3}}}, "after": {"io.test.Row": {"col": "y", "n": null}},
               "children": [{"v": 1, "next": {"io.test.Child": {"v": 2, "next": null}}}, {"v": 3, "next": null}]}),
    ]
}

#[test]
fn fastavro_agrees() {
    let probe = Command::new("python3").args(["-c", "import fastavro"]).output();
    match probe {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!("fastavro is missing (pip install fastavro): {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => panic!("python3 is missing: {e}"),
    }
    let schema = Schema::parse(SCHEMA).unwrap();
    let enc = Encoder::new(&schema);
    let dec = Decoder::new(&schema);
    let values: Vec<_> = data().iter().map(|d| from_json(&schema, d).unwrap()).collect();
    let ours: Vec<Vec<u8>> = values
        .iter()
        .map(|v| {
            let mut out = Vec::new();
            enc.encode_value(v, &mut out).unwrap();
            out
        })
        .collect();
    let request = json!({
        "schema": serde_json::from_str::<Json>(SCHEMA).unwrap(),
        "ours_hex": ours.iter().map(hex::encode).collect::<Vec<_>>(),
        "avro_json": values.iter().map(|v| to_json(&schema, v).unwrap()).collect::<Vec<_>>(),
    });
    let script = format!("{}/tests/data/codec/fastavro_interop.py", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "fastavro script failed: {}", String::from_utf8_lossy(&out.stderr));
    let reply: Json = serde_json::from_slice(&out.stdout).unwrap();

    for (i, v) in values.iter().enumerate() {
        // fastavro read our bytes as the same datum.
        let theirs = from_json(&schema, &reply["read_json"][i]).unwrap();
        assert_eq!(&theirs, v, "fastavro read datum {i} differently");
        // fastavro wrote the same bytes, and we read them back.
        let fa = hex::decode(reply["fastavro_hex"][i].as_str().unwrap()).unwrap();
        assert_eq!(fa, ours[i], "fastavro wrote datum {i} differently");
        assert_eq!(&dec.decode_value(&fa).unwrap(), v);
    }
}
