//! Registry-level serialize and deserialize for the three shapes, against a real HTTP registry on 127.0.0.1
//! (avroconv-testkit, in process): avroconv's Serializer/Deserializer (blocking and async) next to the
//! `schema_registry_converter` crate's blocking `AvroEncoder::encode_struct` / `AvroDecoder::decode`, in the same run.
//! `cargo bench --bench registry`.
//!
//! - Warm (criterion): ns/record once the schema is registered and every cache is filled.
//! - Cold (a hand-rolled loop printed at the end): the latency of the first call on a fresh client, next to a bare
//!   HTTP round trip to the same registry. A loop rather than criterion because each sample needs a new client (a
//!   runtime and a connection) built outside the timed region, and because the measures are sampled round-robin, so
//!   that a busy neighbour on a shared machine slows all of them alike; medians and p90s, not means. Each timed call
//!   starts after a short pause ([`SETTLE`]).
//!
//! Results and how to read them: benches/RESULTS-registry.md (`scripts/registry-bench-table.py` prints the warm table).

#[path = "shapes/mod.rs"]
mod shapes;

use std::fmt::Debug;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use apache_avro::writer::datum::GenericDatumWriter;
use avroconv::registry::{self, Config};
use avroconv::serdes::{self, AvroSchema};
use avroconv_testkit::TestRegistry;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use schema_registry_converter::blocking::avro::{AvroDecoder, AvroEncoder};
use schema_registry_converter::blocking::schema_registry::SrSettings;
use schema_registry_converter::schema_registry_common::{SchemaType, SubjectNameStrategy, SuppliedSchema};
use serde::{de::DeserializeOwned, Serialize};

/// Records per iteration: enough distinct records that the working set is not one cache-resident record.
const RECORDS: u64 = 256;
/// Fresh clients per cold measure in a benchmark run (one in test mode); `AVROCONV_BENCH_COLD_SAMPLES` overrides it
/// (scripts/bench.sh's quick mode takes fewer).
const COLD_SAMPLES: usize = 201;

fn our_config(url: &str) -> Config {
    Config::builder().urls(url).build().expect("registry config")
}

fn our_client(url: &str) -> registry::blocking::Client {
    registry::blocking::Client::new(our_config(url)).expect("registry client")
}

fn their_settings(url: &str) -> SrSettings {
    SrSettings::new_builder(url.to_owned()).no_proxy().build().expect("schema_registry_converter settings")
}

/// Their subject strategy that registers `text` under `<topic>-value`, as our serializer does: the same text, so the
/// registry hands both the same id and the frames can be compared byte for byte.
fn their_strategy(topic: &str, text: &str) -> SubjectNameStrategy {
    SubjectNameStrategy::TopicNameStrategyWithSchema(
        topic.to_owned(),
        false,
        SuppliedSchema::new(None, SchemaType::Avro, text.to_owned()),
    )
}

/// Pause before each timed call: lets the threads of the client just built start, and those of the last probe's
/// client finish, so that a first call is timed rather than thread start-up (a real client sits idle a while first).
const SETTLE: Duration = Duration::from_millis(2);

/// Times `f` after [`SETTLE`]; what it returns is dropped after the clock stops.
fn timed<R>(f: impl FnOnce() -> R) -> Duration {
    std::thread::sleep(SETTLE);
    measure(f)
}

/// The time `f` takes, without the settle pause.
fn measure<R>(f: impl FnOnce() -> R) -> Duration {
    let start = Instant::now();
    let out = black_box(f());
    let elapsed = start.elapsed();
    drop(out);
    elapsed
}

/// One benchmark over every item of `items`: criterion reports per item with `Throughput::Elements`.
fn per_item<T>(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, id: BenchmarkId, items: &[T], mut f: impl FnMut(&T)) {
    group.bench_function(id, |b| b.iter(|| items.iter().for_each(&mut f)));
}

