"""Writes encode_cases.json and resolve_cases.json (inputs of tools/oracle/DatumOracle.java). See README.md."""
import json, os

here = os.path.dirname(os.path.abspath(__file__))

def rec(name, fields, **kw):
    return dict(type="record", name=name, fields=[dict(name=n, type=t, **kw2) for n, t, kw2 in fields], **kw)

def f(name, type_, **kw):
    return (name, type_, kw)

enc = []
def E(name, schema, *data):
    enc.append(dict(name=name, schema=schema, data=list(data)))

E("null", "null", None)
E("boolean", "boolean", True, False)
E("int", "int", 0, 1, -1, 63, -64, 64, 2147483647, -2147483648)
E("long", "long", 0, 1, -1, 9223372036854775807, -9223372036854775808, 1 << 40)
E("float", "float", 0.0, 1.5, -2.25, 3.4028234663852886e38, 1.1)
E("double", "double", 0.0, 1.5, -1e300, 5e-324, 0.1)
E("bytes", "bytes", "", "\u0000\u00ff\u007fab")
E("string", "string", "", "hello", "héllo wörld ✓ 😀")
E("fixed", dict(type="fixed", name="F4", size=4), "\u0001\u0002\u00fe\u00ff")
E("fixed0", dict(type="fixed", name="F0", size=0), "")
E("enum", dict(type="enum", name="Suit", symbols=["S", "H", "D", "C"]), "S", "C")
E("array", dict(type="array", items="int"), [], [1, 2, 3], list(range(100)))
E("map", dict(type="map", values="string"), {}, {"a": "x", "b": "y"})
E("union", ["null", "int", "string", dict(type="array", items="long")], None, {"int": 5}, {"string": "s"}, {"array": [1, 2]})
E("record", rec("R", [f("a", "int"), f("b", "string"), f("c", ["null", "double"])]),
  {"a": 1, "b": "x", "c": None}, {"a": -7, "b": "", "c": {"double": 2.5}})
E("nested", rec("Outer", [f("inner", rec("Inner", [f("x", "long"), f("tags", dict(type="array", items="string"))])),
                          f("again", "Inner"),
                          f("m", dict(type="map", values="Inner"))]),
  {"inner": {"x": 1, "tags": ["a"]}, "again": {"x": 2, "tags": []}, "m": {"k": {"x": 3, "tags": ["p", "q"]}}})
E("recursive", rec("Node", [f("value", "int"), f("next", ["null", "Node"])]),
  {"value": 1, "next": None}, {"value": 1, "next": {"Node": {"value": 2, "next": {"Node": {"value": 3, "next": None}}}}})
E("tree", rec("Tree", [f("label", "string"), f("children", dict(type="array", items="Tree"))]),
  {"label": "root", "children": [{"label": "a", "children": []}, {"label": "b", "children": [{"label": "c", "children": []}]}]})
E("namespaced", rec("R", [f("e", dict(type="enum", name="E", namespace="x.y", symbols=["A", "B"])), f("u", ["null", "x.y.E"])], namespace="ns"),
  {"e": "B", "u": {"x.y.E": "A"}})
E("logical_decimal_bytes", dict(type="bytes", logicalType="decimal", precision=10, scale=2), "\u0001\u00e2\u0040", "\u00ff")
E("logical_decimal_fixed", dict(type="fixed", name="D8", size=8, logicalType="decimal", precision=18, scale=4), "\u0000" * 7 + "\u0001")
E("logical_uuid", dict(type="string", logicalType="uuid"), "123e4567-e89b-12d3-a456-426614174000")
E("logical_date", dict(type="int", logicalType="date"), 19000, -1)
E("logical_time_millis", dict(type="int", logicalType="time-millis"), 86399999)
E("logical_time_micros", dict(type="long", logicalType="time-micros"), 86399999999)
E("logical_timestamps", rec("T", [f("a", dict(type="long", logicalType="timestamp-millis")),
                                  f("b", dict(type="long", logicalType="timestamp-micros")),
                                  f("c", dict(type="long", logicalType="local-timestamp-millis")),
                                  f("d", dict(type="long", logicalType="local-timestamp-micros"))]),
  {"a": 1700000000000, "b": 1700000000000000, "c": -1, "d": 0})
E("logical_duration", dict(type="fixed", name="Dur", size=12, logicalType="duration"), "\u0001\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u0003\u0000\u0000\u0000")
E("connect_props", rec("Envelope", [f("id", dict(type="int", **{"connect.name": "x"})), f("before", ["null", rec("Value", [f("v", "string")])], default=None)]),
  {"id": 1, "before": {"Value": {"v": "x"}}}, {"id": 2, "before": None})
