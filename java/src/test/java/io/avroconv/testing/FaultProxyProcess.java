package io.avroconv.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The fault proxy (testkit, {@code avroconv-fault-proxy --upstream URL}) in a child process on 127.0.0.1, driven
 * through its stdin: {@link #mode} switches what it does to traffic ({@code pass}, {@code refuse}, {@code reset},
 * {@code stall}, {@code 500}, {@code 429 SECS}, {@code truncate}, {@code garbage}, {@code trickle MS}),
 * {@link #count} tells how many requests it received. Built with cargo when missing. {@link #close()} stops it.
 */
public final class FaultProxyProcess implements AutoCloseable {
    private final Process process;
    private final String url;
    private final BufferedReader out;
    private final Writer in;

    private FaultProxyProcess(Process process, String url, BufferedReader out) {
        this.process = process;
        this.url = url;
        this.out = out;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** A proxy in mode {@code pass} forwarding to {@code upstream} (http://127.0.0.1:PORT[/prefix]). */
    public static FaultProxyProcess start(String upstream) {
        try {
            Path bin = TestkitBin.ensure("avroconv-fault-proxy");
            Process p = new ProcessBuilder(bin.toString(), "--upstream", upstream)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = TestkitBin.listening(p, out);
            if (url == null) {
                throw new IllegalStateException("avroconv-fault-proxy did not start");
            }
            return new FaultProxyProcess(p, url, out);
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

    private synchronized String command(String line) {
        try {
            in.write(line + "\n");
            in.flush();
            String answer = out.readLine();
            if (answer == null || answer.startsWith("error")) {
                throw new IllegalStateException("avroconv-fault-proxy: " + line + " -> " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Switches the mode (e.g. "refuse", "429 1", "trickle 50"); takes effect for the next requests. */
    public void mode(String mode) {
        command("mode " + mode);
    }

    /** Requests received since the start (connections, in mode reset); refused connections never arrive. */
    public long count() {
        return Long.parseLong(command("count").substring("count ".length()).trim());
    }

    @Override
    public void close() {
        try {
            in.close(); // the proxy exits when its stdin closes
        } catch (IOException e) {
            process.destroyForcibly();
        }
        TestkitBin.awaitExit(process);
    }
}
