package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.avroconv.testing.RegistryProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 8 threads converting at once, each with its own converter and all sharing one: the same bytes and values. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static RegistryProcess registry;
    private static Baseline base;

    @BeforeAll
    static void start() {
        registry = RegistryProcess.start();
        AvroConverter baseline = converter();
        base = new Baseline(baseline, "threads", 5, 400);
        baseline.close();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static AvroConverter converter() {
        AvroConverter c = new AvroConverter();
        c.configure(Map.of("schema.registry.url", registry.url()), false);
        return c;
    }

    @Test
    void eightConvertersAtOnce() throws Exception {
        run(null);
    }

    @Test
    void oneConverterSharedByEightThreads() throws Exception {
        AvroConverter shared = converter();
        run(shared);
        shared.close();
    }

    private static void run(AvroConverter shared) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t * 37;
            results.add(pool.submit(() -> {
                AvroConverter c = shared != null ? shared : converter();
                int n = 0;
                for (int round = 0; round < 5; round++) {
                    for (int k = 0; k < base.size(); k++) {
                        int i = (k + offset) % base.size();
                        // Rebuilt per record half of the time: equal, not identical, schemas.
                        Schema s = base.schemas.get(i);
                        Object v = base.values.get(i);
                        if ((round & 1) == 1 && v instanceof Struct) {
                            Schema copy = ConnectSchemaJson.parse(ConnectSchemaJson.describe(s));
                            v = WalkerTest.normalize(copy, v); // new Structs under the copy
                            s = copy;
                        }
                        assertArrayEquals(base.bytes.get(i), c.fromConnectData("threads", s, v));
                        assertEquals(base.read.get(i), ConnectValues.render(c.toConnectData("threads", base.bytes.get(i)).value()));
                        n++;
                    }
                }
                if (shared == null) {
                    c.close();
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        pool.shutdown();
        assertEquals(THREADS * 5 * base.size(), total);
    }
}
