import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/**
 * The JVM side of scripts/bench.sh: {@code fromConnectData} and {@code toConnectData} of avroconv's converter,
 * Confluent's AvroConverter 7.0.16 and Kafka's JsonConverter, in one JVM, on the same records.
 *
 * <p>The records are target/bench-data/NAME.bin (Avro bodies written by examples/bench-data.rs). They become Connect
 * values once, before any timing, through Confluent's own AvroData, so every converter starts from what a Debezium
 * task would hand it. avroconv's output is checked against Confluent's (same registry, same bytes; equal Connect
 * values) before it is timed; if it differs, or the converter is missing, it is reported "not available" with the
 * reason and never timed.
 *
 * <p>A cell is (shape, converter, direction, threads). Each thread has its own converter instance, as Connect tasks
 * do. A round runs every cell for a fixed time, in an order rotated each round, so that a busy neighbour on a shared
 * machine slows every converter alike. Per cell and round: process CPU ns/record (all JVM threads: GC and JIT
 * included), wall records/s and bytes allocated per record by the converting threads. The JSON written has each
 * metric's median, min and max over the rounds.
 *
 * <p>usage: ConverterBench REGISTRY_URL DATA_DIR OUT_JSON WARMUP_MS CELL_MS ROUNDS SHAPE[:THREADS,...]...
 * (e.g. {@code cdc:1,2 blob-100:1})
 */
public final class ConverterBench {
    static final String OURS = "io.avroconv.connect.AvroConverter";
    static final String[] PEERS = {"avroconv", "confluent", "json"};
    static final String[] DIRECTIONS = {"fromConnectData", "toConnectData"};

    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One shape's records, as Avro bodies and as the Connect values Confluent's AvroData makes of them. */
    static final class Shape {
        final String name;
        final boolean isKey;
        final String topic;
        final int[] threads;
        final List<byte[]> bodies;
        final Schema schema;
        final Object[] values;
        /** Per converter: its serialized records (the input of toConnectData), null when not available. */
        final Map<String, byte[][]> serialized = new HashMap<>();

        Shape(String name, int[] threads, Path dir) throws IOException {
            this.name = name;
            this.isKey = name.equals("key");
            this.topic = "bench-" + name;
            this.threads = threads;
            org.apache.avro.Schema avro =
                    new org.apache.avro.Schema.Parser().parse(Files.readString(dir.resolve(name + ".avsc")));
            bodies = readBodies(dir.resolve(name + ".bin"));
            GenericDatumReader<Object> reader = new GenericDatumReader<>(avro);
            io.confluent.connect.avro.AvroData avroData = new io.confluent.connect.avro.AvroData(100);
            values = new Object[bodies.size()];
            Schema connectSchema = null;
            for (int i = 0; i < values.length; i++) {
                Object generic = reader.read(null, DecoderFactory.get().binaryDecoder(bodies.get(i), null));
                SchemaAndValue sv = avroData.toConnectData(avro, generic);
                connectSchema = sv.schema(); // cached by AvroData: one schema object, as a task's records share
                values[i] = sv.value();
            }
            schema = connectSchema;
        }

        double averageBody() {
            return bodies.stream().mapToInt(b -> b.length).average().orElse(0);
        }
    }

