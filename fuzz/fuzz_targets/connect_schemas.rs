//! Connect schemas (the converter's JSON description, src/connect/mod.rs) the converter targets pick from with the
//! input's first byte: every Connect type, optional and default values, logical types, both map layouts, a Union
//! struct, an enum (under `enhanced.avro.schema.support`), and the benchmark CDC shape.
pub const CONNECT_SCHEMAS: &[&str] = &[
    r#"{"type":"struct","name":"All","fields":[
        {"name":"i8","schema":{"type":"int8"}},{"name":"i16","schema":{"type":"int16","optional":true}},
        {"name":"i32","schema":{"type":"int32","optional":true,"default":7}},{"name":"i64","schema":{"type":"int64"}},
        {"name":"f32","schema":{"type":"float32"}},{"name":"f64","schema":{"type":"float64","optional":true}},
        {"name":"b","schema":{"type":"boolean"}},{"name":"s","schema":{"type":"string","optional":true}},
        {"name":"by","schema":{"type":"bytes"}},
        {"name":"dec","schema":{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}}},
        {"name":"date","schema":{"type":"int32","name":"org.apache.kafka.connect.data.Date","version":1,"optional":true}},
        {"name":"time","schema":{"type":"int32","name":"org.apache.kafka.connect.data.Time","version":1}},
        {"name":"ts","schema":{"type":"int64","name":"org.apache.kafka.connect.data.Timestamp","version":1}},
        {"name":"arr","schema":{"type":"array","value":{"type":"string","optional":true}}},
        {"name":"smap","schema":{"type":"map","key":{"type":"string"},"value":{"type":"int64"}}},
        {"name":"imap","schema":{"type":"map","optional":true,"key":{"type":"int32"},"value":{"type":"string"}}},
        {"name":"nested","schema":{"type":"struct","name":"Inner","optional":true,"fields":[
            {"name":"x","schema":{"type":"float64"}},{"name":"y","schema":{"type":"array","value":{"type":"int32"}}}]}}]}"#,
    r#"{"type":"struct","name":"io.confluent.connect.avro.Union","optional":true,"fields":[
        {"name":"int","schema":{"type":"int32","optional":true}},
        {"name":"string","schema":{"type":"string","optional":true}},
        {"name":"R","schema":{"type":"struct","name":"R","optional":true,"fields":[{"name":"a","schema":{"type":"int64"}}]}}]}"#,
    r#"{"type":"string","name":"Color","parameters":{"io.confluent.connect.avro.Enum":"Color",
        "io.confluent.connect.avro.Enum.RED":"RED","io.confluent.connect.avro.Enum.GREEN":"GREEN"}}"#,
    r#"{"type":"bytes","name":"F","parameters":{"connect.fixed.size":"3"}}"#,
    r#"{"type":"bytes"}"#,
    r#"{"type":"array","value":{"type":"map","key":{"type":"string","optional":true},"value":{"type":"bytes","optional":true}}}"#,
    r#"{"type":"struct","name":"ord.ods.cdc_events.Value","fields":[
        {"name":"order_id","schema":{"type":"int16"}},{"name":"customer_id","schema":{"type":"string"}},
        {"name":"order_date","schema":{"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1}},
        {"name":"order_items","schema":{"type":"string","optional":true,"name":"io.debezium.data.Json","version":1}},
        {"name":"__lsn","schema":{"type":"int64","optional":true}}]}"#,
];
