package io.avroconv.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confluent.connect.avro.AvroConverter;
import io.confluent.kafka.schemaregistry.avro.AvroSchema;
import io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Does Confluent's converter write, record for record, the bytes the converter under test wrote? Within one run
 * (LSNs and timestamps differ between runs): each raw key and value of the topic goes through Confluent 7.0.16's
 * {@code AvroConverter.toConnectData}, then back through its {@code fromConnectData}, and must come out identical,
 * schema id included. {@code auto.register.schemas=false}: the schema Confluent derives must already be registered
 * (by the converter under test) under the same id.
 *
 * <p>One step undoes what reading adds: when the writer schema has no {@code connect.version}, AvroData gives the
 * Connect schema the registry's version, which the source record did not have (Debezium sets none), and writing
 * would then add {@code connect.version} to the schema. That version is dropped from the top-level schema first.
 *
 * <p>usage: ConfluentRoundTrip REGISTRY_URL TOPIC RAW.jsonl (consume.py --raw's output); exits 1 on any difference.
 */
public final class ConfluentRoundTrip {
    private static final HexFormat HEX = HexFormat.of();

    private ConfluentRoundTrip() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ConfluentRoundTrip REGISTRY_URL TOPIC RAW.jsonl");
            System.exit(2);
        }
        String url = args[0];
        String topic = args[1];
        Map<String, String> config = Map.of("schema.registry.url", url, "auto.register.schemas", "false");
        AvroConverter keys = new AvroConverter();
        keys.configure(config, true);
        AvroConverter values = new AvroConverter();
        values.configure(config, false);
        CachedSchemaRegistryClient registry = new CachedSchemaRegistryClient(url, 100);

        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        int records = 0;
        int differ = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode r = json.readTree(line);
            records++;
            String where = topic + "-" + r.get("partition").asInt() + "@" + r.get("offset").asLong();
            for (boolean isKey : new boolean[] {true, false}) {
                JsonNode hex = r.get(isKey ? "key" : "value");
                if (hex == null || hex.isNull()) {
                    continue; // a tombstone or no key: nothing was written by the converter
                }
                byte[] ours = HEX.parseHex(hex.asText());
                String what = where + (isKey ? " key" : " value");
                try {
                    AvroConverter converter = isKey ? keys : values;
                    SchemaAndValue read = converter.toConnectData(topic, ours);
                    int id = ByteBuffer.wrap(ours, 1, 4).getInt();
                    AvroSchema writer = (AvroSchema) registry.getSchemaById(id);
                    if (writer.rawSchema().getObjectProp("connect.version") == null) {
                        read = withoutVersion(read);
                    }
                    byte[] theirs = converter.fromConnectData(topic, read.schema(), read.value());
                    if (!Arrays.equals(ours, theirs)) {
                        differ++;
                        if (differ <= 10) {
                            System.out.println("DIFFER " + what + "\n  tested:    " + HEX.formatHex(ours)
                                    + "\n  confluent: " + (theirs == null ? "null" : HEX.formatHex(theirs)));
                        }
                    }
                } catch (RuntimeException e) {
                    differ++;
                    if (differ <= 10) {
                        System.out.println("FAILED " + what + ": " + e + (e.getCause() == null ? ""
                                : "\n  caused by " + e.getCause()));
                    }
                }
            }
        }
        System.out.println("ConfluentRoundTrip: " + records + " records, " + differ
                + " key/value(s) not re-encoded byte for byte by Confluent's AvroConverter");
        System.exit(records > 0 && differ == 0 ? 0 : 1);
    }

    /** The same struct, under a copy of its schema without the version (nested schemas are shared as they are). */
    static SchemaAndValue withoutVersion(SchemaAndValue sv) {
        Schema s = sv.schema();
        if (s == null || s.version() == null || s.type() != Schema.Type.STRUCT) {
            return sv;
        }
        SchemaBuilder b = SchemaBuilder.struct().name(s.name()).doc(s.doc());
        if (s.parameters() != null) {
            b.parameters(s.parameters());
        }
        if (s.isOptional()) {
            b.optional();
        }
        for (Field f : s.fields()) {
            b.field(f.name(), f.schema());
        }
        Schema copy = b.build();
        if (sv.value() == null) {
            return new SchemaAndValue(copy, null);
        }
        Struct from = (Struct) sv.value();
        Struct to = new Struct(copy);
        for (Field f : s.fields()) {
            to.put(f.name(), from.getWithoutDefault(f.name()));
        }
        return new SchemaAndValue(copy, to);
    }
}
