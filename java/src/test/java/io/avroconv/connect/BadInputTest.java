package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.RegistryProcess;
import io.avroconv.testing.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link BadInputMain} in a JVM under {@code -Xcheck:jni}: 100,000 bad byte arrays and 1,000 malformed Connect
 * values, each a value or a {@code DataException} with a useful message; the JVM lives and exits 0, and the JNI
 * checker prints nothing.
 */
class BadInputTest {
    @Test
    void badBytesAndMalformedValuesAreDataExceptionsUnderCheckJni() throws Exception {
        try (RegistryProcess registry = RegistryProcess.start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xcheck:jni", "-Xmx512m",
                    "-Davroconv.test.root=" + TestPaths.root(), "-cp", System.getProperty("java.class.path"),
                    BadInputMain.class.getName(), registry.url()).start();
            // Both streams read at once: a full pipe would stall the child.
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the -Xcheck:jni JVM did not finish");
            String errors = err.get();
            System.out.print(out.lines().filter(l -> l.startsWith("bad input:")).map(l -> l + "\n")
                    .reduce("", String::concat));
            assertEquals(0, p.exitValue(), "exit code; output:\n" + out + errors);
            assertTrue(out.contains("bad-input: ok"), out + errors);
            // HotSpot's -Xcheck:jni messages: "WARNING in native method: ...", "FATAL ERROR in native method: ...".
            // Rust's default panic hook would print "thread '...' panicked at".
            for (String line : (out + errors).split("\n")) {
                assertFalse(line.contains("WARNING") || line.contains("FATAL") || line.contains("JNI")
                        || line.contains("panicked"), "unexpected output under -Xcheck:jni: " + line);
            }
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
