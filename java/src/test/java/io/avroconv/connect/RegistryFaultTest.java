package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.FaultProxyProcess;
import io.avroconv.testing.RegistryProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Registry outages through the fault proxy ({@code avroconv-fault-proxy}, real HTTP on 127.0.0.1) for our converter,
 * one outage per proxy mode:
 * <ul>
 * <li>records whose schemas are cached keep converting, both with the converter that cached them and with new
 * converters of the same settings (they share the native registry client), with no failure;
 * <li>cold (a Connect schema to register, an id never read): 16 threads, each with its own converter, get a
 * {@link RetriableException} after {@code max.retries}, and the proxy sees {@code max.retries + 1} requests;
 * <li>after the proxy passes again, a converter that kept retrying a record succeeds within a few seconds.
 * </ul>
 * Outages last 2 s, or {@code AVROCONV_FAULT_OUTAGE_SECS} ({@code scripts/faults.sh}: 60), and each prints a row of
 * the figures table; with that variable set, each row also shows what Confluent's converter 7.0.16 throws.
 */
class RegistryFaultTest {
    static final int THREADS = 16;
    static final int MAX_RETRIES = 3;
    static final String TOPIC = "faults";
    static final String SETTINGS = "max.retries=3, retries.wait.ms=100, retries.max.wait.ms=1000, "
            + "http.connect.timeout.ms=1000, http.read.timeout.ms=1000, latest.cache.ttl.sec=1";
    static final List<String> MODES =
            List.of("refuse", "reset", "stall", "500", "429 1", "truncate", "garbage", "trickle 50");
    private static final Pattern ATTEMPTS = Pattern.compile("after (\\d+) attempts");

    static Map<String, String> settings(String url) {
        // latest.cache.ttl.sec=1: the subject lists new converters need expire during every outage.
        return Map.of("schema.registry.url", url, "max.retries", String.valueOf(MAX_RETRIES), "retries.wait.ms", "100",
                "retries.max.wait.ms", "1000", "http.connect.timeout.ms", "1000", "http.read.timeout.ms", "1000",
                "latest.cache.ttl.sec", "1");
    }

    static AvroConverter converter(Map<String, String> settings) {
        AvroConverter c = new AvroConverter();
        c.configure(settings, false);
        return c;
    }

