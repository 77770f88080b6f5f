//! The registry client against the test registry over real HTTP on 127.0.0.1: REST semantics, caches,
//! single-flight, faults, retries, failover, auth. Request counts come from the server's log.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use avroconv::registry::{blocking, Client, Config, ErrorKind};
use avroconv_testkit::{Fault, Identity, TestRegistry, PREFIXES};

const V1: &str = r#"{"type":"record","name":"User","namespace":"com.example","fields":[{"name":"id","type":"long"}]}"#;
const V2: &str = r#"{"type":"record","name":"User","namespace":"com.example","fields":[{"name":"id","type":"long"},{"name":"name","type":["null","string"],"default":null}]}"#;

fn config(url: &str) -> avroconv::registry::ConfigBuilder {
    Config::builder().urls(url).retries(2, Duration::from_millis(10), Duration::from_millis(50))
}

fn client(url: &str) -> blocking::Client {
    blocking::Client::new(config(url).build().unwrap()).unwrap()
}

#[test]
fn evolution_on_every_api_root() {
    let reg = TestRegistry::start();
    for (n, root) in std::iter::once("").chain(PREFIXES).enumerate() {
        let c = client(&reg.url_at(root));
        let subject = format!("users{n}-value");
        let id1 = c.register(&subject, V1, false).unwrap();
        let id2 = c.register(&subject, V2, false).unwrap();
        // The store is shared across roots, so ids 1 and 2 exist from the first round on.
        assert_eq!((id1, id2), (1, 2), "root {root:?}");
        let latest = c.latest(&subject).unwrap();
        assert_eq!((latest.version, latest.id), (2, 2));
        assert_eq!(c.version(&subject, 1).unwrap().id, 1);
        let by_id = c.schema_by_id(2).unwrap();
        assert_eq!(by_id.schema.node(by_id.schema.root()).name().unwrap().full_name(), "com.example.User");
        let found = c.lookup(&subject, V1, false, false).unwrap();
        assert_eq!((found.version, found.id, found.subject.as_str()), (1, 1, subject.as_str()));
        let versions = c.versions_of_id(1).unwrap();
        assert!(versions.iter().any(|v| v.subject == subject && v.version == 1), "{versions:?}");
        assert!(c.is_compatible(&subject, V2).unwrap());
    }
    // Re-registering under a known subject is idempotent, and a second subject gets the same id.
    let c = client(&reg.url());
    assert_eq!(c.register("other-value", V1, false).unwrap(), 1);
    assert_eq!(reg.store().schema_count(), 2);
}

#[test]
fn subject_names_are_escaped() {
    let reg = TestRegistry::start();
    let c = client(&reg.url_at("/apis/ccompat/v7"));
    let subject = "a/b:c d-value";
    let id = c.register(subject, V1, false).unwrap();
    assert_eq!(c.latest(subject).unwrap().id, id);
    let log = reg.log();
    assert_eq!(log[0].path, "/subjects/a%2Fb%3Ac%20d-value/versions");
}

#[test]
fn confluent_and_apicurio_identity() {
    let pretty = V1.replace(',', ", ").replace(':', ": ");
    // Confluent: formatting does not matter.
    let reg = TestRegistry::start();
    let c = client(&reg.url());
    assert_eq!(c.register("s", V1, false).unwrap(), 1);
    assert_eq!(c.register("s", &pretty, false).unwrap(), 1);
    assert_eq!(c.lookup("s", &pretty, false, false).unwrap().version, 1);

    // Apicurio: raw text, unless normalize=true.
    let reg = TestRegistry::start_with(Identity::Apicurio, 0).unwrap();
    let c = client(&reg.url_at("/apis/ccompat/v7"));
    assert_eq!(c.register("s", V1, false).unwrap(), 1);
    let miss = c.lookup("s", &pretty, false, false).unwrap_err();
    assert_eq!((miss.kind(), miss.status(), miss.error_code()), (ErrorKind::SchemaNotFound, Some(404), Some(40403)));
    assert!(!miss.is_retriable());
    assert_eq!(c.lookup("s", &pretty, true, false).unwrap().id, 1);
    assert_eq!(c.register("t", &pretty, false).unwrap(), 2, "reformatted text is new content for Apicurio");
    assert_eq!(reg.store().schema_count(), 2);
    // The deprecated v6 API ignores normalize.
    let v6 = client(&reg.url_at("/apis/ccompat/v6"));
    let reformatted = V1.replace(',', " ,");
    assert_eq!(v6.lookup("s", &reformatted, true, false).unwrap_err().kind(), ErrorKind::SchemaNotFound);
}

