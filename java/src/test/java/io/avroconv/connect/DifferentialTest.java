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
        // A schemaless value: both write it under AvroData's ANYTHING_SCHEMA (schemalessValuesMatchConfluent).
        assertArrayEquals(d.confluent.fromConnectData("bad", null, "x"), d.ours.fromConnectData("bad", null, "x"));
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

    // ---- schemaless values (null schema): AvroData's ANYTHING_SCHEMA ------------------------------------------

    /** Values of every kind AvroData accepts without a schema, nested, with nulls and non-string keys. */
    static List<Object> schemalessValues() {
        List<Object> v = new java.util.ArrayList<>();
        v.addAll(Arrays.asList((byte) -5, (short) 300, 42, Integer.MIN_VALUE, 42L, Long.MAX_VALUE, 1.5f, -0.0f,
                Float.NaN, Float.intBitsToFloat(0x7fc00001), 2.5, Double.NEGATIVE_INFINITY,
                Double.longBitsToDouble(0x7ff8000000000123L), true, false, "", "h\u00e9 \ud83d\ude00", "\ud800 lone"));
        v.add(new java.util.ArrayList<>());
        v.add(Arrays.asList(1, null, "x", Arrays.asList(2L, Arrays.asList()), true));
        v.add(new java.util.LinkedList<>(Arrays.asList(1.0, 2.0f)));
        v.add(new java.util.HashSet<>(Arrays.asList("a", "b", 3)));
        v.add(new java.util.HashMap<>());
        Map<Object, Object> mixed = new LinkedHashMap<>();
        mixed.put("k", 1);
        mixed.put(3, null);
        mixed.put(null, "nv");
        mixed.put(Arrays.asList(1, 2), true);
        mixed.put(7L, Map.of("inner", Arrays.asList((Object) null)));
        v.add(mixed);
        Map<String, Object> strings = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            strings.put("key" + i, i % 3 == 0 ? null : "v" + i);
        }
        v.add(strings);
        v.add(new java.util.TreeMap<>(Map.of("b", 2, "a", 1, "c", Arrays.asList(3))));
        v.add(Arrays.asList(Arrays.asList(Arrays.asList(Arrays.asList(Map.of(1, Map.of(2, Arrays.asList(3))))))));
        return v;
    }

    /** Values AvroData refuses without a schema: "Unknown Java type for schemaless data: class ...". */
    static List<Object> refusedSchemalessValues() {
        Schema s = SchemaBuilder.struct().name("R").field("a", Schema.INT32_SCHEMA).build();
        Object struct = new Struct(s).put("a", 1);
        return Arrays.asList(new byte[] {1, 2}, ByteBuffer.wrap(new byte[] {3}), struct, new BigDecimal("1.5"),
                new java.util.Date(0), 'c', new Object(), new int[] {1}, new java.util.concurrent.atomic.AtomicInteger(1),
                Arrays.asList(1, new byte[] {1}), Map.of("k", struct), Map.of(new BigDecimal("2"), 1),
                Arrays.asList(Arrays.asList(new java.util.Date(5))));
    }

    /** A random schemaless value (seeded). */
    static Object randomSchemaless(java.util.Random r, int depth) {
        switch (r.nextInt(depth > 3 ? 11 : 15)) {
            case 0: return null;
            case 1: return (byte) r.nextInt();
            case 2: return (short) r.nextInt();
            case 3: return r.nextInt() >> r.nextInt(32);
            case 4: return r.nextLong() >> r.nextInt(64);
            case 5: return r.nextBoolean() ? r.nextFloat() * 1e6f : Float.intBitsToFloat(r.nextInt());
            case 6: return r.nextBoolean() ? r.nextGaussian() : Double.longBitsToDouble(r.nextLong());
            case 7: return r.nextBoolean();
            case 8:
            case 9: {
                StringBuilder sb = new StringBuilder();
                for (int i = r.nextInt(6); i > 0; i--) {
                    sb.append("ab\u00e9\u4e2d\ud83d\ude00 ".charAt(r.nextInt(7)));
                }
                return sb.toString();
            }
            case 10: return "";
            case 11:
            case 12: {
                java.util.Collection<Object> c = r.nextInt(4) == 0 ? new java.util.LinkedHashSet<>() : new java.util.ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    c.add(randomSchemaless(r, depth + 1));
                }
                return c;
            }
            default: {
                Map<Object, Object> m = r.nextBoolean() ? new java.util.HashMap<>() : new LinkedHashMap<>();
                boolean stringKeys = r.nextBoolean();
                for (int i = r.nextInt(5); i > 0; i--) {
                    Object k = stringKeys ? "k" + r.nextInt(50) : randomSchemaless(r, depth + 2);
                    m.put(k, randomSchemaless(r, depth + 1));
                }
                return m;
            }
        }
    }

    /** The value with the Java class of every node, to compare what toConnectData builds. */
    static String classes(Object v) {
        if (v == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(v.getClass().getName());
        if (v instanceof java.util.Collection) {
            sb.append('[');
            for (Object e : (java.util.Collection<?>) v) {
                sb.append(classes(e)).append(',');
            }
            sb.append(']');
        } else if (v instanceof Map) {
            java.util.TreeSet<String> entries = new java.util.TreeSet<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                entries.add(classes(e.getKey()) + "=" + classes(e.getValue()));
            }
            sb.append(entries);
        } else if (v instanceof ByteBuffer) {
            sb.append(':').append(ConnectValues.render(v));
        } else {
            sb.append(':').append(v);
        }
        return sb.toString();
    }

    private static void checkSchemaless(Differential d, String what, String topic, Object value) {
        if (!d.check(what, topic, null, value)) {
            return;
        }
        byte[] bytes = d.confluent.fromConnectData(topic, null, value);
        SchemaAndValue c = d.confluent.toConnectData(topic, bytes);
        SchemaAndValue o = d.ours.toConnectData(topic, bytes);
        assertNull(o.schema(), what);
        assertEquals(classes(c.value()), classes(o.value()), what);
        if (c.value() instanceof Map) { // HashMap iteration order, as Confluent's new HashMap<>(size)
            assertEquals(new java.util.ArrayList<>(((Map<?, ?>) c.value()).keySet()).toString(),
                    new java.util.ArrayList<>(((Map<?, ?>) o.value()).keySet()).toString(), what);
        }
    }

    @Test
    void schemalessValuesMatchConfluent() {
        for (String url : new String[] {registry.url(), registry.url() + "/apis/ccompat/v6"}) {
            for (boolean isKey : new boolean[] {false, true}) {
                Differential d = new Differential(url, isKey, Map.of());
                String topic = "schemaless-" + (url.endsWith("v6") ? "v6-" : "") + isKey;
                int i = 0;
                for (Object v : schemalessValues()) {
                    checkSchemaless(d, "schemaless #" + i++ + " " + ConnectValues.render(v), topic, v);
                }
                for (Object v : refusedSchemalessValues()) {
                    DataException c = assertThrows(DataException.class, () -> d.confluent.fromConnectData(topic, null, v));
                    DataException o = assertThrows(DataException.class, () -> d.ours.fromConnectData(topic, null, v));
                    assertEquals(c.getMessage(), o.getMessage(), String.valueOf(v));
                }
                java.util.Random r = new java.util.Random(isKey ? 17 : 16);
                for (int n = 0; n < 400; n++) {
                    Object v = randomSchemaless(r, 0);
                    checkSchemaless(d, "random schemaless #" + n + " " + ConnectValues.render(v), topic, v);
                }
                // A schema and a schemaless value on the same topic: two subjects' versions, both read back.
                d.check("schemaless then int", topic, Schema.INT32_SCHEMA, 5);
                checkSchemaless(d, "schemaless after int", topic, "again");
                d.close();
                System.out.println("differential schemaless " + topic + ": " + d.records + " records, " + d.bothRefused
                        + " refused by both, " + d.differences.size() + " differences");
                assertTrue(d.differences.isEmpty(), d.report(25));
            }
        }
    }

    @Test
    void schemalessSchemaIsAvroDatasAnythingSchema() throws Exception {
        Differential d = new Differential(registry.url(), false, Map.of());
        byte[] bytes = d.ours.fromConnectData("schemaless-text", null, List.of(1));
        io.confluent.kafka.schemaregistry.client.SchemaRegistryClient client =
                new io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient(registry.url(), 10);
        assertEquals(AvroData.ANYTHING_SCHEMA.toString(), client.getSchemaById(id(bytes)).canonicalString());
        assertEquals(AvroData.ANYTHING_SCHEMA.toString(),
                client.getLatestSchemaMetadata("schemaless-text-value").getSchema());
        // A record of AvroData's Anything with every field null reads as null, with no schema, in both.
        byte[] allNull = Arrays.copyOf(bytes, 14);
        Arrays.fill(allNull, 5, 14, (byte) 0);
        assertEquals(d.confluent.toConnectData("schemaless-text", allNull), d.ours.toConnectData("schemaless-text", allNull));
        assertEquals(new SchemaAndValue(null, null), d.ours.toConnectData("schemaless-text", allNull));
        // Several fields set (another producer): the first in field order wins in both (int before string).
        byte[] two = Arrays.copyOf(bytes, 5 + 13);
        byte[] body = {0, 0, 0, 0, 2, 14, 0, 2, 2, 'x', 0, 0};
        System.arraycopy(body, 0, two, 5, body.length);
        two = Arrays.copyOf(two, 5 + body.length);
        assertEquals(d.confluent.toConnectData("schemaless-text", two), d.ours.toConnectData("schemaless-text", two));
        assertEquals(7, d.ours.toConnectData("schemaless-text", two).value());
        // Nesting: 128 lists in each other are written like Confluent; a list inside those is refused (Confluent
        // writes it).
        Object deep = "leaf";
        for (int i = 0; i < 128; i++) {
            deep = List.of(deep);
        }
        assertArrayEquals(d.confluent.fromConnectData("schemaless-text", null, deep),
                d.ours.fromConnectData("schemaless-text", null, deep));
        Object deeper = List.of(deep);
        DataException e = assertThrows(DataException.class, () -> d.ours.fromConnectData("schemaless-text", null, deeper));
        assertTrue(e.getMessage().contains("deeper than 128"), e.getMessage());
        // A refused value registers nothing and needs no registry, as in Confluent (the walk comes first).
        Differential down = new Differential("http://127.0.0.1:9", false, Map.of("max.retries", "0"));
        DataException refused = assertThrows(DataException.class,
                () -> down.ours.fromConnectData("schemaless-down", null, new Object()));
        assertEquals("Unknown Java type for schemaless data: class java.lang.Object", refused.getMessage());
        down.close();
        d.close();
    }
}
