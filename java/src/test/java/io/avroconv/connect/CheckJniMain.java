package io.avroconv.connect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Exercises every native entry point, including both exception paths, so that {@code NativeTest} can run it in a
 * JVM under {@code -Xcheck:jni} and check that the JVM prints no JNI warning.
 */
public final class CheckJniMain {
    private CheckJniMain() {}

    public static void main(String[] args) {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", "http://127.0.0.1:9"), false);
        String canonical = Native.canonicalSchema("{\"type\": \"record\", \"name\": \"r\", \"fields\": "
                + "[{\"name\": \"s\", \"type\": \"string\", \"doc\": \"Straße \\u0000 \uD83D\uDE00\"}]}");
        expect(canonical.contains("\uD83D\uDE00"), "canonical text keeps the emoji: " + canonical);
        for (int i = 0; i < 3; i++) {
            try {
                Native.canonicalSchema("{\"type\": \"nosuch\"}");
                expect(false, "an undefined type was accepted");
            } catch (DataException expected) {
                // the Rust error path
            }
            try {
                Native.panicForTest("round " + i);
                expect(false, "no exception from a panic");
            } catch (ConnectException expected) {
                expect(expected.getMessage().contains("test panic: round " + i), expected.getMessage());
            }
        }
        records();
        System.out.println("check-jni: ok");
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /**
     * The record path's entries: open, writer/reader plans, encode and decode (including their grow-and-retry
     * paths: records larger than the per-thread buffers), a bad body, a non-frame, a registry that refuses
     * connections, and plans freed by the cleaner.
     */
    private static void records() {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", "mock://check-jni"), false);
        Schema schema = SchemaBuilder.struct().name("r.V")
                .field("s", Schema.STRING_SCHEMA)
                .field("n", Schema.OPTIONAL_INT64_SCHEMA)
                .field("xs", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
                .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).build())
                .build();
        for (int size : new int[] {3, 100_000}) {
            List<Integer> xs = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                xs.add(i - size / 2);
            }
            Struct value = new Struct(schema).put("s", "Straße \u0000 \uD83D\uDE00".repeat(size / 10 + 1))
                    .put("n", (long) size).put("xs", xs).put("m", Map.of("a", 1.5, "b", -0.0));
            byte[] bytes = converter.fromConnectData("t", schema, value);
            SchemaAndValue back = converter.toConnectData("t", bytes);
            // The schema read back carries the registry's version: compare the fields.
            Struct read = (Struct) back.value();
            for (String f : new String[] {"s", "n", "xs", "m"}) {
                expect(value.get(f).equals(read.get(f)), "round trip of " + size + " items, field " + f);
            }
            byte[] mangled = Arrays.copyOf(bytes, 12);
            try {
                converter.toConnectData("t", mangled);
                expect(false, "a truncated body was accepted");
            } catch (DataException expected) {
                // the Rust decode error path, arrays released first
            }
        }
        try {
            converter.toConnectData("t", "{\"json\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            expect(false, "JSON was read as a frame");
        } catch (DataException expected) {
            expect(expected.getMessage().contains("JSON"), expected.getMessage());
        }
        AvroConverter down = new AvroConverter();
        down.configure(Map.of("schema.registry.url", "http://127.0.0.1:9", "max.retries", "0"), true);
        try {
            down.fromConnectData("t", Schema.STRING_SCHEMA, "k");
            expect(false, "a refused connection did not fail");
        } catch (RetriableException expected) {
            // the registry-outage path
        }
        converter.close();
        down.close();
        // The cleaner frees the plans and sessions from its own thread once they are unreachable.
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
