package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.TestPaths;
import io.avroconv.testing.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin ZIP loaded by Kafka Connect 4.3's own plugin machinery, from two plugin folders in one worker JVM:
 * our standalone plugin, and a connector plugin (connect-file) that add-to-plugin.sh put our JAR into. Each plugin
 * class loader gets its converter class and its own copy of the native library.
 */
class WorkerPluginsTest {
    /** A worker's class path: the Connect runtime and its dependencies, without our JAR. */
    private static final List<String> WORKER_JARS = List.of("connect-runtime-4.3.0", "connect-api-4.3.0",
            "connect-json-4.3.0", "connect-transforms-4.3.0", "kafka-clients-4.3.0", "slf4j-api-2.0.18",
            "maven-artifact-3.9.15", "jackson-core-2.21.2", "jackson-databind-2.21.2", "jackson-annotations-2.21");
    private static final String CONNECTOR = "org.apache.kafka.connect.file.FileStreamSourceConnector";

    @Test
    void twoPluginsInOneWorkerEachLoadTheirOwnNativeCopy(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        // MSK Connect inflates a custom-plugin ZIP into <name>.zip_inflated/ under its plugin path.
        unzip(TestPaths.zip(), plugins.resolve("b-avroconv.zip_inflated"));
        Path connectorZip = tmp.resolve("file-connector.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(connectorZip))) {
            zip.putNextEntry(new ZipEntry("file-connector/connect-file-4.3.0.jar"));
            Files.copy(TestPaths.wheelJar("connect-file-4.3.0"), zip);
        }
        run(List.of("bash", TestPaths.root().resolve("scripts/plugin/add-to-plugin.sh").toString(),
                connectorZip.toString(), connectorZip.toString(), TestPaths.jar().toString()));
        unzip(connectorZip, plugins.resolve("a-file-connector.zip_inflated"));

        List<String> cp = new ArrayList<>();
        cp.add(Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String jar : WORKER_JARS) {
            cp.add(TestPaths.wheelJar(jar).toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = run(List.of(java, "-Xcheck:jni", "-Dslf4j.internal.verbosity=ERROR", "-cp",
                String.join(File.pathSeparator, cp), WorkerMain.class.getName(), plugins.toString(), CONNECTOR));
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> scanned = new ArrayList<>();
        for (String line : output.split("\n")) {
            assertFalse(line.contains("WARNING in native method") || line.contains("panicked"), output);
            int colon = line.indexOf(": ");
            if (line.startsWith("scanned: ")) {
                scanned.add(line);
            } else if (colon > 0) {
                seen.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        // Found by ServiceLoader in both plugins, with the version from Versioned.
        assertEquals(2, scanned.size(), output);
        for (String line : scanned) {
            assertTrue(line.startsWith("scanned: " + TestPaths.version() + " "), output);
        }
        // The worker's converter from our plugin, the connector's from the connector's plugin.
        assertTrue(seen.get("worker.loader").startsWith("PluginClassLoader"), output);
        assertTrue(seen.get("worker.loader").contains("b-avroconv.zip_inflated"), output);
        assertTrue(seen.get("connector.loader").startsWith("PluginClassLoader"), output);
        assertTrue(seen.get("connector.loader").contains("a-file-connector.zip_inflated"), output);
        // Each loaded its own extracted copy: two files, two mappings.
        assertTrue(seen.get("worker.native").contains("libavroconv_jni-"), output);
        assertTrue(seen.get("connector.native").contains("libavroconv_jni-"), output);
        assertNotEquals(seen.get("worker.native"), seen.get("connector.native"), output);
        assertEquals("2", seen.get("mapped"), output);
        assertEquals("DataException", seen.get("worker.record"), output);
        assertEquals("DataException", seen.get("connector.record"), output);
    }

    @Test
    void addToPluginPutsTheJarInAConfluentHubLibFolderAndReplacesAnOlderCopy(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("s3-sink.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("confluentinc-kafka-connect-s3-10.5.0/manifest.json",
                    "confluentinc-kafka-connect-s3-10.5.0/lib/kafka-connect-s3-10.5.0.jar",
                    "confluentinc-kafka-connect-s3-10.5.0/lib/avroconv-connect-0.0.1.jar",
                    "confluentinc-kafka-connect-s3-10.5.0/etc/quickstart-s3.properties")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
            }
        }
        Path result = tmp.resolve("s3-sink-with-avroconv.zip");
        run(List.of("bash", TestPaths.root().resolve("scripts/plugin/add-to-plugin.sh").toString(), zip.toString(),
                result.toString(), TestPaths.jar().toString()));
        List<String> names = new ArrayList<>();
        byte[] added = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(result))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().endsWith("/" + TestPaths.jar().getFileName())) {
                    added = in.readAllBytes();
                }
            }
        }
        assertEquals(List.of("confluentinc-kafka-connect-s3-10.5.0/manifest.json",
                "confluentinc-kafka-connect-s3-10.5.0/lib/kafka-connect-s3-10.5.0.jar",
                "confluentinc-kafka-connect-s3-10.5.0/etc/quickstart-s3.properties",
                "confluentinc-kafka-connect-s3-10.5.0/lib/" + TestPaths.jar().getFileName()), names);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(TestPaths.jar()), added), "the JAR's bytes");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), command + "\n" + out);
        return out;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }

}
