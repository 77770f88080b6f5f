//! Stress on the shared caches: 16 threads, each with its own serializer, deserializer and converter session, on
//! one registry client whose caches are far smaller than the working set, so that hits, misses, single-flight
//! loads and evictions interleave. Every record must come back equal, under the id the registry gave its schema.

use std::collections::HashMap;
use std::sync::{Arc, Barrier};

use avroconv::connect::Session;
use avroconv::registry::{blocking::Client, Config};
use avroconv::serdes::blocking::{Deserializer, Serializer};
use avroconv::serdes::AvroSchema;
use avroconv::Value;
use avroconv_testkit::TestRegistry;

const THREADS: usize = 16;
const SCHEMAS: usize = 40;
const TOPICS: usize = 4;
const ROUNDS: usize = 300;

fn schema_text(i: usize) -> String {
    format!(r#"{{"type":"record","name":"S{i}","fields":[{{"name":"a{i}","type":"long"}},{{"name":"s","type":"string"}}]}}"#)
}

fn client(url: &str, bound: &str) -> Client {
    let map: HashMap<String, String> =
        [("schema.registry.url", url), ("max.schemas.per.subject", bound)].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Client::new(Config::from_map(&map).unwrap()).unwrap()
}

/// A small deterministic generator (xorshift), so that each thread takes its own order through the schemas.
fn next(state: &mut u64) -> usize {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 11) as usize
}

#[test]
fn sixteen_threads_through_evicting_caches_get_every_record_back() {
    let reg = TestRegistry::start();
    let url = reg.url();
    // The ids the registry gives, from a client of its own, so that the threads are checked against the registry.
    let schemas: Vec<Arc<AvroSchema>> = (0..SCHEMAS).map(|i| AvroSchema::parse(&schema_text(i)).unwrap()).collect();
    let reference = client(&url, "1000");
    let mut expected = HashMap::new();
    for t in 0..TOPICS {
        for (i, s) in schemas.iter().enumerate() {
            expected.insert((t, i), reference.register(&format!("topic{t}-value"), s.text(), false).unwrap());
        }
    }
    let expected = Arc::new(expected);
    // One client shared by every thread, bounded to 8 entries per cache against 160 (topic, schema) pairs.
    let shared = client(&url, "8");
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|n| {
            let (shared, schemas, expected, barrier) = (shared.clone(), schemas.clone(), expected.clone(), barrier.clone());
            std::thread::spawn(move || {
                let ser = Serializer::new(shared.clone(), false);
                let de = Deserializer::new(shared, false);
                let mut rng = 0x9E37_79B9_7F4A_7C15u64 ^ (n as u64 + 1);
                barrier.wait();
                for round in 0..ROUNDS {
                    let (t, i) = (next(&mut rng) % TOPICS, next(&mut rng) % SCHEMAS);
                    let value = Value::Record(vec![
                        Value::Long((n * ROUNDS + round) as i64),
                        Value::String(format!("thread {n} round {round}")),
                    ]);
                    let frame = ser.serialize_value(&format!("topic{t}"), &schemas[i], Some(&value)).unwrap().unwrap();
                    let (id, back) = de.deserialize_value(Some(&frame), None).unwrap().unwrap();
                    assert_eq!(id, expected[&(t, i)], "thread {n}: topic{t}, schema {i}");
                    assert_eq!(back, value, "thread {n}: topic{t}, schema {i}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a thread panicked");
    }
}

/// Converter sessions with equal settings share one registry client; sessions opened and dropped by 16 threads at
/// once, while others use the shared client, must neither lose nor mix up plans.
#[test]
fn sixteen_threads_opening_and_dropping_converter_sessions() {
    let reg = TestRegistry::start();
    let url = reg.url();
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|n| {
            let (url, barrier) = (url.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut ids = HashMap::new();
                for round in 0..40 {
                    // A fresh session every few rounds: the shared client is dropped when the last session goes.
                    let session = Session::open([("schema.registry.url", url.as_str()), ("max.schemas.per.subject", "4")], false).unwrap();
                    let field = (n + round) % 10;
                    let description = format!(
                        r#"{{"type":"struct","name":"R{field}","optional":false,"fields":[{{"name":"f{field}","schema":{{"type":"int32","optional":false}}}}]}}"#
                    );
                    let plan = session.writer(&format!("stress{field}"), &description).unwrap();
                    // The same Connect schema always gets the same id, whichever thread registered it first.
                    assert_eq!(*ids.entry(field).or_insert(plan.id()), plan.id(), "thread {n}, R{field}");
                    let reader = session.reader(&format!("stress{field}"), plan.id()).unwrap();
                    assert!(reader.description().contains(&format!("\"f{field}\"")), "{}", reader.description());
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a thread panicked");
    }
}
