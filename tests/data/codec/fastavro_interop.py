"""fastavro as a second, independent Avro implementation for tests/codec_fastavro.rs.

stdin: {"schema": ..., "ours_hex": [hex of avroconv's encoding...], "avro_json": [each datum in Avro JSON...]}
stdout: {"read_json": [fastavro's schemaless_reader of each ours_hex, written back as Avro JSON],
         "fastavro_hex": [fastavro's schemaless_writer of each avro_json datum]}
"""
import io, json, sys

import fastavro

req = json.load(sys.stdin)
schema = fastavro.parse_schema(req["schema"])

read_json = []
for h in req["ours_hex"]:
    buf = io.BytesIO(bytes.fromhex(h))
    datum = fastavro.schemaless_reader(buf, schema, None)
    if buf.read(1):
        raise SystemExit("trailing bytes after datum " + h)
    out = io.StringIO()
    fastavro.json_writer(out, schema, [datum])
    read_json.append(json.loads(out.getvalue()))

lines = "\n".join(json.dumps(d) for d in req["avro_json"])
fastavro_hex = []
for datum in fastavro.json_reader(io.StringIO(lines), schema):
    out = io.BytesIO()
    fastavro.schemaless_writer(out, schema, datum)
    fastavro_hex.append(out.getvalue().hex())

json.dump({"read_json": read_json, "fastavro_hex": fastavro_hex}, sys.stdout)
