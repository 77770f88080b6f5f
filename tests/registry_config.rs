//! Configuration from Confluent's keys, and `mock://` registries.

use std::collections::HashMap;
use std::time::Duration;

use avroconv::registry::{blocking, Auth, Config, ErrorKind};
use avroconv::subject::SubjectNameStrategy;

fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn confluent_keys_are_read() {
    let c = Config::from_map(&map(&[
        ("schema.registry.url", "http://a:8081, https://b:8081/apis/ccompat/v7"),
        ("auto.register.schemas", "false"),
        ("use.latest.version", "true"),
        ("latest.compatibility.strict", "FALSE"),
        ("normalize.schemas", "true"),
        ("use.schema.id", "12"),
        ("key.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
        ("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"),
        ("http.connect.timeout.ms", "1500"),
        ("http.read.timeout.ms", "2500"),
        ("max.retries", "5"),
        ("retries.wait.ms", "10"),
        ("retries.max.wait.ms", "100"),
        ("max.schemas.per.subject", "50"),
        ("latest.cache.ttl.sec", "-1"),
        ("missing.id.cache.ttl.sec", "3"),
        ("basic.auth.credentials.source", "USER_INFO"),
        ("basic.auth.user.info", "me:pa:ss"),
        ("some.other.converter.key", "ignored"),
    ]))
    .unwrap();
    assert_eq!(c.urls.len(), 2);
    assert_eq!(c.urls[1].as_str(), "https://b:8081/apis/ccompat/v7");
    assert!(!c.auto_register_schemas && c.use_latest_version && !c.latest_compatibility_strict && c.normalize_schemas);
    assert_eq!(c.use_schema_id, Some(12));
    assert_eq!(c.key_subject_name_strategy, SubjectNameStrategy::RecordName);
    assert_eq!(c.value_subject_name_strategy, SubjectNameStrategy::TopicRecordName);
    assert_eq!((c.connect_timeout, c.read_timeout), (Duration::from_millis(1500), Duration::from_millis(2500)));
    assert_eq!((c.max_retries, c.retries_wait, c.retries_max_wait), (5, Duration::from_millis(10), Duration::from_millis(100)));
    assert_eq!(c.max_schemas_per_subject, 50);
    assert_eq!(c.latest_cache_ttl, None);
    assert_eq!(c.missing_cache_ttl, Duration::from_secs(3));
    match &c.auth {
        Auth::Basic { user, password } => assert_eq!((user.as_str(), password.expose()), ("me", "pa:ss")),
        other => panic!("{other:?}"),
    }
    // Defaults are Confluent 7.x's.
    let d = Config::from_map(&map(&[("schema.registry.url", "http://a")])).unwrap();
    assert!(d.auto_register_schemas && !d.use_latest_version && d.latest_compatibility_strict && !d.normalize_schemas);
    assert_eq!(d.value_subject_name_strategy, SubjectNameStrategy::TopicName);
    assert_eq!((d.max_retries, d.latest_cache_ttl), (3, Some(Duration::from_secs(60))));
}

#[test]
fn bad_values_name_their_key() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[], "schema.registry.url"),
        (&[("schema.registry.url", "ftp://x")], "schema.registry.url"),
        (&[("schema.registry.url", "http://a"), ("max.retries", "many")], "max.retries"),
        (&[("schema.registry.url", "http://a"), ("auto.register.schemas", "yes")], "auto.register.schemas"),
        (&[("schema.registry.url", "http://a"), ("value.subject.name.strategy", "Nope")], "value.subject.name.strategy"),
        (&[("schema.registry.url", "http://a"), ("basic.auth.credentials.source", "USER_INFO")], "basic.auth.user.info"),
        (&[("schema.registry.url", "http://a"), ("basic.auth.credentials.source", "SASL_INHERIT")], "basic.auth.credentials.source"),
        (&[("schema.registry.url", "http://a"), ("bearer.auth.credentials.source", "OAUTHBEARER")], "bearer.auth.credentials.source"),
        (&[("schema.registry.url", "http://a"), ("use.schema.id", "-5")], "use.schema.id"),
        (&[("schema.registry.url", "http://a"), ("max.schemas.per.subject", "0")], "max.schemas.per.subject"),
        (&[("schema.registry.url", "http://a"), ("schema.registry.ssl.truststore.location", "/nonexistent.pem")], "schema.registry.ssl.truststore.location"),
        (&[("schema.registry.url", "http://a"), ("schema.registry.ssl.truststore.type", "JKS")], "schema.registry.ssl.truststore.type"),
        (&[("schema.registry.url", "mock://a,http://b")], "schema.registry.url"),
    ];
    for (pairs, key) in cases {
        let e = Config::from_map(&map(pairs)).unwrap_err();
        assert_eq!(e.key, *key, "{pairs:?}: {e}");
    }
    // A URL with a password in it is never echoed in an error.
    let e = Config::from_map(&map(&[("schema.registry.url", "http://u:hunter2@[bad")])).unwrap_err();
    assert!(!format!("{e} {e:?}").contains("hunter2"), "{e}");
}

#[test]
fn url_credentials_move_out_of_the_url() {
    let c = Config::builder().urls("http://alice:p%40ss@reg:8081/apis/ccompat/v7").build().unwrap();
    assert_eq!(c.urls[0].as_str(), "http://reg:8081/apis/ccompat/v7");
    match &c.auth {
        Auth::Basic { user, password } => assert_eq!((user.as_str(), password.expose()), ("alice", "p@ss")),
        other => panic!("{other:?}"),
    }
    assert!(!format!("{c:?}").contains("p@ss"));
}

const S: &str = r#"{"type":"record","name":"M","fields":[{"name":"a","type":"string"}]}"#;

#[test]
fn mock_scopes_are_shared_within_a_scope_only() {
    let cfg = |url: &str| Config::builder().urls(url).build().unwrap();
    let a1 = blocking::Client::new(cfg("mock://scope-a")).unwrap();
    let a2 = blocking::Client::new(cfg("mock://scope-a")).unwrap();
    let b = blocking::Client::new(cfg("mock://scope-b")).unwrap();
    assert_eq!(a1.register("t-value", S, false).unwrap(), 1);
    assert_eq!(a2.schema_by_id(1).unwrap().text.as_ref(), S);
    assert_eq!(a2.latest("t-value").unwrap().version, 1);
    assert_eq!(b.schema_by_id(1).unwrap_err().kind(), ErrorKind::SchemaNotFound);
    assert_eq!(b.register("t-value", r#""string""#, false).unwrap(), 1, "ids start at 1 per scope");
    assert_eq!(a1.register("u-value", S, false).unwrap(), 1, "same schema, same id across subjects");
    let e = a1.version("t-value", 9).unwrap_err();
    assert_eq!((e.kind(), e.error_code()), (ErrorKind::VersionNotFound, Some(40402)));
}
