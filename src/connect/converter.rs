//! The converter session behind `io.avroconv.connect.AvroConverter` (bindings/jni/BOUNDARY.md): its settings,
//! its registry client, and the per-schema plans that the per-record calls run.
//!
//! - [`Session::writer`] (once per Connect schema and topic): description -> Avro schema as AvroData builds it ->
//!   id as Confluent's serializer decides it -> [`WriterPlan`] (ops for Java, compiled [`EncodeProgram`]).
//! - [`Session::reader`] (once per schema id and topic): writer schema and its version under the subject ->
//!   Connect schema as AvroData builds it -> [`ReaderPlan`] (description, ops, symbols, [`DecodeProgram`]).
//!
//! Registry clients are shared by every session whose registry settings are equal (Connect makes a key and a
//! value converter per task): a process-wide map of `Weak`s keyed by a SHA-256 of those settings, so the map
//! holds no secret in clear and keeps no client alive by itself.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use sha2::{Digest, Sha256};

use super::table::{DecodeProgram, Slots};
use super::tape::EncodeProgram;
use super::{
    from_connect_schema, is_anything_schema, to_connect_schema, AvroDataConfig, ConnectSchema, RecordError, ANYTHING_SCHEMA,
};
use crate::registry::{blocking::Client, Config};
use crate::serdes::blocking::{Deserializer, Serializer};
use crate::serdes::AvroSchema;
use crate::wire::{self, HexHead, HEADER_LEN};
use crate::Error;

/// Keys that are the converter's or AvroData's, not the registry client's or serializer's: they do not split
/// the client sharing.
const NOT_REGISTRY: &[&str] = &[
    "converter.type",
    "schemas.cache.config",
    "connect.meta.data",
    "enhanced.avro.schema.support",
    "scrub.invalid.names",
    "allow.optional.map.keys",
    "discard.type.doc.default",
    "generalized.sum.type.support",
    "ignore.default.for.nullables",
    "flatten.singleton.unions",
];

type ClientMap = HashMap<[u8; 32], Weak<Client>>;

fn clients() -> &'static Mutex<ClientMap> {
    static CLIENTS: OnceLock<Mutex<ClientMap>> = OnceLock::new();
    CLIENTS.get_or_init(Mutex::default)
}

/// A configured converter (key or value side). `Send + Sync`.
///
/// It keeps no cache of its own: Java caches the plans (bounded by `schemas.cache.config`) and the registry
/// client's caches are bounded by `max.schemas.per.subject`. A serializer or deserializer is made per plan and
/// dropped with it, because their own maps (up to 10,000 entries each, per schema instance or id) would never
/// answer here (every plan parses its schema afresh) and would only hold a parsed schema, encoder or decoder per
/// plan compiled: measured, they grew a soak's memory past its configured bounds.
pub struct Session {
    is_key: bool,
    avro_data: AvroDataConfig,
    /// Shared with every session of the same registry settings; kept alive while the session lives.
    client: Arc<Client>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("is_key", &self.is_key).field("avro_data", &self.avro_data).finish_non_exhaustive()
    }
}

impl Session {
    /// A session from the converter's configuration (Confluent's keys, values as text).
    pub fn open<'a>(props: impl IntoIterator<Item = (&'a str, &'a str)>, is_key: bool) -> Result<Session, Error> {
        let map: HashMap<String, String> = props.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        let avro_data = AvroDataConfig::from_props(map.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        let client = shared_client(&map)?;
        Ok(Session { is_key, avro_data, client })
    }

    pub fn is_key(&self) -> bool {
        self.is_key
    }

    /// The plan for values of the Connect schema `description` on `topic`: translates it as AvroData does, gets
    /// its id as Confluent's serializer would (registering it under `auto.register.schemas`), compiles.
    /// The description `null` (a `null` Connect schema) is a schemaless value: AvroData's `ANYTHING_SCHEMA`.
    pub fn writer(&self, topic: &str, description: &str) -> Result<WriterPlan, Error> {
        let ser = Serializer::new((*self.client).clone(), self.is_key);
        if description.trim() == "null" {
            let schema = AvroSchema::parse(ANYTHING_SCHEMA)?;
            let (id, _) = ser.schema_id(topic, &schema)?;
            return Ok(WriterPlan { topic: topic.to_owned(), id, program: EncodeProgram::anything() });
        }
        let connect = ConnectSchema::from_json(description)?;
        let avro = from_connect_schema(&connect, &self.avro_data)?;
        let schema = AvroSchema::parse(&avro.to_string())?;
        let (id, with) = ser.schema_id(topic, &schema)?;
        let program = EncodeProgram::compile(&connect, with.schema())?;
        Ok(WriterPlan { topic: topic.to_owned(), id, program })
    }

    /// The plan for payloads of schema `id` on `topic`: the writer schema, its version under the topic's
    /// subject, the Connect schema AvroData gives for both, compiled. A writer schema equal to AvroData's
    /// `ANYTHING_SCHEMA` gives schemaless values: the description `null` and one ANY op.
    pub fn reader(&self, topic: &str, id: u32) -> Result<ReaderPlan, Error> {
        let de = Deserializer::new((*self.client).clone(), self.is_key);
        let writer = de.writer_schema(id)?;
        let version = de.writer_version(topic, id)?;
        if is_anything_schema(&writer.schema) {
            let program = DecodeProgram::anything();
            return Ok(ReaderPlan { topic: topic.to_owned(), id, description: "null".to_owned(), program });
        }
        let connect = to_connect_schema(&writer.schema, version.and_then(|v| i32::try_from(v).ok()), &self.avro_data)?;
        let program = DecodeProgram::compile(&writer.schema, &connect)?;
        Ok(ReaderPlan { topic: topic.to_owned(), id, description: connect.to_json(), program })
    }