E("array_of_unions", dict(type="array", items=["null", "string"]), [None, {"string": "a"}, None])
E("map_of_arrays", dict(type="map", values=dict(type="array", items="boolean")), {"a": [True], "b": []})
E("union_records", ["null", rec("A", [f("x", "int")]), rec("B", [f("x", "string")])], {"A": {"x": 1}}, {"B": {"x": "s"}})
E("long_string", "string", "x" * 1000)
E("empty_record", rec("Empty", []), {})
E("array_of_null", dict(type="array", items="null"), [None, None, None])

res = []
def R(name, writer, reader, *data):
    res.append(dict(name=name, writer=writer, reader=reader, data=list(data)))

P = lambda w, r, *d: R(f"promote_{w}_{r}", w, r, *d)
P("int", "long", 1, -5, 2147483647)
P("int", "float", 1, 16777217)
P("int", "double", -3)
P("long", "float", 1 << 40, 123456789123)
P("long", "double", -(1 << 53) - 1)
P("float", "double", 1.1, -0.5)
P("string", "bytes", "héllo")
P("bytes", "string", "abc")
R("promote_in_record", rec("R", [f("a", "int"), f("b", "float")]), rec("R", [f("a", "double"), f("b", "double")]), {"a": 3, "b": 2.5})
R("field_added_with_default", rec("R", [f("a", "int")]),
  rec("R", [f("a", "int"), f("b", "string", default="dflt"), f("c", ["null", "int"], default=None), f("d", dict(type="array", items="int"), default=[1, 2])]),
  {"a": 1})
R("field_added_defaults_every_type", rec("R", [f("a", "int")]),
  rec("R", [f("a", "int"), f("n", "null", default=None), f("bo", "boolean", default=True), f("i", "int", default=-3),
            f("l", "long", default=1 << 40), f("fl", "float", default=1.5), f("db", "double", default=-2.5),
            f("by", "bytes", default="\u00ff\u0000"), f("fx", dict(type="fixed", name="F2", size=2), default="ab"),
            f("en", dict(type="enum", name="E", symbols=["X", "Y"]), default="Y"),
            f("mp", dict(type="map", values="int"), default={"k": 1}),
            f("rc", rec("Sub", [f("s", "string"), f("t", "int", default=9)]), default={"s": "v"}),
            f("un", ["string", "null"], default="first"),
            f("dec", dict(type="bytes", logicalType="decimal", precision=4, scale=1), default="\u0001")]),
  {"a": 7})
R("field_removed", rec("R", [f("a", "int"), f("gone", rec("G", [f("x", dict(type="array", items="string")), f("m", dict(type="map", values="long"))])), f("b", "string")]),
  rec("R", [f("a", "int"), f("b", "string")]),
  {"a": 1, "gone": {"x": ["p", "q"], "m": {"z": 5}}, "b": "kept"})
R("field_removed_union_and_fixed", rec("R", [f("u", ["null", "string", "double"]), f("fx", dict(type="fixed", name="F3", size=3)), f("e", dict(type="enum", name="E", symbols=["A", "B"])), f("k", "boolean")]),
  rec("R", [f("k", "boolean")]), {"u": {"double": 1.0}, "fx": "abc", "e": "B", "k": True}, {"u": None, "fx": "xyz", "e": "A", "k": False})
R("fields_reordered", rec("R", [f("a", "int"), f("b", "string"), f("c", "long")]), rec("R", [f("c", "long"), f("a", "int"), f("b", "string")]),
  {"a": 1, "b": "two", "c": 3})
R("reordered_added_removed", rec("R", [f("a", "int"), f("x", "string"), f("c", "long")]),
  rec("R", [f("c", "long"), f("new", "int", default=42), f("a", "int")]), {"a": 1, "x": "dropped", "c": 3})