#[test]
fn not_found_errors_are_typed_and_negatively_cached() {
    let reg = TestRegistry::start();
    let c = client(&reg.url());
    let e = c.schema_by_id(42).unwrap_err();
    assert_eq!((e.kind(), e.error_code()), (ErrorKind::SchemaNotFound, Some(40403)));
    assert!(e.to_string().contains("/schemas/ids/42"), "{e}");
    let again = c.schema_by_id(42).unwrap_err();
    assert_eq!(again.kind(), ErrorKind::SchemaNotFound);
    assert_eq!(reg.count("GET", "/schemas/ids/42"), 1, "the second miss is answered by the negative cache");

    let e = c.latest("nope-value").unwrap_err();
    assert_eq!((e.kind(), e.subject()), (ErrorKind::SubjectNotFound, Some("nope-value")));
    assert!(e.to_string().contains("Subject 'nope-value' not found."), "{e}");
    // Our own registration forgets remembered not-founds at once.
    c.register("nope-value", V1, false).unwrap();
    assert_eq!(c.latest("nope-value").unwrap().version, 1);
    c.register("x-value", V1, false).unwrap();
    let e = c.version("x-value", 7).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::VersionNotFound);

    // A wrong API root is a plain 404, told apart from a missing schema.
    let wrong = client(&format!("{}/apis/registry/v2", reg.url()));
    let e = wrong.schema_by_id(1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");
}

#[test]
fn incompatible_and_invalid_schemas() {
    let reg = TestRegistry::start();
    let c = client(&reg.url());
    c.register("s-value", V1, false).unwrap();
    reg.store().set_incompatible("s-value", true);
    assert!(!c.is_compatible("s-value", V2).unwrap());
    let e = c.register("s-value", V2, false).unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Incompatible, Some(409)));
    assert_eq!(e.subject(), Some("s-value"));
    assert!(e.to_string().contains("incompatible with an earlier schema"), "{e}");
    assert!(!e.is_retriable());

    // A schema we can't parse is refused before any request.
    let before = reg.requests();
    let e = c.register("s-value", r#"{"type":"record","name":"1bad","fields":[]}"#, false).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSchema);
    assert_eq!(reg.requests(), before);
    // The registry's own 422 for a non-Avro type it can't take (references are unsupported there).
    let e = c.register_typed("j-value", "{}", "JSON", false).map(|_| ());
    assert!(e.is_ok(), "JSON schemas are stored as text");
}

#[test]
fn thirty_two_threads_make_one_register_request() {
    let reg = TestRegistry::start();
    let c = client(&reg.url());
    let barrier = Arc::new(Barrier::new(32));
    let ids: Vec<u32> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..32)
            .map(|_| {
                let (c, barrier) = (c.clone(), barrier.clone());
                s.spawn(move || {
                    barrier.wait();
                    c.register("hot-value", V1, false).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ids.iter().all(|&id| id == 1));
    assert_eq!(reg.count("POST", "/subjects/hot-value/versions"), 1);
    assert_eq!(reg.requests(), 1);

    // Same for 32 threads fetching an id nobody has fetched yet (a second client: empty caches).
    let c2 = client(&reg.url());
    reg.reset_counts();
    std::thread::scope(|s| {
        for _ in 0..32 {
            let (c2, barrier) = (c2.clone(), barrier.clone());
            s.spawn(move || {
                barrier.wait();
                assert_eq!(c2.schema_by_id(1).unwrap().id, 1);
            });
        }
    });
    assert_eq!(reg.requests(), 1);

    // Warm loops make no request at all.
    reg.reset_counts();
    for _ in 0..10_000 {
        assert_eq!(c.register("hot-value", V1, false).unwrap(), 1);
        assert_eq!(c.schema_by_id(1).unwrap().id, 1);
        assert_eq!(c2.schema_by_id(1).unwrap().id, 1);
    }
    assert_eq!(reg.requests(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_tasks_share_one_request() {
    let reg = TestRegistry::start();
    let c = Client::new(config(&reg.url()).build().unwrap()).unwrap();
    let tasks: Vec<_> = (0..32)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.register("a-value", V1, false).await.unwrap() })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 1);
    }
    assert_eq!(reg.requests(), 1);
    // The blocking client refuses to run inside a runtime instead of panicking.
    let b = blocking::Client::new(config(&reg.url()).build().unwrap()).unwrap();
    assert_eq!(b.schema_by_id(1).unwrap_err().kind(), ErrorKind::BlockingInAsync);
}

#[test]
fn registry_down_then_cached_ids_still_work() {
    let reg = TestRegistry::start();
    let url = reg.url();
    let c = client(&url);
    let id = c.register("d-value", V1, false).unwrap();
    reg.stop();
    assert_eq!(c.schema_by_id(id).unwrap().id, id, "served from the cache");
    assert_eq!(c.register("d-value", V1, false).unwrap(), id);
    let started = Instant::now();
    let e = c.schema_by_id(id + 1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(e.is_retriable());
    assert_eq!(e.attempts(), 3, "1 + max.retries");
    assert!(started.elapsed() < Duration::from_secs(5));
    let as_crate_error = avroconv::Error::from(e);
    assert!(as_crate_error.is_retriable());
}

#[test]
fn server_errors_are_retried_then_typed() {
    let reg = TestRegistry::start();
    let c = client(&reg.url());
    // Fewer faults than retries: the call succeeds.
    reg.inject(Fault::Status(503), 2);
    assert_eq!(c.register("r-value", V1, false).unwrap(), 1);
    assert_eq!(reg.requests(), 3);
    // More: a typed, retriable error after exactly 1 + max.retries requests.
    reg.reset_counts();
    reg.inject(Fault::Status(500), 10);
    let e = c.schema_by_id(5).unwrap_err();
    assert_eq!((e.kind(), e.status(), e.attempts()), (ErrorKind::Server, Some(500), 3));
    assert!(e.is_retriable());
    assert!(e.to_string().contains("injected fault: HTTP 500"), "{e}");
    assert_eq!(reg.requests(), 3);
    reg.clear_faults();
    // 401/403 are not retried.
    reg.reset_counts();
    reg.inject(Fault::Status(401), 1);
    let e = c.latest("r-value").unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Unauthenticated, 1));
    assert!(!e.is_retriable());
    reg.inject(Fault::Status(403), 1);
    assert_eq!(c.version("r-value", 1).unwrap_err().kind(), ErrorKind::Forbidden);
    assert_eq!(reg.requests(), 2);
}

