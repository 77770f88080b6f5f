#!/usr/bin/env python3
"""Writes the Connect schema corpus (schemas.jsonl) and the Avro-input corpus (avro_inputs.jsonl) that
AvroDataOracle runs through Confluent 7.0.16's AvroData. The format is avroconv's Connect schema description
(src/connect/schema.rs). Run from this folder: python3 gen_corpus.py"""
import json

cases = []


def add(id_, schema):
    cases.append({"id": id_, "schema": schema})


def s(type_, **kw):
    d = {"type": type_}
    d.update(kw)
    return d


def struct(name, fields, **kw):
    d = {"type": "struct"}
    if name is not None:
        d["name"] = name
    d.update(kw)
    d["fields"] = [{"name": n, "schema": sc} for n, sc in fields]
    return d


def decimal(scale, **kw):
    params = {"scale": str(scale)}
    params.update(kw.pop("extra_params", {}))
    return s("bytes", name="org.apache.kafka.connect.data.Decimal", version=1, parameters=params, **kw)


DATE = dict(name="org.apache.kafka.connect.data.Date", version=1)
TIME = dict(name="org.apache.kafka.connect.data.Time", version=1)
TS = dict(name="org.apache.kafka.connect.data.Timestamp", version=1)

PRIMS = {
    "int8": 7, "int16": -300, "int32": 123456, "int64": 9007199254740993, "float32": 1.5, "float64": -2.25,
    "boolean": True, "string": "hé\"llo", "bytes": "\u0000\u00ff\u0001a",
}

# Every primitive: top level and as a field; required / optional; with and without default.
for t, dv in PRIMS.items():
    add(f"prim_{t}", s(t))
    add(f"prim_{t}_optional", s(t, optional=True))
    add(f"prim_{t}_default", s(t, default=dv))
    add(f"prim_{t}_optional_default", s(t, optional=True, default=dv))
    add(f"field_{t}", struct("test.Rec", [
        ("req", s(t)), ("opt", s(t, optional=True)), ("req_def", s(t, default=dv)),
        ("opt_def", s(t, optional=True, default=dv))]))

# Metadata: name, version, doc, parameters on primitives and structs.
add("meta_prim_all", s("string", name="my.ns.Str", version=3, doc="a doc", parameters={"b": "2", "a": "1"}))
add("meta_prim_name_only", s("int64", name="Plain"))
add("meta_prim_params_empty", s("int32", parameters={}))
add("meta_prim_avro_param", s("string", parameters={"avro.java.string": "String", "other": "x"}))
add("meta_prim_doc_default", s("int32", doc="d", default=5, optional=True))
add("meta_struct_all", struct("com.example.Thing", [("a", s("int32"))], version=2, doc="thing doc",
                              parameters={"io.confluent.connect.avro.record.doc": "record doc",
                                          "io.confluent.connect.avro.field.doc.a": "field a doc",
                                          "k": "v"}))
add("meta_struct_connect_record_doc", struct("x.R", [("a", s("int32"))],
                                             parameters={"connect.record.doc": "rd"}))
add("meta_field_docs", struct("x.R", [("a", s("int32", doc="a's doc")), ("b", s("string", doc="b"))]))
add("meta_field_default_flag", struct("x.R", [
    ("a", s("int32", default=4, parameters={"io.confluent.connect.avro.field.default": "true"}))]))
add("meta_version_zero", s("int32", version=0))

# Names and namespaces.
add("name_no_namespace", struct("Simple", [("a", s("int32"))]))
add("name_deep_namespace", struct("a.b.c.d.Deep", [("a", s("int32"))]))
add("name_unnamed_struct", struct(None, [("a", s("int32"))]))
add("name_unnamed_nested", struct(None, [("x", struct(None, [("a", s("int32"))])),
                                         ("y", struct(None, [("b", s("string"))])),
                                         ("z", struct(None, [("a", s("int32"))]))]))
add("name_nested_inherits_ns", struct("outer.ns.Outer", [("inner", struct("outer.ns.Inner", [("a", s("int32"))])),
                                                         ("other", struct("other.ns.Other", [("b", s("int32"))])),
                                                         ("bare", struct("Bare", [("c", s("int32"))]))]))
add("name_same_struct_twice", struct("r.Rec", [("a", struct("r.Sub", [("x", s("int32"))])),
                                               ("b", struct("r.Sub", [("x", s("int32"))])),
                                               ("c", struct("r.Sub", [("x", s("int32"))], optional=True))]))
add("name_same_name_different_struct", struct("r.Rec", [("a", struct("r.Sub", [("x", s("int32"))])),
                                                        ("b", struct("r.Sub", [("y", s("int32"))]))]))
