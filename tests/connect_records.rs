//! The converter's per-record path (bindings/jni/BOUNDARY.md): tapes written here as Java writes them must give the
//! bytes the codec's `Encoder::encode_value` gives for the equivalent `Value` (itself checked against Java Avro),
//! and decoding those bytes must give the tape's content back. Malformed tapes and bodies give errors, never
//! panics.

use avroconv::codec::Encoder;
use avroconv::connect::ops::*;
use avroconv::connect::{
    from_connect_schema, is_anything_schema, to_connect_schema, AvroDataConfig, ConnectSchema, ConnectType,
    DecodeProgram, EncodeProgram, Encoded, ReaderPlan, RecordError, Session, WriterPlan, ANYTHING_SCHEMA,
};
use avroconv::schema::{Kind, NodeId};
use avroconv::{Schema, Value};

const UNION: &str = "io.confluent.connect.avro.Union";

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Gen<'a> {
    avro: &'a Schema,
    rng: Rng,
    /// A tape whose decoding cannot give it back (a union struct with several fields set).
    lossy: bool,
    /// A tape Confluent cannot write (a symbol of an enum without symbols).
    invalid: bool,
}

fn put_i32(t: &mut Vec<u8>, v: i32) {
    t.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(t: &mut Vec<u8>, b: &[u8]) {
    put_i32(t, b.len() as i32);
    t.extend_from_slice(b);
}

impl Gen<'_> {
    /// Writes a value of `s` (Avro node `id`) on the tape as Java would and returns the same value as a `Value`.
    fn node(&mut self, s: &ConnectSchema, id: NodeId, member: bool, depth: usize, t: &mut Vec<u8>) -> Value {
        let avro = self.avro;
        let is_union = s.ty == ConnectType::Struct && s.name.as_deref() == Some(UNION);
        if s.optional && !member && !is_union {
            let Kind::Union(m) = &avro.node(id).kind else { panic!("optional without a union") };
            let null = m.iter().position(|b| matches!(avro.node(*b).kind, Kind::Null)).unwrap();
            if self.rng.below(3) == 0 {
                t.push(0);
                return Value::Union(null as u32, Box::new(Value::Null));
            }
            t.push(1);
            let v = self.value(s, m[1 - null], depth, t);
            return Value::Union(1 - null as u32, Box::new(v));
        }
        if is_union {
            let Kind::Union(m) = &avro.node(id).kind else { panic!("union struct without a union") };
            let null = m.iter().position(|b| matches!(avro.node(*b).kind, Kind::Null));
            if s.optional {
                if self.rng.below(4) == 0 {
                    t.push(0);
                    return Value::Union(null.unwrap() as u32, Box::new(Value::Null));
                }
                t.push(1);
            }
            let branches: Vec<usize> = (0..m.len()).filter(|&b| Some(b) != null).collect();
            let mut k = self.rng.below(s.fields.len() as u64 + 1) as usize;
            if k == s.fields.len() && null.is_none() {
                k = 0;
            }
            let mut chosen = None;
            for (j, f) in s.fields.iter().enumerate() {
                let present = !f.schema.optional || j == k;
                if f.schema.optional {
                    t.push(present as u8);
                }
                if present {
                    let v = self.value(&f.schema, m[branches[j]], depth + 1, t);
                    if chosen.is_none() {
                        chosen = Some(Value::Union(branches[j] as u32, Box::new(v)));
                    } else {
                        self.lossy = true;
                    }
                }
            }
            if chosen.is_none() && s.optional {
                // Written as null, read back as a null struct.
                self.lossy = true;
            }
            return chosen.unwrap_or_else(|| Value::Union(null.unwrap() as u32, Box::new(Value::Null)));
        }
        self.value(s, id, depth, t)
    }

    fn value(&mut self, s: &ConnectSchema, id: NodeId, depth: usize, t: &mut Vec<u8>) -> Value {
        let avro = self.avro;
        let items = if depth > 4 { 0 } else { self.rng.below(4) as usize };
        match (s.ty, &avro.node(id).kind) {
            (ConnectType::Boolean, _) => {
                let b = self.rng.below(2) == 1;
                t.push(b as u8);
                Value::Boolean(b)
            }
            (ConnectType::Int8 | ConnectType::Int16 | ConnectType::Int32, _) => {
                let v = match s.ty {
                    ConnectType::Int8 => self.rng.next() as i8 as i32,
                    ConnectType::Int16 => self.rng.next() as i16 as i32,
                    _ => self.rng.next() as i32,
                };
                put_i32(t, v);
                Value::Int(v)
            }
            (ConnectType::Int64, _) => {
                let v = self.rng.next() as i64 >> self.rng.below(64);
                t.extend_from_slice(&v.to_le_bytes());
                Value::Long(v)
            }
            (ConnectType::Float32, _) => {
                let v = f32::from_bits(self.rng.next() as u32);
                t.extend_from_slice(&v.to_bits().to_le_bytes());
                Value::Float(v)
            }
            (ConnectType::Float64, _) => {
                let v = f64::from_bits(self.rng.next());
                t.extend_from_slice(&v.to_bits().to_le_bytes());
                Value::Double(v)
            }
            (ConnectType::String, Kind::Enum(e)) if e.symbols.is_empty() => {
                self.invalid = true;
                put_bytes(t, b"X");
                Value::Null
            }
            (ConnectType::String, Kind::Enum(e)) => {
                let i = self.rng.below(e.symbols.len() as u64) as usize;
                put_bytes(t, e.symbols[i].as_bytes());
                Value::Enum(i as u32, e.symbols[i].clone())
            }
            (ConnectType::String, _) => {
                let text: String = (0..self.rng.below(6)).map(|_| (b'a' + self.rng.below(26) as u8) as char).collect();
                let text = if self.rng.below(5) == 0 { format!("{text}é\u{1F600}") } else { text };
                put_bytes(t, text.as_bytes());
                Value::String(text)
            }
            (ConnectType::Bytes, Kind::Fixed(f)) => {
                let b: Vec<u8> = (0..f.size).map(|_| self.rng.next() as u8).collect();
                put_bytes(t, &b);
                Value::Fixed(b)
            }
            (ConnectType::Bytes, _) => {
                let b: Vec<u8> = (0..1 + self.rng.below(5)).map(|_| self.rng.next() as u8).collect();
                put_bytes(t, &b);
                Value::Bytes(b)
            }
            (ConnectType::Array, Kind::Array(item)) => {
                put_i32(t, items as i32);
                let inner = s.value.as_deref().unwrap();
                Value::Array((0..items).map(|_| self.node(inner, *item, false, depth + 1, t)).collect())
            }
            (ConnectType::Map, Kind::Map(values)) => {
                // Keys "a", "b", "c" keep their order in a Java HashMap: the tape's order is the wire order.
                put_i32(t, items as i32);
                let (k, v) = (s.key.as_deref().unwrap(), s.value.as_deref().unwrap());
                let mut entries = Vec::new();
                for i in 0..items.min(3) {
                    let key = ((b'a' + i as u8) as char).to_string();
                    if k.optional {
                        t.push(1);
                    }
                    put_bytes(t, key.as_bytes());
                    entries.push((key, self.node(v, *values, false, depth + 1, t)));
                }
                Value::Map(entries)
            }
            (ConnectType::Map, Kind::Array(entry)) => {
                let Kind::Record(r) = &avro.node(*entry).kind else { panic!("MapEntry") };
                put_i32(t, items as i32);
                let (k, v) = (s.key.as_deref().unwrap(), s.value.as_deref().unwrap());
                let mut list = Vec::new();
                for _ in 0..items {
                    let kv = self.node(k, r.fields[0].schema, false, depth + 1, t);
                    let vv = self.node(v, r.fields[1].schema, false, depth + 1, t);
                    list.push(Value::Record(vec![kv, vv]));
                }
                Value::Array(list)
            }
            (ConnectType::Struct, Kind::Record(r)) => Value::Record(
                s.fields.iter().zip(&r.fields).map(|(f, af)| self.node(&f.schema, af.schema, false, depth + 1, t)).collect(),
            ),
            (ty, kind) => panic!("generator: Connect {ty:?} against Avro {}", kind.type_name()),
        }
    }
}

