package io.avroconv.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What this JVM runs on, for choosing the native library and for error messages and diagnostics. */
final class Platform {
    private Platform() {}

    /** The folder under {@code native/} in the JAR holding the library for this platform, e.g. {@code linux-x86_64}. */
    static String folder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.startsWith("linux") ? "linux" : os.replaceAll("[^a-z0-9]+", "");
        String archPart;
        switch (arch) {
            case "amd64":
            case "x86_64":
                archPart = "x86_64";
                break;
            case "aarch64":
            case "arm64":
                archPart = "aarch64";
                break;
            default:
                archPart = arch.replaceAll("[^a-z0-9_]+", "");
        }
        return osPart + "-" + archPart;
    }

    /** One line about the OS and JVM, e.g. {@code os=Linux 6.1.0 amd64, java=17.0.15 (Debian)}. */
    static String describe() {
        return "os=" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", distribution=" + osRelease() + ", java="
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ")";
    }

    /** Whether this process runs on musl (Alpine): our linux-x86_64 library is linked against glibc. */
    static boolean isMusl() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/maps"), StandardCharsets.ISO_8859_1)) {
                if (line.contains("/ld-musl") || line.contains("/libc.musl")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: not Linux, and then no library is bundled anyway.
        }
        return false;
    }

    /**
     * The C library this process runs on, found without native code (so it can be named when the library cannot
     * load): {@code glibc 2.36}, {@code musl}, or {@code unknown}. Reads /proc/self/maps and, for glibc, the version
     * string inside libc.so.6; only called on the error path.
     */
    static String cLibrary() {
        List<String> maps;
        try {
            maps = Files.readAllLines(Paths.get("/proc/self/maps"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        for (String line : maps) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String path = line.substring(slash).trim();
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (file.startsWith("ld-musl") || file.startsWith("libc.musl")) {
                return "musl";
            }
            Matcher old = Pattern.compile("libc-(\\d+\\.\\d+)\\.so").matcher(file);
            if (old.matches()) {
                return "glibc " + old.group(1);
            }
            if (file.equals("libc.so.6")) {
                return "glibc " + glibcVersionIn(Paths.get(path));
            }
        }
        return "unknown";
    }

    /** The version in glibc's banner string ("GNU C Library ... release version 2.36."). */
    private static String glibcVersionIn(Path libc) {
        try {
            String text = new String(Files.readAllBytes(libc), StandardCharsets.ISO_8859_1);
            Matcher m = Pattern.compile("GNU C Library [^\\n\\x00]*version (\\d+\\.\\d+)").matcher(text);
            return m.find() ? m.group(1) : "(version unknown)";
        } catch (IOException | RuntimeException e) {
            return "(version unknown)";
        }
    }

    /** PRETTY_NAME from /etc/os-release, or "unknown". */
    static String osRelease() {
        try {
            for (String line : Files.readAllLines(Paths.get("/etc/os-release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or a minimal image: the rest of the diagnostics still say enough.
        }
        return "unknown";
    }
}
