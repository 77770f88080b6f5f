package io.avroconv.connect;

import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

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
        System.out.println("check-jni: ok");
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
