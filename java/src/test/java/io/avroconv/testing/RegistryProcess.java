package io.avroconv.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The project's test registry (testkit, {@code avroconv-test-registry --port 0 [args]}) in a child process on
 * 127.0.0.1, e.g. {@code start("--tls-dir", dir, "--mutual")} for HTTPS with certificates written into {@code dir}.
 * Built with cargo when missing, or when the build there is older than the options asked for. Everything it prints
 * after its first line is echoed to this JVM's stderr and kept ({@link #output()}). {@link #close()} stops it.
 */
public final class RegistryProcess implements AutoCloseable {
    private final Process process;
    private final String url;
    private final StringBuffer output = new StringBuffer();

    private RegistryProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static RegistryProcess start(String... args) {
        try {
            Path bin = TestkitBin.ensure("avroconv-test-registry");
            RegistryProcess started = tryStart(bin, args);
            if (started == null && args.length > 0) {
                TestkitBin.build("avroconv-test-registry"); // an older build that does not know these options
                started = tryStart(bin, args);
            }
            if (started == null) {
                throw new IllegalStateException("avroconv-test-registry " + String.join(" ", args) + " did not start");
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The started registry, or null when it exited before saying where it listens (its stderr is echoed). */
    private static RegistryProcess tryStart(Path bin, String... args) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(bin.toString(), "--port", "0"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = TestkitBin.listening(p, out);
        if (url == null) {
            System.err.write(p.getErrorStream().readAllBytes());
            return null;
        }
        RegistryProcess r = new RegistryProcess(p, url);
        r.drain(out); // the reader that read the first line: it may hold more
        r.drain(new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)));
        return r;
    }

    private void drain(BufferedReader in) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = in) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    System.err.println("avroconv-test-registry: " + line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "registry-output");
        t.setDaemon(true);
        t.start();
    }

    /** http://127.0.0.1:PORT, or https:// with --tls-dir (no trailing slash). */
    public String url() {
        return url;
    }

    /** What the registry printed after its first line, so far. */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroy();
        TestkitBin.awaitExit(process);
    }
}