/// The body of `GET /schemas/ids/{id}`.
#[derive(serde::Deserialize)]
struct Answer {
    schema: String,
}

/// A first-call measure: each call builds what it needs (untimed) and returns the timed part.
type Probe<'a> = (&'static str, Box<dyn FnMut() -> Duration + 'a>);

fn bench_shape<T>(c: &mut Criterion, reg: &TestRegistry, cold_samples: usize, shape: &str, text: &str, make: fn(u64) -> T)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let url = reg.url();
    let topic = format!("bench-{shape}");
    let records: Vec<T> = (0..RECORDS).map(make).collect();
    let schema = AvroSchema::parse(text).expect("our schema");

    let ser = serdes::blocking::Serializer::new(our_client(&url), false);
    let de = serdes::blocking::Deserializer::new(our_client(&url), false);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let async_ser = serdes::Serializer::new(registry::Client::new(our_config(&url)).expect("client"), false);
    let async_de = serdes::Deserializer::new(registry::Client::new(our_config(&url)).expect("client"), false);
    let strategy = their_strategy(&topic, schema.text());
    let encoder = AvroEncoder::new(their_settings(&url));
    let decoder = AvroDecoder::new(their_settings(&url));

    // Equal work: both write the same frames (same id, same body) and each reads the other's.
    let frames: Vec<Vec<u8>> = records.iter().map(|r| ser.serialize(&topic, &schema, Some(r)).unwrap().unwrap()).collect();
    let registered = our_client(&url).latest(&format!("{topic}-value")).expect("registered").id;
    let their_schema = apache_avro::Schema::parse_str(text).expect("apache-avro schema");
    let writer = GenericDatumWriter::builder(&their_schema).build().expect("writer");
    let plain = avroconv::Decoder::new(schema.schema());
    for (record, frame) in records.iter().zip(&frames) {
        assert_eq!(frame[0], 0, "magic byte");
        assert_eq!(frame[1..5], registered.to_be_bytes(), "the id the registry gave");
        assert_eq!(&encoder.encode_struct(record, &strategy).expect("their encode"), frame, "{shape}: frames differ");
        let async_frame = rt.block_on(async_ser.serialize(&topic, &schema, Some(record))).unwrap().unwrap();
        assert_eq!(&async_frame, frame, "{shape}: async frame differs");
        assert_eq!(&de.deserialize::<T>(Some(frame), None).unwrap().unwrap(), record);
        assert_eq!(&rt.block_on(async_de.deserialize::<T>(Some(frame), None)).unwrap().unwrap(), record);
        // Their decoder yields an apache-avro Value: it must carry the whole record. Written back, it reads as the
        // record (not byte for byte: their maps are hash maps, so map entries come back in another order).
        let value = decoder.decode(Some(frame)).expect("their decode").value;
        let body = writer.write_value_to_vec(value).expect("re-encode");
        assert_eq!(&plain.decode::<T>(&body).expect("re-decode"), record, "{shape}: their decode lost data");
    }
    let size: usize = frames.iter().map(Vec::len).sum::<usize>() / frames.len();
    eprintln!("{shape}: {RECORDS} records, {size} bytes per frame on average, schema id {registered}");

    let mut group = c.benchmark_group(format!("registry-{shape}"));
    group.throughput(Throughput::Elements(RECORDS));
    let mut out = Vec::with_capacity(64 * 1024);
    per_item(&mut group, BenchmarkId::new("serialize", "avroconv-blocking"), &records, |r| {
        out.clear();
        ser.serialize_into(&topic, &schema, r, &mut out).unwrap();
        black_box(&out);
    });
    per_item(&mut group, BenchmarkId::new("serialize", "avroconv-blocking-vec"), &records, |r| {
        black_box(ser.serialize(&topic, &schema, Some(r)).unwrap());
    });
    group.bench_function(BenchmarkId::new("serialize", "avroconv-async"), |b| {
        b.iter(|| {
            rt.block_on(async {
                for r in &records {
                    out.clear();
                    async_ser.serialize_into(&topic, &schema, r, &mut out).await.unwrap();
                    black_box(&out);
                }
            })
        })
    });
    per_item(&mut group, BenchmarkId::new("serialize", "src-blocking"), &records, |r| {
        black_box(encoder.encode_struct(r, &strategy).unwrap());
    });
    per_item(&mut group, BenchmarkId::new("deserialize", "avroconv-blocking"), &frames, |f| {
        black_box(de.deserialize::<T>(Some(f), None).unwrap());
    });
    per_item(&mut group, BenchmarkId::new("deserialize", "avroconv-blocking-value"), &frames, |f| {
        black_box(de.deserialize_value(Some(f), None).unwrap());
    });
    group.bench_function(BenchmarkId::new("deserialize", "avroconv-async"), |b| {
        b.iter(|| {
            rt.block_on(async {
                for f in &frames {
                    black_box(async_de.deserialize::<T>(Some(f), None).await.unwrap());
                }
            })
        })
    });
    per_item(&mut group, BenchmarkId::new("deserialize", "src-blocking"), &frames, |f| {
        black_box(decoder.decode(Some(f)).unwrap());
    });
    group.finish();

    cold(reg, cold_samples, shape, &topic, text, &schema, &records[0], &frames[0]);
}

