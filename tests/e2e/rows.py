"""Turns rows of ods.cdc_events into comparable Python values, from both sides of the pipeline.

The topic carries what Debezium makes of each column, named by the `connect.name` of the field's Avro schema
(io.debezium.time.Date: days since 1970-01-01; io.debezium.data.Json: JSON text; io.debezium.time.ZonedTimestamp:
ISO-8601 text). The database side comes from PostgreSQL's row_to_json (dates as text, jsonb as JSON, timestamptz
as ISO-8601 text with an offset). Both become date, parsed JSON and aware datetime values.

A NULL in a column with a default arrives as that default (measured: employee_id NULL arrives as -1, also with
the SMT's `replace.null.with.default=false`). Kafka Connect's Struct.get() returns a field's default for a null
value, and Confluent's AvroData 7.0 reads fields through it (7.0 has no `ignore.default.for.nullables`). So the
table side takes the column's default for NULL, read from the Avro schema's `default`: the stream cannot tell
the two apart, and a drop-in converter must write the same.
"""
import datetime as dt
import json

EPOCH = dt.date(1970, 1, 1)


class Columns:
    """What the newest value schema says of each column: connect.name of its type, and its non-null default."""

    def __init__(self, avro_schema):
        self.kinds = connect_names(avro_schema)
        self.defaults = {f["name"]: f["default"] for f in avro_schema["fields"] if f.get("default") is not None}

    def get(self, name):
        return self.kinds.get(name)


def connect_names(avro_schema):
    """Field name -> connect.name of its (non-null) type, for a record schema given as parsed JSON."""
    names = {}
    for field in avro_schema["fields"]:
        types = field["type"] if isinstance(field["type"], list) else [field["type"]]
        for t in types:
            if isinstance(t, dict) and "connect.name" in t:
                names[field["name"]] = t["connect.name"]
    return names


def _timestamp(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def from_topic(value, columns):
    """A decoded record value without the __ fields the SMT adds, with Debezium's encodings undone."""
    row = {}
    for k, v in value.items():
        if k.startswith("__"):
            continue
        kind = columns.get(k)
        if v is None:
            row[k] = None
        elif kind == "io.debezium.time.Date":
            row[k] = EPOCH + dt.timedelta(days=v)
        elif kind == "io.debezium.data.Json":
            row[k] = json.loads(v)
        elif kind == "io.debezium.time.ZonedTimestamp":
            row[k] = _timestamp(v)
        else:
            row[k] = v
    return row


def from_db(row, columns):
    """A row of row_to_json(ods.cdc_events), converted as the topic side is."""
    out = {}
    for k, v in row.items():
        kind = columns.get(k)
        if v is None:
            out[k] = columns.defaults.get(k)
        elif kind == "io.debezium.time.Date":
            out[k] = dt.date.fromisoformat(v)
        elif kind == "io.debezium.time.ZonedTimestamp":
            out[k] = _timestamp(v)
        else:
            out[k] = v  # jsonb arrives parsed already
    return out


def compact(records):
    """Key (JSON text) -> last record, the way a compacted topic or an upserting sink sees the stream."""
    last = {}
    for r in records:
        last[json.dumps(r["key"], sort_keys=True)] = r
    return last


def differences(records, db_rows, columns, key_field="order_id"):
    """What differs between the live rows of the stream (last record per key, unless it is a delete) and the
    table. Records are dicts with `key` and `latest` (the value decoded with the newest registered schema)."""
    problems = []
    live = {}
    for key, r in compact(records).items():
        v = r["latest"]
        if v is None or v.get("__deleted") == "true":
            continue
        live[key] = from_topic(v, columns)
    table = {json.dumps({key_field: row[key_field]}, sort_keys=True): from_db(row, columns) for row in db_rows}
    for key in sorted(table.keys() - live.keys()):
        problems.append(f"row {key} is in the table but not live in the topic")
    for key in sorted(live.keys() - table.keys()):
        problems.append(f"row {key} is live in the topic but not in the table")
    for key in sorted(table.keys() & live.keys()):
        a, b = live[key], table[key]
        for col in sorted(a.keys() | b.keys()):
            if col not in a or col not in b or a[col] != b[col]:
                problems.append(f"row {key} column {col}: topic {a.get(col, '<missing>')!r} "
                                f"!= table {b.get(col, '<missing>')!r}")
    return problems
