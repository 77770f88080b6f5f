//! The Confluent wire format: magic byte `0`, a 4-byte big-endian schema id, then the Avro body.
//!
//! Parsing borrows (`&[u8]`) or shares (`bytes::Bytes`), never copies. Confluent 8 may carry the id in a record
//! header instead (`__key_schema_id` / `__value_schema_id`, holding `0x01` + a 16-byte GUID or `0x00` + an id);
//! [`parse_with_headers`] reads those first, as Confluent's `DualSchemaIdDeserializer` does.
//!
//! Errors say what the bytes look like when they are not a Confluent frame (JSON text, an AWS Glue header,
//! an Apicurio 2.x 8-byte global id), because "Unknown magic byte!" alone sends users hunting.
//!
//! ```
//! use avroconv::wire::{self, SchemaId};
//! let mut buf = Vec::new();
//! wire::write_header(42, &mut buf);
//! buf.extend_from_slice(&[2, 4]);
//! let frame = wire::parse(&buf).unwrap();
//! assert_eq!((frame.id, frame.body), (SchemaId::Id(42), &[2u8, 4][..]));
//! assert!(wire::parse(b"{\"not\": \"avro\"}").unwrap_err().to_string().contains("JSON"));
//! ```

use std::fmt;

use bytes::Bytes;

/// Magic byte of the id-prefix frame.
pub const MAGIC: u8 = 0;
/// Magic byte of a GUID (Confluent 8+).
pub const MAGIC_GUID: u8 = 1;
/// Length of the `0 + id` prefix.
pub const HEADER_LEN: usize = 5;
/// Length of the `1 + GUID` form.
const GUID_LEN: usize = 17;
/// Header names used by Confluent's `HeaderSchemaIdSerializer`.
pub const KEY_SCHEMA_ID_HEADER: &str = "__key_schema_id";
pub const VALUE_SCHEMA_ID_HEADER: &str = "__value_schema_id";

/// Which schema a payload was written with.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum SchemaId {
    /// A registry id (the classic 4-byte prefix).
    Id(u32),
    /// A schema GUID (Confluent 8+), as its 16 bytes.
    Guid([u8; 16]),
}

impl fmt::Display for SchemaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaId::Id(id) => write!(f, "{id}"),
            SchemaId::Guid(g) => {
                let h = hex::encode(g);
                write!(f, "{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
            }
        }
    }
}

/// A parsed frame: the schema id and the Avro body, borrowed from the input.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Frame<'a> {
    pub id: SchemaId,
    pub body: &'a [u8],
}

/// Why bytes are not a Confluent-framed payload.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    #[error("empty payload: a Confluent-framed value has at least 5 bytes (a null value is a tombstone, not an empty one)")]
    Empty,
    #[error("payload of {len} bytes is shorter than the 5-byte Confluent header (bytes: {head})")]
    TooShort { len: usize, head: HexHead },
    #[error("unknown magic byte 0x{magic:02x} (first bytes: {head}){}", hint.map(|h| format!(": {h}")).unwrap_or_default())]
    BadMagic { magic: u8, head: HexHead, hint: Option<Hint> },
    #[error(
        "payload starts with magic 0 and an 8-byte id {global_id}: this looks like Apicurio 2.x serdes writing a \
         globalId (set apicurio.registry.as-confluent=true / use-id=contentId on the producer)"
    )]
    ApicurioGlobalId { global_id: u64 },
    #[error("truncated frame: {what} needs {needed} bytes, {available} available")]
    Truncated { what: &'static str, needed: usize, available: usize },
    #[error("schema id header {name} is invalid: {reason}")]
    BadHeader { name: &'static str, reason: String },
    #[error(
        "the record carries its schema id in the Apicurio header {header:?}, not in a Confluent frame (Apicurio \
         serdes with headers enabled); configure the producer with apicurio.registry.headers.enabled=false and \
         as-confluent / Default4ByteIdHandler"
    )]
    ApicurioHeaders { header: String },
}

/// A likely explanation of a wrong magic byte.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// `{` or `[`: plain JSON (JsonConverter or a string producer).
    Json,
    /// `0x03`: AWS Glue Schema Registry header.
    Glue,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hint::Json => "the payload looks like JSON text, not Confluent-framed Avro (was it written by a JSON or String converter?)",
            Hint::Glue => "the payload looks like an AWS Glue Schema Registry record (header version 3); use Glue's converter",
        })
    }
}

/// Up to the first 16 bytes of a payload, shown in hex in error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct HexHead {
    bytes: [u8; 16],
    len: u8,
    total: usize,
}

impl HexHead {
    /// The head of `data` (its total length is kept, for the "..." when it is longer).
    pub fn of(data: &[u8]) -> Self {
        let n = data.len().min(16);
        let mut bytes = [0u8; 16];
        bytes[..n].copy_from_slice(&data[..n]);
        HexHead { bytes, len: n as u8, total: data.len() }
    }
}

impl fmt::Display for HexHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.bytes[..self.len as usize].iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{b:02x}")?;
        }
        if self.total > self.len as usize {
            write!(f, " ...")?;
        }
        Ok(())
    }
}

impl fmt::Debug for HexHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

