//! An in-memory schema registry with the REST semantics of Confluent's (and Apicurio's ccompat) API.
//!
//! It answers `(method, path, query, body)` with `(status, JSON text)`, so the same store serves `mock://scope`
//! URLs in-process and the HTTP test registry (`avroconv-testkit`) over a socket: both behave the same.
//!
//! Ids: the same schema content gets the same id under every subject (Confluent; Apicurio's default contentId
//! mode), ids start at 1, versions count per subject. What "the same content" means depends on [`Identity`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{json, Value as JsonValue};

use crate::Schema;

/// How the registry decides that two schema texts are the same schema.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum Identity {
    /// Confluent: by the parsed schema, so whitespace and formatting don't matter.
    #[default]
    Confluent,
    /// Apicurio (2.x, 3.0/3.1 without `use-canonical-hash`): by the raw text, unless the request says
    /// `normalize=true`. A reformatted schema is then a new id and a lookup miss (40403), as users meet it.
    Apicurio,
}

#[derive(Debug)]
struct Stored {
    text: String,
    schema_type: String,
}

#[derive(Debug, Clone, Copy)]
struct Version {
    version: u32,
    id: u32,
    deleted: bool,
}

#[derive(Debug, Default)]
struct State {
    /// Id n is `schemas[n - 1]`.
    schemas: Vec<Stored>,
    /// Identity key -> id.
    by_key: HashMap<String, u32>,
    subjects: BTreeMap<String, Vec<Version>>,
    /// Subjects whose compatibility check fails (a test hook: this registry does not implement Avro's
    /// schema-resolution rules; a test marks a subject incompatible to see 409s).
    incompatible: HashSet<String>,
}

/// The store. Thread-safe; the lock is never held across I/O (there is none).
#[derive(Debug, Default)]
pub struct MemoryRegistry {
    identity: Identity,
    state: Mutex<State>,
}

/// An answer: HTTP status and JSON body text.
pub type Answer = (u16, String);

fn error(status: u16, code: i64, message: impl Into<String>) -> Answer {
    (status, text(&json!({"error_code": code, "message": message.into()})))
}

fn ok(body: JsonValue) -> Answer {
    (200, text(&body))
}

/// A JSON answer's text, written into a Vec: a value's `Display` escapes through `fmt::Write` a few bytes at a time
/// (`client::schema_body` measured the difference).
fn text(body: &JsonValue) -> String {
    serde_json::to_string(body).expect("a JSON value serializes")
}

impl MemoryRegistry {
    pub fn new(identity: Identity) -> Self {
        MemoryRegistry { identity, state: Mutex::default() }
    }

    /// The registry of a `mock://scope` URL: one per scope name in this process.
    pub fn scope(name: &str) -> Arc<MemoryRegistry> {
        static SCOPES: OnceLock<Mutex<HashMap<String, Arc<MemoryRegistry>>>> = OnceLock::new();
        let mut scopes = SCOPES.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
        scopes.entry(name.to_owned()).or_insert_with(|| Arc::new(MemoryRegistry::new(Identity::Confluent))).clone()
    }

    pub fn identity(&self) -> Identity {
        self.identity
    }

    /// Makes registrations under `subject` fail with 409 and its compatibility checks answer false (or undoes it).
    pub fn set_incompatible(&self, subject: &str, incompatible: bool) {
        let mut st = self.lock();
        if incompatible {
            st.incompatible.insert(subject.to_owned());
        } else {
            st.incompatible.remove(subject);
        }
    }

