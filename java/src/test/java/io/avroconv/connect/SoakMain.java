package io.avroconv.connect;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import io.avroconv.testing.RegistryProcess;
import io.avroconv.testing.TestPaths;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The soak (issue 7 item 3), run in a JVM of its own by {@code SoakTest} (and so by {@code scripts/soak.sh}):
 * RECORDS {@code cdc} records (target/bench-data/cdc.bin, from examples/bench-data.rs) through {@code
 * fromConnectData} then {@code toConnectData} on 2 threads, each with its own value converter on the test registry.
 * Every 100th record of a thread starts a new schema version (the cdc fields plus one optional field with a fresh
 * name), so the registry registers a new version and every cache (the converter's plans, the registry client's)
 * fills and evicts. Every evolved record and every 10th other one is checked field by field after the round trip.
 *
 * <p>Once a second: VmRSS, heap used, heap after the last GC, live native plans and registry cache entries, into a
 * CSV. At the end: the figure lines ({@code soak: ...}), then the caches against their bounds. Exit 0 when every
 * record came back equal, no call failed and no cache exceeded its bound; 1 otherwise.
 *
 * <p>usage: SoakMain RECORDS CSV [SCHEMAS_CACHE] (SCHEMAS_CACHE sets both {@code schemas.cache.config} and {@code
 * max.schemas.per.subject}; default: Confluent's defaults, 1000 and 1000). Needs -Davroconv.test.root.
 */
public final class SoakMain {
    static final int THREADS = 2;
    static final int EVOLVE_EVERY = 100;
    static final double WARM_UP = 0.2;
    static final String TOPIC = "soak-cdc";

    private SoakMain() {}

    /** One second's sample. */
    static final class Sample {
        double seconds;
        long records;
        long rssKb;
        long heapUsed;
        long heapAfterGc;
        Properties stats;
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(args[0]);
        Path csv = Path.of(args[1]);
        Integer bound = args.length > 2 ? Integer.valueOf(args[2]) : null;
        List<Struct> pool = cdcValues();
        Schema base = pool.get(0).schema();
        List<String> failures = new ArrayList<>();
        try (RegistryProcess registry = RegistryProcess.start()) {
            Map<String, String> config = new HashMap<>();
            config.put("schema.registry.url", registry.url());
            if (bound != null) {
                config.put("schemas.cache.config", bound.toString());
                config.put("max.schemas.per.subject", bound.toString());
            }
            AvroConverter[] converters = new AvroConverter[THREADS];
            for (int t = 0; t < THREADS; t++) {
                converters[t] = new AvroConverter();
                converters[t].configure(config, false);
            }
            AtomicLong done = new AtomicLong();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            long perThread = records / THREADS;
            long total = perThread * THREADS;
            Thread[] workers = new Thread[THREADS];
            long start = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers[t] = new Thread(() -> work(thread, converters[thread], base, pool, perThread, done, errors),
                        "soak-" + t);
                workers[t].start();
            }
            List<Sample> samples = new ArrayList<>();
            Sample warm = null;
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
                out.println("seconds,records,rss_kb,heap_used_mb,heap_after_gc_mb,native_writers,native_readers,"
                        + "plans_by_identity,plans_by_equality,plans_readers,registry_by_id,registry_registered,"
                        + "registry_id_versions,registry_versions,registry_lookups");
                boolean running = true;
                for (long tick = 1; running; tick++) {
                    long wait = start + tick * 1_000_000_000L - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    running = false;
                    for (Thread w : workers) {
                        running |= w.isAlive();
                    }
                    Sample s = sample(start, done.get(), converters[0]);
                    samples.add(s);
                    if (warm == null && s.records >= total * WARM_UP) {
                        warm = s;
                    }
                    out.printf(Locale.ROOT, "%.1f,%d,%d,%.1f,%.1f,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", s.seconds,
                            s.records, s.rssKb, s.heapUsed / 1e6, s.heapAfterGc / 1e6,
                            s.stats.get("handles.writers"), s.stats.get("handles.readers"),
                            s.stats.get("plans.byIdentity"), s.stats.get("plans.byEquality"),
                            s.stats.get("plans.readers"), s.stats.get("registry.by_id"),
                            s.stats.get("registry.registered"), s.stats.get("registry.id_versions"),
                            s.stats.get("registry.versions"), s.stats.get("registry.lookups"));
                    out.flush();
                    if (samples.size() % 10 == 0) {
                        System.out.printf(Locale.ROOT, "soak progress: %,d of %,d records, RSS %,d MB%n", s.records,
                                total, s.rssKb / 1024);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            failures.addAll(errors);
            Sample end = samples.get(samples.size() - 1);
            if (warm == null) {
                warm = samples.get(0);
            }
            report(total, seconds, samples, warm, end, bound, converters, failures);
            for (AvroConverter c : converters) {
                c.close();
            }
        }
        if (!failures.isEmpty()) {
            System.out.println("soak: FAILED, " + failures.size() + " problems, e.g.:");
            failures.stream().limit(10).forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
        System.out.println("soak: ok");
        System.exit(0);
    }

    /** One thread's share: evolve every 100th record, write, read, check. */
    static void work(int thread, AvroConverter c, Schema base, List<Struct> pool, long n, AtomicLong done,
            ConcurrentLinkedQueue<String> errors) {
        Schema schema = base;
        String extra = null;
        int version = 0;
        long pending = 0;
        for (long i = 0; i < n; i++) {
            boolean evolved = i % EVOLVE_EVERY == 0;
            if (evolved) {
                // A field no version had before: the registry registers a new version (compatible: optional).
                extra = "x" + thread + "_" + version++;
                SchemaBuilder b = SchemaBuilder.struct().name(base.name());
                for (Field f : base.fields()) {
                    b.field(f.name(), f.schema());
                }
                schema = b.field(extra, Schema.OPTIONAL_STRING_SCHEMA).build();
            }
            Struct from = pool.get((int) ((i * 7 + thread) % pool.size()));
            Struct value = new Struct(schema);
            for (Field f : base.fields()) {
                value.put(f.name(), from.get(f));
            }
            value.put(extra, (i & 1) == 0 ? null : "value " + i);
            try {
                byte[] bytes = c.fromConnectData(TOPIC, schema, value);
                SchemaAndValue back = c.toConnectData(TOPIC, bytes);
                if (evolved || i % 10 == 0) {
                    String diff = diff(value, back);
                    if (diff != null) {
                        errors.add("thread " + thread + " record " + i + ": " + diff);
                    }
                }
            } catch (RuntimeException e) {
                errors.add("thread " + thread + " record " + i + ": " + e);
            }
            if (errors.size() > 100) {
                return; // enough to report; stop early rather than fill the heap
            }
            if (++pending == 1000) {
                done.addAndGet(pending);
                pending = 0;
            }
        }
        done.addAndGet(pending);
    }

    /** Null when the record read back has the written fields, by name, with equal values; else what differs. */
    static String diff(Struct written, SchemaAndValue back) {
        if (!(back.value() instanceof Struct)) {
            return "read back " + back.value();
        }
        Struct read = (Struct) back.value();
        if (back.schema().version() == null) {
            return "the schema read back has no registry version";
        }
        if (read.schema().fields().size() != written.schema().fields().size()) {
            return "read " + read.schema().fields().size() + " fields, wrote " + written.schema().fields().size();
        }
        for (Field f : written.schema().fields()) {
            if (read.schema().field(f.name()) == null) {
                return "field " + f.name() + " missing";
            }
            if (!Objects.equals(written.get(f), read.get(f.name()))) {
                return "field " + f.name() + ": wrote " + written.get(f) + ", read " + read.get(f.name());
            }
        }
        return null;
    }

    static Sample sample(long start, long records, AvroConverter c) throws IOException {
        Sample s = new Sample();
        s.seconds = (System.nanoTime() - start) / 1e9;
        s.records = records;
        s.rssKb = rssKb();
        s.heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        s.heapAfterGc = heapAfterLastGc();
        s.stats = stats(c);
        return s;
    }

    static Properties stats(AvroConverter c) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(c.stats()));
        return p;
    }

    /** VmRSS of this process, in kB. */
    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** The heap pools' usage after the most recent collection of any collector (0 before the first). */
    static long heapAfterLastGc() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        GcInfo last = null;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            GcInfo info = ((GarbageCollectorMXBean) b).getLastGcInfo();
            if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
                last = info;
            }
        }
        if (last == null) {
            return 0;
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : last.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }

    static void report(long total, double seconds, List<Sample> samples, Sample warm, Sample end, Integer bound,
            AvroConverter[] converters, List<String> failures) throws Exception {
        long maxRss = 0;
        long minAfterGc = Long.MAX_VALUE;
        long maxAfterGc = 0;
        long maxWriters = 0;
        long maxReaders = 0;
        for (Sample s : samples) {
            if (s.seconds >= warm.seconds) {
                maxRss = Math.max(maxRss, s.rssKb);
                if (s.heapAfterGc > 0) {
                    minAfterGc = Math.min(minAfterGc, s.heapAfterGc);
                    maxAfterGc = Math.max(maxAfterGc, s.heapAfterGc);
                }
            }
            maxWriters = Math.max(maxWriters, Long.parseLong(s.stats.getProperty("handles.writers")));
            maxReaders = Math.max(maxReaders, Long.parseLong(s.stats.getProperty("handles.readers")));
        }
        if (minAfterGc == Long.MAX_VALUE) {
            minAfterGc = 0;
        }
        System.out.printf(Locale.ROOT, "soak: %,d records (cdc, %d threads, a new schema version every %d records: "
                + "%,d versions) in %.1f s, %,.0f records/s%n", total, THREADS, EVOLVE_EVERY,
                (total + EVOLVE_EVERY - 1) / EVOLVE_EVERY, seconds, total / seconds);
        System.out.printf(Locale.ROOT, "soak: RSS %,d MB at warm-up end (%,d records, %.0f s), %,d MB at the end, "
                + "%,d MB at most after warm-up: growth %+.1f%% (end), %+.1f%% (max)%n", warm.rssKb / 1024,
                warm.records, warm.seconds, end.rssKb / 1024, maxRss / 1024,
                100.0 * (end.rssKb - warm.rssKb) / warm.rssKb, 100.0 * (maxRss - warm.rssKb) / warm.rssKb);
        System.out.printf(Locale.ROOT, "soak: heap after GC %.0f-%.0f MB after warm-up (max heap %.0f MB)%n",
                minAfterGc / 1e6, maxAfterGc / 1e6, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()
                        / 1e6);
        Properties running = end.stats;
        // The cleaner frees plans once the GC finds them unreachable: what is left after a full GC is what the
        // caches hold.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Properties[] after = new Properties[converters.length];
        for (int t = 0; t < converters.length; t++) {
            after[t] = stats(converters[t]);
        }
        int planBound = Integer.parseInt(after[0].getProperty("plans.bound"));
        long registryBound = Long.parseLong(after[0].getProperty("registry.bound"));
        // Per converter: writers in the identity and equality maps (distinct objects at most 2 x bound), readers in
        // one map (bound), plus each thread's last writer and reader.
        long writerBound = (long) converters.length * (2L * planBound + THREADS);
        long readerBound = (long) converters.length * (planBound + THREADS);
        long writers = Long.parseLong(after[0].getProperty("handles.writers"));
        long readers = Long.parseLong(after[0].getProperty("handles.readers"));
        System.out.printf(Locale.ROOT, "soak: native plans after a full GC: %,d writers (bound %,d), %,d readers "
                + "(bound %,d); during the run at most %,d writers and %,d readers (freed by the cleaner after GC)%n",
                writers, writerBound, readers, readerBound, maxWriters, maxReaders);
        check(failures, writers <= writerBound, "live writer plans " + writers + " > " + writerBound);
        check(failures, readers <= readerBound, "live reader plans " + readers + " > " + readerBound);
        StringBuilder plans = new StringBuilder();
        for (int t = 0; t < converters.length; t++) {
            for (String k : new String[] {"plans.byIdentity", "plans.byEquality", "plans.readers"}) {
                long n = Long.parseLong(after[t].getProperty(k));
                plans.append(t == 0 && plans.length() == 0 ? "" : ", ").append(k.substring(6)).append('[').append(t)
                        .append("] ").append(n);
                check(failures, n <= planBound, "converter " + t + " " + k + " " + n + " > " + planBound);
            }
        }
        System.out.printf(Locale.ROOT, "soak: Java plan maps (bound %,d each, schemas.cache.config): %s%n", planBound,
                plans);
        StringBuilder reg = new StringBuilder();
        for (String name : new String[] {"by_id", "registered", "lookups", "latest", "versions", "id_versions",
            "missing"}) {
            long n = Long.parseLong(after[0].getProperty("registry." + name));
            reg.append(reg.length() == 0 ? "" : ", ").append(name).append(' ').append(n).append(" (")
                    .append(running.getProperty("registry." + name)).append(" before GC)");
            check(failures, n <= registryBound, "registry cache " + name + " " + n + " > " + registryBound);
        }
        System.out.printf(Locale.ROOT, "soak: registry client caches (%s shared client(s), bound %,d each, "
                + "max.schemas.per.subject): %s%n", after[0].getProperty("registry.clients"), registryBound, reg);
        if (bound != null) {
            System.out.println("soak: bounds set by the run: schemas.cache.config=max.schemas.per.subject=" + bound);
        }
    }

    private static void check(List<String> failures, boolean ok, String problem) {
        if (!ok) {
            failures.add(problem);
        }
    }

    /** The cdc records of examples/bench-data.rs as Connect values, through Confluent's AvroData as a task sees them. */
    static List<Struct> cdcValues() throws Exception {
        Path dir = TestPaths.root().resolve("target/bench-data");
        Path bin = dir.resolve("cdc.bin");
        if (!Files.exists(bin)) {
            Process p = new ProcessBuilder("cargo", "run", "-q", "--locked", "--example", "bench-data", "--",
                    dir.toString()).directory(TestPaths.root().toFile()).inheritIO().start();
            if (p.waitFor() != 0 || !Files.exists(bin)) {
                throw new IllegalStateException("cargo run --example bench-data failed");
            }
        }
        org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(
                Files.readString(TestPaths.root().resolve("benches/shapes/cdc.avsc")));
        GenericDatumReader<Object> reader = new GenericDatumReader<>(avro);
        io.confluent.connect.avro.AvroData avroData = new io.confluent.connect.avro.AvroData(100);
        List<Struct> values = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(bin.toFile())))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                byte[] body = new byte[len];
                in.readFully(body);
                Object generic = reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
                values.add((Struct) avroData.toConnectData(avro, generic).value());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no records in " + bin);
        }
        return values;
    }
}