add("name_leading_dot", struct(".Lead", [("a", s("int32"))]))
add("name_trailing_dot", struct("ns.Trail.", [("a", s("int32"))]))
add("name_only_dot", struct(".", [("a", s("int32"))]))
add("name_empty_part", struct("a..b", [("a", s("int32"))]))
add("name_connect_default_given", struct("io.confluent.connect.avro.ConnectDefault", [("a", s("int32"))]))

# Invalid names (meaningful with scrub on and off).
add("invalid_record_name", struct("my-ns.my-rec", [("a", s("int32"))]))
add("invalid_record_name_digit", struct("ns.1rec", [("a", s("int32"))]))
add("invalid_field_name", struct("x.R", [("bad-name", s("int32")), ("ok", s("int32"))]))
add("invalid_field_name_digit", struct("x.R", [("9lives", s("int32"))]))
add("invalid_field_name_space", struct("x.R", [("with space", s("string"))]))
add("invalid_field_name_unicode", struct("x.R", [("naïve", s("string")), ("日本", s("int32"))]))
add("invalid_field_names_collide", struct("x.R", [("a-b", s("int32")), ("a_b", s("int32"))]))
add("invalid_field_name_with_default_struct", struct("x.R", [
    ("s", struct("x.S", [("a-b", s("int32"))], default={"a-b": 3}))]))
add("invalid_prim_name", s("string", name="not a-name"))
add("invalid_map_name", s("map", name="m-ap.Entry", key=s("int32"), value=s("string")))
add("invalid_field_doc_param", struct("x.R", [("a-b", s("int32"))],
                                      parameters={"io.confluent.connect.avro.field.doc.a-b": "doc"}))

# Logical types.
for sc in (0, 2, 10):
    add(f"decimal_scale_{sc}", decimal(sc))
add("decimal_optional", decimal(2, optional=True))
add("decimal_default", decimal(2, default="12.34"))
add("decimal_default_negative", decimal(3, default="-0.001"))
add("decimal_default_big", decimal(0, default="-170141183460469231731687303715884105729"))
add("decimal_optional_default", decimal(2, optional=True, default="0.00"))
add("decimal_precision_param", decimal(2, extra_params={"connect.decimal.precision": "10"}))
add("decimal_precision_param_first", s("bytes", name="org.apache.kafka.connect.data.Decimal", version=1,
                                       parameters={"connect.decimal.precision": "5", "scale": "1"}))
add("decimal_negative_scale", decimal(-2))
add("decimal_scale_gt_precision", decimal(5, extra_params={"connect.decimal.precision": "3"}))
add("decimal_no_scale_param", s("bytes", name="org.apache.kafka.connect.data.Decimal", parameters={"x": "1"}))
add("decimal_no_params", s("bytes", name="org.apache.kafka.connect.data.Decimal"))
add("decimal_bad_scale", s("bytes", name="org.apache.kafka.connect.data.Decimal", parameters={"scale": "two"}))
add("decimal_on_int", s("int32", name="org.apache.kafka.connect.data.Decimal", parameters={"scale": "2"}))
add("decimal_lowercase_name", s("bytes", name="org.apache.kafka.connect.data.decimal", parameters={"scale": "2"}))
add("decimal_fields", struct("x.Money", [("a", decimal(2)), ("b", decimal(2, optional=True)),
                                         ("c", decimal(4, default="1.2345")),
                                         ("d", decimal(2, optional=True, default="-9.99"))]))
add("date", s("int32", **DATE))
add("date_default", s("int32", default=19000, **DATE))
add("date_optional_default", s("int32", optional=True, default=-1, **DATE))
add("time", s("int32", **TIME))
add("time_default", s("int32", default=3600000, **TIME))
add("timestamp", s("int64", **TS))
add("timestamp_default", s("int64", default=1700000000123, **TS))
add("timestamp_optional", s("int64", optional=True, **TS))
add("date_on_string", s("string", name="org.apache.kafka.connect.data.Date"))
add("timestamp_on_int", s("int32", name="org.apache.kafka.connect.data.Timestamp"))
add("time_on_long", s("int64", name="org.apache.kafka.connect.data.Time"))
add("logical_fields", struct("x.When", [("d", s("int32", **DATE)), ("t", s("int32", **TIME)),
                                        ("ts", s("int64", **TS)), ("dn", s("int32", optional=True, **DATE)),
                                        ("tn", s("int32", optional=True, **TIME)),
                                        ("tsn", s("int64", optional=True, **TS)),
                                        ("tsd", s("int64", optional=True, default=0, **TS))]))

