"""Checks the avroconv test registry with Python confluent-kafka's SchemaRegistryClient (an independent client).

Usage: python3 check_registry.py BASE_URL SUBJECT_PREFIX
Prints one JSON line with what it saw; exits non-zero on any mismatch. Needs
`pip install "confluent-kafka[avro,schemaregistry]<2.16"`.
"""
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.error import SchemaRegistryError
from confluent_kafka.serialization import MessageField, SerializationContext

V1 = {"type": "record", "name": "User", "namespace": "py.check",
      "fields": [{"name": "id", "type": "long"}]}
V2 = {"type": "record", "name": "User", "namespace": "py.check",
      "fields": [{"name": "id", "type": "long"},
                 {"name": "name", "type": ["null", "string"], "default": None}]}


def check(cond, what):
    if not cond:
        raise SystemExit(f"check failed: {what}")


def main():
    url, prefix = sys.argv[1], sys.argv[2]
    client = SchemaRegistryClient({"url": url})
    subject = f"{prefix}-users-value"
    s1 = Schema(json.dumps(V1), "AVRO")
    s2 = Schema(json.dumps(V2), "AVRO")

    id1 = client.register_schema(subject, s1)
    id2 = client.register_schema(subject, s2)
    check(isinstance(id1, int) and isinstance(id2, int) and id1 != id2, f"ids {id1} {id2}")
    check(client.register_schema(subject, s1) == id1, "re-register is idempotent")

    fetched = client.get_schema(id1)
    check(json.loads(fetched.schema_str) == V1, f"get_schema text {fetched.schema_str}")
    check(fetched.schema_type in (None, "AVRO"), f"schema type {fetched.schema_type}")

    found = client.lookup_schema(subject, s2)
    check((found.schema_id, found.version, found.subject) == (id2, 2, subject), f"lookup {found}")

    check(client.get_versions(subject) == [1, 2], f"versions {client.get_versions(subject)}")
    latest = client.get_latest_version(subject)
    check((latest.version, latest.schema_id) == (2, id2), f"latest {latest}")
    v1 = client.get_version(subject, 1)
    check((v1.version, v1.schema_id) == (1, id1), f"version 1 {v1}")
    check(subject in client.get_subjects(), "subjects list")
    check(client.test_compatibility(subject, s2) is True, "compatibility")

    try:
        client.lookup_schema(f"{prefix}-missing", s1)
        check(False, "missing subject must fail")
    except SchemaRegistryError as e:
        check((e.http_status_code, e.error_code) == (404, 40401), f"missing subject {e.http_status_code} {e.error_code}")
    try:
        client.get_schema(99999)
        check(False, "missing id must fail")
    except SchemaRegistryError as e:
        check((e.http_status_code, e.error_code) == (404, 40403), f"missing id {e.http_status_code} {e.error_code}")

    # Serializer round trip; the ASSOCIATED strategy probes /associations first and falls back on 404.
    fresh = SchemaRegistryClient({"url": url})
    ser = AvroSerializer(fresh, json.dumps(V2), conf={"subject.name.strategy.type": "ASSOCIATED"})
    topic = f"{prefix}-topic"
    ctx = SerializationContext(topic, MessageField.VALUE)
    framed = ser({"id": 5, "name": "héllo"}, ctx)
    de = AvroDeserializer(SchemaRegistryClient({"url": url}))
    check(de(framed, ctx) == {"id": 5, "name": "héllo"}, "deserialized value")
    print(json.dumps({"id1": id1, "id2": id2, "framed_hex": framed.hex(), "topic_subject": f"{topic}-value"}))


if __name__ == "__main__":
    main()