/// First-call latencies on fresh clients, next to bare HTTP round trips to the same registry.
#[allow(clippy::too_many_arguments)]
fn cold<T: Serialize + DeserializeOwned>(
    reg: &TestRegistry,
    samples: usize,
    shape: &str,
    topic: &str,
    text: &str,
    schema: &Arc<AvroSchema>,
    record: &T,
    frame: &[u8],
) {
    let url = reg.url();
    let id = u32::from_be_bytes(frame[1..5].try_into().unwrap());
    let by_id = format!("{url}/schemas/ids/{id}");
    let register = format!("{url}/subjects/{topic}-value/versions");
    let register_body = serde_json::json!({ "schema": schema.text() }).to_string();
    let strategy = their_strategy(topic, schema.text());
    let warm_http = reqwest::blocking::Client::new();
    warm_http.get(&by_id).send().unwrap().error_for_status().unwrap();

    let get = |http: &reqwest::blocking::Client| http.get(&by_id).send().unwrap().error_for_status().unwrap().bytes().unwrap();
    let post = |http: &reqwest::blocking::Client| {
        let request = http.post(&register).header("content-type", "application/vnd.schemaregistry.v1+json");
        request.body(register_body.clone()).send().unwrap().error_for_status().unwrap().bytes().unwrap()
    };
    let mut probes: Vec<Probe<'_>> = vec![
        ("bare GET /schemas/ids, warm connection", Box::new(|| timed(|| get(&warm_http)))),
        ("bare GET /schemas/ids, fresh connection", Box::new(|| {
            let http = reqwest::blocking::Client::new();
            timed(|| get(&http))
        })),
        ("bare POST /subjects/../versions, fresh connection", Box::new(|| {
            let http = reqwest::blocking::Client::new();
            timed(|| post(&http))
        })),
        // The same GET without reqwest::blocking's hand-off to its I/O thread and back: async reqwest on a
        // current-thread runtime, as our blocking client runs. The lowest a fresh-connection GET costs here.
        ("bare GET /schemas/ids, fresh connection, no thread hand-off", Box::new(|| {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let http = {
                let _in_rt = rt.enter();
                reqwest::Client::new()
            };
            timed(|| rt.block_on(async { http.get(&by_id).send().await.unwrap().error_for_status().unwrap().bytes().await.unwrap() }))
        })),
        ("avroconv AvroSchema::parse (no I/O)", Box::new(|| timed(|| AvroSchema::parse(text).unwrap()))),
        // The same parse right after another one, against the row above: how much of a first call's CPU is the
        // caches gone cold while the thread slept.
        ("avroconv AvroSchema::parse, right after another", Box::new(|| {
            std::thread::sleep(SETTLE);
            black_box(AvroSchema::parse(text).unwrap());
            measure(|| AvroSchema::parse(text).unwrap())
        })),
        ("avroconv first serialize (register + encode)", Box::new(|| {
            let ser = serdes::blocking::Serializer::new(our_client(&url), false);
            timed(|| ser.serialize(topic, schema, Some(record)).unwrap())
        })),
        ("avroconv first deserialize (fetch id + decode)", Box::new(|| {
            let de = serdes::blocking::Deserializer::new(our_client(&url), false);
            timed(|| de.deserialize::<T>(Some(frame), None).unwrap())
        })),
        // What any client's first read must do: the round trip, then parse the answer and the schema, compile and
        // decode. Our first deserialize over this is what our client adds (caches, single flight, retries).
        ("floor: bare GET + parse + compile + decode", Box::new(|| {
            let http = reqwest::blocking::Client::new();
            timed(|| {
                let answer: Answer = serde_json::from_slice(&get(&http)).unwrap();
                let writer = avroconv::Schema::parse(&answer.schema).unwrap();
                avroconv::Decoder::new(&writer).decode::<T>(avroconv::wire::parse(frame).unwrap().body).unwrap()
            })
        })),
        ("src first encode_struct (register + encode)", Box::new(|| {
            let encoder = AvroEncoder::new(their_settings(&url));
            timed(|| encoder.encode_struct(record, &strategy).unwrap())
        })),
        ("src first decode (fetch id + decode)", Box::new(|| {
            let decoder = AvroDecoder::new(their_settings(&url));
            timed(|| decoder.decode(Some(frame)).unwrap())
        })),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(samples); probes.len()];
    for _ in 0..samples {
        for (probe, t) in probes.iter_mut().zip(&mut times) {
            t.push((probe.1)());
        }
    }
    let quantile = |t: &mut Vec<Duration>, q: f64| {
        t.sort();
        t[((t.len() - 1) as f64 * q).round() as usize]
    };
    if samples < 3 {
        return; // test mode: the probes ran once; one sample makes no table
    }
    let medians: Vec<Duration> = times.iter_mut().map(|t| quantile(t, 0.5)).collect();
    let (bare_get, bare_post) = (medians[1], medians[2]);
    eprintln!("\n{shape}: cold first call, {samples} fresh clients per measure, sampled round-robin (µs)");
    eprintln!("  {:<50} {:>8} {:>8} {:>10} {:>10}", "measure", "median", "p90", "/bare GET", "/bare POST");
    for ((name, _), (t, median)) in probes.iter().zip(times.iter_mut().zip(&medians)) {
        let ratio = |base: Duration| median.as_secs_f64() / base.as_secs_f64();
        let p90 = quantile(t, 0.9);
        eprintln!(
            "  {name:<50} {:>8.1} {:>8.1} {:>10.2} {:>10.2}",
            median.as_secs_f64() * 1e6,
            p90.as_secs_f64() * 1e6,
            ratio(bare_get),
            ratio(bare_post)
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    // `cargo bench` passes --bench; without it (cargo test) criterion runs each benchmark once, and so do we.
    let cold_samples = if std::env::args().any(|a| a == "--bench") {
        std::env::var("AVROCONV_BENCH_COLD_SAMPLES").ok().and_then(|n| n.parse().ok()).unwrap_or(COLD_SAMPLES)
    } else {
        1
    };
    let reg = TestRegistry::start();
    bench_shape(&mut c, &reg, cold_samples, "cdc", shapes::CDC_SCHEMA, shapes::cdc);
    bench_shape(&mut c, &reg, cold_samples, "key", shapes::KEY_SCHEMA, shapes::key);
    bench_shape(&mut c, &reg, cold_samples, "wide", shapes::WIDE_SCHEMA, shapes::wide);
    c.final_summary();
}