    static List<byte[]> readBodies(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file.toFile())))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException e) {
                    return out;
                }
                byte[] body = new byte[len];
                in.readFully(body);
                out.add(body);
            }
        }
    }

    static Converter newConverter(String peer, String registry, boolean isKey) throws ReflectiveOperationException {
        Converter c;
        Map<String, Object> config = new HashMap<>();
        switch (peer) {
            case "avroconv":
                // By name: the harness compiles and runs without our JAR, and then reports ours as not available.
                c = (Converter) Class.forName(OURS).getConstructor().newInstance();
                config.put("schema.registry.url", registry);
                break;
            case "confluent":
                c = new io.confluent.connect.avro.AvroConverter();
                config.put("schema.registry.url", registry);
                break;
            default:
                // schemas.enable=true (the default): the schema travels in each message, so that toConnectData
                // gives back the same typed values the Avro converters give.
                c = new org.apache.kafka.connect.json.JsonConverter();
                config.put("schemas.enable", true);
                break;
        }
        c.configure(config, isKey);
        return c;
    }

    /** Why avroconv's converter cannot be timed on this shape, or null when its output equals Confluent's. */
    static String checkOurs(Shape s, Converter ours, Converter theirs) {
        byte[][] mine = new byte[s.values.length][];
        for (int i = 0; i < s.values.length; i++) {
            byte[] expected = theirs.fromConnectData(s.topic, s.schema, s.values[i]);
            try {
                mine[i] = ours.fromConnectData(s.topic, s.schema, s.values[i]);
            } catch (RuntimeException e) {
                return "fromConnectData throws " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (!Arrays.equals(mine[i], expected)) {
                return "fromConnectData output differs from Confluent's at record " + i;
            }
            SchemaAndValue want = theirs.toConnectData(s.topic, expected);
            SchemaAndValue got;
            try {
                got = ours.toConnectData(s.topic, expected);
            } catch (RuntimeException e) {
                return "toConnectData throws " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (!want.equals(got)) {
                return "toConnectData result differs from Confluent's at record " + i + ": " + diff(want, got);
            }
        }
        s.serialized.put("avroconv", mine);
        return null;
    }

    /** Where two toConnectData results differ, shortly: the first differing schema attribute or field. */
    static String diff(SchemaAndValue want, SchemaAndValue got) {
        Schema ws = want.schema();
        Schema gs = got.schema();
        if (ws != null && gs != null && !ws.equals(gs)) {
            String[] what = {"type", "name", "version", "doc", "parameters", "optional", "default"};
            Object[][] pairs = {{ws.type(), gs.type()}, {ws.name(), gs.name()}, {ws.version(), gs.version()},
                {ws.doc(), gs.doc()}, {ws.parameters(), gs.parameters()}, {ws.isOptional(), gs.isOptional()},
                {ws.defaultValue(), gs.defaultValue()}};
            for (int k = 0; k < what.length; k++) {
                if (!java.util.Objects.equals(pairs[k][0], pairs[k][1])) {
                    return "schema " + what[k] + ": Confluent " + cut(pairs[k][0]) + ", ours " + cut(pairs[k][1]);
                }
            }
            if (ws.type() == Schema.Type.STRUCT) {
                for (org.apache.kafka.connect.data.Field f : ws.fields()) {
                    org.apache.kafka.connect.data.Field g = gs.field(f.name());
                    if (g == null || !f.equals(g)) {
                        return "schema of field " + f.name() + ": Confluent " + cut(f.schema()) + ", ours "
                                + (g == null ? "none" : cut(g.schema()));
                    }
                }
            }
            return "schema: Confluent " + cut(ws) + ", ours " + cut(gs);
        }
        if (want.value() instanceof org.apache.kafka.connect.data.Struct
                && got.value() instanceof org.apache.kafka.connect.data.Struct) {
            org.apache.kafka.connect.data.Struct w = (org.apache.kafka.connect.data.Struct) want.value();
            org.apache.kafka.connect.data.Struct g = (org.apache.kafka.connect.data.Struct) got.value();
            for (org.apache.kafka.connect.data.Field f : ws.fields()) {
                Object a = w.get(f);
                Object b = g.get(f.name());
                if (!java.util.Objects.deepEquals(a, b)) {
                    return "field " + f.name() + ": Confluent " + cut(a) + ", ours " + cut(b);
                }
            }
        }
        return "value: Confluent " + cut(want.value()) + ", ours " + cut(got.value());
    }

    static String cut(Object o) {
        String s = o == null ? "null" : o instanceof byte[] ? Arrays.toString((byte[]) o) : o.getClass().getSimpleName() + " " + o;
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** One cell: a converter on a shape in one direction with some threads, with an instance per thread. */
    static final class Cell {
        final Shape shape;
        final String peer;
        final String direction;
        final Converter[] converters;
        final List<double[]> samples = new ArrayList<>(); // {cpu ns/record, records/s, bytes/record}

        Cell(Shape shape, String peer, String direction, Converter[] converters) {
            this.shape = shape;
            this.peer = peer;
            this.direction = direction;
            this.converters = converters;
        }

        String label() {
            return shape.name + " " + peer + " " + direction + " x" + converters.length;
        }

        /** Runs every thread for about {@code millis}; returns {cpu ns/record, records/s, bytes/record}. */
        double[] run(long millis) throws InterruptedException {
            int n = converters.length;
            long[] records = new long[n];
            long[] allocated = new long[n];
            CountDownLatch start = new CountDownLatch(1);
            Thread[] threads = new Thread[n];
            long[] deadline = new long[1];
            for (int t = 0; t < n; t++) {
                final int id = t;
                threads[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    records[id] = loop(converters[id], deadline[0]);
                    allocated[id] = THREADS.getCurrentThreadAllocatedBytes() - before;
                });
                threads[t].start();
            }
            long cpu0 = OS.getProcessCpuTime();
            long wall0 = System.nanoTime();
            deadline[0] = wall0 + millis * 1_000_000L;
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long wall = System.nanoTime() - wall0;
            long cpu = OS.getProcessCpuTime() - cpu0;
            long total = Arrays.stream(records).sum();
            long bytes = Arrays.stream(allocated).sum();
            return new double[] {(double) cpu / total, total * 1e9 / wall, (double) bytes / total};
        }

        /** Converts records in turn until the deadline (checked every 16 records); returns how many. */
        long loop(Converter c, long deadline) {
            String topic = shape.topic;
            Object[] values = shape.values;
            byte[][] inputs = shape.serialized.get(peer);
            Schema schema = shape.schema;
            boolean from = direction.equals("fromConnectData");
            long count = 0;
            int i = 0;
            int sink = 0;
            do {
                for (int k = 0; k < 16; k++) {
                    if (from) {
                        sink += c.fromConnectData(topic, schema, values[i]).length;
                    } else {
                        // A null check, not hashCode(): hashing a Struct walks every string, a cost of its own.
                        sink += c.toConnectData(topic, inputs[i]).value() == null ? 1 : 0;
                    }
                    if (++i == values.length) {
                        i = 0;
                    }
                }
                count += 16;
            } while (System.nanoTime() < deadline);
            if (sink == 42) {
                System.err.print(""); // keeps the results alive for the JIT
            }
            return count;
        }
    }

    public static void main(String[] args) throws Exception {
        String registry = args[0];
        Path dir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        long warmupMs = Long.parseLong(args[3]);
        long cellMs = Long.parseLong(args[4]);
        int rounds = Integer.parseInt(args[5]);

        List<Shape> shapes = new ArrayList<>();
        for (int a = 6; a < args.length; a++) {
            String[] parts = args[a].split(":");
            int[] threads = Arrays.stream(parts[1].split(",")).mapToInt(Integer::parseInt).toArray();
            shapes.add(new Shape(parts[0], threads, dir));
        }

        // Converters, their serialized inputs, and the check of ours against Confluent's.
        Map<String, String> unavailable = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, String> oursUnavailable = new LinkedHashMap<>(); // per shape, when its output differs
        List<Cell> cells = new ArrayList<>();
        for (Shape s : shapes) {
            int maxThreads = Arrays.stream(s.threads).max().getAsInt();
            Map<String, Converter[]> instances = new LinkedHashMap<>();
            for (String peer : PEERS) {
                if (unavailable.containsKey(peer)) {
                    continue;
                }
                Converter[] cs = new Converter[maxThreads];
                try {
                    for (int t = 0; t < maxThreads; t++) {
                        cs[t] = newConverter(peer, registry, s.isKey);
                    }
                } catch (ClassNotFoundException e) {
                    unavailable.put(peer, "class " + OURS + " is not on the class path (the converter JAR was not built)");
                    continue;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    unavailable.put(peer, "configure() fails: " + e);
                    continue;
                }
                instances.put(peer, cs);
            }
            Converter confluent = instances.get("confluent")[0];
            byte[][] theirs = new byte[s.values.length][];
            for (int i = 0; i < theirs.length; i++) {
                theirs[i] = confluent.fromConnectData(s.topic, s.schema, s.values[i]);
            }
            s.serialized.put("confluent", theirs);
            // The data is what we meant: Confluent's converter writes back the very bodies the generator wrote.
            for (int i = 0; i < theirs.length; i++) {
                if (!Arrays.equals(Arrays.copyOfRange(theirs[i], 5, theirs[i].length), s.bodies.get(i))) {
                    notes.put(s.name, "Confluent's body for record " + i + " differs from the generated one");
                    break;
                }
            }
            if (instances.containsKey("avroconv")) {
                String why = checkOurs(s, instances.get("avroconv")[0], confluent);
                for (int t = 1; why == null && t < maxThreads; t++) {
                    why = checkOurs(s, instances.get("avroconv")[t], confluent);
                }
                if (why != null) {
                    // Not timed on this shape; the other shapes, where it matched, still are.
                    oursUnavailable.put(s.name, why);
                    instances.remove("avroconv");
                }
            }
            if (instances.containsKey("json")) {
                Converter json = instances.get("json")[0];
                byte[][] mine = new byte[s.values.length][];
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = json.fromConnectData(s.topic, s.schema, s.values[i]);
                }
                s.serialized.put("json", mine);
            }
            for (String direction : DIRECTIONS) {
                for (int threads : s.threads) {
                    for (Map.Entry<String, Converter[]> e : instances.entrySet()) {
                        cells.add(new Cell(s, e.getKey(), direction, Arrays.copyOf(e.getValue(), threads)));
                    }
                }
            }
        }

        int total = cells.size() * (rounds + 1);
        int done = 0;
        for (int round = 0; round <= rounds; round++) {
            // Round 0 warms up (JIT, caches) and is not kept. The order rotates each round.
            int shift = round * Math.max(1, cells.size() / (rounds + 1)) % cells.size();
            for (int k = 0; k < cells.size(); k++) {
                Cell cell = cells.get((k + shift) % cells.size());
                progress(String.format("[jvm] %s %d/%d  %s", round == 0 ? "warm-up" : "round " + round + "/" + rounds,
                        ++done, total, cell.label()));
                double[] sample = cell.run(round == 0 ? warmupMs : cellMs);
                if (round > 0) {
                    cell.samples.add(sample);
                }
            }
        }
        progress("");
        System.err.println("[jvm] done: " + cells.size() + " cells, " + rounds + " rounds");
        Files.writeString(out, json(shapes, cells, unavailable, oursUnavailable, notes, warmupMs, cellMs, rounds));
    }

    static void progress(String line) {
        System.err.print("\r" + String.format("%-100s", line) + "\r");
    }

    static String json(List<Shape> shapes, List<Cell> cells, Map<String, String> unavailable,
            Map<String, String> oursUnavailable, Map<String, String> notes, long warmupMs, long cellMs, int rounds) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"java\": ").append(q(System.getProperty("java.vm.name") + " " + System.getProperty("java.version")))
                .append(",\n");
        b.append(String.format(Locale.ROOT, "  \"warmup_ms\": %d, \"cell_ms\": %d, \"rounds\": %d,%n", warmupMs, cellMs, rounds));
        b.append("  \"unavailable\": {");
        b.append(String.join(", ", unavailable.entrySet().stream().map(e -> q(e.getKey()) + ": " + q(e.getValue())).toList()));
        b.append("},\n  \"avroconv_unavailable_shapes\": {");
        b.append(String.join(", ", oursUnavailable.entrySet().stream().map(e -> q(e.getKey()) + ": " + q(e.getValue())).toList()));
        b.append("},\n  \"notes\": {");
        b.append(String.join(", ", notes.entrySet().stream().map(e -> q(e.getKey()) + ": " + q(e.getValue())).toList()));
        b.append("},\n  \"shapes\": {");
        List<String> sizes = new ArrayList<>();
        for (Shape s : shapes) {
            StringBuilder sb = new StringBuilder(q(s.name) + ": {\"records\": " + s.values.length);
            sb.append(String.format(Locale.ROOT, ", \"avro_body_bytes\": %.1f", s.averageBody()));
            for (Map.Entry<String, byte[][]> e : s.serialized.entrySet()) {
                double avg = Arrays.stream(e.getValue()).mapToInt(x -> x.length).average().orElse(0);
                sb.append(String.format(Locale.ROOT, ", %s: %.1f", q(e.getKey() + "_bytes"), avg));
            }
            sizes.add(sb.append("}").toString());
        }
        b.append(String.join(", ", sizes)).append("},\n  \"cells\": [\n");
        List<String> rows = new ArrayList<>();
        String[] metrics = {"cpu_ns_per_record", "records_per_s", "alloc_bytes_per_record"};
        for (Cell c : cells) {
            StringBuilder r = new StringBuilder(String.format(Locale.ROOT,
                    "    {\"shape\": %s, \"peer\": %s, \"direction\": %s, \"threads\": %d, \"rounds\": %d",
                    q(c.shape.name), q(c.peer), q(c.direction), c.converters.length, c.samples.size()));
            for (int m = 0; m < metrics.length; m++) {
                final int mi = m;
                double[] xs = c.samples.stream().mapToDouble(s -> s[mi]).sorted().toArray();
                double median = xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
                r.append(String.format(Locale.ROOT, ", %s: {\"median\": %.2f, \"min\": %.2f, \"max\": %.2f}",
                        q(metrics[m]), median, xs[0], xs[xs.length - 1]));
            }
            rows.add(r.append("}").toString());
        }
        b.append(String.join(",\n", rows)).append("\n  ]\n}\n");
        return b.toString();
    }

    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
