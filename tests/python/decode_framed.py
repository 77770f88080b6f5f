"""Decodes one Confluent-framed Avro payload with Python confluent-kafka's AvroDeserializer and prints it as JSON.

Usage: python3 decode_framed.py REGISTRY_URL TOPIC HEX
"""
import json
import sys

from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext

url, topic, data = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])
value = AvroDeserializer(SchemaRegistryClient({"url": url}))(data, SerializationContext(topic, MessageField.VALUE))
print(json.dumps(value, ensure_ascii=False))
