package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.RegistryProcess;
import io.avroconv.testing.TestPaths;
import io.confluent.connect.avro.AvroData;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Byte-for-byte and value-for-value against Confluent 7.0.16's AvroConverter, both pointed at the project's test
 * registry over loopback HTTP (at its root and under /apis/ccompat/v6).
 */
class DifferentialTest {
    private static final int VALUES_PER_SCHEMA = 6;
    private static RegistryProcess registry;

    @BeforeAll
    static void start() {
        registry = RegistryProcess.start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void corpusMatchesConfluent() {
        runCorpus(registry.url(), "c-", 1);
    }

    @Test
    void corpusMatchesConfluentUnderCcompatV6() {
        runCorpus(registry.url() + "/apis/ccompat/v6", "v6-", 2);
    }

    private static void runCorpus(String url, String prefix, long seed) {
        Differential d = new Differential(url, false, Map.of());
        int schemas = 0;
        int refused = 0;
        ConnectValues.Generator gen = new ConnectValues.Generator(seed);
        for (Map.Entry<String, Object> c : ConnectValues.corpus()) {
            Schema schema;
            try {
                schema = ConnectValues.checkDefaults(ConnectSchemaJson.fromTree(c.getValue()));
            } catch (RuntimeException e) {
                continue; // Connect itself refuses the description (the oracle's build_error)
            }
            schemas++;
            for (int i = 0; i < VALUES_PER_SCHEMA; i++) {
                Object value = gen.value(schema, 0);
                if (!d.check(c.getKey() + " #" + i, prefix + c.getKey(), schema, value) && i == 0) {
                    refused++;
                    break; // Confluent refuses the schema (we refused it too, or it is listed)
                }
            }
        }
        d.close();
        System.out.println("differential " + prefix + ": " + schemas + " schemas (" + refused + " refused by Confluent), "
                + d.records + " records, " + d.bothRefused + " refused by both, " + d.confluentCannotRead.size()
                + " records Confluent cannot read back but we can, " + d.differences.size()
                + " differences" + (d.differences.isEmpty() ? "" : " (all in " + d.dump(prefix) + ")"));
        assertTrue(d.differences.isEmpty(), d.report(25));
        assertTrue(schemas > 700 && d.records > 3000, schemas + " schemas, " + d.records + " records");
    }

    // ---- hand-written cases -------------------------------------------------------------------------------------

    static Schema everyType() {
        Schema address = SchemaBuilder.struct().name("shop.Address").optional()
                .field("street", Schema.STRING_SCHEMA)
                .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
                .build();
        return SchemaBuilder.struct().name("shop.Order").version(3).doc("an order")
                .field("i8", Schema.INT8_SCHEMA)
                .field("i16", Schema.INT16_SCHEMA)
                .field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.INT64_SCHEMA)
                .field("f32", Schema.FLOAT32_SCHEMA)
                .field("f64", Schema.FLOAT64_SCHEMA)
                .field("bool", Schema.BOOLEAN_SCHEMA)
                .field("str", Schema.STRING_SCHEMA)
                .field("bytes", Schema.BYTES_SCHEMA)
                .field("opt_str", Schema.OPTIONAL_STRING_SCHEMA)
                .field("def_str", SchemaBuilder.string().defaultValue("dflt").build())
                .field("opt_def_i64", SchemaBuilder.int64().optional().defaultValue(-9L).build())
                .field("dec", Decimal.schema(2))
                .field("opt_dec", Decimal.builder(5).optional().build())
                .field("date", Date.SCHEMA)
                .field("time", Time.SCHEMA)
                .field("ts", Timestamp.SCHEMA)
                .field("opt_ts", Timestamp.builder().optional().build())
                .field("address", address)
                .field("addresses", SchemaBuilder.array(address.schema()).build())
                .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
                .field("by_id", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
                // One map with non-string keys only: a second would redefine MapEntry, which AvroData refuses.
                .field("by_name", SchemaBuilder.map(Schema.STRING_SCHEMA, Decimal.schema(1)).optional().build())
                .field("matrix", SchemaBuilder.array(SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build()).build())
                .field("nested", SchemaBuilder.struct().name("shop.Nested")
                        .field("inner", SchemaBuilder.struct().name("shop.Inner")
                                .field("leaf", Schema.OPTIONAL_BOOLEAN_SCHEMA).build())
                        .build())
                .build();
    }

    static Schema debezium() {
        return SchemaBuilder.struct().name("dbserver1.inventory.customers.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("created", SchemaBuilder.int64().name("io.debezium.time.Timestamp").version(1).build())
                .field("micro", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional()
                        .build())
                .field("zoned", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional()
                        .build())
                .field("day", SchemaBuilder.int32().name("io.debezium.time.Date").version(1).build())
                .field("doc", SchemaBuilder.string().name("io.debezium.data.Json").version(1).optional().build())
                .field("uuid", SchemaBuilder.string().name("io.debezium.data.Uuid").version(1).build())
                .field("amount", SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").version(1)
                        .doc("Variable scaled decimal").optional()
                        .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build())
                .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
                .field("bits", SchemaBuilder.bytes().name("io.debezium.data.Bits").version(1)
                        .parameter("length", "8").build())
                .field("__deleted", SchemaBuilder.string().optional().build())
                .build();
    }

    @Test
    void handWrittenSchemasMatchConfluent() {
        Differential d = new Differential(registry.url(), false, Map.of());
        ConnectValues.Generator gen = new ConnectValues.Generator(7);
        Schema[] schemas = {everyType(), debezium()};
        for (Schema s : schemas) {
            for (int i = 0; i < 200; i++) {
                d.check(s.name() + " #" + i, "hand-" + s.name(), s, gen.value(s, 0));
            }
        }
        // A fixed record with the edge values spelled out.
        Schema s = everyType();
        Struct v = new Struct(s)
                .put("i8", Byte.MIN_VALUE).put("i16", Short.MAX_VALUE).put("i32", -1).put("i64", Long.MIN_VALUE)
                .put("f32", -0f).put("f64", Double.NaN).put("bool", true).put("str", "Straße \uD83D\uDE00")
                .put("bytes", ByteBuffer.wrap(new byte[] {9, 8, 7}, 1, 2)).put("dec", new BigDecimal("-0.01"))
                .put("date", new java.util.Date(-86_400_000L)).put("time", new java.util.Date(86_399_999L))
                .put("ts", new java.util.Date(-1L)).put("addresses", List.of())
                .put("tags", Map.of("k\u00e9", 5L)).put("by_id", new LinkedHashMap<>(Map.of(1, "one")))
                .put("matrix", List.of(List.of(), List.of(1.5, -2.0)))
                .put("nested", new Struct(s.field("nested").schema()).put("inner",
                        new Struct(s.field("nested").schema().field("inner").schema())));
        d.check("edges", "hand-edges", s, v);
        // Primitive and optional top-level schemas, and tombstones.
        d.check("int32", "hand-int32", Schema.INT32_SCHEMA, 42);
        d.check("opt string", "hand-optstr", Schema.OPTIONAL_STRING_SCHEMA, "x");
        d.check("opt string null", "hand-optstr", Schema.OPTIONAL_STRING_SCHEMA, null);
        d.check("decimal", "hand-dec", Decimal.schema(3), new BigDecimal("123456789.123"));
        d.check("array", "hand-arr", SchemaBuilder.array(Schema.STRING_SCHEMA).build(), List.of("a", "b"));
        d.close();
        assertTrue(d.differences.isEmpty(), d.report(25));
    }

    @Test
    void wrongValuesAreDataExceptionsLikeConfluents() {
        Differential d = new Differential(registry.url(), false, Map.of());
        Schema s = SchemaBuilder.struct().name("bad.R").field("n", Schema.INT32_SCHEMA)
                .field("d", Decimal.schema(2)).field("o", Schema.OPTIONAL_STRING_SCHEMA).build();
        d.check("valid", "bad", s, new Struct(s).put("n", 1).put("d", new BigDecimal("1.00")));
        Struct missing = new Struct(s).put("d", new BigDecimal("1.00"));
        Struct wrongScale = new Struct(s).put("n", 1).put("d", new BigDecimal("1.0"));
        Schema other = SchemaBuilder.struct().name("bad.Other").field("n", Schema.INT32_SCHEMA).build();
        for (Object bad : new Object[] {missing, wrongScale, new Struct(other).put("n", 1), "not a struct", 5}) {
            assertThrows(DataException.class, () -> d.ours.fromConnectData("bad", s, bad), String.valueOf(bad));
            assertThrows(DataException.class, () -> d.confluent.fromConnectData("bad", s, bad), String.valueOf(bad));
        }
        // A null value with a required schema; with an optional one it is a tombstone.
        assertThrows(DataException.class, () -> d.ours.fromConnectData("bad", s, null));
        assertNull(d.ours.fromConnectData("bad", Schema.OPTIONAL_INT32_SCHEMA, null));
        assertNull(d.ours.fromConnectData("bad", null, null));
        assertEquals(SchemaAndValue.NULL, d.ours.toConnectData("bad", null));
        assertEquals(d.confluent.toConnectData("bad", null), d.ours.toConnectData("bad", null));
        DataException e = assertThrows(DataException.class, () -> d.ours.fromConnectData("bad", null, "x"));
        assertTrue(e.getMessage().contains("schemaless"), e.getMessage());
        d.close();
        assertTrue(d.differences.isEmpty(), d.report(25));
    }

    @Test
    void keysMatchConfluent() {
        Differential d = new Differential(registry.url(), true, Map.of());
        Schema key = SchemaBuilder.struct().name("dbserver1.inventory.customers.Key")
                .field("id", Schema.INT32_SCHEMA).build();
        for (int i = 0; i < 20; i++) {
            d.check("key " + i, "keys", key, new Struct(key).put("id", i * 1000 - 7));
        }
        d.check("long key", "keys-long", Schema.INT64_SCHEMA, 5L);
        d.check("string key", "keys-str", Schema.STRING_SCHEMA, "k\uD83D\uDE00");
        d.close();
        assertTrue(d.differences.isEmpty(), d.report(25));
    }

    @Test
    void theCdcShapeMatchesConfluent() throws Exception {
        String text = Files.readString(TestPaths.root().resolve("tests/data/connect/cdc.avsc"));
        // The Connect schema Debezium + ExtractNewRecordState would hand the converter for that Avro schema.
        Schema schema = new AvroData(100).toConnectSchema(new org.apache.avro.Schema.Parser().parse(text));
        Differential d = new Differential(registry.url() + "/apis/ccompat/v6", false, Map.of());
        ConnectValues.Generator gen = new ConnectValues.Generator(11);
        for (int i = 0; i < 300; i++) {
            d.check("cdc #" + i, "ods.cdc_events", schema, gen.value(schema, 0));
        }
        d.close();
        assertTrue(d.differences.isEmpty(), d.report(25));
    }

    @Test
    void evolutionAddsVersion2AndOldRecordsStillRead() {
        for (String url : new String[] {registry.url(), registry.url() + "/apis/ccompat/v6"}) {
            Differential d = new Differential(url, false, Map.of());
            String topic = "evolution-" + (url.endsWith("v6") ? "v6" : "root");
            Schema v1 = SchemaBuilder.struct().name("db.public.customers.Value")
                    .field("id", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
            Schema v2 = SchemaBuilder.struct().name("db.public.customers.Value")
                    .field("id", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA)
                    .field("email", Schema.OPTIONAL_STRING_SCHEMA).build();
            byte[] old = d.ours.fromConnectData(topic, v1, new Struct(v1).put("id", 1L).put("name", "Ann"));
            assertArrayEquals(old, d.confluent.fromConnectData(topic, v1,
                    new Struct(v1).put("id", 1L).put("name", "Ann")));
            byte[] neu = d.confluent.fromConnectData(topic, v2,
                    new Struct(v2).put("id", 2L).put("name", "Bob").put("email", "b@x"));
            assertArrayEquals(neu, d.ours.fromConnectData(topic, v2,
                    new Struct(v2).put("id", 2L).put("name", "Bob").put("email", "b@x")));
            assertNotEquals(id(old), id(neu));
            SchemaAndValue oldRead = d.ours.toConnectData(topic, old);
            SchemaAndValue newRead = d.ours.toConnectData(topic, neu);
            assertEquals(Integer.valueOf(1), oldRead.schema().version());
            assertEquals(Integer.valueOf(2), newRead.schema().version());
            assertEquals(d.confluent.toConnectData(topic, old), oldRead);
            assertEquals(d.confluent.toConnectData(topic, neu), newRead);
            // v1 records written after v2 exists keep the v1 id.
            assertEquals(id(old), id(d.ours.fromConnectData(topic, v1, new Struct(v1).put("id", 3L).put("name", "C"))));
            d.compareReads("old after new", topic, old);
            d.close();
            assertTrue(d.differences.isEmpty(), d.report(25));
        }
    }

    static int id(byte[] frame) {
        return ByteBuffer.wrap(Arrays.copyOfRange(frame, 1, 5)).getInt();
    }
}
