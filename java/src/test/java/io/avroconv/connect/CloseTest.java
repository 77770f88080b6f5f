package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.RegistryProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} while other threads convert (issue 7 item 6): on the converter they use, and on converters that
 * share native state with theirs (one registry client per registry settings). A use-after-free of a native handle
 * would kill this JVM; here each call must either give the right bytes and values or throw the converter's
 * "closed" {@code ConnectException}, and no call that begins after {@code close()} returned may succeed.
 *
 * <p>The plan caches hold one plan ({@code schemas.cache.config=1}) and the records alternate between two schemas,
 * rebuilt (equal, not identical) half of the time: plans are compiled, dropped from the caches and freed by the
 * cleaner all the time, while a thread that GCs in a loop keeps the cleaner busy. Also: 16 threads with their own
 * converters, all sharing one native registry client, at once.
 */
class CloseTest {
    private static final String TOPIC = "close";
    private static RegistryProcess registry;
    private static Baseline base;

    @BeforeAll
    static void start() {
        registry = RegistryProcess.start();
        AvroConverter baseline = converter();
        base = new Baseline(baseline, TOPIC, 17, 60);
        baseline.close();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static AvroConverter converter() {
        AvroConverter c = new AvroConverter();
        c.configure(Map.of("schema.registry.url", registry.url(), "schemas.cache.config", "1"), false);
        return c;
    }

    /** What the converting threads saw. */
    static final class Outcomes {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong closed = new AtomicLong();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

        void check() {
            assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected outcomes, e.g. "
                    + new ArrayList<>(unexpected).subList(0, Math.min(5, unexpected.size())));
        }
    }

    /**
     * Converts records until {@code stop}; each call gives the right result or the "closed" exception, and none
     * that began after {@code closeReturned} was set succeeds.
     */
    static void convert(AvroConverter c, int offset, AtomicBoolean stop, AtomicBoolean closeReturned, Outcomes o) {
        for (int k = 0; !stop.get(); k++) {
            boolean afterClose = closeReturned != null && closeReturned.get();
            int i = (k + offset) % base.size();
            Schema s = base.schemas.get(i);
            Object v = base.values.get(i);
            if ((k & 2) != 0 && v instanceof Struct) { // an equal schema object, not the same one
                Schema copy = ConnectSchemaJson.parse(ConnectSchemaJson.describe(s));
                v = WalkerTest.normalize(copy, v);
                s = copy;
            }
            try {
                byte[] b = c.fromConnectData(TOPIC, s, v);
                if (!Arrays.equals(base.bytes.get(i), b)) {
                    o.unexpected.add("record " + i + ": other bytes");
                }
                String read = ConnectValues.render(c.toConnectData(TOPIC, base.bytes.get(i)).value());
                if (!base.read.get(i).equals(read)) {
                    o.unexpected.add("record " + i + ": read " + read);
                }
                if (afterClose) {
                    o.unexpected.add("a call that began after close() returned succeeded");
                }
                o.ok.incrementAndGet();
            } catch (ConnectException e) {
                if (e.getClass() == ConnectException.class && e.getMessage().contains("converter is closed")) {
                    o.closed.incrementAndGet();
                } else {
                    o.unexpected.add(e.toString());
                }
            } catch (RuntimeException | Error e) {
                o.unexpected.add(e.toString());
            }
        }
    }

    /** Keeps the cleaner busy: every dropped plan is freed soon, while other calls are in flight. */
    static Thread collector(AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-loop");
        t.start();
        return t;
    }

    @Test
    void closeWhileThreadsConvertOnTheSameConverter() throws Exception {
        Outcomes o = new Outcomes();
        AtomicBoolean stopGc = new AtomicBoolean();
        Thread gc = collector(stopGc);
        Random random = new Random(3);
        for (int round = 0; round < 12; round++) {
            AvroConverter c = converter();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean closeReturned = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 13 + round;
                threads.add(new Thread(() -> convert(c, offset, stop, closeReturned, o), "convert-" + t));
            }
            threads.forEach(Thread::start);
            Thread.sleep(50 + random.nextInt(150));
            c.close();
            closeReturned.set(true);
            c.close(); // twice: harmless
            Thread.sleep(30);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
        stopGc.set(true);
        gc.join();
        System.out.println("close: same converter, 12 rounds: " + o.ok + " calls succeeded, " + o.closed
                + " failed as closed");
        o.check();
        assertTrue(o.ok.get() > 0 && o.closed.get() > 0, o.ok + " ok, " + o.closed + " closed");
    }