#[test]
fn rate_limit_honours_retry_after() {
    let reg = TestRegistry::start();
    let c = blocking::Client::new(
        Config::builder().urls(&reg.url()).retries(3, Duration::from_millis(1), Duration::from_secs(5)).build().unwrap(),
    )
    .unwrap();
    reg.inject(Fault::RateLimited { retry_after_secs: 1 }, 1);
    let started = Instant::now();
    assert_eq!(c.register("rl-value", V1, false).unwrap(), 1);
    assert!(started.elapsed() >= Duration::from_millis(950), "waited {:?}", started.elapsed());
    assert_eq!(reg.requests(), 2);
    // Persistent 429: typed and retriable. Retry-After is capped by retries.max.wait.ms (50 ms here).
    let c = client(&reg.url());
    reg.reset_counts();
    reg.inject(Fault::RateLimited { retry_after_secs: 30 }, 5);
    let started = Instant::now();
    let e = c.schema_by_id(9).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::RateLimited, 3));
    assert!(e.is_retriable());
    assert!(started.elapsed() < Duration::from_secs(2));
    reg.clear_faults();
}

#[test]
fn slow_registry_times_out() {
    let reg = TestRegistry::start();
    let c = blocking::Client::new(
        config(&reg.url()).read_timeout(Duration::from_millis(200)).retries(1, Duration::from_millis(1), Duration::from_millis(1)).build().unwrap(),
    )
    .unwrap();
    reg.inject(Fault::Stall(Duration::from_secs(3)), 2);
    let started = Instant::now();
    let e = c.schema_by_id(1).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Timeout, 2), "{e}");
    assert!(e.is_retriable());
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(reg.requests(), 2);
}

#[test]
fn garbage_and_wrong_content_type_are_retried_invalid_responses() {
    let reg = TestRegistry::start();
    let c = client(&reg.url());
    // A garbled answer says nothing about the request: retried like a 5xx (tests/registry_faults.rs: a proxy
    // answering garbage during an outage must not turn records into bad data).
    reg.inject(Fault::GarbageJson, 1);
    assert_eq!(c.register("g-value", V1, false).unwrap(), 1);
    assert_eq!(reg.requests(), 2);
    reg.reset_counts();
    reg.inject(Fault::GarbageJson, 3);
    let e = c.schema_by_id(1 + 1).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::InvalidResponse, 3), "{e}");
    assert!(e.is_retriable());
    assert_eq!(reg.requests(), 3);
    reg.inject(Fault::WrongContentType, 3);
    let e = c.latest("g-value").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidResponse);
    assert!(e.to_string().contains("text/html") && e.to_string().contains("Please log in"), "{e}");
    // The cache did not keep the failures: the next call goes through.
    assert_eq!(c.latest("g-value").unwrap().id, 1);
}

