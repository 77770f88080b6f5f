package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.TestPaths;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native library as packaged in the JAR: loading, init, the error and panic paths, and -Xcheck:jni. */
class NativeTest {
    private static final Map<String, String> CONFIG = Map.of("schema.registry.url", "http://127.0.0.1:9");

    @BeforeAll
    static void load() {
        new AvroConverter().configure(CONFIG, false);
    }

    @Test
    void initReportsTheBuildAndTheRunningCLibrary() {
        Properties facts = NativeLoader.load(null);
        assertEquals(TestPaths.version(), facts.getProperty("version"));
        assertEquals("x86_64-unknown-linux-gnu", facts.getProperty("target"));
        assertEquals("release", facts.getProperty("profile"));
        assertEquals("2.17", facts.getProperty("build.glibc"));
        // What the JVM itself runs on, found without native code, must agree with what the library reports.
        assertEquals(Platform.cLibrary(), facts.getProperty("libc"));
        assertTrue(facts.getProperty("libc").matches("glibc \\d+\\.\\d+"), facts.getProperty("libc"));
        assertEquals(TestPaths.version(), new AvroConverter().version());
    }

    @Test
    void aRustPanicBecomesAConnectExceptionWithItsMessageAndTheJvmLivesOn() {
        for (int i = 0; i < 3; i++) {
            String message = "boom " + i + " {ü \uD83D\uDE00}";
            ConnectException e = assertThrows(ConnectException.class, () -> Native.panicForTest(message));
            assertFalse(e instanceof DataException, "a panic is a bug, not bad data");
            assertTrue(e.getMessage().contains("panicked"), e.getMessage());
            assertTrue(e.getMessage().contains("test panic: " + message), e.getMessage());
            assertTrue(e.getMessage().contains("entry.rs"), "the panic location: " + e.getMessage());
        }
        // The library still works after the panics.
        assertEquals("\"int\"", Native.canonicalSchema("\"int\""));
    }

    @Test
    void javasOwnSchemaTextComesBackUnchangedThroughJni() {
        // Non-ASCII, a supplementary character and NUL cross JNI as UTF-16 both ways.
        String text = "{\"type\":\"record\",\"name\":\"Row\",\"namespace\":\"db.public\",\"doc\":\"Straße \\u0000 "
                + "\uD83D\uDE00\",\"fields\":[{\"name\":\"id\",\"type\":{\"type\":\"int\",\"connect.name\":\"x\"}},"
                + "{\"name\":\"n\",\"type\":[\"null\",\"string\"],\"default\":null},"
                + "{\"name\":\"d\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,"
                + "\"scale\":2}},{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}}]}";
        String javas = new org.apache.avro.Schema.Parser().parse(text).toString();
        assertEquals(javas, Native.canonicalSchema(javas));
    }

    @Test
    void theReturnedTextDescribesTheSameSchemaAsJavaReadsFromTheInput() {
        String text = "{ \"fields\": [ {\"type\": \"long\", \"name\": \"a\", \"doc\": \"é\"} ],\n"
                + "  \"name\": \"r\", \"type\": \"record\", \"x-prop\": [1, 2] }";
        org.apache.avro.Schema expected = new org.apache.avro.Schema.Parser().parse(text);
        String ours = Native.canonicalSchema(text);
        assertEquals(expected, new org.apache.avro.Schema.Parser().parse(ours));
        assertEquals(expected.getObjectProp("x-prop"), new org.apache.avro.Schema.Parser().parse(ours)
                .getObjectProp("x-prop"));
    }

    @Test
    void invalidSchemasThrowDataExceptionAsJavaAvroRejectsThem() {
        String[] invalid = {
            "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"a\",\"type\":\"nosuch\"}]}",
            "{\"type\":\"enum\",\"name\":\"e\",\"symbols\":[\"A\",\"A\"]}",
            "{\"type\":\"record\",\"name\":\"1r\",\"fields\":[]}",
        };
        for (String text : invalid) {
            assertThrows(SchemaParseException.class, () -> new org.apache.avro.Schema.Parser().parse(text), text);
            DataException e = assertThrows(DataException.class, () -> Native.canonicalSchema(text), text);
            assertFalse(e.getMessage().isEmpty());
        }
        DataException e = assertThrows(DataException.class,
                () -> Native.canonicalSchema("{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"a\","
                        + "\"type\":\"nosuch\"}]}"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertInstanceOf(DataException.class, assertThrows(DataException.class, () -> Native.canonicalSchema("{")));
        assertInstanceOf(DataException.class, assertThrows(DataException.class, () -> Native.canonicalSchema(null)));
    }

    @Test
    void underCheckJniTheJvmPrintsNoWarningAndRustNothingOnStderr() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xcheck:jni", "-cp", System.getProperty("java.class.path"),
                CheckJniMain.class.getName()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the -Xcheck:jni JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.contains("check-jni: ok"), out + err);
        // HotSpot's -Xcheck:jni messages start with "WARNING" (e.g. "WARNING in native method: JNI call made with
        // exception pending"); Rust's default panic hook prints "thread '...' panicked at".
        for (String line : (out + err).split("\n")) {
            assertFalse(line.contains("WARNING") || line.contains("JNI") || line.contains("panicked"),
                    "unexpected output under -Xcheck:jni: " + line + "\n" + out + err);
        }
    }

