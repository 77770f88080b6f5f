package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confluent.connect.avro.AvroData;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** The schema description JSON (no native code): corpus round trips, and defaults typed as Confluent types them. */
class ConnectSchemaJsonTest {
    @Test
    void everyCorpusDescriptionRoundTrips() {
        int ok = 0;
        for (Map.Entry<String, Object> c : ConnectValues.corpus()) {
            Schema s1;
            try {
                s1 = ConnectSchemaJson.fromTree(c.getValue());
            } catch (RuntimeException e) {
                continue; // descriptions Connect itself refuses (bad defaults)
            }
            String d1 = ConnectSchemaJson.describe(s1);
            Schema s2 = ConnectSchemaJson.parse(d1);
            assertEquals(s1, s2, c.getKey());
            assertEquals(d1, ConnectSchemaJson.describe(s2), c.getKey());
            ok++;
        }
        assertTrue(ok > 700, "round-tripped " + ok);
    }

    @Test
    void readBackDefaultsEqualConfluentsToConnectSchema() {
        // Confluent's own toConnectSchema of an Avro schema with every kind of default; our parse of our
        // description of it must be equal (bytes as ByteBuffer, decimals, dates, maps).
        String avro = "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"n\",\"fields\":["
                + "{\"name\":\"b\",\"type\":\"bytes\",\"default\":\"\\u0001\\u00ff\"},"
                + "{\"name\":\"d\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":5,\"scale\":2},"
                + "\"default\":\"\\u0004\\u00d2\"},"
                + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"int\"},\"default\":{\"a\":1,\"b\":2}},"
                + "{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[\"x\",\"ü\"]},"
                + "{\"name\":\"dt\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"default\":3},"
                + "{\"name\":\"ts\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"default\":-5},"
                + "{\"name\":\"f\",\"type\":\"float\",\"default\":1.1},"
                + "{\"name\":\"g\",\"type\":\"double\",\"default\":-2.5E10},"
                + "{\"name\":\"s\",\"type\":[\"string\",\"null\"],\"default\":\"q\\\"\\n\"},"
                + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]},\"default\":\"B\"}"
                + "]}";
        Schema confluent = new AvroData(10).toConnectSchema(new org.apache.avro.Schema.Parser().parse(avro));
        Schema ours = ConnectSchemaJson.parse(ConnectSchemaJson.describe(confluent));
        assertEquals(confluent, ours);
        assertTrue(ours.field("b").schema().defaultValue() instanceof ByteBuffer);
    }

    @Test
    void valuesAreDescribedInTheCoresEncoding() {
        // (SchemaBuilder cannot take a struct default: the corpus round trip covers those.)
        Schema st = SchemaBuilder.struct().name("S").field("x", Schema.INT32_SCHEMA)
                .field("y", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema s = SchemaBuilder.struct().name("a.R").version(2).doc("d \"q\"")
                .field("dec", Decimal.builder(2).optional().defaultValue(new BigDecimal("-12.30")).build())
                .field("ts", Timestamp.builder().defaultValue(new java.util.Date(1700000000123L)).build())
                .field("bytes", SchemaBuilder.bytes().defaultValue(new byte[] {0, (byte) 0xff}).build())
                .field("map", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA)
                        .defaultValue(Map.of(1, "\uD83D\uDE00")).build())
                .field("list", SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).defaultValue(List.of(true)).build())
                .field("st", st)
                .build();
        assertEquals("{\"type\":\"struct\",\"name\":\"a.R\",\"version\":2,\"doc\":\"d \\\"q\\\"\",\"fields\":["
                + "{\"name\":\"dec\",\"schema\":{\"type\":\"bytes\",\"optional\":true,"
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"},"
                + "\"default\":\"-12.30\"}},"
                + "{\"name\":\"ts\",\"schema\":{\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
                + "\"version\":1,\"default\":1700000000123}},"
                + "{\"name\":\"bytes\",\"schema\":{\"type\":\"bytes\",\"default\":\"\\u0000\u00ff\"}},"
                + "{\"name\":\"map\",\"schema\":{\"type\":\"map\",\"default\":[[1,\"\uD83D\uDE00\"]],"
                + "\"key\":{\"type\":\"int32\"},\"value\":{\"type\":\"string\"}}},"
                + "{\"name\":\"list\",\"schema\":{\"type\":\"array\",\"default\":[true],\"value\":{\"type\":\"boolean\"}}},"
                + "{\"name\":\"st\",\"schema\":{\"type\":\"struct\",\"name\":\"S\",\"fields\":["
                + "{\"name\":\"x\",\"schema\":{\"type\":\"int32\"}},"
                + "{\"name\":\"y\",\"schema\":{\"type\":\"string\",\"optional\":true}}]}}]}",
                ConnectSchemaJson.describe(s));
        assertEquals(s.toString(), ConnectSchemaJson.parse(ConnectSchemaJson.describe(s)).toString());
    }
}
