package io.avroconv.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Loads this class loader's copy of the native library, once, when a converter is configured (never when it is
 * constructed: Connect's plugin scanning instantiates converters).
 *
 * <p>The library is extracted from the JAR ({@code native/<os>-<arch>/libavroconv_jni.so}) to a new, uniquely named
 * file and loaded from there: the JVM refuses to load one file from two class loaders, and the converter JAR often
 * sits in several plugins of one worker (converters load in the connector's class loader), each with its own
 * loader and so its own copy of this class. The file is deleted once loaded (Linux keeps the mapping).
 */
final class NativeLoader {
    /** System property naming the extraction directory when the converter config does not. */
    static final String DIR_PROPERTY = "avroconv.native.dir";
    static final String LIBRARY = "libavroconv_jni.so";

    private static final System.Logger LOG = System.getLogger("io.avroconv.connect");

    private static Properties info;
    private static String loadedFrom;

    private NativeLoader() {}

    /** Whether this class loader's copy is loaded. */
    static synchronized boolean isLoaded() {
        return info != null;
    }

    /** The file this class loader's copy was loaded from (deleted since), or null. Set as soon as the library is
     * loaded, so a failed {@link Native#init()} is retried without loading a second copy. */
    static synchronized String loadedFrom() {
        return loadedFrom;
    }

    /**
     * Loads the library unless this class loader already did, and returns what {@link Native#init()} reported.
     * A failure is not remembered: the next {@code configure()} tries again (e.g. after the directory is fixed).
     *
     * @param configuredDir the extraction directory from the converter config, or null/empty for the
     *     {@value #DIR_PROPERTY} system property, else {@code java.io.tmpdir}
     * @throws ConnectException naming the platform and C library when there is no library for this platform or it
     *     does not load
     */
    static synchronized Properties load(String configuredDir) {
        if (info != null) {
            return info;
        }
        if (loadedFrom == null) {
            String folder = Platform.folder();
            String resource = "/native/" + folder + "/" + LIBRARY;
            if (NativeLoader.class.getResource(resource) == null || Platform.isMusl()) {
                throw new ConnectException("avroconv has no native library for this platform (" + folder
                        + ", C library " + Platform.cLibrary() + "; os.arch=" + System.getProperty("os.arch")
                        + "); this JAR bundles: " + bundled() + ". " + Platform.describe());
            }
            loadedFrom = loadCopy(resource, folder, configuredDir);
        }
        Properties facts = new Properties();
        try {
            facts.load(new StringReader(Native.init()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        String jarVersion = AvroConverter.jarVersion();
        String nativeVersion = facts.getProperty("version");
        if (jarVersion != null && !jarVersion.equals(nativeVersion)) {
            throw new ConnectException("avroconv's native library is version " + nativeVersion
                    + " but its Java classes are " + jarVersion + ": the JAR is mis-packaged");
        }
        info = facts;
        // Once per class loader, so once per plugin: MSK Connect rate-limits log output.
        LOG.log(System.Logger.Level.INFO, () -> "avroconv " + nativeVersion + " native library loaded: built for "
                + facts.getProperty("target") + " (glibc " + facts.getProperty("build.glibc") + "+), running on "
                + facts.getProperty("libc") + ", " + Platform.describe() + ", extracted to " + loadedFrom
                + ", class loader " + NativeLoader.class.getClassLoader());
        return facts;
    }

    /** Extracts a new copy and loads it; returns the file's path (deleted by then). */
    private static String loadCopy(String resource, String folder, String configuredDir) {
        Path dir = extractionDir(configuredDir);
        Path file = extract(resource, dir);
        try {
            System.load(file.toAbsolutePath().toString());
            return file.toString();
        } catch (UnsatisfiedLinkError e) {
            throw new ConnectException("avroconv could not load its native library " + file + ": " + e.getMessage()
                    + " (platform " + folder + ", C library " + Platform.cLibrary() + "; this JAR bundles: "
                    + bundled() + "). If " + dir + " is mounted noexec, set the converter config "
                    + AvroConverterConfig.NATIVE_DIR + " or -D" + DIR_PROPERTY
                    + " to a directory that allows executing files. " + Platform.describe(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static Path extractionDir(String configured) {
        String dir = configured;
        if (dir == null || dir.isEmpty()) {
            dir = System.getProperty(DIR_PROPERTY, "");
        }
        if (dir.isEmpty()) {
            dir = System.getProperty("java.io.tmpdir");
        }
        Path path = Paths.get(dir);
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new ConnectException("avroconv cannot use " + path + " to extract its native library: " + e
                    + "; set the converter config " + AvroConverterConfig.NATIVE_DIR + " or -D" + DIR_PROPERTY, e);
        }
    }

    private static Path extract(String resource, Path dir) {
        Path file = null;
        try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
            // createTempFile picks a new name (so one file per class loader) and makes it readable by us only.
            file = Files.createTempFile(dir, "libavroconv_jni-", ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                deleteQuietly(file);
            }
            throw new ConnectException("avroconv cannot extract its native library into " + dir + ": " + e
                    + "; set the converter config " + AvroConverterConfig.NATIVE_DIR + " or -D" + DIR_PROPERTY, e);
        }
    }

    /** The platforms this JAR has libraries for, from {@code native/platforms.txt} written by the build. */
    private static String bundled() {
        try (InputStream in = NativeLoader.class.getResourceAsStream("/native/platforms.txt")) {
            return in == null ? "none" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()
                    .replace('\n', ';');
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