# Debezium semantic types: connect.name (and version) only.
DBZ = [("io.debezium.time.Date", "int32"), ("io.debezium.time.Time", "int32"),
       ("io.debezium.time.MicroTime", "int64"), ("io.debezium.time.NanoTime", "int64"),
       ("io.debezium.time.Timestamp", "int64"), ("io.debezium.time.MicroTimestamp", "int64"),
       ("io.debezium.time.NanoTimestamp", "int64"), ("io.debezium.time.ZonedTimestamp", "string"),
       ("io.debezium.time.ZonedTime", "string"), ("io.debezium.time.Year", "int32"),
       ("io.debezium.time.Interval", "string"), ("io.debezium.data.Json", "string"),
       ("io.debezium.data.Uuid", "string"), ("io.debezium.data.Xml", "string"),
       ("io.debezium.data.Bits", "bytes"), ("io.debezium.data.Enum", "string"),
       ("io.debezium.data.EnumSet", "string")]
dbz_fields = []
for n, t in DBZ:
    short = n.split(".")[-1].lower()
    dbz_fields.append((short, s(t, name=n, version=1)))
    dbz_fields.append((short + "_opt", s(t, name=n, version=1, optional=True)))
dbz_fields[28] = ("bits", s("bytes", name="io.debezium.data.Bits", version=1, parameters={"length": "8"}))
dbz_fields[30] = ("enum", s("string", name="io.debezium.data.Enum", version=1,
                            parameters={"allowed": "station,post_office"}, default="station"))
add("debezium_semantic_types", struct("dbz.Types", dbz_fields))
add("debezium_variable_scale_decimal", struct("dbz.V", [
    ("v", struct("io.debezium.data.VariableScaleDecimal", [("scale", s("int32")), ("value", s("bytes"))],
                 optional=True, doc="Variable scaled decimal", version=1))]))
add("debezium_geometry", struct("dbz.G", [
    ("g", struct("io.debezium.data.geometry.Geometry", [("wkb", s("bytes")), ("srid", s("int32", optional=True))],
                 optional=True, doc="Geometry", version=1))]))
add("debezium_created_timestamp_default", struct("event.block", [
    ("created", s("int64", name="io.debezium.time.Timestamp", version=1, optional=True, default=0)),
    ("type", s("string", name="io.debezium.data.Enum", version=1, parameters={"allowed": "station,post_office"},
               default="station"))], version=1))

# The ods.cdc_events table after ExtractNewRecordState(add.fields=op,db,table,schema,lsn,source.ts_ms).
DBZ_DATE = dict(name="io.debezium.time.Date", version=1, optional=True)
JSON_T = dict(name="io.debezium.data.Json", version=1, optional=True)
cdc_fields = [("order_id", s("int16")), ("customer_id", s("string")),
              ("order_date", s("int32", **DBZ_DATE)), ("required_date", s("int32", **DBZ_DATE)),
              ("shipped_date", s("int32", **DBZ_DATE))]
for f in ("order_items", "products", "customer", "employee", "shipper", "shipment"):
    cdc_fields.append((f, s("string", **JSON_T)))
cdc_fields.append(("updated_at", s("string", name="io.debezium.time.ZonedTimestamp", version=1, optional=True)))
for f in ("__deleted", "__op", "__db", "__table", "__schema"):
    cdc_fields.append((f, s("string", optional=True)))
