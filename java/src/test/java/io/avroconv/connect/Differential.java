package io.avroconv.connect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/**
 * Our converter next to Confluent 7.0.16's, both configured alike against the same registry: every record is
 * written by both and read by both, and every difference is collected (not thrown) so one run lists them all.
 */
final class Differential {
    final AvroConverter ours = new AvroConverter();
    final io.confluent.connect.avro.AvroConverter confluent = new io.confluent.connect.avro.AvroConverter();
    final List<String> differences = new ArrayList<>();
    /** Records Confluent writes but cannot read back itself (its bugs, e.g. a Decimal named in lower case). */
    final List<String> confluentCannotRead = new ArrayList<>();
    int records;
    int bothRefused;
    private int turn;

    Differential(String url, boolean isKey, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("schema.registry.url", url);
        ours.configure(config, isKey);
        confluent.configure(config, isKey);
    }

    /** Writes, reads and compares one record; returns false when Confluent refused it. */
    boolean check(String what, String topic, Schema schema, Object value) {
        records++;
        // Alternate who writes first: the first registers the schema, the second looks it up.
        boolean oursFirst = (turn++ & 1) == 0;
        Result o = null;
        Result c;
        if (oursFirst) {
            o = write(ours, topic, schema, value);
        }
        c = write(confluent, topic, schema, value);
        if (!oursFirst) {
            o = write(ours, topic, schema, value);
        }
        if (c.error != null || o.error != null) {
            if (c.error == null) {
                differences.add(what + ": we refuse what Confluent writes: " + o.error);
            } else if (o.error == null) {
                differences.add(what + ": Confluent refuses (" + c.error + ") but we write " + hex(o.bytes));
            } else if (!(o.error instanceof org.apache.kafka.connect.errors.DataException)
                    && c.error instanceof org.apache.kafka.connect.errors.DataException) {
                differences.add(what + ": Confluent: " + c.error + "; we throw " + o.error);
            } else {
                bothRefused++;
            }
            return c.error == null;
        }
        if (!Arrays.equals(c.bytes, o.bytes)) {
            differences.add(what + ": bytes differ:\n  confluent " + hex(c.bytes) + "\n  ours      " + hex(o.bytes));
        }
        if (c.bytes == null || o.bytes == null) {
            return true;
        }
        compareReads(what + " (Confluent's bytes)", topic, c.bytes);
        if (!Arrays.equals(c.bytes, o.bytes)) {
            compareReads(what + " (our bytes)", topic, o.bytes);
        }
        return true;
    }

    /** Both converters read {@code bytes}; the Connect schemas (with version) and values must be equal. */
    void compareReads(String what, String topic, byte[] bytes) {
        SchemaAndValue c;
        SchemaAndValue o;
        try {
            c = confluent.toConnectData(topic, bytes);
        } catch (RuntimeException e) {
            try {
                ours.toConnectData(topic, bytes);
                confluentCannotRead.add(what + ": " + e);
            } catch (RuntimeException ours) {
                confluentCannotRead.add(what + " (nor can we: " + ours + "): " + e);
            }
            return;
        }
        try {
            o = ours.toConnectData(topic, bytes);
        } catch (RuntimeException e) {
            differences.add(what + ": we cannot read what Confluent reads: " + e);
            return;
        }
        boolean structDefaults = c.schema() != null && ConnectValues.hasStructDefault(c.schema());
        String cs = c.schema() == null ? "null" : ConnectSchemaJson.describe(c.schema());
        String os = o.schema() == null ? "null" : ConnectSchemaJson.describe(o.schema());
        // Connect's equality (map defaults compare as maps), except where Confluent's struct defaults
        // (SchemaBuilders, equal only to themselves) force comparing the descriptions.
        boolean sameSchema = structDefaults
                ? ConnectSchemaJson.parse(cs).equals(ConnectSchemaJson.parse(os)) // re-read: plain structs, maps as maps
                : java.util.Objects.equals(c.schema(), o.schema());
        if (!sameSchema) {
            boolean onlyVersion = c.schema() != null && o.schema() != null && o.schema().version() == null
                    && c.schema().version() != null && cs.replaceFirst(",\"version\":" + c.schema().version(), "")
                            .equals(os);
            differences.add(what + ": read schemas differ (id " + DifferentialTest.id(bytes) + ")"
                    + (onlyVersion ? " [only the top-level version is missing]" : "") + ":\n  confluent " + cs
                    + "\n  ours      " + os);
            return;
        }
        String cv = ConnectValues.render(c.value());
        String ov = ConnectValues.render(o.value());
        if (!cv.equals(ov) || !structDefaults && !java.util.Objects.equals(c.value(), o.value())) {
            differences.add(what + ": read values differ:\n  confluent " + cv + "\n  ours      " + ov);
        }
    }

    static final class Result {
        byte[] bytes;
        RuntimeException error;
    }

    private static Result write(Converter converter, String topic, Schema schema, Object value) {
        Result r = new Result();
        try {
            r.bytes = converter.fromConnectData(topic, schema, value);
        } catch (RuntimeException e) {
            r.error = e;
        }
        return r;
    }

    static String hex(byte[] b) {
        if (b == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    /** Writes every difference to target/plugin/differential-NAME.txt (for reading them all) and returns its path. */
    String dump(String name) {
        java.nio.file.Path file = io.avroconv.testing.TestPaths.root().resolve("target/plugin/differential-" + name + ".txt");
        try {
            java.nio.file.Files.write(file, differences, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file.toString();
    }

    /** The differences as one message (the first {@code max}). */
    String report(int max) {
        StringBuilder sb = new StringBuilder(differences.size() + " differences in " + records + " records:\n");
        for (int i = 0; i < Math.min(max, differences.size()); i++) {
            sb.append(differences.get(i)).append('\n');
        }
        return sb.toString();
    }

    void close() {
        ours.close();
        try {
            confluent.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
