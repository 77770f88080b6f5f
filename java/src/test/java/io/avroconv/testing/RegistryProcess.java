package io.avroconv.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The project's test registry (testkit, {@code avroconv-test-registry --port 0}) in a child process on 127.0.0.1.
 * Built with cargo when missing. {@link #close()} stops it.
 */
public final class RegistryProcess implements AutoCloseable {
    private final Process process;
    private final String url;

    private RegistryProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static RegistryProcess start() {
        Path bin = TestPaths.root().resolve("target/debug/avroconv-test-registry");
        try {
            if (!Files.isExecutable(bin)) {
                Process build = new ProcessBuilder("cargo", "build", "-q", "-p", "avroconv-testkit", "--bin",
                        "avroconv-test-registry").directory(TestPaths.root().toFile()).inheritIO().start();
                if (build.waitFor() != 0) {
                    throw new IllegalStateException("cargo build of avroconv-test-registry failed");
                }
            }
            Process p = new ProcessBuilder(bin.toString(), "--port", "0")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("listening on ")) {
                p.destroyForcibly();
                throw new IllegalStateException("avroconv-test-registry did not start: " + line);
            }
            return new RegistryProcess(p, line.substring("listening on ".length()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** http://127.0.0.1:PORT (no trailing slash). */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