/// Parses a payload carrying its schema id in the prefix.
pub fn parse(data: &[u8]) -> Result<Frame<'_>, WireError> {
    let (id, at) = parse_prefix(data)?;
    Ok(Frame { id, body: &data[at..] })
}

/// [`parse`] for shared buffers: the body is a zero-copy slice of `data`.
pub fn parse_bytes(data: &Bytes) -> Result<(SchemaId, Bytes), WireError> {
    let (id, at) = parse_prefix(data)?;
    Ok((id, data.slice(at..)))
}

/// Parses a payload whose schema id may sit in a record header (Confluent 8's `HeaderSchemaIdSerializer`).
///
/// When the header for this side (`__key_schema_id` or `__value_schema_id`) is present, its value gives the id and
/// the whole payload is the body; otherwise the id is read from the payload's prefix. The last header of a name wins,
/// as with Kafka's `Headers.lastHeader`.
pub fn parse_with_headers<'a, 'h, I>(data: &'a [u8], headers: I, is_key: bool) -> Result<Frame<'a>, WireError>
where
    I: IntoIterator<Item = (&'h str, &'h [u8])>,
{
    let name = if is_key { KEY_SCHEMA_ID_HEADER } else { VALUE_SCHEMA_ID_HEADER };
    let apicurio = if is_key { "apicurio.key." } else { "apicurio.value." };
    let mut found = None;
    let mut apicurio_header = None;
    for (k, v) in headers {
        if k == name {
            found = Some(v);
        } else if k.starts_with(apicurio) && apicurio_header.is_none() {
            apicurio_header = Some(k);
        }
    }
    match (found, apicurio_header) {
        (Some(value), _) => Ok(Frame { id: parse_header_id(name, value)?, body: data }),
        // Apicurio's header mode always writes the bare body (no magic byte), which could start with a 0 by chance
        // and be misread as a frame: say what it is instead.
        (None, Some(header)) => Err(WireError::ApicurioHeaders { header: header.to_owned() }),
        (None, None) => parse(data),
    }
}

fn parse_header_id(name: &'static str, value: &[u8]) -> Result<SchemaId, WireError> {
    let bad = |reason: String| WireError::BadHeader { name, reason };
    match value.first() {
        None => Err(bad("empty".into())),
        Some(&MAGIC_GUID) if value.len() == GUID_LEN => Ok(SchemaId::Guid(value[1..].try_into().expect("16 bytes"))),
        Some(&MAGIC) if value.len() == HEADER_LEN => Ok(SchemaId::Id(u32::from_be_bytes(value[1..].try_into().expect("4 bytes")))),
        Some(&m) => Err(bad(format!("{} bytes starting with 0x{m:02x} (expected 0x01 + 16-byte GUID or 0x00 + 4-byte id): {}", value.len(), HexHead::of(value)))),
    }
}

/// The id and where the body starts.
fn parse_prefix(data: &[u8]) -> Result<(SchemaId, usize), WireError> {
    let Some(&magic) = data.first() else { return Err(WireError::Empty) };
    match magic {
        MAGIC if data.len() < HEADER_LEN => Err(WireError::TooShort { len: data.len(), head: HexHead::of(data) }),
        MAGIC => {
            let id = u32::from_be_bytes(data[1..5].try_into().expect("4 bytes"));
            // Confluent and Apicurio (contentId) ids start at 1; a zero high half followed by four more bytes is the
            // 8-byte big-endian globalId Apicurio 2.x serdes write by default.
            if id == 0 && data.len() >= 9 {
                let global_id = u64::from_be_bytes(data[1..9].try_into().expect("8 bytes"));
                if global_id != 0 {
                    return Err(WireError::ApicurioGlobalId { global_id });
                }
            }
            Ok((SchemaId::Id(id), HEADER_LEN))
        }
        MAGIC_GUID if data.len() < GUID_LEN => {
            Err(WireError::Truncated { what: "a GUID-framed header (0x01 + 16 bytes)", needed: GUID_LEN, available: data.len() })
        }
        MAGIC_GUID => Ok((SchemaId::Guid(data[1..GUID_LEN].try_into().expect("16 bytes")), GUID_LEN)),
        _ if data.len() < HEADER_LEN && !matches!(magic, b'{' | b'[' | 3) => {
            Err(WireError::TooShort { len: data.len(), head: HexHead::of(data) })
        }
        _ => {
            let hint = match magic {
                b'{' | b'[' => Some(Hint::Json),
                // Glue: header version 3, then compression 0 (none) or 5 (zlib).
                3 if matches!(data.get(1), None | Some(0) | Some(5)) => Some(Hint::Glue),
                _ => None,
            };
            Err(WireError::BadMagic { magic, head: HexHead::of(data), hint })
        }
    }
}

/// Appends the 5-byte prefix for `id` to `out`.
pub fn write_header(id: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(&header(id));
}

/// The 5-byte prefix for `id`.
pub fn header(id: u32) -> [u8; HEADER_LEN] {
    let b = id.to_be_bytes();
    [MAGIC, b[0], b[1], b[2], b[3]]
}

/// The value of a `__key_schema_id` / `__value_schema_id` header for a GUID.
pub fn guid_header_value(guid: &[u8; 16]) -> [u8; GUID_LEN] {
    let mut out = [0u8; GUID_LEN];
    out[0] = MAGIC_GUID;
    out[1..].copy_from_slice(guid);
    out
}
