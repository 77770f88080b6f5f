//! `avroconv`: print schemas as Java prints them, encode and decode records, for people debugging topics and for
//! scripts. Records travel as lines: JSON in Avro's JSON encoding on one side, hex of Avro binary on the other.
//! A bad line is reported on stderr with its line number; the good lines are still processed, and the exit code
//! is non-zero when any line failed.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use avroconv::codec::{from_json, to_json};
use avroconv::schema::Fingerprint;
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
    },
    /// Read hex lines of Avro binary from stdin; write one JSON line (Avro's JSON encoding) per record.
    Decode {
        /// The schema the records were written with.
        #[arg(long)]
        schema: PathBuf,
        /// Read the records into this schema instead, by Avro's schema resolution.
        #[arg(long)]
        reader_schema: Option<PathBuf>,
    },
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
        Command::Encode { schema } => encode(&schema),
        Command::Decode { schema, reader_schema } => decode(&schema, reader_schema.as_deref()),
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
