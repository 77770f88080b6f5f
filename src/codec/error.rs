//! Typed errors of the codecs. Paths are field names from the root, built only when an error unwinds (the
//! success path pays nothing for them).

use std::fmt;

/// A path of record field names, e.g. `.after.name`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    /// Field names from the root.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.iter().rev().map(String::as_str)
    }

    pub(crate) fn push_front(&mut self, name: &str) {
        // Stored innermost-first while unwinding; `fields` reverses.
        self.0.push(name.to_owned());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for name in self.fields() {
            write!(f, ".{name}")?;
        }
        Ok(())
    }
}

/// Why a body could not be decoded, at which byte offset, in which field. Boxed: results on the hot path stay two
/// words wide.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("invalid Avro body at byte {}, field {}: {}", .0.offset, .0.path, .0.kind)]
pub struct DecodeError(Box<DecodeErrorInner>);

#[derive(Clone, Debug, PartialEq)]
struct DecodeErrorInner {
    kind: DecodeErrorKind,
    offset: usize,
    path: FieldPath,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    #[error("unexpected end of input")]
    Eof,
    #[error("varint longer than {0} bytes or out of range")]
    BadVarint(u8),
    #[error("negative length {0}")]
    NegativeLength(i64),
    #[error("length {len} exceeds the {remaining} bytes left")]
    LengthTooLarge { len: u64, remaining: usize },
    #[error("block of {count} items cannot fit in the {remaining} bytes left")]
    CountTooLarge { count: u64, remaining: usize },
    #[error("more than {0} zero-byte items (e.g. nulls) in one body")]
    TooManyEmptyItems(usize),
    #[error("invalid UTF-8 in a string")]
    InvalidUtf8,
    #[error("invalid boolean byte {0:#04x}")]
    InvalidBoolean(u8),
    #[error("union branch {index} out of range (union has {branches})")]
    UnionIndex { index: i64, branches: usize },
    #[error("enum index {index} out of range (enum has {symbols} symbols)")]
    EnumIndex { index: i64, symbols: usize },
    #[error("{0} trailing bytes after the datum")]
    TrailingBytes(usize),
    #[error("nesting deeper than {0} levels")]
    TooDeep(usize),
    /// A writer/reader incompatibility met while reading (Java reports these at read time too): a writer union
    /// branch with no reader counterpart, a writer enum symbol the reader lacks with no reader default.
    #[error("{0}")]
    Resolution(String),
    /// The serde target type rejected the data.
    #[error("{0}")]
    Custom(String),
}

impl DecodeError {
    #[cold]
    pub(crate) fn new(kind: DecodeErrorKind, offset: usize) -> Self {
        DecodeError(Box::new(DecodeErrorInner { kind, offset, path: FieldPath::default() }))
    }

    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// Offset into the input where the bad item starts.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// The record fields from the root to the bad item.
    pub fn path(&self) -> &FieldPath {
        &self.0.path
    }

    /// A serde error carries no offset until it passes back through the deserializer.
    pub(crate) fn at_if_unknown(mut self, offset: usize) -> Self {
        if self.0.offset == usize::MAX {
            self.0.offset = offset;
        }
        self
    }

    #[cold]
    pub(crate) fn in_field(mut self, name: &str) -> Self {
        self.0.path.push_front(name);
        self
    }

    pub(crate) fn with_path(mut self, path: FieldPath) -> Self {
        self.0.path = path;
        self
    }
}

impl serde::de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        // The offset is filled in by the deserializer when the error passes back through it.
        DecodeError::new(DecodeErrorKind::Custom(msg.to_string()), usize::MAX)
    }
}

/// Why a value could not be encoded with a schema, and in which field. Boxed like [`DecodeError`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("cannot encode field {}: {}", .0.path, .0.kind)]
pub struct EncodeError(Box<EncodeErrorInner>);

#[derive(Clone, Debug, PartialEq)]
struct EncodeErrorInner {
    kind: EncodeErrorKind,
    path: FieldPath,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    #[error("expected {expected}, got {got}")]
    Mismatch { expected: String, got: String },
    #[error("{value} is out of range for {target}")]
    OutOfRange { value: String, target: &'static str },
    #[error("fixed of size {expected} given {got} bytes")]
    FixedSize { expected: usize, got: usize },
    #[error("unknown enum symbol {0:?}")]
    UnknownSymbol(String),
    #[error("enum index {0} out of range")]
    EnumIndex(u32),
    #[error("union branch {0} out of range")]
    UnionIndex(u32),
    #[error("no union branch accepts {0}")]
    NoBranch(String),
    #[error("record has {expected} fields, value has {got}")]
    FieldCount { expected: usize, got: usize },
    #[error("field {0:?} is not in the schema")]
    UnknownField(String),
    #[error("field {0:?} missing and has no default")]
    MissingField(String),
    #[error("map keys must be strings")]
    MapKey,
    #[error("a {0} value has {1} items but declared {2}")]
    LengthMismatch(&'static str, usize, usize),
    #[error("nesting deeper than {0} levels")]
    TooDeep(usize),
    #[error("{0}")]
    Custom(String),
}

impl EncodeError {
    #[cold]
    pub(crate) fn new(kind: EncodeErrorKind) -> Self {
        EncodeError(Box::new(EncodeErrorInner { kind, path: FieldPath::default() }))
    }

    pub fn kind(&self) -> &EncodeErrorKind {
        &self.0.kind
    }

    /// The record fields from the root to the bad value.
    pub fn path(&self) -> &FieldPath {
        &self.0.path
    }

    pub(crate) fn mismatch(expected: impl Into<String>, got: impl Into<String>) -> Self {
        EncodeError::new(EncodeErrorKind::Mismatch { expected: expected.into(), got: got.into() })
    }

    #[cold]
    pub(crate) fn in_field(mut self, name: &str) -> Self {
        self.0.path.push_front(name);
        self
    }
}

impl serde::ser::Error for EncodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        EncodeError::new(EncodeErrorKind::Custom(msg.to_string()))
    }
}

/// A writer schema whose data a reader schema cannot read, found when compiling a resolving decoder.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("reader schema cannot read writer schema at {path}: {message}")]
pub struct ResolveError {
    pub message: String,
    pub path: FieldPath,
}

/// An Avro JSON document that does not match its schema.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("invalid Avro JSON at {path}: {message}")]
pub struct JsonError {
    pub message: String,
    pub path: FieldPath,
}

impl JsonError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        JsonError { message: message.into(), path: FieldPath::default() }
    }

    pub(crate) fn in_field(mut self, name: &str) -> Self {
        self.path.push_front(name);
        self
    }
}
