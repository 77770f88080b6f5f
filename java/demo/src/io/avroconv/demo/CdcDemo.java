package io.avroconv.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;

/**
 * The main job's demonstration (scripts/demo.sh): avroconv's converter, loaded from the plugin's JAR, on Debezium
 * change events of the seed's {@code ods.cdc_events} table (after {@code ExtractNewRecordState}), through a registry
 * on 127.0.0.1 under Apicurio's {@code /apis/ccompat/v6}; then {@code ALTER TABLE ... ADD COLUMN employee_id int
 * DEFAULT -1}; then Confluent's own converter on the same registry reads our bytes and writes the same ones.
 *
 * <p>Exits 1 at the first difference from Confluent's converter.
 *
 * <p>usage: CdcDemo REGISTRY_URL
 */
public final class CdcDemo {
    private CdcDemo() {}

    static final String TOPIC = "ord.ods.cdc_events";
    static final String NS = TOPIC + ".";

    public static void main(String[] args) throws Exception {
        String registry = args[0];
        Map<String, Object> config = Map.of("schema.registry.url", registry);
        Converter ourKeys = configured(new io.avroconv.connect.AvroConverter(), config, true);
        Converter ourValues = configured(new io.avroconv.connect.AvroConverter(), config, false);

        Schema key = SchemaBuilder.struct().name(NS + "Key").field("order_id", Schema.INT16_SCHEMA).build();
        Schema v1 = valueSchema(false);
        Schema v2 = valueSchema(true);

        System.out.println("== change events of ods.cdc_events through io.avroconv.connect.AvroConverter");
        List<Object[]> written = new ArrayList<>(); // {schema, value, key bytes, value bytes}
        for (int i = 0; i < 4; i++) {
            Struct k = new Struct(key).put("order_id", (short) (10248 + i));
            Struct v = row(v1, i, i == 3 ? "d" : i == 0 ? "r" : "c");
            written.add(new Object[] {k, v, ourKeys.fromConnectData(TOPIC, key, k), ourValues.fromConnectData(TOPIC, v1, v)});
        }
        for (Object[] w : written) {
            System.out.printf("   order %s  key %s  value %s (%,d bytes)%n", ((Struct) w[0]).get("order_id"),
                    hex((byte[]) w[2], 8), hex((byte[]) w[3], 16), ((byte[]) w[3]).length);
        }
        System.out.println("   registered: " + subjects(registry));

        System.out.println("== ALTER TABLE ods.cdc_events ADD COLUMN employee_id int DEFAULT -1; UPDATE ...");
        for (int i = 0; i < 2; i++) {
            Struct k = new Struct(key).put("order_id", (short) (10248 + i));
            Struct v = row(v2, i, "u").put("employee_id", 5 + i);
            written.add(new Object[] {k, v, ourKeys.fromConnectData(TOPIC, key, k), ourValues.fromConnectData(TOPIC, v2, v)});
        }
        System.out.println("   registered: " + subjects(registry));
        SchemaAndValue oldRecord = ourValues.toConnectData(TOPIC, (byte[]) written.get(1)[3]);
        SchemaAndValue newRecord = ourValues.toConnectData(TOPIC, (byte[]) written.get(4)[3]);
        System.out.printf("   an old record reads as schema version %s (%d fields), a new one as version %s, "
                + "employee_id=%s%n", oldRecord.schema().version(), oldRecord.schema().fields().size(),
                newRecord.schema().version(), ((Struct) newRecord.value()).get("employee_id"));

        System.out.println("== Confluent's AvroConverter 7.0.16 on the same registry");
        Converter theirKeys = configured(new io.confluent.connect.avro.AvroConverter(), config, true);
        Converter theirValues = configured(new io.confluent.connect.avro.AvroConverter(), config, false);
        int same = 0;
        for (Object[] w : written) {
            Schema valueSchema = ((Struct) w[1]).schema();
            expect("Confluent reads our key", ourKeys.toConnectData(TOPIC, (byte[]) w[2]),
                    theirKeys.toConnectData(TOPIC, (byte[]) w[2]));
            expect("Confluent reads our value", ourValues.toConnectData(TOPIC, (byte[]) w[3]),
                    theirValues.toConnectData(TOPIC, (byte[]) w[3]));
            expect("Confluent's key bytes", hex((byte[]) w[2], 1 << 20),
                    hex(theirKeys.fromConnectData(TOPIC, key, w[0]), 1 << 20));
            expect("Confluent's value bytes", hex((byte[]) w[3], 1 << 20),
                    hex(theirValues.fromConnectData(TOPIC, valueSchema, w[1]), 1 << 20));
            same++;
        }
        System.out.printf("   it reads all %d of our records into equal Connect schemas (versions included) and "
                + "values,%n   and writes byte-identical keys and values for the same events%n", same);
        System.out.println("   registered: " + subjects(registry) + " (nothing new)");
        System.out.println("OK");
    }