R("missing_required_field", rec("R", [f("a", "int")]), rec("R", [f("a", "int"), f("b", "string")]), {"a": 1})
R("enum_same", dict(type="enum", name="E", symbols=["A", "B", "C"]), dict(type="enum", name="E", symbols=["C", "B", "A"]), "A", "C")
R("enum_reader_default", dict(type="enum", name="E", symbols=["A", "B", "NEW"]), dict(type="enum", name="E", symbols=["A", "B", "UNKNOWN"], default="UNKNOWN"), "NEW", "B")
R("enum_missing_symbol_no_default", dict(type="enum", name="E", symbols=["A", "B", "NEW"]), dict(type="enum", name="E", symbols=["A", "B"]), "A", "NEW")
R("enum_name_mismatch", dict(type="enum", name="E1", symbols=["A"]), dict(type="enum", name="E2", symbols=["A"]), "A")
R("enum_alias", dict(type="enum", name="Old", symbols=["A", "B"]), dict(type="enum", name="New", aliases=["Old"], symbols=["B", "A"]), "A")
R("fixed_same", dict(type="fixed", name="F", size=2), dict(type="fixed", name="F", size=2), "ab")
R("fixed_size_mismatch", dict(type="fixed", name="F", size=2), dict(type="fixed", name="F", size=3), "ab")
R("fixed_name_mismatch", dict(type="fixed", name="F", size=2), dict(type="fixed", name="G", size=2), "ab")
R("fixed_alias", dict(type="fixed", name="a.F", size=2), dict(type="fixed", name="b.G", size=2, aliases=["a.F"]), "ab")
R("record_name_not_checked", rec("A", [f("x", "int")]), rec("B", [f("x", "int")]), {"x": 1})
R("record_alias", rec("Old", [f("x", "int")], namespace="n"), rec("New", [f("x", "int")], namespace="n", aliases=["Old"]), {"x": 1})
R("field_alias", rec("R", [f("old_name", "string"), f("k", "int")]), rec("R", [f("k", "int"), f("new_name", "string", aliases=["old_name"])]), {"old_name": "v", "k": 2})
R("field_alias_via_record_alias", rec("Old", [f("a", "int")]), rec("New", [f("b", "int", aliases=["a"])], aliases=["Old"]), {"a": 5})
R("writer_union_reader_union_same", ["null", "string"], ["null", "string"], None, {"string": "x"})
R("writer_union_reader_union_reordered", ["null", "string", "int"], ["int", "string", "null"], None, {"string": "x"}, {"int": 3})
R("writer_union_reader_union_promotion", ["null", "int"], ["null", "long", "double"], {"int": 4}, None)
R("writer_union_reader_union_missing_branch", ["null", "int", "string"], ["null", "int"], {"int": 1}, {"string": "no"})
R("writer_union_reader_plain", ["null", "int"], "long", {"int": 9}, None)
R("writer_union_reader_plain_all_ok", ["int", "long"], "double", {"int": 9}, {"long": 10})
R("writer_plain_reader_union", "int", ["null", "int"], 5)
R("writer_plain_reader_union_promote", "int", ["null", "string", "double", "long"], 5)
R("writer_plain_reader_union_exact_before_promote", "int", ["null", "long", "int"], 5)
R("writer_plain_reader_union_none", "boolean", ["null", "int"], True)
R("writer_string_reader_union_bytes", "string", ["null", "bytes"], "s")
R("writer_bytes_reader_union_string", "bytes", ["null", "string"], "b")
R("reader_union_record_by_name", rec("B", [f("x", "int")]), ["null", rec("A", [f("y", "int", default=0)]), rec("B", [f("x", "int")])], {"x": 1})
R("reader_union_record_structural", rec("W", [f("x", "int")]), ["null", rec("A", [f("q", "string")]), rec("C", [f("x", "long")])], {"x": 1})
R("reader_union_record_short_name", rec("x.R", [f("x", "int")]), ["null", rec("y.Other", [f("x", "int")]), rec("y.R", [f("x", "int")])], {"x": 1})
R("reader_union_record_alias", rec("Old", [f("x", "int")]), ["null", rec("New", [f("x", "int")], aliases=["Old"])], {"x": 1})
R("reader_union_enum_by_name", dict(type="enum", name="E", symbols=["A"]), ["null", dict(type="enum", name="E", symbols=["A", "B"])], "A")
R("reader_union_enum_no_name_match", dict(type="enum", name="E", symbols=["A"]), ["null", dict(type="enum", name="Other", symbols=["A"])], "A")
R("reader_union_fixed_by_name", dict(type="fixed", name="F", size=1), ["null", dict(type="fixed", name="G", size=1), dict(type="fixed", name="F", size=1)], "z")
R("union_field_nullable_added", rec("R", [f("a", "int")]), rec("R", [f("a", "int"), f("opt", ["null", "string"], default=None)]), {"a": 1})
R("array_items_promoted", dict(type="array", items="int"), dict(type="array", items="double"), [1, 2, 3], [])
R("map_values_promoted", dict(type="map", values="float"), dict(type="map", values="double"), {"a": 1.5})
R("array_of_records_evolved", dict(type="array", items=rec("I", [f("a", "int"), f("b", "string")])),
  dict(type="array", items=rec("I", [f("b", "string"), f("c", "long", default=-1)])), [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}])