    /// Number of distinct schemas stored.
    pub fn schema_count(&self) -> usize {
        self.lock().schemas.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock can't leave the state half-updated in a way that matters to tests.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Answers one REST request. `path` is relative to the API root (no `/apis/ccompat/v7` prefix), still
    /// percent-encoded; `query` is the raw query string.
    pub fn handle(&self, method: &str, path: &str, query: &str, body: &[u8]) -> Answer {
        let q = Query::parse(query);
        let segs: Vec<String> = path
            .trim_matches('/')
            .split('/')
            .map(|s| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
        match (method, segs.as_slice()) {
            ("GET", ["schemas", "types"]) => ok(json!(["AVRO", "JSON", "PROTOBUF"])),
            ("GET", ["schemas", "ids", id]) => self.schema_by_id(id, q.flag("fetchMaxId")),
            ("GET", ["schemas", "ids", id, "schema"]) => self.with_id(id, |s, _| (200, s.text.clone())),
            ("GET", ["schemas", "ids", id, "versions"]) => self.versions_of_id(id, false),
            ("GET", ["schemas", "ids", id, "subjects"]) => self.versions_of_id(id, true),
            ("GET", ["subjects"]) => {
                let st = self.lock();
                let deleted = q.flag("deleted");
                ok(json!(st
                    .subjects
                    .iter()
                    .filter(|(_, vs)| vs.iter().any(|v| deleted || !v.deleted))
                    .map(|(s, _)| s)
                    .collect::<Vec<_>>()))
            }
            ("POST", ["subjects", subject]) => self.lookup(subject, body, q.flag("normalize"), q.flag("deleted")),
            ("DELETE", ["subjects", subject]) => self.delete_subject(subject),
            ("POST", ["subjects", subject, "versions"]) => self.register(subject, body, q.flag("normalize")),
            ("GET", ["subjects", subject, "versions"]) => {
                let st = self.lock();
                match st.subjects.get(*subject).filter(|vs| vs.iter().any(|v| !v.deleted)) {
                    Some(vs) => ok(json!(vs.iter().filter(|v| !v.deleted).map(|v| v.version).collect::<Vec<_>>())),
                    None => error(404, 40401, format!("Subject '{subject}' not found.")),
                }
            }
            ("GET", ["subjects", subject, "versions", version]) => self.subject_version(subject, version),
            ("GET", ["subjects", subject, "versions", version, "schema"]) => match self.subject_version(subject, version) {
                (200, body) => {
                    let v: JsonValue = serde_json::from_str(&body).unwrap_or_default();
                    (200, v["schema"].as_str().unwrap_or_default().to_owned())
                }
                other => other,
            },
            ("POST", ["compatibility", "subjects", subject, "versions", version]) => {
                self.compatibility(subject, version, body)
            }
            ("GET", ["config"]) | ("GET", ["config", _]) => ok(json!({"compatibilityLevel": "BACKWARD"})),
            ("GET", ["mode"]) => ok(json!({"mode": "READWRITE"})),
            ("GET", []) | ("GET", [""]) => ok(json!({})),
            _ => error(404, 404, "HTTP 404 Not Found"),
        }
    }

    fn with_id(&self, id: &str, f: impl FnOnce(&Stored, u32) -> Answer) -> Answer {
        let st = self.lock();
        match id.parse::<u32>().ok().filter(|&n| n >= 1 && (n as usize) <= st.schemas.len()) {
            Some(n) => f(&st.schemas[n as usize - 1], st.schemas.len() as u32),
            None => error(404, 40403, "Schema not found"),
        }
    }

    fn schema_by_id(&self, id: &str, fetch_max_id: bool) -> Answer {
        self.with_id(id, |s, max| {
            let mut body = json!({"schema": s.text});
            if s.schema_type != "AVRO" {
                body["schemaType"] = json!(s.schema_type);
            }
            if fetch_max_id {
                body["maxId"] = json!(max);
            }
            ok(body)
        })
    }

    fn versions_of_id(&self, id: &str, subjects_only: bool) -> Answer {
        let st = self.lock();
        let Some(n) = id.parse::<u32>().ok().filter(|&n| n >= 1 && (n as usize) <= st.schemas.len()) else {
            return error(404, 40403, "Schema not found");
        };
        let mut out = Vec::new();
        for (subject, vs) in &st.subjects {
            for v in vs.iter().filter(|v| v.id == n && !v.deleted) {
                out.push(if subjects_only { json!(subject) } else { json!({"subject": subject, "version": v.version}) });
            }
        }
        ok(JsonValue::Array(out))
    }

    /// Parses a request body `{"schema": ..., "schemaType": ...}` and the identity key of its schema.
    fn read_body(&self, body: &[u8], normalize: bool) -> Result<(String, String, String), Answer> {
        let req: JsonValue = serde_json::from_slice(body).map_err(|e| error(422, 42201, format!("Invalid request body: {e}")))?;
        let Some(text) = req.get("schema").and_then(JsonValue::as_str) else {
            return Err(error(422, 42201, "Invalid schema: no \"schema\" string in the request"));
        };
        if req.get("references").and_then(JsonValue::as_array).is_some_and(|r| !r.is_empty()) {
            return Err(error(422, 42201, "Invalid schema: schema references are not supported by this test registry"));
        }
        let schema_type = req.get("schemaType").and_then(JsonValue::as_str).unwrap_or("AVRO").to_ascii_uppercase();
        let key = if schema_type == "AVRO" {
            let normal = normal_form(text).map_err(|e| error(422, 42201, format!("Invalid schema {e}")))?;
            match (self.identity, normalize) {
                (Identity::Apicurio, false) => text.to_owned(),
                _ => normal,
            }
        } else {
            text.to_owned()
        };
        Ok((text.to_owned(), schema_type.clone(), format!("{schema_type}\n{key}")))
    }

    fn register(&self, subject: &str, body: &[u8], normalize: bool) -> Answer {
        let (text, schema_type, key) = match self.read_body(body, normalize) {
            Ok(x) => x,
            Err(answer) => return answer,
        };
        let mut st = self.lock();
        let existing = st.by_key.get(&key).copied();
        if let Some(id) = existing {
            if st.subjects.get(subject).is_some_and(|vs| vs.iter().any(|v| v.id == id && !v.deleted)) {
                return ok(json!({"id": id}));
            }
        }
        let live = st.subjects.get(subject).is_some_and(|vs| vs.iter().any(|v| !v.deleted));
        if live && st.incompatible.contains(subject) {
            return error(
                409,
                409,
                format!("Schema being registered is incompatible with an earlier schema for subject \"{subject}\""),
            );
        }
        let id = match existing {
            Some(id) => id,
            None => {
                // Confluent stores the printed (canonical) text; Apicurio stores the text "just as received".
                let stored_text = match self.identity {
                    Identity::Confluent if schema_type == "AVRO" => normal_form(&text).unwrap_or(text),
                    _ => text,
                };
                st.schemas.push(Stored { text: stored_text, schema_type });
                let id = st.schemas.len() as u32;
                st.by_key.insert(key, id);
                id
            }
        };
        let versions = st.subjects.entry(subject.to_owned()).or_default();
        let version = versions.last().map_or(1, |v| v.version + 1);
        versions.push(Version { version, id, deleted: false });
        ok(json!({"id": id}))
    }

    fn lookup(&self, subject: &str, body: &[u8], normalize: bool, deleted: bool) -> Answer {
        let (_, _, key) = match self.read_body(body, normalize) {
            Ok(x) => x,
            Err(answer) => return answer,
        };
        let st = self.lock();
        let Some(vs) = st.subjects.get(subject).filter(|vs| vs.iter().any(|v| deleted || !v.deleted)) else {
            return error(404, 40401, format!("Subject '{subject}' not found."));
        };
        let id = st.by_key.get(&key).copied();
        match vs.iter().rev().find(|v| Some(v.id) == id && (deleted || !v.deleted)) {
            Some(v) => ok(json!({
                "subject": subject,
                "version": v.version,
                "id": v.id,
                "schema": st.schemas[v.id as usize - 1].text,
            })),
            None => error(404, 40403, "Schema not found"),
        }
    }

    fn delete_subject(&self, subject: &str) -> Answer {
        let mut st = self.lock();
        match st.subjects.get_mut(subject).filter(|vs| vs.iter().any(|v| !v.deleted)) {
            Some(vs) => {
                let gone: Vec<u32> = vs.iter().filter(|v| !v.deleted).map(|v| v.version).collect();
                vs.iter_mut().for_each(|v| v.deleted = true);
                ok(json!(gone))
            }
            None => error(404, 40401, format!("Subject '{subject}' not found.")),
        }
    }

    fn subject_version(&self, subject: &str, version: &str) -> Answer {
        let st = self.lock();
        let Some(vs) = st.subjects.get(subject).filter(|vs| vs.iter().any(|v| !v.deleted)) else {
            return error(404, 40401, format!("Subject '{subject}' not found."));
        };
        let found = match version {
            "latest" | "-1" => vs.iter().rev().find(|v| !v.deleted),
            n => match n.parse::<u32>() {
                Ok(n) if n >= 1 => vs.iter().find(|v| v.version == n && !v.deleted),
                _ => {
                    return error(
                        422,
                        42202,
                        format!("The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\""),
                    )
                }
            },
        };
        match found {
            Some(v) => {
                let s = &st.schemas[v.id as usize - 1];
                let mut body = json!({"subject": subject, "version": v.version, "id": v.id, "schema": s.text});
                if s.schema_type != "AVRO" {
                    body["schemaType"] = json!(s.schema_type);
                }
                ok(body)
            }
            None => error(404, 40402, format!("Version {version} not found.")),
        }
    }

    fn compatibility(&self, subject: &str, version: &str, body: &[u8]) -> Answer {
        if let Err(answer) = self.read_body(body, false) {
            return answer;
        }
        match self.subject_version(subject, version) {
            (200, _) => ok(json!({"is_compatible": !self.lock().incompatible.contains(subject)})),
            other => other,
        }
    }
}

/// The registry's normal form of Avro schema text: what Java Avro's `Schema.toString()` prints for it (Confluent's
/// registry stores and compares `AvroSchema.canonicalString()`, which is that text).
fn normal_form(text: &str) -> Result<String, crate::SchemaError> {
    Ok(Schema::parse(text)?.to_string())
}

/// Query flags. Python sends `normalize=False`, Java `normalize=false`.
struct Query<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Query<'a> {
    fn parse(q: &'a str) -> Self {
        Query(q.split('&').filter(|s| !s.is_empty()).map(|kv| kv.split_once('=').unwrap_or((kv, ""))).collect())
    }

    fn flag(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| *k == name && v.eq_ignore_ascii_case("true"))
    }
}
