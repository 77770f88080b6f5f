use std::fmt;

/// Why a schema was rejected, and where: `at` is a path into the schema's JSON such as `$.fields[2].type`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("invalid schema at {at}: {kind}")]
pub struct SchemaError {
    pub kind: SchemaErrorKind,
    pub at: SchemaPath,
}

/// What is wrong with a schema. Messages follow Java Avro's where Java has one.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaErrorKind {
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("a schema must be a string, an object or an array, not {0}")]
    NotASchema(String),
    #[error("no \"{0}\" attribute")]
    Missing(&'static str),
    #[error("\"{attribute}\" must be {expected}")]
    WrongAttribute { attribute: &'static str, expected: &'static str },
    #[error("illegal name {0:?}: a name starts with a letter or _ and continues with letters, digits or _")]
    IllegalName(String),
    #[error("undefined name: {0:?}")]
    UndefinedName(String),
    #[error("unknown type: {0:?}")]
    UnknownType(String),
    #[error("schemas may not be named after primitives: {0}")]
    NamedAfterPrimitive(String),
    #[error("can't redefine: {0}")]
    Redefined(String),
    #[error("duplicate field {field:?} in record {record}")]
    DuplicateField { field: String, record: String },
    #[error("duplicate enum symbol: {0:?}")]
    DuplicateSymbol(String),
    #[error("the enum default {0:?} is not in the enum symbol set")]
    EnumDefaultNotASymbol(String),
    #[error("invalid fixed size: {0}")]
    InvalidFixedSize(i64),
    #[error("invalid order {0:?}: ascending, descending or ignore")]
    InvalidOrder(String),
    #[error("nested union: a union may not directly contain another union")]
    NestedUnion,
    #[error("duplicate in union: {0}")]
    DuplicateInUnion(String),
    #[error("invalid default for field {field:?}: {value} not a {expected}")]
    InvalidDefault { field: String, value: String, expected: String },
    #[error("nested too deeply (more than {0} levels)")]
    TooDeep(usize),
}

/// A location in a schema's JSON text, printed as `$.fields[2].type`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemaPath(Vec<Segment>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(&'static str),
    Index(usize),
}

impl SchemaPath {
    pub(crate) fn key(&mut self, key: &'static str) {
        self.0.push(Segment::Key(key));
    }

    pub(crate) fn index(&mut self, index: usize) {
        self.0.push(Segment::Index(index));
    }

    pub(crate) fn pop(&mut self) {
        self.0.pop();
    }

    pub(crate) fn depth(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for SchemaPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for segment in &self.0 {
            match segment {
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}