/// Rebuilds the tape from a decoded table, walking the reader's Connect schema and ops as Java does.
struct Untable<'a> {
    ops: &'a [i32],
    symbols: &'a [String],
    table: &'a [i64],
    input: &'a [u8],
    op: usize,
    slot: usize,
}

fn op_count(s: &ConnectSchema) -> usize {
    1 + s.fields.iter().map(|f| op_count(&f.schema)).sum::<usize>()
        + s.key.as_deref().map_or(0, op_count)
        + s.value.as_deref().map_or(0, op_count)
}

impl Untable<'_> {
    fn slot(&mut self) -> i64 {
        self.slot += 1;
        self.table[self.slot - 1]
    }

    fn span(&mut self) -> &[u8] {
        let v = self.slot();
        let (at, len) = ((v >> 32) as usize, (v & 0xffff_ffff) as usize);
        &self.input[at..at + len]
    }

    fn node(&mut self, s: &ConnectSchema, t: &mut Vec<u8>) {
        let op = self.ops[self.op];
        assert_eq!(op & !ENUM, op_of(s), "reader op of {s:?}");
        self.op += 1;
        if op & OPTIONAL != 0 {
            let present = self.slot();
            t.push(present as u8);
            if present == 0 {
                self.op += op_count(s) - 1;
                return;
            }
        }
        match op & KIND_MASK {
            BOOLEAN => t.push(self.slot() as u8),
            INT8 | INT16 | INT32 | DATE | TIME => put_i32(t, self.slot() as i32),
            INT64 | TIMESTAMP => t.extend_from_slice(&self.slot().to_le_bytes()),
            FLOAT32 => t.extend_from_slice(&(self.slot() as u32).to_le_bytes()),
            FLOAT64 => t.extend_from_slice(&self.slot().to_le_bytes()),
            STRING if op & ENUM != 0 => {
                let i = self.slot() as usize;
                put_bytes(t, self.symbols[i].as_bytes());
            }
            STRING | BYTES | DECIMAL => {
                let b = self.span().to_vec();
                put_bytes(t, &b);
            }
            ARRAY => {
                let n = self.slot();
                put_i32(t, n as i32);
                let op = self.op;
                for _ in 0..n {
                    self.op = op;
                    self.node(s.value.as_deref().unwrap(), t);
                }
                self.op = op + op_count(s.value.as_deref().unwrap());
            }
            MAP => {
                let n = self.slot();
                put_i32(t, n as i32);
                let op = self.op;
                let (k, v) = (s.key.as_deref().unwrap(), s.value.as_deref().unwrap());
                for _ in 0..n {
                    self.op = op;
                    self.node(k, t);
                    self.node(v, t);
                }
                self.op = op + op_count(k) + op_count(v);
            }
            STRUCT => {
                for f in &s.fields {
                    self.node(&f.schema, t);
                }
            }
            other => panic!("op {other}"),
        }
    }
}

