//! Schemas the decoding targets pick from with the input's first byte: every type, nesting, recursion, unions,
//! logical types, and the benchmark shapes.
pub const SCHEMAS: &[&str] = &[
    include_str!("../../benches/shapes/cdc.avsc"),
    include_str!("../../benches/shapes/key.avsc"),
    include_str!("../../benches/shapes/wide.avsc"),
    r#"{"type":"record","name":"List","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","List"]}]}"#,
    r#"{"type":"array","items":{"type":"map","values":["null","string","bytes","double"]}}"#,
    r#"{"type":"record","name":"All","fields":[
        {"name":"n","type":"null"},{"name":"b","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},
        {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"by","type":"bytes"},{"name":"s","type":"string"},
        {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},
        {"name":"x","type":{"type":"fixed","name":"F","size":3}},
        {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
        {"name":"u","type":{"type":"string","logicalType":"uuid"}},
        {"name":"a","type":{"type":"array","items":"null"}}]}"#,
];

/// Writer/reader pairs for resolution: promotions, added/removed/reordered fields, enums, unions, aliases.
pub const PAIRS: &[(&str, &str)] = &[
    (
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"gone","type":{"type":"array","items":"long"}}]}"#,
        r#"{"type":"record","name":"R","fields":[{"name":"b","type":"bytes"},{"name":"a","type":"double"},{"name":"c","type":"long","default":-1}]}"#,
    ),
    (
        r#"{"type":"enum","name":"E","symbols":["A","B","C","D"]}"#,
        r#"{"type":"enum","name":"E","symbols":["C","A","Z"],"default":"Z"}"#,
    ),
    (r#"["null","int","string"]"#, r#"["string","long","null"]"#),
    (r#"["null","int"]"#, r#""double""#),
    (
        r#"{"type":"record","name":"Old","namespace":"x","fields":[{"name":"v","type":["null","Old"]}]}"#,
        r#"{"type":"record","name":"New","namespace":"y","aliases":["x.Old"],"fields":[{"name":"v","type":["null","New"]},{"name":"w","type":{"type":"map","values":"int"},"default":{"k":1}}]}"#,
    ),
];
