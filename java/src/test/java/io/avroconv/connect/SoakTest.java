package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.TestPaths;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link SoakMain} in a JVM of its own (its RSS is then the converter's alone), with a fixed, pre-touched heap so
 * that RSS growth is native memory, metaspace and code. Short by default: 200,000 records with every bound set to
 * 100, so that each cache fills and evicts about ten times. {@code scripts/soak.sh [RECORDS]} sets
 * AVROCONV_SOAK_RECORDS (and keeps Confluent's default bounds unless AVROCONV_SOAK_CACHE is set).
 */
class SoakTest {
    /** Generous: the short run's RSS may still grow with JIT code and allocator arenas after its warm-up. */
    private static final double MAX_GROWTH_PERCENT = 25;

    @Test
    void recordsThroughTwoConvertersWithNewVersionsKeepMemoryAndCachesBounded() throws Exception {
        String env = System.getenv("AVROCONV_SOAK_RECORDS");
        long records = env == null || env.isBlank() ? 200_000 : Long.parseLong(env.replace("_", "").replace(",", ""));
        String cache = System.getenv("AVROCONV_SOAK_CACHE");
        if (cache == null || cache.isBlank()) {
            cache = env == null || env.isBlank() ? "100" : null;
        }
        Path dir = TestPaths.root().resolve("target/soak");
        Files.createDirectories(dir);
        Path csv = dir.resolve("soak-" + records + ".csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
                "-XX:+UseG1GC", "-Davroconv.test.root=" + TestPaths.root(), "-Dslf4j.internal.verbosity=ERROR",
                "-cp", System.getProperty("java.class.path"), SoakMain.class.getName(), Long.toString(records),
                csv.toString()));
        if (cache != null) {
            command.add(cache);
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line); // progress of a long soak, and the figure lines
                out.append(line).append('\n');
            }
        }
        int exit = p.waitFor();
        assertEquals(0, exit, "the soak failed:\n" + out);
        assertTrue(out.toString().contains("soak: ok"), out.toString());
        Matcher m = Pattern.compile("growth ([-+][0-9.]+)% \\(end\\)").matcher(out);
        assertTrue(m.find(), "no growth line:\n" + out);
        double growth = Double.parseDouble(m.group(1));
        assertTrue(growth <= MAX_GROWTH_PERCENT, "RSS grew " + growth + "% after warm-up:\n" + out);
        System.out.println("soak: samples in " + csv);
    }
}
