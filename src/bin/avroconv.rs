//! `avroconv`: print schemas as Java prints them, encode and decode records, for people debugging topics and for
//! scripts. Records travel as lines: JSON in Avro's JSON encoding on one side, hex of Avro binary on the other.
//! A bad line is reported on stderr with its line number; the good lines are still processed, and the exit code
//! is non-zero when any line failed.
//!
//! With `--registry URL`, records are Confluent-framed (magic byte, schema id, body): `encode` registers the schema
//! under the topic's subject on first use, `decode` fetches each writer schema by its id.

use std::collections::HashMap;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use avroconv::codec::{from_json, to_json};
use avroconv::registry::{blocking::Client, Config};
use avroconv::schema::Fingerprint;
use avroconv::serdes::{blocking, AvroSchema};
use avroconv::{Decoder, Encoder, Schema};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "avroconv", version, about = "Avro schemas and records, as Java and the Confluent wire format see them")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Work with a schema file.
    #[command(subcommand)]
    Schema(SchemaCommand),
    /// Read JSON lines (Avro's JSON encoding) from stdin; write one hex line of Avro binary per record.
    Encode {
        /// The writer schema (.avsc).
        #[arg(long)]
        schema: PathBuf,
        /// With --registry: the topic whose subject the schema is registered under.
        #[arg(long, requires = "registry")]
        topic: Option<String>,
        /// With --registry: the records are keys (subject `<topic>-key`), not values.
        #[arg(long, requires = "registry")]
        key: bool,
        #[command(flatten)]
        registry: RegistryArgs,
    },
    /// Read hex lines of Avro binary from stdin; write one JSON line (Avro's JSON encoding) per record.
    Decode {
        /// The schema the records were written with (not needed with --registry: it is fetched by id).
        #[arg(long, required_unless_present = "registry", conflicts_with = "registry")]
        schema: Option<PathBuf>,
        /// Read the records into this schema instead, by Avro's schema resolution.
        #[arg(long)]
        reader_schema: Option<PathBuf>,
        #[command(flatten)]
        registry: RegistryArgs,
    },
}

/// Where the schema registry is and how to talk to it, in Confluent's configuration keys.
#[derive(clap::Args)]
struct RegistryArgs {
    /// Schema registry URL(s), comma-separated (e.g. http://host:8081 or http://host/apis/ccompat/v7).
    #[arg(long)]
    registry: Option<String>,
    /// A Confluent serializer/registry-client setting, KEY=VALUE (repeatable), e.g.
    /// basic.auth.credentials.source=USER_INFO. Keep secrets out of the command line: use --properties.
    #[arg(long = "property", value_name = "KEY=VALUE", requires = "registry")]
    properties: Vec<String>,
    /// A file of KEY=VALUE lines (Java properties style; # comments), read before --property.
    #[arg(long = "properties", value_name = "FILE", requires = "registry")]
    properties_file: Option<PathBuf>,
}

impl RegistryArgs {
    /// The registry client, when --registry was given.
    fn client(&self) -> Result<Option<Client>, Fatal> {
        let Some(url) = &self.registry else { return Ok(None) };
        let mut map = HashMap::new();
        if let Some(path) = &self.properties_file {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with(['#', '!'])) {
                let (k, v) = line.split_once(['=', ':']).ok_or_else(|| format!("{}: not KEY=VALUE: {line}", path.display()))?;
                map.insert(k.trim().to_owned(), v.trim().to_owned());
            }
        }
        for pair in &self.properties {
            let (k, v) = pair.split_once('=').ok_or_else(|| format!("--property {pair:?} is not KEY=VALUE"))?;
            map.insert(k.trim().to_owned(), v.trim().to_owned());
        }
        map.insert("schema.registry.url".to_owned(), url.clone());
        let config = Config::from_map(&map).map_err(|e| e.to_string())?;
        Client::new(config).map(Some).map_err(|e| e.to_string())
    }
}

#[derive(Subcommand)]
enum SchemaCommand {
    /// Print the schema exactly as Java Avro 1.11's Schema.toString() does.
    Print {
        file: PathBuf,
        /// Print the Parsing Canonical Form instead.
        #[arg(long, conflicts_with = "fingerprint")]
        canonical: bool,
        /// Print the fingerprint of the canonical form (hex; rabin also in decimal, as Java's long).
        #[arg(long, value_enum)]
        fingerprint: Option<FingerprintArg>,
    },
}

#[derive(Copy, Clone, ValueEnum)]
enum FingerprintArg {
    Rabin,
    Md5,
    Sha256,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema(SchemaCommand::Print { file, canonical, fingerprint }) => print_schema(&file, canonical, fingerprint),
        Command::Encode { schema, topic, key, registry } => match registry.client() {
            Ok(Some(client)) => encode_framed(&schema, client, topic.as_deref().unwrap_or_default(), key),
            Ok(None) => encode(&schema),
            Err(e) => Err(e),
        },
        Command::Decode { schema, reader_schema, registry } => match (registry.client(), schema) {
            (Ok(Some(client)), _) => decode_framed(client, reader_schema.as_deref()),
            (Ok(None), Some(schema)) => decode(&schema, reader_schema.as_deref()),
            (Ok(None), None) => Err("decode needs --schema or --registry".to_owned()),
            (Err(e), _) => Err(e),
        },
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("avroconv: {message}");
            ExitCode::from(2)
        }
    }
}

