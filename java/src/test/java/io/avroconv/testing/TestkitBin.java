package io.avroconv.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A testkit binary ({@code target/debug/NAME}) in a child process: built with cargo when missing, started, and
 * asked where it listens (its first line, {@code listening on URL}). What {@link RegistryProcess} and
 * {@link FaultProxyProcess} share.
 */
final class TestkitBin {
    private TestkitBin() {}

    /** The binary, built first when it is not there yet. */
    static Path ensure(String name) throws IOException, InterruptedException {
        Path bin = TestPaths.root().resolve("target/debug/" + name);
        if (!Files.isExecutable(bin)) {
            build(name);
        }
        return bin;
    }

    static void build(String name) throws IOException, InterruptedException {
        Process build = new ProcessBuilder("cargo", "build", "-q", "-p", "avroconv-testkit", "--bin", name)
                .directory(TestPaths.root().toFile()).inheritIO().start();
        if (build.waitFor() != 0) {
            throw new IllegalStateException("cargo build of " + name + " failed");
        }
    }

    /** The URL the process announced on its first line, or null (the process is then killed). */
    static String listening(Process p, BufferedReader out) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on ")) {
            p.destroyForcibly();
            return null;
        }
        return line.substring("listening on ".length()).trim();
    }

    /** Waits up to 5 s for a process asked to stop, then kills it. */
    static void awaitExit(Process p) {
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