fn frame(id: u32, body: &[u8]) -> Vec<u8> {
    let mut v = vec![0];
    v.extend_from_slice(&id.to_be_bytes());
    v.extend_from_slice(body);
    v
}

fn descriptions() -> Vec<(String, ConnectSchema)> {
    let mut out = Vec::new();
    for file in ["schemas.jsonl", "random_schemas.jsonl"] {
        let text = std::fs::read_to_string(format!("tests/data/connect/{file}")).unwrap();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = v["id"].as_str().unwrap().to_owned();
            if let Ok(s) = ConnectSchema::from_json(&v["schema"].to_string()) {
                out.push((id, s));
            }
        }
    }
    out
}

fn configs() -> Vec<AvroDataConfig> {
    let enhanced = AvroDataConfig { enhanced_avro_schema_support: true, ..AvroDataConfig::default() };
    vec![AvroDataConfig::default(), enhanced]
}

#[test]
fn tapes_transcode_like_the_codec_and_decode_back() {
    let (mut cases, mut records, mut round_trips) = (0, 0, 0);
    for config in configs() {
        for (id, connect) in descriptions() {
            let Ok(avro) = from_connect_schema(&connect, &config) else { continue };
            let program = EncodeProgram::compile(&connect, &avro).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(program.ops()[0], op_of(&connect), "{id}");
            // Some schemas AvroData writes it cannot read back (Java fails the same way).
            let Ok(back) = to_connect_schema(&avro, None, &config) else { continue };
            let decoder = DecodeProgram::compile(&avro, &back).unwrap_or_else(|e| panic!("{id}: {e}"));
            let reader = ReaderPlan::new("t", 7, &back, decoder);
            let ops_plain: Vec<i32> = reader.ops().iter().map(|op| op & !ENUM).collect();
            assert_eq!(ops_plain, program.ops(), "{id}: reader and writer ops differ");
            let encoder = Encoder::new(&avro);
            let raw = matches!(avro.node(avro.root()).kind, Kind::Bytes);
            cases += 1;
            for seed in 0..20u64 {
                let mut g = Gen { avro: &avro, rng: Rng(seed * 7919 + 1), lossy: false, invalid: false };
                let mut tape = Vec::new();
                let value = g.node(&connect, avro.root(), false, 0, &mut tape);
                if g.invalid {
                    assert!(program.encode(&tape, &mut Vec::new()).is_err(), "{id}");
                    continue;
                }
                let mut want = Vec::new();
                encoder.encode_value(&value, &mut want).unwrap_or_else(|e| panic!("{id}: codec: {e}"));
                if raw {
                    let n = want.iter().position(|b| b & 0x80 == 0).unwrap() + 1;
                    want.drain(..n);
                }
                let mut got = Vec::new();
                program.encode(&tape, &mut got).unwrap_or_else(|e| panic!("{id} seed {seed}: {e}"));
                assert_eq!(got, want, "{id} seed {seed}: {value:?}");
                records += 1;

                let input = frame(7, &got);
                let mut table = vec![0i64; 4];
                let n = reader.decode(&input, &mut table).unwrap_or_else(|e| panic!("{id} seed {seed}: {e}"));
                if n > table.len() {
                    table = vec![0; n];
                    assert_eq!(reader.decode(&input, &mut table).unwrap(), n);
                }
                if g.lossy {
                    continue;
                }
                let mut u = Untable { ops: reader.ops(), symbols: reader.symbols(), table: &table[..n], input: &input, op: 0, slot: 0 };
                let mut again = Vec::new();
                u.node(&back, &mut again);
                assert_eq!(u.slot, n, "{id}");
                assert_eq!(again, tape, "{id} seed {seed}: table {:?}", &table[..n]);
                round_trips += 1;
            }
        }
    }
    eprintln!("{cases} schemas, {records} records, {round_trips} round trips");
    assert!(cases > 500 && round_trips > 8000, "{cases} schemas, {round_trips} round trips");
}