/// Fatal errors (unreadable schema, closed stdout) end the run; per-line errors do not.
type Fatal = String;

fn read_schema(path: &Path) -> Result<Schema, Fatal> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Schema::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn print_schema(path: &Path, canonical: bool, fingerprint: Option<FingerprintArg>) -> Result<bool, Fatal> {
    let schema = read_schema(path)?;
    match (canonical, fingerprint) {
        (true, _) => println!("{}", schema.canonical_form()),
        (false, Some(FingerprintArg::Rabin)) => {
            let fp = schema.rabin_fingerprint();
            println!("{fp:016x} {}", fp as i64);
        }
        (false, Some(FingerprintArg::Md5)) => println!("{}", hex::encode(schema.fingerprint(Fingerprint::Md5))),
        (false, Some(FingerprintArg::Sha256)) => println!("{}", hex::encode(schema.fingerprint(Fingerprint::Sha256))),
        (false, None) => println!("{schema}"),
    }
    Ok(true)
}

/// Applies `convert` to every non-blank line of stdin, writing its output line to stdout; reports failures with
/// their line numbers on stderr. Returns whether every line succeeded.
fn each_line(mut convert: impl FnMut(&str) -> Result<String, String>) -> Result<bool, Fatal> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_ok = true;
    for (index, line) in io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| format!("reading stdin: {e}"))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match convert(line) {
            Ok(text) => writeln!(out, "{text}").map_err(|e| format!("writing stdout: {e}"))?,
            Err(message) => {
                all_ok = false;
                // Keep stdout and stderr in order for a reader watching both.
                out.flush().map_err(|e| format!("writing stdout: {e}"))?;
                eprintln!("line {}: {message}", index + 1);
            }
        }
    }
    out.flush().map_err(|e| format!("writing stdout: {e}"))?;
    Ok(all_ok)
}

fn encode(schema_path: &Path) -> Result<bool, Fatal> {
    let schema = read_schema(schema_path)?;
    let encoder = Encoder::new(&schema);
    let mut buf = Vec::new();
    each_line(|line| {
        let json: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        let value = from_json(&schema, &json).map_err(|e| e.to_string())?;
        buf.clear();
        encoder.encode_value(&value, &mut buf).map_err(|e| e.to_string())?;
        Ok(hex::encode(&buf))
    })
}

fn decode(schema_path: &Path, reader_path: Option<&Path>) -> Result<bool, Fatal> {
    let writer = read_schema(schema_path)?;
    let (decoder, reader) = match reader_path {
        Some(path) => {
            let reader = read_schema(path)?;
            let decoder = Decoder::resolving(&writer, &reader).map_err(|e| e.to_string())?;
            (decoder, reader)
        }
        None => (Decoder::new(&writer), writer),
    };
    each_line(|line| {
        let bytes = hex::decode(line).map_err(|e| format!("not hex: {e}"))?;
        let value = decoder.decode_value(&bytes).map_err(|e| e.to_string())?;
        let json = to_json(&reader, &value).map_err(|e| e.to_string())?;
        serde_json::to_string(&json).map_err(|e| e.to_string())
    })
}

/// Encodes into Confluent-framed records, registering the schema under the topic's subject on first use.
fn encode_framed(schema_path: &Path, client: Client, topic: &str, key: bool) -> Result<bool, Fatal> {
    if topic.is_empty() {
        return Err("encode --registry needs --topic".to_owned());
    }
    let text = std::fs::read_to_string(schema_path).map_err(|e| format!("{}: {e}", schema_path.display()))?;
    let schema = AvroSchema::parse(&text).map_err(|e| format!("{}: {e}", schema_path.display()))?;
    let serializer = blocking::Serializer::new(client, key);
    each_line(|line| {
        let json: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        let value = from_json(schema.schema(), &json).map_err(|e| e.to_string())?;
        let framed = serializer.serialize_value(topic, &schema, Some(&value)).map_err(|e| e.to_string())?;
        Ok(hex::encode(framed.unwrap_or_default()))
    })
}

/// Decodes Confluent-framed records, fetching each writer schema by its id (once per id).
fn decode_framed(client: Client, reader_path: Option<&Path>) -> Result<bool, Fatal> {
    let reader = reader_path.map(read_schema).transpose()?;
    let deserializer = match &reader {
        // The key/value side only matters for header-carried ids, which hex lines do not have.
        Some(reader) => blocking::Deserializer::with_reader_schema(client, false, reader.clone()),
        None => blocking::Deserializer::new(client, false),
    };
    each_line(|line| {
        let bytes = hex::decode(line).map_err(|e| format!("not hex: {e}"))?;
        let (id, value) = deserializer
            .deserialize_value(Some(&bytes), None)
            .map_err(|e| e.to_string())?
            .expect("a payload was given");
        let json = match &reader {
            Some(reader) => to_json(reader, &value),
            None => to_json(deserializer.writer_schema(id).map_err(|e| e.to_string())?.schema.as_ref(), &value),
        };
        serde_json::to_string(&json.map_err(|e| e.to_string())?).map_err(|e| e.to_string())
    })
}