    @Test
    void closingConvertersThatShareNativeStateLeavesTheOthersWorking() throws Exception {
        // Equal registry settings: one native registry client for all of them.
        AvroConverter[] converters = new AvroConverter[6];
        for (int i = 0; i < converters.length; i++) {
            converters[i] = converter();
        }
        Outcomes survivors = new Outcomes();
        Outcomes closing = new Outcomes();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean[] closeReturned = new AtomicBoolean[converters.length];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < converters.length; i++) {
            closeReturned[i] = new AtomicBoolean();
            AvroConverter c = converters[i];
            AtomicBoolean returned = closeReturned[i];
            Outcomes o = i >= 3 ? survivors : closing;
            for (int t = 0; t < (i == 0 || i == 5 ? 2 : 1); t++) { // converters 0 and 5 have two threads each
                int offset = i * 7 + t * 29;
                threads.add(new Thread(() -> convert(c, offset, stop, returned, o), "convert-" + i + "-" + t));
            }
        }
        // Short-lived converters with the same settings, opened and closed meanwhile: sessions come and go.
        Outcomes churn = new Outcomes();
        threads.add(new Thread(() -> {
            int n = 0;
            while (!stop.get()) {
                AvroConverter c = converter();
                AtomicBoolean stopOne = new AtomicBoolean();
                Thread t = new Thread(() -> convert(c, 0, stopOne, null, churn));
                t.start();
                try {
                    Thread.sleep(20);
                    c.close();
                    stopOne.set(true);
                    t.join();
                } catch (InterruptedException e) {
                    return;
                }
                n++;
            }
            System.out.println("close: " + n + " short-lived converters opened and closed meanwhile");
        }, "churn"));
        AtomicBoolean stopGc = new AtomicBoolean();
        Thread gc = collector(stopGc);
        threads.forEach(Thread::start);
        Thread.sleep(300);
        for (int i = 0; i < 3; i++) { // converters 0, 1, 2 close while everyone converts
            converters[i].close();
            closeReturned[i].set(true);
            Thread.sleep(150);
        }
        Thread.sleep(300);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        stopGc.set(true);
        gc.join();
        System.out.println("close: shared native state: survivors " + survivors.ok + " ok, " + survivors.closed
                + " closed; closed converters " + closing.ok + " ok, " + closing.closed + " closed; churn "
                + churn.ok + " ok, " + churn.closed + " closed");
        survivors.check();
        closing.check();
        churn.check();
        assertEquals(0, survivors.closed.get(), "converters not closed must keep working");
        assertTrue(survivors.ok.get() > 0 && closing.closed.get() > 0);
        for (int i = 3; i < converters.length; i++) {
            converters[i].close();
        }
        // Every session gone (the native client with them once the cleaner runs): a new one still works.
        System.gc();
        Thread.sleep(100);
        AvroConverter fresh = converter();
        assertArrayEquals(base.bytes.get(0), fresh.fromConnectData(TOPIC, base.schemas.get(0), base.values.get(0)));
        assertEquals(base.read.get(1), ConnectValues.render(fresh.toConnectData(TOPIC, base.bytes.get(1)).value()));
        fresh.close();
        ConnectException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectException.class,
                () -> fresh.toConnectData(TOPIC, base.bytes.get(1)));
        assertEquals("avroconv: the value converter is closed", e.getMessage());
    }

    @Test
    void sixteenThreadsWithTheirOwnConvertersSharingNativeCaches() throws Exception {
        int threads = 16;
        CountDownLatch ready = new CountDownLatch(threads);
        Outcomes o = new Outcomes();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 11;
            workers.add(new Thread(() -> {
                AvroConverter c = new AvroConverter();
                // The default plan cache here: each converter compiles each schema once, all at once.
                c.configure(Map.of("schema.registry.url", registry.url()), false);
                ready.countDown();
                try {
                    ready.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int round = 0; round < 4; round++) {
                    for (int k = 0; k < base.size(); k++) {
                        int i = (k + offset) % base.size();
                        try {
                            if (!Arrays.equals(base.bytes.get(i), c.fromConnectData(TOPIC, base.schemas.get(i), base.values.get(i)))
                                    || !base.read.get(i).equals(ConnectValues.render(
                                            c.toConnectData(TOPIC, base.bytes.get(i)).value()))) {
                                o.unexpected.add("record " + i + " differs");
                            } else {
                                o.ok.incrementAndGet();
                            }
                        } catch (RuntimeException | Error e) {
                            o.unexpected.add(e.toString());
                        }
                    }
                }
                c.close();
            }, "own-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            t.join();
        }
        o.check();
        assertEquals((long) threads * 4 * base.size(), o.ok.get());
    }
}