#[test]
fn connection_reset_mid_body_is_retried() {
    let reg = TestRegistry::start();
    let c = client(&reg.url());
    reg.inject(Fault::DropMidBody, 1);
    assert_eq!(c.register("m-value", V1, false).unwrap(), 1);
    assert_eq!(reg.requests(), 2);
    reg.reset_counts();
    reg.inject(Fault::DropMidBody, 3);
    let e = c.schema_by_id(1 + 1).unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Io, 3), "{e}");
    assert!(e.is_retriable());
    assert_eq!(reg.requests(), 3);
}

#[test]
fn failover_to_the_second_url() {
    let dead = TestRegistry::start();
    let dead_url = dead.url();
    dead.stop();
    let reg = TestRegistry::start();
    let c = client(&format!("{dead_url},{}/apis/ccompat/v7", reg.url()));
    assert_eq!(c.register("f-value", V1, false).unwrap(), 1);
    assert_eq!(c.latest("f-value").unwrap().id, 1);
    assert_eq!(c.version("f-value", 1).unwrap().id, 1);
    assert_eq!(reg.requests(), 3, "each request reached the live registry once");

    // A first URL answering 500 fails over on the next attempt.
    let bad = TestRegistry::start();
    bad.inject(Fault::Status(500), 100);
    let good = TestRegistry::start();
    let c = client(&format!("{},{}", bad.url(), good.url()));
    assert_eq!(c.register("f-value", V1, false).unwrap(), 1);
    assert_eq!((bad.requests(), good.requests()), (1, 1));
}

#[test]
fn response_size_is_capped() {
    let reg = TestRegistry::start();
    client(&reg.url()).register("big-value", V2, false).unwrap();
    let c = blocking::Client::new(config(&reg.url()).max_response_bytes(64).build().unwrap()).unwrap();
    let e = c.schema_by_id(1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ResponseTooLarge, "{e}");
}

#[test]
fn basic_and_bearer_auth_are_sent_and_never_shown() {
    let reg = TestRegistry::start();
    let url = format!("http://user:s3cr3t-pw@127.0.0.1:{}", reg.port());
    let cfg = Config::builder().urls(&url).retries(0, Duration::ZERO, Duration::ZERO).build().unwrap();
    let shown = format!("{cfg:?}");
    let c = blocking::Client::new(cfg).unwrap();
    c.register("auth-value", V1, false).unwrap();
    // base64("user:s3cr3t-pw")
    assert_eq!(reg.log()[0].authorization.as_deref(), Some("Basic dXNlcjpzM2NyM3QtcHc="));
    reg.inject(Fault::Status(401), 1);
    let e = c.latest("auth-value").unwrap_err();
    let mut texts = vec![shown, format!("{c:?}"), format!("{e}"), format!("{e:?}")];

    let mut map = std::collections::HashMap::new();
    map.insert("schema.registry.url".to_owned(), reg.url());
    map.insert("bearer.auth.credentials.source".to_owned(), "STATIC_TOKEN".to_owned());
    map.insert("bearer.auth.token".to_owned(), "tok-s3cr3t".to_owned());
    let cfg = Config::from_map(&map).unwrap();
    texts.push(format!("{cfg:?}"));
    let c = blocking::Client::new(cfg).unwrap();
    c.latest("auth-value").unwrap();
    assert_eq!(reg.log().last().unwrap().authorization.as_deref(), Some("Bearer tok-s3cr3t"));
    map.insert("basic.auth.credentials.source".to_owned(), "USER_INFO".to_owned());
    map.insert("basic.auth.user.info".to_owned(), "u:pw-s3cr3t".to_owned());
    let e = Config::from_map(&map).unwrap_err();
    texts.push(format!("{e} {e:?}"));
    for t in &texts {
        assert!(!t.contains("s3cr3t"), "secret leaked: {t}");
    }
    assert!(texts[0].contains("[redacted]"), "{}", texts[0]);
}

#[test]
fn latest_version_is_cached_for_its_ttl() {
    let reg = TestRegistry::start();
    let writer = client(&reg.url());
    writer.register("ttl-value", V1, false).unwrap();
    let mut map = std::collections::HashMap::new();
    map.insert("schema.registry.url".to_owned(), reg.url());
    map.insert("latest.cache.ttl.sec".to_owned(), "1".to_owned());
    let reader = blocking::Client::new(Config::from_map(&map).unwrap()).unwrap();
    assert_eq!(reader.latest("ttl-value").unwrap().version, 1);
    writer.register("ttl-value", V2, false).unwrap();
    assert_eq!(reader.latest("ttl-value").unwrap().version, 1, "still cached");
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(reader.latest("ttl-value").unwrap().version, 2, "expired and fetched again");
    assert_eq!(reg.count("GET", "/subjects/ttl-value/versions/latest"), 2);
}