#[test]
fn malformed_tapes_and_bodies_fail_without_panics() {
    let config = AvroDataConfig::default();
    let mut failures = 0;
    for (id, connect) in descriptions().into_iter().step_by(3) {
        let Ok(avro) = from_connect_schema(&connect, &config) else { continue };
        let program = EncodeProgram::compile(&connect, &avro).unwrap();
        let Ok(back) = to_connect_schema(&avro, None, &config) else { continue };
        let reader = ReaderPlan::new("t", 1, &back, DecodeProgram::compile(&avro, &back).unwrap());
        let mut g = Gen { avro: &avro, rng: Rng(99), lossy: false, invalid: false };
        let mut tape = Vec::new();
        g.node(&connect, avro.root(), false, 0, &mut tape);
        let mut body = Vec::new();
        if program.encode(&tape, &mut body).is_err() {
            continue;
        }
        let mut rng = Rng(5);
        let mut table = vec![0i64; 64];
        // Every truncation, and random byte changes.
        for cut in 0..tape.len() {
            failures += program.encode(&tape[..cut], &mut Vec::new()).is_err() as usize;
        }
        let input = frame(1, &body);
        for cut in 0..input.len() {
            let _ = reader.decode(&input[..cut], &mut table);
        }
        for _ in 0..200 {
            let mut t = tape.clone();
            let mut b = input.clone();
            for _ in 0..1 + rng.below(3) {
                if !t.is_empty() {
                    let i = rng.below(t.len() as u64) as usize;
                    t[i] = rng.next() as u8;
                }
                if b.len() > 5 {
                    let i = 5 + rng.below(b.len() as u64 - 5) as usize;
                    b[i] = rng.next() as u8;
                }
            }
            let _ = program.encode(&t, &mut Vec::new());
            let _ = reader.decode(&b, &mut table);
        }
        let _ = id;
    }
    assert!(failures > 1000, "{failures}");
}

fn schema(text: &str) -> ConnectSchema {
    ConnectSchema::from_json(text).unwrap()
}

fn compile(connect: &ConnectSchema, config: &AvroDataConfig) -> (Schema, EncodeProgram) {
    let avro = from_connect_schema(connect, config).unwrap();
    let program = EncodeProgram::compile(connect, &avro).unwrap();
    (avro, program)
}

#[test]
fn union_structs_write_the_first_present_field() {
    let s = schema(
        r#"{"type":"struct","name":"io.confluent.connect.avro.Union","optional":true,"fields":[
        {"name":"int","schema":{"type":"int32","optional":true}},
        {"name":"string","schema":{"type":"string","optional":true}}]}"#,
    );
    let (avro, p) = compile(&s, &AvroDataConfig::default());
    assert_eq!(avro.to_string(), r#"["null","int","string"]"#);
    let enc = |tape: &[u8]| {
        let mut out = Vec::new();
        p.encode(tape, &mut out).map(|_| out)
    };
    // Both set: the first (int 5, branch 1) wins.
    let mut tape = vec![1, 1, 5, 0, 0, 0, 1];
    put_bytes(&mut tape, b"x");
    assert_eq!(enc(&tape).unwrap(), [2, 10]);
    // Only the string: branch 2.
    let mut tape = vec![1, 0, 1];
    put_bytes(&mut tape, b"x");
    assert_eq!(enc(&tape).unwrap(), [4, 2, b'x']);
    // None set, or the struct null: the null branch.
    assert_eq!(enc(&[1, 0, 0]).unwrap(), [0]);
    assert_eq!(enc(&[0]).unwrap(), [0]);

    // Without a null branch, no field set is an error.
    let s = schema(
        r#"{"type":"struct","name":"io.confluent.connect.avro.Union","fields":[
        {"name":"int","schema":{"type":"int32","optional":true}}]}"#,
    );
    let (_, p) = compile(&s, &AvroDataConfig::default());
    let err = p.encode(&[0], &mut Vec::new()).unwrap_err();
    assert!(matches!(err, RecordError::Value { .. }), "{err}");
}