    /// The native caches this session uses, as `name=value` lines: `registry.bound` (`max.schemas.per.subject`,
    /// the bound of each registry cache), `registry.clients` (live shared clients in this library copy) and
    /// `registry.<cache>` entry counts of the client this session shares (moka's pending work applied first).
    /// For tests and soaks; never on a hot path.
    pub fn stats(&self) -> Result<String, Error> {
        let mut out = format!("registry.bound={}\n", self.client.as_async().config().max_schemas_per_subject);
        let live = clients().lock().unwrap_or_else(|p| p.into_inner()).values().filter(|w| w.strong_count() > 0).count();
        out.push_str(&format!("registry.clients={live}\n"));
        for (name, n) in self.client.cache_entry_counts()? {
            out.push_str(&format!("registry.{name}={n}\n"));
        }
        Ok(out)
    }
}

/// The registry client for these settings, shared with every live session that has the same ones.
fn shared_client(map: &HashMap<String, String>) -> Result<Arc<Client>, Error> {
    let mut pairs: Vec<(&String, &String)> = map.iter().filter(|(k, _)| !NOT_REGISTRY.contains(&k.as_str())).collect();
    pairs.sort();
    let mut h = Sha256::new();
    for (k, v) in pairs {
        // Length-prefixed, so that no two different maps hash the same bytes.
        for part in [k, v] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
    }
    let key: [u8; 32] = h.finalize().into();
    let mut clients = clients().lock().unwrap_or_else(|p| p.into_inner());
    if let Some(client) = clients.get(&key).and_then(Weak::upgrade) {
        return Ok(client);
    }
    let client = Arc::new(Client::new(Config::from_map(map)?)?);
    clients.retain(|_, w| w.strong_count() > 0);
    clients.insert(key, Arc::downgrade(&client));
    Ok(client)
}

/// What [`WriterPlan::encode`] did with the caller's buffer.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Encoded {
    /// The record (header and body) takes the first `n` bytes.
    Written(usize),
    /// The buffer is too short: the record needs `n` bytes.
    Needs(usize),
}

/// Everything per (Connect schema, topic) for writing records.
#[derive(Debug)]
pub struct WriterPlan {
    topic: String,
    id: u32,
    program: EncodeProgram,
}

thread_local! {
    /// The record being written, reused across records on this thread.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl WriterPlan {
    /// A plan from parts (tests, benchmarks): `program` writes records framed with `id`.
    pub fn new(topic: &str, id: u32, program: EncodeProgram) -> WriterPlan {
        WriterPlan { topic: topic.to_owned(), id, program }
    }

    pub fn topic(&self) -> &str {
        &self.topic
    }

    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn ops(&self) -> &[i32] {
        self.program.ops()
    }

    /// Appends the framed record (5-byte header, body) of the value on `tape`; on error `out` is as it was.
    pub fn encode_into(&self, tape: &[u8], out: &mut Vec<u8>) -> Result<(), RecordError> {
        let begin = out.len();
        wire::write_header(self.id, out);
        self.program.encode(tape, out).inspect_err(|_| out.truncate(begin))
    }

    /// Writes the framed record into `out` when it fits (no allocation once this thread's scratch buffer has
    /// grown to the largest record).
    pub fn encode(&self, tape: &[u8], out: &mut [u8]) -> Result<Encoded, RecordError> {
        SCRATCH.with(|scratch| {
            let mut buf = scratch.try_borrow_mut().map_err(|_| RecordError::value("re-entrant encode"))?;
            buf.clear();
            self.encode_into(tape, &mut buf)?;
            Ok(match out.get_mut(..buf.len()) {
                Some(dst) => {
                    dst.copy_from_slice(&buf);
                    Encoded::Written(buf.len())
                }
                None => Encoded::Needs(buf.len()),
            })
        })
    }
}

/// Everything per (schema id, topic) for reading records.
#[derive(Debug)]
pub struct ReaderPlan {
    topic: String,
    id: u32,
    description: String,
    program: DecodeProgram,
}

impl ReaderPlan {
    /// A plan from parts (tests, benchmarks).
    pub fn new(topic: &str, id: u32, connect: &ConnectSchema, program: DecodeProgram) -> ReaderPlan {
        ReaderPlan { topic: topic.to_owned(), id, description: connect.to_json(), program }
    }

    /// A plan for schemaless values (description `null`, [`DecodeProgram::anything`]) from parts (tests).
    pub fn anything(topic: &str, id: u32) -> ReaderPlan {
        ReaderPlan { topic: topic.to_owned(), id, description: "null".to_owned(), program: DecodeProgram::anything() }
    }

    pub fn topic(&self) -> &str {
        &self.topic
    }

    pub fn id(&self) -> u32 {
        self.id
    }

    /// The Connect schema's description (with its `version`).
    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn ops(&self) -> &[i32] {
        self.program.ops()
    }

    pub fn symbols(&self) -> &[String] {
        self.program.symbols()
    }

    /// Fills `table` from the framed payload `input`; returns the slots the record takes, which may be more than
    /// `table.len()` (then only the first `table.len()` were written: call again with a table that long).
    pub fn decode(&self, input: &[u8], table: &mut [i64]) -> Result<usize, RecordError> {
        match wire::parse(input) {
            Ok(frame) if frame.id == wire::SchemaId::Id(self.id) => {}
            _ => return Err(RecordError::Frame { want: self.id, head: HexHead::of(input) }),
        }
        let mut slots = Slots::new(table);
        self.program
            .decode(input, HEADER_LEN, &mut slots)
            .map_err(|err| RecordError::Body { err, head: HexHead::of(input) })?;
        Ok(slots.used())
    }
}