cdc_fields += [("__lsn", s("int64", optional=True)), ("__source_ts_ms", s("int64", optional=True))]
add("cdc_value", struct("ord.ods.cdc_events.Value", cdc_fields))
add("cdc_key", struct("ord.ods.cdc_events.Key", [("order_id", s("int16"))]))
# The full Debezium envelope (before/after/source/op/ts_ms/transaction) for the same table.
value_opt = struct("ord.ods.cdc_events.Value", cdc_fields, optional=True)
source = struct("io.debezium.connector.postgresql.Source", [
    ("version", s("string")), ("connector", s("string")), ("name", s("string")), ("ts_ms", s("int64")),
    ("snapshot", s("string", name="io.debezium.data.Enum", version=1, optional=True,
                   parameters={"allowed": "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},
                   default="false")),
    ("db", s("string")), ("sequence", s("string", optional=True)), ("ts_us", s("int64", optional=True)),
    ("ts_ns", s("int64", optional=True)), ("schema", s("string")), ("table", s("string")),
    ("txId", s("int64", optional=True)), ("lsn", s("int64", optional=True)), ("xmin", s("int64", optional=True))])
block = struct("event.block", [("id", s("string")), ("total_order", s("int64")),
                               ("data_collection_order", s("int64"))], optional=True, version=1)
add("cdc_envelope", struct("ord.ods.cdc_events.Envelope", [
    ("before", value_opt), ("after", value_opt), ("source", source), ("transaction", block),
    ("op", s("string")), ("ts_ms", s("int64", optional=True)), ("ts_us", s("int64", optional=True)),
    ("ts_ns", s("int64", optional=True))], version=2))

# A 40-field wide record like bench.wide.Wide.
DEC2 = decimal(2)
address = struct("bench.wide.Address", [("street", s("string")), ("city", s("string")),
                                        ("zip", s("string", optional=True)), ("lat", s("float64")),
                                        ("lon", s("float64"))])
address_opt = dict(address, optional=True)
wide = [("id", s("int64"))]
for t in ("int8", "int16", "int32", "int64", "float32", "float64"):
    short = {"int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64", "float32": "f32", "float64": "f64"}[t]
    wide += [(short, s(t)), (short + "_opt", s(t, optional=True))]
wide += [("flag", s("boolean")), ("flag_opt", s("boolean", optional=True)), ("name", s("string")),
         ("description", s("string", optional=True)), ("code", s("string")), ("email", s("string", optional=True)),
         ("payload", s("bytes")), ("payload_opt", s("bytes", optional=True)), ("amount", DEC2),
         ("amount_opt", decimal(2, optional=True)), ("created_at", s("int64", **TS)),
         ("updated_at", s("int64", optional=True, **TS)), ("birth_date", s("int32", **DATE)),
         ("expiry_date", s("int32", optional=True, **DATE)), ("start_time", s("int32", **TIME)),
         ("end_time", s("int32", optional=True, **TIME)), ("tags", s("array", value=s("string"))),
         ("counters", s("map", key=s("string"), value=s("int32"))), ("address", address),
         ("billing_address", address_opt), ("score", s("float64", optional=True)),
         ("rank", s("int32", optional=True)), ("status", s("string")), ("seq", s("int64", optional=True)),
         ("active", s("boolean")), ("ratio", s("float32", optional=True)), ("note", s("string", optional=True))]
assert len(wide) == 40, len(wide)
add("wide", struct("bench.wide.Wide", wide))

# Arrays.
add("array_int", s("array", value=s("int32")))
add("array_optional_items", s("array", value=s("string", optional=True)))
add("array_optional", s("array", value=s("int64"), optional=True))
add("array_default", s("array", value=s("int32"), default=[1, 2, 3]))
add("array_optional_default", s("array", value=s("float32"), optional=True, default=[0.1, 2.5]))
add("array_of_structs", struct("x.Order", [("lines", s("array", value=struct("x.Line", [
    ("sku", s("string")), ("qty", s("int32"))])))]))
add("array_of_unnamed_structs", s("array", value=struct(None, [("a", s("int32"))])))
add("array_of_optional_structs", s("array", value=struct("x.E", [("a", s("int32"))], optional=True)))
add("array_of_arrays", s("array", value=s("array", value=s("string"))))
add("array_named", s("array", name="x.Arr", value=s("int32")))
add("array_of_decimals_default", s("array", value=decimal(1), default=["1.5", "-2.0"]))
add("array_of_bytes_default", s("array", value=s("bytes"), default=["ab", "\u00e9"]))

# Maps.
add("map_string_int", s("map", key=s("string"), value=s("int32")))
add("map_optional", s("map", key=s("string"), value=s("string"), optional=True))
add("map_optional_values", s("map", key=s("string"), value=s("int64", optional=True)))
add("map_default", s("map", key=s("string"), value=s("int32"), default=[["a", 1], ["b", 2]]))
add("map_optional_string_key", s("map", key=s("string", optional=True), value=s("int32")))
add("map_int_key", s("map", key=s("int32"), value=s("string")))
add("map_int_key_optional", s("map", key=s("int32"), value=s("string"), optional=True))
add("map_int_key_default", s("map", key=s("int32"), value=s("string"), default=[[1, "one"], [2, "two"]]))
add("map_struct_key", s("map", key=struct("x.K", [("k", s("string"))]), value=s("int32")))
add("map_named_int_key", s("map", name="x.ByInt", key=s("int32"), value=s("string")))
add("map_named_string_key", s("map", name="x.ByName", key=s("string"), value=s("string")))
add("map_of_structs", s("map", key=s("string"), value=struct("x.V", [("v", s("int32"))])))
add("map_of_maps", s("map", key=s("string"), value=s("map", key=s("string"), value=s("boolean"))))
add("map_two_non_string_in_record", struct("x.TwoMaps", [("a", s("map", key=s("int32"), value=s("string"))),
                                                          ("b", s("map", key=s("int64"), value=s("string")))]))
add("map_same_non_string_twice", struct("x.SameMaps", [("a", s("map", key=s("int32"), value=s("string"))),
                                                        ("b", s("map", key=s("int32"), value=s("string")))]))
add("map_non_string_optional_field", struct("x.M", [("m", s("map", key=s("int32"), value=s("string"),
                                                            optional=True))]))
add("map_field_default", struct("x.MD", [("m", s("map", key=s("string"), value=s("int32"),
                                                 default=[["z", 26], ["a", 1]]))]))
add("map_int_key_field_default", struct("x.MD", [("m", s("map", key=s("int32"), value=s("int32"),
                                                         default=[[5, 50]]))]))

# Nested and optional structs, struct defaults.
add("struct_empty", struct("x.Empty", []))
add("struct_nested_3", struct("n.A", [("b", struct("n.B", [("c", struct("n.C", [("v", s("int32"))]))]))]))
add("struct_optional_top", struct("x.Opt", [("a", s("int32"))], optional=True))
add("struct_optional_field", struct("x.P", [("child", struct("x.C", [("a", s("int32"))], optional=True))]))
add("struct_default", struct("x.P", [("child", struct("x.C", [("a", s("int32")), ("b", s("string", optional=True))],
                                                      default={"a": 1, "b": None}))]))
add("struct_optional_default", struct("x.P", [("child", struct("x.C", [("a", s("int32"))], optional=True,
                                                               default={"a": 7}))]))
add("struct_top_default", struct("x.T", [("a", s("int32")), ("s", s("string"))], default={"a": 1, "s": "x"}))
add("struct_default_nested_values", struct("x.P", [("c", struct("x.C", [
    ("f", s("float32")), ("d", decimal(1)), ("l", s("array", value=s("int32"))), ("dt", s("int32", **DATE))],
    default={"f": 0.1, "d": "2.5", "l": [1], "dt": 3}))]))
add("struct_field_defaults_mixed", struct("x.D", [("a", s("int32", default=1)), ("b", s("string", default="")),
                                                  ("c", s("boolean", default=False)),
                                                  ("d", s("float64", default=0.0)),
                                                  ("e", s("int64", optional=True, default=-1)),
                                                  ("f", s("bytes", default=""))]))
add("struct_unnamed_optional_fields", struct(None, [("a", struct(None, [("x", s("int32"))], optional=True)),
                                                    ("b", struct(None, [("y", s("int32"))]))]))

# The Avro-union struct (io.confluent.connect.avro.Union).
union = struct("io.confluent.connect.avro.Union", [("int", s("int32", optional=True)),
                                                   ("string", s("string", optional=True))])
add("union_struct", union)
add("union_struct_optional", dict(union, optional=True))
add("union_struct_in_record", struct("x.U", [("u", union), ("uo", dict(union, optional=True))]))
add("union_struct_with_record", struct("io.confluent.connect.avro.Union", [
    ("R", struct("x.R", [("a", s("int32"))], optional=True)), ("long", s("int64", optional=True))]))
add("union_struct_dup_types", struct("io.confluent.connect.avro.Union", [("a", s("int32", optional=True)),
                                                                          ("b", s("int32", optional=True))]))

# Enums as Connect strings with parameters (enhanced support).
enum_params = {"io.confluent.connect.avro.Enum": "x.Color", "io.confluent.connect.avro.Enum.RED": "RED",
               "io.confluent.connect.avro.Enum.GREEN": "GREEN"}
add("enum_string", s("string", name="x.Color", parameters=enum_params))
add("enum_string_unnamed", s("string", parameters=enum_params))
add("enum_string_default", s("string", name="x.Color", parameters=enum_params, default="GREEN"))
add("enum_in_record", struct("x.Paint", [("c", s("string", name="x.Color", parameters=enum_params)),
                                         ("co", s("string", name="x.Color", parameters=enum_params,
                                                  optional=True))]))
add("enum_doc_default_params", s("string", name="x.Color", parameters=dict(enum_params, **{
    "io.confluent.connect.avro.enum.doc.Color": "colors", "io.confluent.connect.avro.enum.default.Color": "RED"})))
add("fixed_bytes", s("bytes", name="x.Fix", parameters={"connect.fixed.size": "4"}))
add("fixed_unnamed_ignored", s("bytes", parameters={"connect.fixed.size": "4"}))
add("fixed_decimal", s("bytes", name="org.apache.kafka.connect.data.Decimal",
                       parameters={"scale": "2", "connect.fixed.size": "8"}))

# Schema evolution pair.
v1 = [("id", s("int64")), ("name", s("string")), ("email", s("string", optional=True))]
add("evolution_v1", struct("shop.Customer", v1, version=1))
add("evolution_v2", struct("shop.Customer", v1 + [("age", s("int32", optional=True, default=-1))], version=2))

# Descriptions Connect itself refuses (SchemaBuilder.defaultValue's checks).
add("bad_default_type", s("int32", default="x"))
add("bad_default_null_in_required_array", s("array", value=s("int32"), default=[1, None]))


# More edge cases: parameters AvroData parses, defaults it converts, enum and fixed corner cases.
add("fixed_negative_size", s("bytes", name="x.F", parameters={"connect.fixed.size": "-1"}))
add("fixed_bad_size", s("bytes", name="x.F", parameters={"connect.fixed.size": "four"}))
add("fixed_decimal_fits", s("bytes", name="org.apache.kafka.connect.data.Decimal",
                            parameters={"scale": "2", "connect.decimal.precision": "10", "connect.fixed.size": "8"}))
add("decimal_precision_zero", decimal(0, extra_params={"connect.decimal.precision": "0"}))
add("decimal_default_wrong_scale", decimal(2, default="1.5"))
add("time_default_out_of_day", s("int32", default=90000000, **TIME))
add("date_negative_default", s("int32", default=-719162, **DATE))
add("enum_bad_symbol", s("string", name="x.E", parameters={"io.confluent.connect.avro.Enum": "x.E",
                                                           "io.confluent.connect.avro.Enum.a-b": "a-b"}))
add("enum_default_not_symbol", s("string", name="x.E", parameters={
    "io.confluent.connect.avro.Enum": "x.E", "io.confluent.connect.avro.Enum.A": "A",
    "io.confluent.connect.avro.enum.default.E": "Z"}))
add("enum_no_symbols", s("string", name="x.E", parameters={"io.confluent.connect.avro.Enum": "x.E"}))
add("enum_in_union_struct", struct("io.confluent.connect.avro.Union", [
    ("Color", s("string", name="x.Color", parameters=enum_params, optional=True)),
    ("string", s("string", optional=True))]))
add("union_struct_default", dict(union, default={"int": 5}))
add("union_struct_nested", struct("io.confluent.connect.avro.Union", [
    ("u", dict(union, optional=True)), ("long", s("int64", optional=True))]))
add("avro_param_conflict", s("string", parameters={"avrox": "1"}, name="n"))
add("int8_default_bounds", struct("x.B", [("a", s("int8", default=-128)), ("b", s("int16", default=32767)),
                                          ("c", s("int32", default=-2147483648)),
                                          ("d", s("int64", default=-9223372036854775808))]))
add("float_defaults", struct("x.F", [("a", s("float32", default=1e-5)), ("b", s("float32", default=3.4e38)),
                                     ("c", s("float64", default=1e300)), ("d", s("float64", default=-0.0)),
                                     ("e", s("float32", default=16777217))]))
add("string_default_unicode", s("string", default="😀 \u0000 \t ü"))
add("struct_default_missing_required", struct("x.P", [("c", struct("x.C", [("a", s("int32")), ("b", s("int32"))],
                                                                   default={"a": 1}))]))
add("struct_default_field_default", struct("x.P", [("c", struct("x.C", [("a", s("int32", default=9)),
                                                                         ("b", s("string", optional=True))],
                                                                default={}))]))
add("struct_default_optional_string_set", struct("x.P", [("c", struct("x.C", [("b", s("string", optional=True))],
                                                                      default={"b": "x"}))]))
add("array_of_maps_default", s("array", value=s("map", key=s("string"), value=s("int32")),
                               default=[[["a", 1]], []]))
add("map_optional_key_default", s("map", key=s("string", optional=True), value=s("int32"),
                                  default=[["k", 1]]))
add("map_default_in_optional_field", struct("x.M", [("m", s("map", key=s("string"), value=s("int32"),
                                                             optional=True, default=[["a", 1]]))]))
add("deep_nesting", struct("d.L0", [("n", struct("d.L1", [("n", struct("d.L2", [("n", struct("d.L3", [
    ("arr", s("array", value=s("map", key=s("string"), value=struct("d.L4", [("v", s("int32", optional=True))]))))
]))]))]))]))
add("named_primitives_shared", struct("x.S", [("a", s("string", name="x.Code", version=2)),
                                              ("b", s("string", name="x.Code", version=2)),
                                              ("c", s("string", name="x.Code", version=2, optional=True))]))
add("field_doc_param_and_schema_doc", struct("x.R", [("a", s("int32", doc="schema doc"))],
                                             parameters={"io.confluent.connect.avro.field.doc.a": "param doc"}))
add("record_doc_with_quotes", struct("x.R", [("a", s("int32"))],
                                     parameters={"io.confluent.connect.avro.record.doc": "say \"hi\"\n"}))

with open("schemas.jsonl", "w", encoding="utf-8") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")

avro = [
    ("enum", {"type": "enum", "name": "Color", "namespace": "x", "symbols": ["RED", "GREEN"], "doc": "c"}),
    ("enum_default", {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN"], "default": "GREEN"}),
    ("fixed", {"type": "fixed", "name": "F", "namespace": "x", "size": 16}),
    ("fixed_decimal", {"type": "fixed", "name": "FD", "size": 8, "logicalType": "decimal", "precision": 10,
                       "scale": 2}),
    ("bytes_decimal_no_precision", {"type": "bytes", "logicalType": "decimal", "scale": 3}),
    ("bytes_decimal_precision_64", {"type": "bytes", "logicalType": "decimal", "precision": 64, "scale": 1}),
    ("bytes_decimal_bad_precision", {"type": "bytes", "logicalType": "decimal", "precision": "ten", "scale": 1}),
    ("timestamp_micros", {"type": "long", "logicalType": "timestamp-micros"}),
    ("time_micros", {"type": "long", "logicalType": "time-micros"}),
    ("local_timestamp_millis", {"type": "long", "logicalType": "local-timestamp-millis"}),
    ("uuid", {"type": "string", "logicalType": "uuid"}),
    ("null", "null"),
    ("union_three", ["null", "int", "string"]),
    ("union_two_no_null", ["int", "string"]),
    ("union_single", ["int"]),
    ("union_null_first_record", ["null", {"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}]),
    ("union_records", [{"type": "record", "name": "A", "namespace": "n", "fields": []},
                       {"type": "record", "name": "B", "namespace": "m", "fields": []}]),
    ("union_same_simple_name", [{"type": "record", "name": "A", "namespace": "n", "fields": []},
                                {"type": "record", "name": "A", "namespace": "m", "fields": []}]),
    ("record_docs_defaults", {"type": "record", "name": "R", "namespace": "x", "doc": "rdoc", "fields": [
        {"name": "a", "type": "int", "doc": "adoc", "default": 3},
        {"name": "b", "type": ["string", "null"], "default": "s"},
        {"name": "c", "type": ["null", "long"], "default": None},
        {"name": "d", "type": "bytes", "default": "\u00ff"},
        {"name": "e", "type": {"type": "array", "items": "int"}, "default": [1, 2]},
        {"name": "f", "type": {"type": "map", "values": "string"}, "default": {"k": "v"}},
        {"name": "g", "type": {"type": "record", "name": "G", "fields": [{"name": "x", "type": "int"}]},
         "default": {"x": 1}},
        {"name": "h", "type": "float", "default": 0.1},
        {"name": "i", "type": {"type": "enum", "name": "E", "symbols": ["P", "Q"]}, "default": "Q"},
        {"name": "j", "type": {"type": "int", "connect.type": "int8"}, "default": -3}]}),
    ("record_connect_default_prop", {"type": "record", "name": "R", "fields": [
        {"name": "a", "type": {"type": "int", "connect.default": 9}}]}),
    ("int_bad_connect_type", {"type": "int", "connect.type": "int128"}),
    ("connect_version_string", {"type": "int", "connect.version": "1"}),
    ("connect_params_not_object", {"type": "int", "connect.parameters": "x"}),
    ("connect_params_not_strings", {"type": "int", "connect.parameters": {"a": 1}}),
    ("connect_name_not_string", {"type": "int", "connect.name": 5}),
    ("connect_doc", {"type": "string", "connect.doc": "hello", "connect.version": 4}),
    ("avro_prefixed_props", {"type": "string", "avro.java.string": "String", "other": "x"}),
    ("map_entry_bad_shape", {"type": "array", "items": {"type": "record", "name": "MapEntry",
                                                        "namespace": "io.confluent.connect.avro",
                                                        "fields": [{"name": "key", "type": "int"}]}}),
    ("named_map_entry", {"type": "array", "items": {"type": "record", "name": "E", "namespace": "q",
                                                    "connect.internal.type": "MapEntry",
                                                    "fields": [{"name": "key", "type": "int"},
                                                               {"name": "value", "type": "string"}]}}),
    ("field_defaults_every_type", {"type": "record", "name": "D", "namespace": "d", "fields": [
        {"name": "i8", "type": {"type": "int", "connect.type": "int8"}, "default": 300},
        {"name": "i16", "type": {"type": "int", "connect.type": "int16"}, "default": 70000},
        {"name": "l", "type": "long", "default": 5},
        {"name": "f", "type": "float", "default": 1},
        {"name": "dbl", "type": "double", "default": 2},
        {"name": "b", "type": "boolean", "default": True},
        {"name": "s", "type": "string", "default": "\u00e9\u20ac"},
        {"name": "by", "type": "bytes", "default": "\u20ac\u00ff"},
        {"name": "fx", "type": {"type": "fixed", "name": "F2", "size": 2}, "default": "ab"},
        {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2},
         "default": "\u0004\u00d2"},
        {"name": "dt", "type": {"type": "int", "logicalType": "date"}, "default": 3},
        {"name": "tm", "type": {"type": "int", "logicalType": "time-millis"}, "default": 1000},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}, "default": 1000},
        {"name": "arr", "type": {"type": "array", "items": ["null", "int"]}, "default": [None, None]},
        {"name": "rec", "type": {"type": "record", "name": "In", "fields": [
            {"name": "x", "type": "int", "default": 4}, {"name": "y", "type": ["null", "string"], "default": None}]},
         "default": {}},
        {"name": "me", "type": {"type": "array", "items": {"type": "record", "name": "MapEntry",
                                                             "namespace": "io.confluent.connect.avro",
                                                             "fields": [{"name": "key", "type": "int"},
                                                                        {"name": "value", "type": "int"}]}},
         "default": [{"key": 1, "value": 2}]},
        {"name": "u3", "type": ["int", "string", "null"], "default": 7},
        {"name": "en", "type": {"type": "enum", "name": "En", "symbols": ["A", "B"], "doc": "en doc"},
         "default": "B"}]}),
    ("connect_default_every_type", {"type": "record", "name": "C", "fields": [
        {"name": "a", "type": {"type": "int", "connect.type": "int8", "connect.default": 1.9}},
        {"name": "b", "type": {"type": "long", "connect.default": "12"}},
        {"name": "c", "type": {"type": "boolean", "connect.default": "true"}},
        {"name": "d", "type": {"type": "string", "connect.default": 42}},
        {"name": "e", "type": {"type": "bytes", "connect.default": 5}},
        {"name": "f", "type": {"type": "array", "items": "int", "connect.default": {"x": 1}}},
        {"name": "g", "type": {"type": "map", "values": "long", "connect.default": {"x": 1}}},
        {"name": "h", "type": {"type": "float", "connect.default": 0.1}},
        {"name": "i", "type": {"type": "int", "logicalType": "date", "connect.default": 2}},
        {"name": "j", "type": {"type": "record", "name": "J", "fields": [{"name": "z", "type": ["string", "null"]}],
                               "connect.default": {"z": "q"}}}]}),
    ("discard_docs", {"type": "record", "name": "R", "doc": "record doc", "fields": [
        {"name": "a", "type": {"type": "int", "connect.doc": "cd"}, "doc": "field doc"},
        {"name": "b", "type": ["null", {"type": "enum", "name": "E", "symbols": ["X"], "doc": "edoc"}],
         "doc": "bdoc", "default": None}]}),
    ("version_prop_on_nested", {"type": "record", "name": "V", "connect.version": 7, "fields": [
        {"name": "d", "type": {"type": "int", "logicalType": "date", "connect.version": 2}}]}),
    ("top_level_date_with_registry_version", {"type": "int", "logicalType": "date"}),
    ("top_level_optional_record", ["null", {"type": "record", "name": "T", "fields": []}]),
    ("union_with_enhanced_names", ["null", {"type": "record", "name": "A", "namespace": "n", "fields": []},
                                   {"type": "enum", "name": "E", "namespace": "m", "symbols": ["Q"]},
                                   {"type": "fixed", "name": "F", "size": 1}, "string",
                                   {"type": "array", "items": "int"}, {"type": "map", "values": "int"}]),
    ("recursive", {"type": "record", "name": "Node", "fields": [{"name": "v", "type": "int"}]}),
    ("avro_prop_number", {"type": "string", "avro.n": 5}),
    ("connect_default_record_name", {"type": "record", "name": "ConnectDefault3",
                                     "namespace": "io.confluent.connect.avro",
                                     "fields": [{"name": "a", "type": "int"}]}),
    ("record_no_connect_name", {"type": "record", "name": "Plain", "namespace": "p",
                                "fields": [{"name": "a", "type": "int"}]}),
    ("record_connect_name_differs", {"type": "record", "name": "Plain", "namespace": "p", "connect.name": "q.Other",
                                     "fields": [{"name": "a", "type": "int"}]}),
]
with open("avro_inputs.jsonl", "w", encoding="utf-8") as f:
    for id_, a in avro:
        f.write(json.dumps({"id": id_, "avro": a}, ensure_ascii=False) + "\n")
print(len(cases), "connect cases,", len(avro), "avro inputs")