#[test]
fn enums_fixed_and_raw_bytes() {
    let enhanced = AvroDataConfig { enhanced_avro_schema_support: true, ..AvroDataConfig::default() };
    let s = schema(
        r#"{"type":"string","name":"E","parameters":{"io.confluent.connect.avro.Enum":"E",
        "io.confluent.connect.avro.Enum.A":"A","io.confluent.connect.avro.Enum.B":"B"}}"#,
    );
    let (_, p) = compile(&s, &enhanced);
    let mut tape = Vec::new();
    put_bytes(&mut tape, b"B");
    let mut out = Vec::new();
    p.encode(&tape, &mut out).unwrap();
    assert_eq!(out, [2]);
    let mut tape = Vec::new();
    put_bytes(&mut tape, b"C");
    let err = p.encode(&tape, &mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("unknown enum symbol \"C\""), "{err}");

    // A fixed: fewer bytes fail; more are cut to the size, as Avro's writeFixed copies `size` bytes.
    let s = schema(r#"{"type":"bytes","name":"F","parameters":{"connect.fixed.size":"2"}}"#);
    let (_, p) = compile(&s, &AvroDataConfig::default());
    let mut tape = Vec::new();
    put_bytes(&mut tape, &[1]);
    assert!(p.encode(&tape, &mut Vec::new()).is_err());
    let mut tape = Vec::new();
    put_bytes(&mut tape, &[1, 2, 3]);
    let mut out = Vec::new();
    p.encode(&tape, &mut out).unwrap();
    assert_eq!(out, [1, 2]);

    // Top-level bytes are written and read without the length prefix.
    let s = schema(r#"{"type":"bytes"}"#);
    let (avro, p) = compile(&s, &AvroDataConfig::default());
    let mut tape = Vec::new();
    put_bytes(&mut tape, b"raw");
    let plan = WriterPlan::new("t", 3, p);
    let mut out = [0u8; 7];
    assert_eq!(plan.encode(&tape, &mut out[..4]).unwrap(), Encoded::Needs(8));
    let mut out = [0u8; 8];
    assert_eq!(plan.encode(&tape, &mut out).unwrap(), Encoded::Written(8));
    assert_eq!(out, [0, 0, 0, 0, 3, b'r', b'a', b'w']);
    let back = to_connect_schema(&avro, None, &AvroDataConfig::default()).unwrap();
    let reader = ReaderPlan::new("t", 3, &back, DecodeProgram::compile(&avro, &back).unwrap());
    let mut table = [0i64; 1];
    assert_eq!(reader.decode(&out, &mut table).unwrap(), 1);
    assert_eq!(table[0], (5 << 32) | 3);
    // The wrong id, or no frame, is an error naming the bytes.
    let err = reader.decode(&[0, 0, 0, 0, 4, 1], &mut table).unwrap_err();
    assert!(err.to_string().contains("00 00 00 00 04 01"), "{err}");
}

#[test]
fn string_keyed_maps_are_written_in_java_hash_map_order() {
    let s = schema(r#"{"type":"map","key":{"type":"string"},"value":{"type":"int32"}}"#);
    let (_, p) = compile(&s, &AvroDataConfig::default());
    // Tape order "b", "a", "q": Java's HashMap of 16 buckets iterates "q" (113 -> 1), "a" (97 -> 1)... by bucket
    // then insertion: a=1, q=1 (after a? no: q is inserted after a), b=2.
    let mut tape = Vec::new();
    put_i32(&mut tape, 3);
    for (k, v) in [("b", 1), ("a", 2), ("q", 3)] {
        put_bytes(&mut tape, k.as_bytes());
        put_i32(&mut tape, v);
    }
    let mut out = Vec::new();
    p.encode(&tape, &mut out).unwrap();
    assert_eq!(out, [6, 2, b'a', 4, 2, b'q', 6, 2, b'b', 2, 0]);
}

#[test]
fn a_short_table_learns_the_size_it_needs() {
    let s = schema(r#"{"type":"array","value":{"type":"int64"}}"#);
    let config = AvroDataConfig::default();
    let (avro, p) = compile(&s, &config);
    let mut tape = Vec::new();
    put_i32(&mut tape, 3);
    for v in [1i64, -2, 3] {
        tape.extend_from_slice(&v.to_le_bytes());
    }
    let mut body = Vec::new();
    p.encode(&tape, &mut body).unwrap();
    let back = to_connect_schema(&avro, None, &config).unwrap();
    let reader = ReaderPlan::new("t", 9, &back, DecodeProgram::compile(&avro, &back).unwrap());
    let input = frame(9, &body);
    let mut short = [0i64; 2];
    assert_eq!(reader.decode(&input, &mut short).unwrap(), 4);
    let mut table = [0i64; 4];
    assert_eq!(reader.decode(&input, &mut table).unwrap(), 4);
    assert_eq!(table, [3, 1, -2, 3]);
    // Trailing bytes after the record are ignored, as Confluent ignores them.
    let mut longer = input.clone();
    longer.extend_from_slice(&[9, 9]);
    assert_eq!(reader.decode(&longer, &mut table).unwrap(), 4);
}

#[test]
fn a_session_registers_writes_and_reads_through_a_mock_registry() {
    let props = [("schema.registry.url", "mock://connect-records"), ("converter.type", "value")];
    let session = Session::open(props, false).unwrap();
    let plan = session
        .writer("orders", r#"{"type":"struct","name":"Order","fields":[{"name":"id","schema":{"type":"int64"}},
            {"name":"note","schema":{"type":"string","optional":true}}]}"#)
        .unwrap();
    assert_eq!(plan.ops(), [STRUCT, INT64, STRING | OPTIONAL]);
    let mut tape = 42i64.to_le_bytes().to_vec();
    tape.push(1);
    put_bytes(&mut tape, b"tea");
    let mut out = vec![0u8; 64];
    let Encoded::Written(n) = plan.encode(&tape, &mut out).unwrap() else { panic!() };
    assert_eq!(&out[5..n], [84, 2, 6, b't', b'e', b'a']);

    // Another session with the same registry settings sees the same registry (and shares its client).
    let other = Session::open([("schema.registry.url", "mock://connect-records")], false).unwrap();
    let reader = other.reader("orders", plan.id()).unwrap();
    assert!(reader.description().contains("\"version\":1"), "{}", reader.description());
    let mut table = [0i64; 8];
    assert_eq!(reader.decode(&out[..n], &mut table).unwrap(), 3);
    assert_eq!(table[..3], [42, 1, (8 << 32) | 3]);

    let err = session.writer("orders", r#"{"type":"nope"}"#).unwrap_err();
    assert!(!err.is_retriable());
    let err = Session::open([("schema.registry.url", "mock://x"), ("connect.meta.data", "maybe")], false).unwrap_err();
    assert!(err.to_string().contains("connect.meta.data"), "{err}");
}

#[test]
fn session_stats_count_the_shared_registry_caches_within_their_bound() {
    let props = [("schema.registry.url", "mock://connect-stats"), ("max.schemas.per.subject", "3")];
    let session = Session::open(props, false).unwrap();
    let stat = |s: &Session, key: &str| -> u64 {
        let text = s.stats().unwrap();
        let line = text.lines().find(|l| l.starts_with(&format!("{key}="))).unwrap_or_else(|| panic!("{key} in {text}"));
        line[key.len() + 1..].parse().unwrap()
    };
    assert_eq!(stat(&session, "registry.bound"), 3);
    assert_eq!(stat(&session, "registry.registered"), 0);
    let mut ids = Vec::new();
    for i in 0..10 {
        let description = format!(r#"{{"type":"struct","name":"S{i}","fields":[{{"name":"f{i}","schema":{{"type":"int32"}}}}]}}"#);
        ids.push(session.writer("stats", &description).unwrap().id());
    }
    for &id in &ids {
        session.reader("stats", id).unwrap();
    }
    // Evicted, not grown: every cache at most its bound; the reader plans filled the id caches.
    for cache in ["by_id", "registered", "lookups", "latest", "versions", "id_versions", "missing"] {
        assert!(stat(&session, &format!("registry.{cache}")) <= 3, "{cache}: {}", session.stats().unwrap());
    }
    assert!(stat(&session, "registry.id_versions") >= 1, "{}", session.stats().unwrap());
    // A second session with the same registry settings reports the same (shared) client's caches.
    let other = Session::open(props, true).unwrap();
    assert_eq!(stat(&other, "registry.id_versions"), stat(&session, "registry.id_versions"));
    assert!(stat(&other, "registry.clients") >= 1);
}

// ---- Schemaless values (op ANY, AvroData's ANYTHING_SCHEMA) -------------------------------------------------------

/// A schemaless Connect value as Java sees it (the classes AvroData accepts; Byte/Short are written as Integer).
#[derive(Clone, Debug, PartialEq)]
enum Any {
    Null,
    Boolean(bool),
    Int(i32),
    Long(i64),
    Float(u32),
    Double(u64),
    Bytes(Vec<u8>),
    String(String),
    Array(Vec<Any>),
    Map(Vec<(Any, Any)>),
}

impl Any {
    /// The tape Java writes (a tag, then the value).
    fn tape(&self, t: &mut Vec<u8>) {
        match self {
            Any::Null => t.push(0),
            Any::Boolean(b) => t.extend_from_slice(&[BOOLEAN as u8, *b as u8]),
            Any::Int(v) => {
                t.push(INT32 as u8);
                put_i32(t, *v);
            }
            Any::Long(v) => {
                t.push(INT64 as u8);
                t.extend_from_slice(&v.to_le_bytes());
            }
            Any::Float(v) => {
                t.push(FLOAT32 as u8);
                t.extend_from_slice(&v.to_le_bytes());
            }
            Any::Double(v) => {
                t.push(FLOAT64 as u8);
                t.extend_from_slice(&v.to_le_bytes());
            }
            Any::Bytes(b) => {
                t.push(BYTES as u8);
                put_bytes(t, b);
            }
            Any::String(s) => {
                t.push(STRING as u8);
                put_bytes(t, s.as_bytes());
            }
            Any::Array(items) => {
                t.push(ARRAY as u8);
                put_i32(t, items.len() as i32);
                items.iter().for_each(|i| i.tape(t));
            }
            Any::Map(entries) => {
                t.push(MAP as u8);
                put_i32(t, entries.len() as i32);
                for (k, v) in entries {
                    k.tape(t);
                    v.tape(t);
                }
            }
        }
    }

    /// The `Anything` record as a codec `Value` (the codec's encoder is checked against Java Avro).
    fn value(&self) -> Value {
        let mut fields = vec![Value::Union(0, Box::new(Value::Null)); 9];
        let (i, v) = match self {
            Any::Null => return Value::Record(fields),
            Any::Boolean(b) => (0, Value::Boolean(*b)),
            Any::Bytes(b) => (1, Value::Bytes(b.clone())),
            Any::Double(v) => (2, Value::Double(f64::from_bits(*v))),
            Any::Float(v) => (3, Value::Float(f32::from_bits(*v))),
            Any::Int(v) => (4, Value::Int(*v)),
            Any::Long(v) => (5, Value::Long(*v)),
            Any::String(s) => (6, Value::String(s.clone())),
            Any::Array(items) => (7, Value::Array(items.iter().map(Any::value).collect())),
            Any::Map(entries) => {
                (8, Value::Array(entries.iter().map(|(k, v)| Value::Record(vec![k.value(), v.value()])).collect()))
            }
        };
        fields[i] = Value::Union(1, Box::new(v));
        Value::Record(fields)
    }

    /// Reads a value back from a decode table as Java's `AnyR` does.
    fn from_table(table: &[i64], pos: &mut usize, input: &[u8]) -> Any {
        let mut next = || {
            *pos += 1;
            table[*pos - 1]
        };
        let span = |slot: i64| input[(slot >> 32) as usize..][..(slot & 0xffff_ffff) as usize].to_vec();
        match next() as i32 {
            0 => Any::Null,
            BOOLEAN => Any::Boolean(next() != 0),
            INT32 => Any::Int(next() as i32),
            INT64 => Any::Long(next()),
            FLOAT32 => Any::Float(next() as u32),
            FLOAT64 => Any::Double(next() as u64),
            BYTES => Any::Bytes(span(next())),
            STRING => Any::String(String::from_utf8(span(next())).unwrap()),
            ARRAY => {
                let n = next();
                Any::Array((0..n).map(|_| Any::from_table(table, pos, input)).collect())
            }
            MAP => {
                let n = next();
                Any::Map(
                    (0..n)
                        .map(|_| {
                            let k = Any::from_table(table, pos, input);
                            (k, Any::from_table(table, pos, input))
                        })
                        .collect(),
                )
            }
            tag => panic!("tag {tag}"),
        }
    }

    fn random(rng: &mut Rng, depth: usize) -> Any {
        match rng.below(if depth > 4 { 9 } else { 11 }) {
            0 => Any::Null,
            1 => Any::Boolean(rng.below(2) == 1),
            2 => Any::Int(rng.next() as i32 >> rng.below(32)),
            3 => Any::Long(rng.next() as i64 >> rng.below(64)),
            4 => Any::Float(rng.next() as u32),
            5 => Any::Double(rng.next()),
            6 => Any::Bytes((0..rng.below(5)).map(|_| rng.next() as u8).collect()),
            7 | 8 => Any::String(["", "a", "hé", "\u{1F600}", "key"][rng.below(5) as usize].repeat(rng.below(3) as usize)),
            9 => Any::Array((0..rng.below(4)).map(|_| Any::random(rng, depth + 1)).collect()),
            _ => Any::Map((0..rng.below(4)).map(|_| (Any::random(rng, depth + 1), Any::random(rng, depth + 1))).collect()),
        }
    }
}

fn anything() -> Schema {
    Schema::parse(ANYTHING_SCHEMA).unwrap()
}

#[test]
fn the_anything_schema_prints_as_java_prints_it() {
    let schema = anything();
    assert_eq!(schema.to_string(), ANYTHING_SCHEMA);
    assert!(is_anything_schema(&schema));
    assert!(!is_anything_schema(&Schema::parse(r#"{"type":"record","name":"Anything","namespace":"io.confluent.connect.avro","fields":[]}"#).unwrap()));
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn schemaless_values_are_written_as_confluent_writes_them() {
    // Bodies from Confluent 7.0.16's AvroConverter.fromConnectData(topic, null, value).
    let s = |v: &str| Any::String(v.into());
    let cases = [
        (Any::Int(5), "00000000020a00000000"),
        (Any::Long(42), "00000000000254000000"),
        (Any::Float(1.5f32.to_bits()), "000000020000c03f0000000000"),
        (Any::Double(2.5f64.to_bits()), "0000020000000000000440000000000000"),
        (Any::Boolean(true), "02010000000000000000"),
        (s("hé"), "000000000000020668c3a90000"),
        (
            Any::Array(vec![Any::Int(1), Any::Null, s("x"), Any::Array(vec![Any::Long(2)])]),
            "0000000000000002080000000002020000000000000000000000000000000000000002027800000000000000000002020000000000\
             020400000000000000",
        ),
        (Any::Array(vec![]), "00000000000000020000"),
        (
            Any::Map(vec![
                (s("k"), Any::Int(1)),
                (Any::Int(3), Any::Null),
                (Any::Null, s("nv")),
                (Any::Array(vec![Any::Int(1)]), Any::Boolean(true)),
            ]),
            "0000000000000000020800000000000002026b0000000000000202000000000000000002060000000000000000000000000000000000\
             000000000000000000000002046e7600000000000000000002020000000002020000000000000201000000000000000000",
        ),
        (Any::Map(vec![]), "00000000000000000200"),
    ];
    let program = EncodeProgram::anything();
    assert_eq!(program.ops(), [ANY]);
    let reader = ReaderPlan::anything("t", 1);
    assert_eq!((reader.ops(), reader.description()), (&[ANY][..], "null"));
    let codec = Encoder::new(&anything());
    for (value, want) in cases {
        let mut tape = Vec::new();
        value.tape(&mut tape);
        let mut body = Vec::new();
        program.encode(&tape, &mut body).unwrap();
        assert_eq!(body, hex(want), "{value:?}");
        let mut expected = Vec::new();
        codec.encode_value(&value.value(), &mut expected).unwrap();
        assert_eq!(body, expected, "{value:?}");
        let input = frame(1, &body);
        let mut table = vec![0i64; 64];
        let n = reader.decode(&input, &mut table).unwrap();
        let mut pos = 0;
        assert_eq!(Any::from_table(&table, &mut pos, &input), value);
        assert_eq!(pos, n);
    }
}

#[test]
fn random_schemaless_values_transcode_like_the_codec_and_decode_back() {
    let program = EncodeProgram::anything();
    let reader = ReaderPlan::anything("t", 3);
    let codec = Encoder::new(&anything());
    let mut rng = Rng(0x5eed_0a11);
    let mut table = vec![0i64; 16];
    for _ in 0..2000 {
        let value = Any::random(&mut rng, 0);
        let mut tape = Vec::new();
        value.tape(&mut tape);
        let mut body = Vec::new();
        program.encode(&tape, &mut body).unwrap();
        let mut expected = Vec::new();
        codec.encode_value(&value.value(), &mut expected).unwrap();
        assert_eq!(body, expected, "{value:?}");
        let input = frame(3, &body);
        let n = reader.decode(&input, &mut table).unwrap();
        if n > table.len() {
            table.resize(n, 0);
            assert_eq!(reader.decode(&input, &mut table).unwrap(), n);
        }
        let mut pos = 0;
        assert_eq!(Any::from_table(&table, &mut pos, &input), value);
        assert_eq!(pos, n);
    }
}

#[test]
fn schemaless_reads_take_the_first_field_set_and_refuse_bad_input() {
    let reader = ReaderPlan::anything("t", 1);
    let mut table = vec![0i64; 16];
    // Written by another producer: int 7 and string "x" both set; Java reads the int (field order).
    let body = hex("0000000002 0e 00 02 02 78 00 00".replace(' ', "").as_str());
    assert_eq!(reader.decode(&frame(1, &body), &mut table).unwrap(), 2);
    assert_eq!(table[..2], [i64::from(INT32), 7]);
    // Every field null: a null value.
    assert_eq!(reader.decode(&frame(1, &[0; 9]), &mut table).unwrap(), 1);
    assert_eq!(table[0], 0);
    // Bytes (never written by AvroData) are read.
    let body = hex("0002040102000000000000000000");
    assert_eq!(reader.decode(&frame(1, &body), &mut table).unwrap(), 2);
    assert_eq!(table[..2], [i64::from(BYTES), (8 << 32) | 2]);
    // A union branch that does not exist, a truncated body, a count that cannot fit.
    assert!(matches!(reader.decode(&frame(1, &[4; 9]), &mut table), Err(RecordError::Body { .. })));
    assert!(matches!(reader.decode(&frame(1, &[0; 8]), &mut table), Err(RecordError::Body { .. })));
    let body = hex("00000000000000027f");
    assert!(matches!(reader.decode(&frame(1, &body), &mut table), Err(RecordError::Body { .. })));

    let program = EncodeProgram::anything();
    let bad = [&[][..], &[3, 0, 0, 0, 0], &[99], &[BOOLEAN as u8, 2], &[ARRAY as u8, 5, 0, 0, 0, 0], &[INT32 as u8, 1, 0, 0, 0, 0]];
    for tape in bad {
        assert!(matches!(program.encode(tape, &mut Vec::new()), Err(RecordError::Tape { .. })), "{tape:?}");
    }
    // Nesting past the codec's depth limit is refused both ways, without exhausting the stack.
    let mut deep = Any::Int(1);
    for _ in 0..200 {
        deep = Any::Array(vec![deep]);
    }
    let mut tape = Vec::new();
    deep.tape(&mut tape);
    assert!(matches!(program.encode(&tape, &mut Vec::new()), Err(RecordError::Value { .. })));
    // By hand (the codec's own encoder stops at its depth too): arrays of one item, 200 deep, around a null.
    let mut body = [0, 0, 0, 0, 0, 0, 0, 2, 2].repeat(200);
    body.extend_from_slice(&[0; 9]);
    body.extend_from_slice(&[0, 0].repeat(200));
    assert!(matches!(reader.decode(&frame(1, &body), &mut table), Err(RecordError::Body { .. })));
    // 100 deep is fine.
    let mut body = [0, 0, 0, 0, 0, 0, 0, 2, 2].repeat(100);
    body.extend_from_slice(&[0; 9]);
    body.extend_from_slice(&[0, 0].repeat(100));
    assert_eq!(reader.decode(&frame(1, &body), &mut table).unwrap(), 201);
}

#[test]
fn malformed_schemaless_tapes_and_bodies_fail_without_panics() {
    let program = EncodeProgram::anything();
    let reader = ReaderPlan::anything("t", 1);
    let mut rng = Rng(77);
    let mut table = vec![0i64; 64];
    let mut failures = 0;
    for _ in 0..100 {
        let value = Any::random(&mut rng, 0);
        let mut tape = Vec::new();
        value.tape(&mut tape);
        let mut body = Vec::new();
        program.encode(&tape, &mut body).unwrap();
        for cut in 0..tape.len() {
            failures += program.encode(&tape[..cut], &mut Vec::new()).is_err() as usize;
        }
        let input = frame(1, &body);
        for cut in 5..input.len() {
            failures += reader.decode(&input[..cut], &mut table).is_err() as usize;
        }
        for _ in 0..50 {
            let (mut t, mut b) = (tape.clone(), input.clone());
            let i = rng.below(t.len() as u64) as usize;
            t[i] = rng.next() as u8;
            let i = 5 + rng.below(b.len() as u64 - 5) as usize;
            b[i] = rng.next() as u8;
            let _ = program.encode(&t, &mut Vec::new());
            let _ = reader.decode(&b, &mut table);
        }
    }
    assert!(failures > 500, "{failures}");
}

#[test]
fn a_session_writes_and_reads_schemaless_values_under_the_anything_schema() {
    let session = Session::open([("schema.registry.url", "mock://connect-schemaless")], false).unwrap();
    let plan = session.writer("logs", "null").unwrap();
    assert_eq!(plan.ops(), [ANY]);
    let mut tape = Vec::new();
    Any::String("hi".into()).tape(&mut tape);
    let mut out = vec![0u8; 64];
    let Encoded::Written(n) = plan.encode(&tape, &mut out).unwrap() else { panic!() };
    assert_eq!(&out[5..n], hex("000000000000 02 04 6869 0000".replace(' ', "").as_str()));
    // The same schema on another topic: the same id (the registry matches the text).
    assert_eq!(session.writer("other", "null").unwrap().id(), plan.id());
    let reader = session.reader("logs", plan.id()).unwrap();
    assert_eq!((reader.description(), reader.ops()), ("null", &[ANY][..]));
    let mut table = [0i64; 4];
    assert_eq!(reader.decode(&out[..n], &mut table).unwrap(), 2);
    assert_eq!(table[..2], [i64::from(STRING), (13 << 32) | 2]);
}