    @Test
    void constructingTheConverterLoadsNoNativeCodeAndConfigureLoadsACopyIntoTheConfiguredDir(@TempDir Path dir)
            throws Exception {
        // A class loader of its own, as Connect's plugin scanning uses, with its own copy of our classes.
        Set<String> before = TestPaths.mappedNativeCopies();
        try (URLClassLoader loader = isolatedLoader()) {
            Class<?> converterClass = loader.loadClass(AvroConverter.class.getName());
            assertTrue(converterClass != AvroConverter.class, "the class must come from the isolated loader");
            Object converter = converterClass.getDeclaredConstructor().newInstance();
            // What scanning and the REST API call besides the constructor.
            assertEquals(TestPaths.version(), converterClass.getMethod("version").invoke(converter));
            converterClass.getMethod("config").invoke(converter);
            Class<?> loaderClass = loader.loadClass(NativeLoader.class.getName());
            Method isLoaded = loaderClass.getDeclaredMethod("isLoaded");
            isLoaded.setAccessible(true);
            assertEquals(false, isLoaded.invoke(null));
            assertEquals(before, TestPaths.mappedNativeCopies());

            // The check above can fail: configure() does load a new copy, from the configured directory.
            Path extractDir = dir.resolve("native");
            converterClass.getMethod("configure", Map.class, boolean.class).invoke(converter,
                    Map.of("schema.registry.url", "http://127.0.0.1:9", "avroconv.native.dir",
                            extractDir.toString()), true);
            assertEquals(true, isLoaded.invoke(null));
            Method loadedFrom = loaderClass.getDeclaredMethod("loadedFrom");
            loadedFrom.setAccessible(true);
            Path file = Path.of((String) loadedFrom.invoke(null));
            assertEquals(extractDir, file.getParent());
            assertFalse(Files.exists(file), "the extracted file is deleted once loaded");
            List<String> added = new ArrayList<>(TestPaths.mappedNativeCopies());
            added.removeAll(before);
            assertEquals(1, added.size(), "one new copy mapped: " + added);
            assertTrue(added.get(0).startsWith(file.toString()), added + " vs " + file);
        }
    }

    /** A class loader of its own holding our JAR, as Connect gives each plugin. */
    private static URLClassLoader isolatedLoader() throws Exception {
        URL[] urls = {TestPaths.jar().toUri().toURL(), TestPaths.wheelJar("connect-api-4.3.0").toUri().toURL(),
            TestPaths.wheelJar("kafka-clients-4.3.0").toUri().toURL(),
            TestPaths.wheelJar("slf4j-api-2.0.18").toUri().toURL()};
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void platformDiagnosticsAreLoggedOncePerClassLoader() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("io.avroconv.connect");
        logger.addHandler(handler);
        try (URLClassLoader loader = isolatedLoader()) {
            Class<?> converterClass = loader.loadClass(AvroConverter.class.getName());
            for (boolean isKey : new boolean[] {true, false, false}) {
                Object converter = converterClass.getDeclaredConstructor().newInstance();
                converterClass.getMethod("configure", Map.class, boolean.class).invoke(converter, CONFIG, isKey);
            }
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, records.size(), records.toString());
        String line = records.get(0).getMessage();
        assertEquals(Level.INFO, records.get(0).getLevel());
        for (String fact : new String[] {"x86_64-unknown-linux-gnu", "glibc 2.17+", Platform.cLibrary(),
            "java=" + System.getProperty("java.version"), "os=Linux"}) {
            assertTrue(line.contains(fact), fact + " missing from: " + line);
        }
    }

    @Test
    void anUnsupportedPlatformFailsNamingTheArchitectureAndTheCLibrary() throws Exception {
        String arch = System.getProperty("os.arch");
        try (URLClassLoader loader = isolatedLoader()) {
            Class<?> converterClass = loader.loadClass(AvroConverter.class.getName());
            Object converter = converterClass.getDeclaredConstructor().newInstance();
            System.setProperty("os.arch", "riscv64");
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> converterClass
                    .getMethod("configure", Map.class, boolean.class).invoke(converter, CONFIG, false));
            String message = e.getCause().getMessage();
            assertEquals(ConnectException.class.getName(), e.getCause().getClass().getName(), message);
            for (String fact : new String[] {"linux-riscv64", "os.arch=riscv64", "C library " + Platform.cLibrary(),
                "bundles: linux-x86_64 (glibc 2.17 or newer)"}) {
                assertTrue(message.contains(fact), fact + " missing from: " + message);
            }
        } finally {
            System.setProperty("os.arch", arch);
        }
    }

    @Test
    void tombstonesAndPayloadsThatAreNotFramesNeedNoRegistry() {
        // CONFIG's registry is a closed port: none of these may reach it.
        AvroConverter converter = new AvroConverter();
        converter.configure(CONFIG, false);
        assertEquals(null, converter.fromConnectData("t", null, null));
        assertEquals(org.apache.kafka.connect.data.SchemaAndValue.NULL, converter.toConnectData("t", null));
        DataException e = assertThrows(DataException.class,
                () -> converter.toConnectData("orders-json", "{\"id\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("orders-json"), e.getMessage());
        assertThrows(DataException.class, () -> converter.toConnectData("t", new byte[] {0, 0, 0}));
        converter.close();
    }

}
