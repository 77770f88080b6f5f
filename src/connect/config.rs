//! The options of Confluent 7.0.16's `AvroDataConfig`, read from the converter's configuration map.
//!
//! 7.0.16 has exactly these keys: `schemas.cache.config`, `connect.meta.data`, `enhanced.avro.schema.support`,
//! `scrub.invalid.names`, `allow.optional.map.keys` and `discard.type.doc.default`. Later releases added
//! `generalized.sum.type.support` (7.3/7.4), `ignore.default.for.nullables` (7.3) and `flatten.singleton.unions`
//! (7.9); 7.0.16 ignores them, and so do we (they are accepted and have no effect).

use super::ConnectError;

/// AvroData options. `Default` is Confluent's defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AvroDataConfig {
    /// `connect.meta.data` (default true): write and read the `connect.*` properties.
    pub connect_meta_data: bool,
    /// `enhanced.avro.schema.support` (default false): Connect strings carrying `io.confluent.connect.avro.Enum`
    /// parameters become Avro enums; union member names use full names.
    pub enhanced_avro_schema_support: bool,
    /// `scrub.invalid.names` (default false): rewrite record and field names that Avro would refuse.
    pub scrub_invalid_names: bool,
    /// `allow.optional.map.keys` (default false): a map with optional string keys stays an Avro map.
    pub allow_optional_map_keys: bool,
    /// `discard.type.doc.default` (default false): docs and defaults come from the Connect schema's own doc and
    /// default rather than the `io.confluent.connect.avro.*` parameters.
    pub discard_type_doc_default: bool,
    /// `schemas.cache.config` (default 1000, at least 1): size of each schema cache.
    pub schemas_cache_size: usize,
}

impl Default for AvroDataConfig {
    fn default() -> Self {
        AvroDataConfig {
            connect_meta_data: true,
            enhanced_avro_schema_support: false,
            scrub_invalid_names: false,
            allow_optional_map_keys: false,
            discard_type_doc_default: false,
            schemas_cache_size: 1000,
        }
    }
}

impl AvroDataConfig {
    /// Reads the options from configuration entries (unknown keys are ignored, as Kafka's `AbstractConfig`
    /// does). Booleans are `true`/`false` in any case, as Kafka's `ConfigDef` parses them.
    pub fn from_props<'a>(props: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, ConnectError> {
        let mut config = AvroDataConfig::default();
        for (key, value) in props {
            let flag = || match value.trim().to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(ConnectError::InvalidConfig { key: key.to_owned(), value: value.to_owned() }),
            };
            match key {
                "connect.meta.data" => config.connect_meta_data = flag()?,
                "enhanced.avro.schema.support" => config.enhanced_avro_schema_support = flag()?,
                "scrub.invalid.names" => config.scrub_invalid_names = flag()?,
                "allow.optional.map.keys" => config.allow_optional_map_keys = flag()?,
                "discard.type.doc.default" => config.discard_type_doc_default = flag()?,
                "schemas.cache.config" => {
                    config.schemas_cache_size = match value.trim().parse::<i32>() {
                        Ok(n) if n >= 1 => n as usize,
                        _ => return Err(ConnectError::InvalidConfig { key: key.to_owned(), value: value.to_owned() }),
                    }
                }
                _ => {}
            }
        }
        Ok(config)
    }
}