    static Schema schema(String name) {
        return SchemaBuilder.struct().name("faults." + name).field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.STRING_SCHEMA).build();
    }

    static Struct value(Schema schema, long id, String name) {
        return new Struct(schema).put("id", id).put("name", name);
    }

    /** One thread's answer: null for success, else the exception. */
    record Answer(long nanos, RuntimeException error) {
        String describe() {
            if (error == null) {
                return "ok";
            }
            Matcher m = ATTEMPTS.matcher(String.valueOf(error.getMessage()));
            return error.getClass().getSimpleName() + (m.find() ? " x" + m.group(1) : "");
        }

        int attempts() {
            Matcher m = ATTEMPTS.matcher(String.valueOf(error.getMessage()));
            return m.find() ? Integer.parseInt(m.group(1)) : 1;
        }
    }

    /** What 16 threads, each with its own converter, got when missing the same schema at once. */
    record Cold(List<Answer> answers, long requests) {
        double seconds() {
            return answers.stream().mapToLong(Answer::nanos).max().orElse(0) / 1e9;
        }

        long failed() {
            return answers.stream().filter(a -> a.error() != null).count();
        }

        String summary() {
            TreeSet<String> kinds = new TreeSet<>();
            answers.forEach(a -> kinds.add(a.describe()));
            return String.join(", ", kinds);
        }
    }

    record Outage(String mode, double seconds, long warmOk, long warmFailed, long freshOk, long freshFailed,
            double freshSlowest, String warmError, Cold ser, Cold de, String confluent, double recovery) {
        String row() {
            return String.format("| %s | %.2f s | %d / %d | %d / %d, %.2f s | %.2f s | %s | %d | %.2f s | %s | %d | %.2f s |%s",
                    mode, seconds, warmOk, warmFailed, freshOk, freshFailed, freshSlowest, ser.seconds(), ser.summary(),
                    ser.requests(), de.seconds(), de.summary(), de.requests(), recovery,
                    confluent == null ? "" : " " + confluent + " |");
        }
    }

    static Cold cold(FaultProxyProcess proxy, Map<String, String> settings, Consumer<AvroConverter> call)
            throws Exception {
        List<AvroConverter> converters = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            converters.add(converter(settings));
        }
        long before = proxy.count();
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            long started = System.nanoTime();
            for (AvroConverter c : converters) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    try {
                        call.accept(c);
                        return new Answer(System.nanoTime() - started, null);
                    } catch (RuntimeException e) {
                        return new Answer(System.nanoTime() - started, e);
                    }
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return new Cold(answers, proxy.count() - before);
        } finally {
            pool.shutdownNow();
            converters.forEach(AvroConverter::close);
        }
    }

    static Outage outage(String mode, long outageMillis, boolean withConfluent) throws Exception {
        try (RegistryProcess registry = RegistryProcess.start();
                FaultProxyProcess proxy = FaultProxyProcess.start(registry.url())) {
            Map<String, String> settings = settings(proxy.url());
            AvroConverter warm = converter(settings);
            Schema warmSchema = schema("Warm");
            byte[] warmBytes = warm.fromConnectData(TOPIC, warmSchema, value(warmSchema, 1, "cached"));
            warm.toConnectData(TOPIC, warmBytes);
            // Another producer, straight to the registry: its record's id is one we never read.
            AvroConverter other = converter(settings(registry.url()));
            Schema otherSchema = schema("Other");
            byte[] coldBytes = other.fromConnectData("other", otherSchema, value(otherSchema, 2, "cold"));
            other.close();
            Schema coldSchema = schema("Cold");

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong warmOk = new AtomicLong();
            AtomicLong warmFailed = new AtomicLong();
            AtomicLong freshOk = new AtomicLong();
            AtomicLong freshFailed = new AtomicLong();
            AtomicReference<String> warmError = new AtomicReference<>();
            AtomicBoolean coldDone = new AtomicBoolean();
            proxy.mode(mode);
            long started = System.nanoTime();
            // Entering refuse or reset closes open connections: let the client see its pooled one close first, or a
            // cold request could be written into it and fail before the proxy counts it.
            Thread.sleep(200);
            // Records of cached schemas, paced (about 10k/s) so as not to starve the rest on 2 cores.
            Thread warmLoop = new Thread(() -> {
                long n = 0;
                while (!stop.get()) {
                    for (int i = 0; i < 10; i++) {
                        try {
                            warm.fromConnectData(TOPIC, warmSchema, value(warmSchema, ++n, "during the outage"));
                            warm.toConnectData(TOPIC, warmBytes);
                            warmOk.incrementAndGet();
                        } catch (RuntimeException e) {
                            warmFailed.incrementAndGet();
                            warmError.compareAndSet(null, e.toString());
                        }
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "warm");
            // Every 250 ms after the cold misses (whose request counts it would blur), a new converter of the same
            // settings (a restarted task) writes and reads a record of the cached schema. Its reader needs the id's
            // subject versions, expired (latest.cache.ttl.sec=1): fetched, failing after the retries, then the
            // last answer. The time that takes is its first record's.
            AtomicLong freshSlowest = new AtomicLong();
            Thread freshLoop = new Thread(() -> {
                while (!stop.get()) {
                    if (coldDone.get()) {
                        long t0 = System.nanoTime();
                        AvroConverter fresh = converter(settings);
                        try {
                            fresh.fromConnectData(TOPIC, warmSchema, value(warmSchema, 0, "new converter"));
                            fresh.toConnectData(TOPIC, warmBytes);
                            freshOk.incrementAndGet();
                        } catch (RuntimeException e) {
                            freshFailed.incrementAndGet();
                            warmError.compareAndSet(null, "new converter: " + e);
                        } finally {
                            fresh.close();
                        }
                        freshSlowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fresh");
            freshLoop.start();
            warmLoop.start();
            Cold ser = cold(proxy, settings, c -> c.fromConnectData(TOPIC, coldSchema, value(coldSchema, 3, "cold")));
            Cold de = cold(proxy, settings, c -> c.toConnectData(TOPIC, coldBytes));
            String confluent = withConfluent ? confluent(proxy.url(), coldBytes) : null;
            coldDone.set(true);
            long end = Math.max(started + outageMillis * 1_000_000L, System.nanoTime() + 1_500_000_000L);
            // A converter that keeps retrying the cold record (as Connect retries) through the rest of the outage.
            AvroConverter poller = converter(settings);
            CompletableFuture<Long> recovered = new CompletableFuture<>();
            Thread polling = new Thread(() -> {
                while (!recovered.isDone()) {
                    try {
                        poller.toConnectData(TOPIC, coldBytes);
                        recovered.complete(System.nanoTime());
                    } catch (RetriableException e) {
                        // the registry is still away
                    } catch (RuntimeException e) {
                        recovered.completeExceptionally(e);
                    }
                }
            }, "poller");
            polling.start();
            long rest = (end - System.nanoTime()) / 1_000_000;
            if (rest > 0) {
                Thread.sleep(rest);
            }
            proxy.mode("pass");
            long back = System.nanoTime();
            long up = recovered.get(60, TimeUnit.SECONDS);
            stop.set(true);
            warmLoop.join();
            freshLoop.join();
            poller.close();
            // Everything works again, the cold schema included.
            AvroConverter after = converter(settings);
            byte[] bytes = after.fromConnectData(TOPIC, coldSchema, value(coldSchema, 4, "after"));
            SchemaAndValue read = after.toConnectData(TOPIC, bytes);
            assertEquals(4L, ((Struct) read.value()).getInt64("id"));
            assertEquals("cold", ((Struct) after.toConnectData(TOPIC, coldBytes).value()).getString("name"));
            after.close();
            warm.close();
            return new Outage(mode, (back - started) / 1e9, warmOk.get(), warmFailed.get(), freshOk.get(),
                    freshFailed.get(), freshSlowest.get() / 1e9, warmError.get(), ser, de, confluent,
                    Math.max(0, up - back) / 1e9);
        }
    }

    /** What Confluent's converter 7.0.16 throws reading the cold record during the outage (15 s at most). */
    static String confluent(String url, byte[] coldBytes) throws Exception {
        Converter c = new io.confluent.connect.avro.AvroConverter();
        c.configure(settings(url), false);
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "confluent");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        Future<String> f = one.submit(() -> {
            try {
                c.toConnectData(TOPIC, coldBytes);
                return "ok";
            } catch (RuntimeException e) {
                Throwable cause = e.getCause();
                return e.getClass().getSimpleName() + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
            }
        });
        try {
            String what = f.get(15, TimeUnit.SECONDS);
            return String.format("%s in %.2f s", what, (System.nanoTime() - started) / 1e9);
        } catch (TimeoutException e) {
            return "no answer in 15 s";
        } finally {
            one.shutdownNow();
        }
    }

    static void check(Outage o) {
        String m = o.mode();
        assertTrue(o.warmOk() > 0, m + ": no cached record converted");
        assertEquals(0, o.warmFailed() + o.freshFailed(), m + ": records of cached schemas failed: " + o.warmError());
        assertTrue(o.freshOk() > 0, m + ": no new converter converted");
        for (Cold c : List.of(o.ser(), o.de())) {
            String what = m + " " + (c == o.ser() ? "fromConnectData" : "toConnectData") + ": " + c;
            for (Answer a : c.answers()) {
                if (a.error() != null) {
                    assertTrue(a.error() instanceof RetriableException, what + ": not retriable: " + a.error());
                }
            }
            assertTrue(c.seconds() < 20, what);
            if (m.startsWith("trickle")) {
                // A short answer (an id) arrives within the deadline, a schema (~170 bytes at 50 ms) does not.
                assertTrue(c.requests() <= MAX_RETRIES + 1, what + ": a request storm?");
                continue;
            }
            assertEquals(THREADS, c.failed(), what + ": every thread fails while the registry is away");
            for (Answer a : c.answers()) {
                assertEquals(MAX_RETRIES + 1, a.attempts(), what + ": 1 + max.retries attempts: " + a.error());
            }
            if (!m.equals("refuse")) { // a refused connection never reaches the proxy
                assertEquals(MAX_RETRIES + 1, c.requests(), what + ": one request per attempt for 16 converters");
            }
        }
        assertTrue(o.recovery() < 10, m + ": recovery took " + o.recovery() + " s");
    }

    @TestFactory
    Stream<DynamicTest> outages() {
        String env = System.getenv("AVROCONV_FAULT_OUTAGE_SECS");
        long millis = env == null ? 2000 : Long.parseLong(env.trim()) * 1000;
        boolean figures = env != null;
        System.out.println("JVM: our AvroConverter through the fault proxy; " + SETTINGS + "; " + THREADS
                + " threads with a converter each per cold miss");
        System.out.println();
        System.out.println("| mode | outage | cached records ok / failed | new converters ok / failed, slowest first record "
                + "| cold fromConnectData: slowest | exception x attempts | requests "
                + "| cold toConnectData: slowest | exception x attempts | requests | recovery |"
                + (figures ? " Confluent 7.0.16 toConnectData |" : ""));
        System.out.println("|---|--:|--:|--:|--:|---|--:|--:|---|--:|--:|" + (figures ? "---|" : ""));
        return MODES.stream().map(mode -> DynamicTest.dynamicTest(mode, () -> {
            Outage o = outage(mode, millis, figures);
            System.out.println(o.row());
            check(o);
        }));
    }
}
