package io.avroconv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;

/** Where the build put things (passed by scripts/plugin/test-java.sh as system properties), and process probes. */
public final class TestPaths {
    private TestPaths() {}

    private static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("-D" + name + " is not set: run the tests with scripts/plugin/test-java.sh");
        }
        return Paths.get(value);
    }

    /** target/plugin/avroconv-connect-<version>.jar */
    public static Path jar() {
        return property("avroconv.test.jar");
    }

    /** target/plugin/avroconv-connect-<version>.zip */
    public static Path zip() {
        return property("avroconv.test.zip");
    }

    /** The folder of the wheel's jars (scripts/jars.sh). */
    public static Path wheelJars() {
        return property("avroconv.test.wheel");
    }

    public static Path wheelJar(String name) {
        return wheelJars().resolve(name + ".jar");
    }

    /** The repository root. */
    public static Path root() {
        return property("avroconv.test.root");
    }

    public static String version() {
        return System.getProperty("avroconv.test.version");
    }

    /** The distinct files of avroconv's native library mapped into this process: one per loaded copy. */
    public static Set<String> mappedNativeCopies() {
        Set<String> copies = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/maps"), StandardCharsets.ISO_8859_1)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.contains("libavroconv_jni-")) {
                    copies.add(line.substring(slash).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copies;
    }
}