R("recursive_evolved", rec("Node", [f("v", "int"), f("next", ["null", "Node"])]),
  rec("Node", [f("next", ["null", "Node"]), f("v", "long"), f("w", "string", default="d")]),
  {"v": 1, "next": {"Node": {"v": 2, "next": None}}})
R("incompatible_types", "string", "int", "x")
R("incompatible_in_record", rec("R", [f("a", "string")]), rec("R", [f("a", "int")]), {"a": "x"})
R("incompatible_array_map", dict(type="array", items="int"), dict(type="map", values="int"), [1])
R("nested_record_field_added", rec("O", [f("i", rec("I", [f("a", "int")]))]), rec("O", [f("i", rec("I", [f("a", "int"), f("b", "boolean", default=False)]))]), {"i": {"a": 1}})
R("long_to_int_incompatible", "long", "int", 1)
R("double_to_float_incompatible", "double", "float", 1.0)
R("logical_promote_date_to_long", dict(type="int", logicalType="date"), "long", 19000)
R("union_inside_record_branch_removed", rec("R", [f("u", ["null", "int", "string"])]), rec("R", [f("u", ["null", "string"])]), {"u": {"string": "ok"}}, {"u": None}, {"u": {"int": 1}})
R("writer_nested_union_dropped_field", rec("R", [f("x", ["null", rec("S", [f("q", "int")])]), f("y", "int")]), rec("R", [f("y", "int")]), {"x": {"S": {"q": 1}}, "y": 2})

R("enum_default_inside_record", rec("R", [f("e", dict(type="enum", name="E", symbols=["A", "NEW"]))]),
  rec("R", [f("e", dict(type="enum", name="E", symbols=["A", "OTHER"], default="OTHER"))]), {"e": "NEW"}, {"e": "A"})
R("union_of_records_evolved", ["null", rec("A", [f("x", "int")]), rec("B", [f("y", "string")])],
  [rec("B", [f("y", "string"), f("z", "int", default=1)]), "null", rec("A", [f("x", "long")])],
  {"A": {"x": 1}}, {"B": {"y": "s"}}, None)
R("map_of_union_promoted", dict(type="map", values=["null", "int", "float"]), dict(type="map", values=["null", "double"]),
  {"a": {"int": 1}, "b": {"float": 2.5}, "c": None})
R("reader_union_string_exact_over_bytes", "string", ["null", "bytes", "string"], "s")
R("array_of_union_to_plain", dict(type="array", items=["int", "long"]), dict(type="array", items="double"), [{"int": 1}, {"long": 2}])
R("field_alias_with_promotion", rec("R", [f("old", "int")]), rec("R", [f("new", "double", aliases=["old"])]), {"old": 3})
R("recursive_with_alias", rec("OldNode", [f("v", "int"), f("next", ["null", "OldNode"])]),
  rec("Node", [f("v", "int"), f("next", ["null", "Node"])], aliases=["OldNode"]), {"v": 1, "next": {"OldNode": {"v": 2, "next": None}}})
R("reader_union_structural_prefers_short_name", rec("a.R", [f("x", "int")]),
  ["null", rec("b.Other", [f("x", "int")]), rec("b.R", [f("x", "int"), f("y", "int", default=0)])], {"x": 1})
R("reader_union_structural_skips_incompatible", rec("W", [f("x", "string")]),
  [rec("A", [f("x", "int")]), rec("B", [f("x", "string")])], {"x": "s"})
R("writer_union_all_branches_to_reader_union_subset", ["int", "string", "null"], ["string", "long"], {"int": 1}, {"string": "a"}, None)
R("decimal_bytes_to_bytes", dict(type="bytes", logicalType="decimal", precision=5, scale=2), "bytes", "\u0001\u0002")
R("timestamp_long_to_union", dict(type="long", logicalType="timestamp-millis"), ["null", dict(type="long", logicalType="timestamp-millis")], 1700000000000)
# Raw bodies (writer binary given as hex): blocks with negative counts and byte sizes, as other writers may emit.
res.append(dict(name="hex_negative_block_count_array", writer=dict(type="array", items="int"),
                reader=dict(type="array", items="long"), hex=["0304020400", "00"]))
res.append(dict(name="hex_negative_block_count_map", writer=dict(type="map", values="string"),
                reader=dict(type="map", values="bytes"), hex=["0108026b027600", "02026b027600"]))

for fname, cases in (("encode_cases.json", enc), ("resolve_cases.json", res)):
    with open(os.path.join(here, fname), "w") as fh:
        json.dump(cases, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
print(len(enc), "encode cases,", len(res), "resolve cases")