    static Converter configured(Converter c, Map<String, Object> config, boolean isKey) {
        c.configure(config, isKey);
        return c;
    }

    /** What Debezium's Postgres connector and ExtractNewRecordState make of ods.cdc_events. */
    static Schema valueSchema(boolean withEmployee) {
        SchemaBuilder b = SchemaBuilder.struct().name(NS + "Value")
                .field("order_id", Schema.INT16_SCHEMA)
                .field("customer_id", Schema.STRING_SCHEMA);
        for (String f : new String[] {"order_date", "required_date", "shipped_date"}) {
            b.field(f, SchemaBuilder.int32().name("io.debezium.time.Date").version(1).optional().build());
        }
        for (String f : new String[] {"order_items", "products", "customer", "employee", "shipper", "shipment"}) {
            b.field(f, SchemaBuilder.string().name("io.debezium.data.Json").version(1).optional().build());
        }
        b.field("updated_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional().build());
        if (withEmployee) {
            b.field("employee_id", SchemaBuilder.int32().optional().defaultValue(-1).build());
        }
        for (String f : new String[] {"__deleted", "__op", "__db", "__table", "__schema"}) {
            b.field(f, Schema.OPTIONAL_STRING_SCHEMA);
        }
        b.field("__lsn", Schema.OPTIONAL_INT64_SCHEMA).field("__source_ts_ms", Schema.OPTIONAL_INT64_SCHEMA);
        return b.build();
    }

    static final String[] CITIES = {"Reims", "Münster", "Rio de Janeiro", "São Paulo", "Lyon", "東京"};
    static final String[] NAMES = {"Vins et alcools Chevalier", "Toms Spezialitäten", "Hanari Carnes",
        "Victuailles en stock", "Suprêmes délices", "Großhandel Ölmühle"};

    static Struct row(Schema schema, int i, String op) {
        String city = CITIES[i % CITIES.length], name = NAMES[i % NAMES.length];
        Struct s = new Struct(schema)
                .put("order_id", (short) (10248 + i))
                .put("customer_id", "C" + (100 + i))
                .put("order_date", 9687 + i)
                .put("required_date", 9715 + i)
                .put("order_items", "[{\"product_id\": " + (11 + i) + ", \"unit_price\": 14.0, \"quantity\": "
                        + (12 + i) + ", \"discount\": 0.0}, {\"product_id\": 42, \"unit_price\": 9.8, \"quantity\": 10}]")
                .put("products", "[{\"product_id\": " + (11 + i) + ", \"product_name\": \"Queso Cabrales\"}]")
                .put("customer", "{\"company_name\": \"" + name + "\", \"city\": \"" + city + "\"}")
                .put("employee", "{\"first_name\": \"Steven\", \"last_name\": \"Buchanan\"}")
                .put("shipper", "{\"company_name\": \"Federal Shipping\"}")
                .put("updated_at", "2026-12-0" + (1 + i) + "T10:1" + i + ":00.123456Z")
                .put("__deleted", String.valueOf(op.equals("d")))
                .put("__op", op).put("__db", "northwind").put("__table", "cdc_events").put("__schema", "ods")
                .put("__lsn", 24023128L + 1000L * i).put("__source_ts_ms", 1764583800000L + i);
        if (i % 2 == 0) {
            s.put("shipped_date", 9699 + i).put("shipment", "{\"ship_via\": 3, \"freight\": 32.38}");
        }
        return s;
    }

    static void expect(String what, Object ours, Object theirs) {
        if (!ours.equals(theirs)) {
            System.out.println("DIFFERENT: " + what + "\n  avroconv:  " + ours + "\n  Confluent: " + theirs);
            System.exit(1);
        }
    }

    static String hex(byte[] b, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, max); i++) {
            s.append(String.format("%02x", b[i] & 0xff));
            if (i == 4) {
                s.append('|');
            }
        }
        return b.length > max ? s + "..." : s.toString();
    }

    /** The registry's subjects and their versions, as its REST API lists them. */
    static String subjects(String registry) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder out = new StringBuilder();
        for (String subject : List.of(TOPIC + "-key", TOPIC + "-value")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registry + "/subjects/" + subject
                    + "/versions")).build(), HttpResponse.BodyHandlers.ofString());
            out.append(out.length() == 0 ? "" : ", ").append(subject).append(' ')
                    .append(r.statusCode() == 200 ? r.body() : "(none)");
        }
        return out.toString();
    }
}
