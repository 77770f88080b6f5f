//! Subject name strategies: which registry subject a topic's keys or values are registered under.

use std::fmt;
use std::str::FromStr;

use crate::registry::{ErrorKind, RegistryError};
use crate::Schema;

/// Confluent's `key.subject.name.strategy` / `value.subject.name.strategy`.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum SubjectNameStrategy {
    /// `<topic>-key` / `<topic>-value` (the 7.x default).
    #[default]
    TopicName,
    /// The record's full name.
    RecordName,
    /// `<topic>-<record full name>`.
    TopicRecordName,
}

impl SubjectNameStrategy {
    /// The subject for a topic's key (`is_key`) or value written with `schema`.
    pub fn subject(self, topic: &str, is_key: bool, schema: &Schema) -> Result<String, RegistryError> {
        match self {
            SubjectNameStrategy::TopicName => Ok(format!("{topic}-{}", if is_key { "key" } else { "value" })),
            SubjectNameStrategy::RecordName => Ok(record_name(self, schema)?.to_owned()),
            SubjectNameStrategy::TopicRecordName => Ok(format!("{topic}-{}", record_name(self, schema)?)),
        }
    }

    /// Whether the subject depends on the schema (the deserializer then needs the schema before the subject).
    pub fn uses_schema(self) -> bool {
        !matches!(self, SubjectNameStrategy::TopicName)
    }

    fn class_name(self) -> &'static str {
        match self {
            SubjectNameStrategy::TopicName => "TopicNameStrategy",
            SubjectNameStrategy::RecordName => "RecordNameStrategy",
            SubjectNameStrategy::TopicRecordName => "TopicRecordNameStrategy",
        }
    }
}

fn record_name(strategy: SubjectNameStrategy, schema: &Schema) -> Result<&str, RegistryError> {
    let root = schema.node(schema.root());
    match (&root.kind, root.name()) {
        (crate::schema::Kind::Record(_), Some(name)) => Ok(name.full_name()),
        _ => Err(RegistryError::new(
            ErrorKind::Usage,
            format!("{} needs a record schema, not {}", strategy.class_name(), root.type_name()),
        )),
    }
}

impl fmt::Display for SubjectNameStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "io.confluent.kafka.serializers.subject.{}", self.class_name())
    }
}

/// Accepts Confluent's Java class names (`io.confluent.kafka.serializers.subject.TopicNameStrategy`), the simple
/// class names and Python confluent-kafka's names (`topic`, `record`, `topic_record`).
impl FromStr for SubjectNameStrategy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let simple = s.trim().rsplit('.').next().unwrap_or_default();
        match simple.to_ascii_lowercase().as_str() {
            "topicnamestrategy" | "topic" | "topic_name" => Ok(SubjectNameStrategy::TopicName),
            "recordnamestrategy" | "record" | "record_name" => Ok(SubjectNameStrategy::RecordName),
            "topicrecordnamestrategy" | "topic_record" | "topic_record_name" => Ok(SubjectNameStrategy::TopicRecordName),
            _ => Err(format!(
                "unknown subject name strategy {s:?} (TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let rec = Schema::parse(r#"{"type":"record","name":"R","namespace":"a.b","fields":[]}"#).unwrap();
        let int = Schema::parse(r#""int""#).unwrap();
        let s: SubjectNameStrategy = "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy".parse().unwrap();
        assert_eq!(s.subject("t", false, &rec).unwrap(), "t-a.b.R");
        assert_eq!(SubjectNameStrategy::TopicName.subject("t", true, &int).unwrap(), "t-key");
        assert_eq!("RecordNameStrategy".parse::<SubjectNameStrategy>().unwrap().subject("t", true, &rec).unwrap(), "a.b.R");
        let err = SubjectNameStrategy::RecordName.subject("t", true, &int).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Usage);
        assert!("Bogus".parse::<SubjectNameStrategy>().is_err());
        assert_eq!(SubjectNameStrategy::default().to_string(), "io.confluent.kafka.serializers.subject.TopicNameStrategy");
    }
}
