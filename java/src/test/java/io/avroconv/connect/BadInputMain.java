package io.avroconv.connect;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Bad input through the converter (issue 7 item 4), run by {@code BadInputTest} in a JVM under {@code -Xcheck:jni}:
 * <ul>
 * <li>100,000 byte arrays to {@code toConnectData}: random bytes, and valid frames of several schemas with bits
 * flipped, cut short, bytes inserted or removed, a wrong magic byte, unknown/zero/negative ids or another schema's
 * id, huge lengths and counts, endless varints, constant fills. Each must give a value or a {@code DataException}
 * with a message.
 * <li>1,000 malformed Connect values to {@code fromConnectData}: a wrong Java class for a field (at every depth:
 * struct fields, array items, map keys and values), a required field missing (null), and values that do not match
 * their schema (a struct of another schema, a decimal of another scale, a Date with a time of day, a Time with a
 * date, an enum symbol not in the enum, a fixed of the wrong size, a union with no branch), at the top level too
 * (wrong class, null, another struct), and schemaless values of classes AvroData refuses. Each must be a
 * {@code DataException} with a <b>useful</b> message: not empty, and naming where the problem is, i.e. containing
 * the field's path as the converter prints it ({@code a.b}, {@code a[]}, {@code a{key}}) when the problem is inside
 * the value, and otherwise naming the problem (the offending Java class, "null", "schema").
 * </ul>
 * Prints the figure ({@code bad input: ...}) and {@code bad-input: ok}; exits 1 on any other outcome. Deterministic
 * for a seed. usage: BadInputMain REGISTRY_URL [PAYLOADS] [VALUES] [SEED]
 */
public final class BadInputMain {
    static final String TOPIC = "bad-input";
    private static final java.lang.reflect.Field STRUCT_VALUES;

    static {
        try {
            STRUCT_VALUES = Struct.class.getDeclaredField("values");
            STRUCT_VALUES.setAccessible(true); // to build Structs that Struct.put would refuse
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private BadInputMain() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int payloads = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int malformed = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
        AvroConverter converter = new AvroConverter();
        // Enhanced schema support: Connect strings with enum parameters are written as Avro enums (which refuse
        // other symbols), as AvroData does with it; without it they are plain strings.
        converter.configure(Map.of("schema.registry.url", url, "enhanced.avro.schema.support", "true"), false);
        List<String> failures = new ArrayList<>();
        List<Schema> schemas = schemas();

        int[] read = readBytes(converter, schemas, payloads, new Random(seed), failures);
        System.out.printf(Locale.ROOT, "bad input: %,d byte arrays to toConnectData: %,d values, %,d DataExceptions, "
                + "%,d other outcomes%n", payloads, read[0], read[1], read[2]);
        int[] written = writeValues(converter, schemas, malformed, new Random(seed + 1), failures);
        System.out.printf(Locale.ROOT, "bad input: %,d malformed Connect values to fromConnectData: %,d "
                + "DataExceptions with a useful message, %,d other outcomes (kinds: %s)%n", malformed, written[0],
                written[1], KINDS_SEEN);
        converter.close();
        BYTE_EXAMPLES.forEach((kind, m) -> System.out.println("bad input example: bytes, " + kind + ": " + m));
        EXAMPLES.forEach((kind, m) -> System.out.println("bad input example: " + kind + ": " + m));
        System.out.printf(Locale.ROOT, "bad input: %,d tried, %d crashes, %d other outcomes%n", payloads + malformed,
                0, read[2] + written[1]);
        if (!failures.isEmpty()) {
            System.out.println("bad-input: FAILED, " + failures.size() + " problems, e.g.:");
            failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
        System.out.println("bad-input: ok");
        System.exit(0);
    }

    /** The every-type record, Debezium's types, the cdc shape, an enum/fixed/union record, a key-like string. */
    static List<Schema> schemas() {
        io.confluent.connect.avro.AvroData avroData = new io.confluent.connect.avro.AvroData(100);
        Schema odd = avroData.toConnectSchema(new org.apache.avro.Schema.Parser().parse("{\"type\":\"record\","
                + "\"name\":\"Odd\",\"namespace\":\"bad\",\"fields\":[{\"name\":\"color\",\"type\":{\"type\":\"enum\","
                + "\"name\":\"Color\",\"symbols\":[\"RED\",\"GREEN\"]}},{\"name\":\"hash\",\"type\":{\"type\":"
                + "\"fixed\",\"name\":\"Hash\",\"size\":4}},{\"name\":\"either\",\"type\":[\"int\",\"string\"]},"
                + "{\"name\":\"n\",\"type\":\"long\"}]}"));
        Schema cdc;
        try {
            cdc = avroData.toConnectSchema(new org.apache.avro.Schema.Parser().parse(java.nio.file.Files.readString(
                    io.avroconv.testing.TestPaths.root().resolve("benches/shapes/cdc.avsc"))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.of(DifferentialTest.everyType(), DifferentialTest.debezium(), cdc, odd, Schema.STRING_SCHEMA,
                SchemaBuilder.array(Schema.INT64_SCHEMA).build());
    }

    // ---- byte arrays -------------------------------------------------------------------------------------------

    static int[] readBytes(AvroConverter c, List<Schema> schemas, int n, Random random, List<String> failures) {
        ConnectValues.Generator gen = new ConnectValues.Generator(11);
        List<byte[]> valid = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (Schema s : schemas) {
            for (int i = 0, made = 0; made < 8 && i < 200; i++) {
                try {
                    byte[] b = c.fromConnectData(TOPIC, s, gen.value(s, 0));
                    if (b != null) {
                        valid.add(b);
                        made++;
                        int id = id(b);
                        if (!ids.contains(id)) {
                            ids.add(id);
                        }
                    }
                } catch (DataException e) {
                    // a generated value Connect refuses
                }
            }
        }
        // Schemaless values too: they read through the ANYTHING schema.
        valid.add(c.fromConnectData(TOPIC, null, List.of(1, "two", Map.of("k", 3.5), List.of(true))));
        int values = 0;
        int dataExceptions = 0;
        int other = 0;
        for (int i = 0; i < n; i++) {
            byte[] base = valid.get(random.nextInt(valid.size()));
            String kind;
            byte[] input;
            switch (i % 12) {
                case 0:
                    kind = "random";
                    input = new byte[random.nextInt(65)];
                    random.nextBytes(input);
                    break;
                case 1:
                    kind = "random body";
                    input = new byte[5 + random.nextInt(60)];
                    random.nextBytes(input);
                    System.arraycopy(base, 0, input, 0, 5);
                    break;
                case 2: {
                    kind = "bit flips";
                    input = base.clone();
                    for (int k = 0, flips = 1 + random.nextInt(8); k < flips; k++) {
                        input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                }
                case 3:
                    kind = "truncated";
                    input = Arrays.copyOf(base, random.nextInt(base.length));
                    break;
                case 4: {
                    kind = "inserted bytes";
                    byte[] extra = new byte[1 + random.nextInt(8)];
                    random.nextBytes(extra);
                    input = splice(base, 5 + random.nextInt(base.length - 4), 0, extra);
                    break;
                }
                case 5: {
                    kind = "removed bytes";
                    int at = 5 + random.nextInt(Math.max(1, base.length - 5));
                    input = splice(base, Math.min(at, base.length), Math.min(1 + random.nextInt(8),
                            base.length - Math.min(at, base.length)), new byte[0]);
                    break;
                }
                case 6:
                    kind = "wrong magic";
                    input = base.clone();
                    input[0] = (byte) (1 + random.nextInt(255));
                    break;
                case 7: {
                    kind = "wrong id";
                    input = base.clone();
                    int[] choices = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000 + random.nextInt(50),
                        ids.get(ids.size() - 1) + 1 + random.nextInt(20)};
                    putId(input, choices[random.nextInt(choices.length)]);
                    break;
                }
                case 8:
                    kind = "another schema's id";
                    input = base.clone();
                    putId(input, ids.get(random.nextInt(ids.size())));
                    break;
                case 9: {
                    kind = "huge length";
                    long[] huge = {Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE, -1,
                        -2, 1L << 40};
                    byte[] varint = zigzag(huge[random.nextInt(huge.length)]);
                    int at = 5 + random.nextInt(base.length - 4);
                    // replace what is there (a length, a count, anything) or insert before it
                    input = splice(base, at, random.nextBoolean() ? Math.min(1, base.length - at) : 0, varint);
                    break;
                }
                case 10: {
                    kind = "endless varint";
                    input = Arrays.copyOf(base, base.length + 1 + random.nextInt(12));
                    int from = 5 + random.nextInt(base.length - 4);
                    Arrays.fill(input, Math.min(from, input.length - 1), input.length, (byte) 0xff);
                    break;
                }
                default: {
                    kind = "constant fill";
                    input = new byte[5 + random.nextInt(40)];
                    byte[] fills = {0, (byte) 0xff, (byte) 0x80, 0x7f, 0x01};
                    Arrays.fill(input, fills[random.nextInt(fills.length)]);
                    System.arraycopy(base, 0, input, 0, 5);
                    break;
                }
            }
            try {
                c.toConnectData(TOPIC, input);
                values++;
            } catch (DataException e) {
                dataExceptions++;
                // Useful here: says what is wrong with the payload and names the topic (BOUNDARY.md).
                String m = e.getMessage();
                if (m == null || m.isBlank() || !m.contains(TOPIC)) {
                    other++;
                    failures.add(kind + " " + Differential.hex(input) + ": a DataException without a useful "
                            + "message: " + m);
                } else {
                    BYTE_EXAMPLES.putIfAbsent(kind, m);
                }
            } catch (RuntimeException | Error e) {
                other++;
                failures.add(kind + " " + Differential.hex(input) + ": " + e);
            }
        }
        return new int[] {values, dataExceptions, other};
    }

    static int id(byte[] frame) {
        return (frame[1] & 0xff) << 24 | (frame[2] & 0xff) << 16 | (frame[3] & 0xff) << 8 | (frame[4] & 0xff);
    }

    static void putId(byte[] frame, int id) {
        frame[1] = (byte) (id >>> 24);
        frame[2] = (byte) (id >>> 16);
        frame[3] = (byte) (id >>> 8);
        frame[4] = (byte) id;
    }

    static byte[] zigzag(long v) {
        long z = (v << 1) ^ (v >> 63);
        byte[] out = new byte[10];
        int n = 0;
        while ((z & ~0x7fL) != 0) {
            out[n++] = (byte) ((z & 0x7f) | 0x80);
            z >>>= 7;
        }
        out[n++] = (byte) z;
        return Arrays.copyOf(out, n);
    }

    static byte[] splice(byte[] base, int at, int remove, byte[] insert) {
        byte[] out = new byte[base.length - remove + insert.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(base, at + remove, out, at + insert.length, base.length - at - remove);
        return out;
    }

    // ---- malformed Connect values ------------------------------------------------------------------------------

    static final Map<String, Integer> KINDS_SEEN = new TreeMap<>();
    /** The first message per kind, printed: what a user sees. */
    static final Map<String, String> EXAMPLES = new TreeMap<>();
    static final Map<String, String> BYTE_EXAMPLES = new TreeMap<>();

    /** Where a bad value goes: steps from the record down (field index, list index, map key / value). */
    static final class Site {
        final List<Object[]> steps;
        final Schema schema;
        final String path;
        /** A struct field with a default: a null there is read as the default, so it is not "missing". */
        final boolean hasDefault;

        Site(List<Object[]> steps, Schema schema, String path, boolean hasDefault) {
            this.steps = new ArrayList<>(steps);
            this.schema = schema;
            this.path = path;
            this.hasDefault = hasDefault;
        }
    }

    /** A malformed value and what a useful message about it must contain. */
    static final class Case {
        final String kind;
        final Schema schema;
        final Object value;
        final List<String> mustMention;

        Case(String kind, Schema schema, Object value, String... mustMention) {
            this.kind = kind;
            this.schema = schema;
            this.value = value;
            this.mustMention = List.of(mustMention);
        }
    }

    static int[] writeValues(AvroConverter c, List<Schema> schemas, int n, Random random, List<String> failures) {
        ConnectValues.Generator gen = new ConnectValues.Generator(13);
        int useful = 0;
        int other = 0;
        for (int i = 0; i < n; i++) {
            Case k = malformed(c, schemas, gen, random, i);
            KINDS_SEEN.merge(k.kind, 1, Integer::sum);
            try {
                byte[] b = c.fromConnectData(TOPIC, k.schema, k.value);
                other++;
                failures.add(k.kind + ": accepted (" + (b == null ? "null" : b.length + " bytes") + "): "
                        + ConnectValues.render(k.value));
            } catch (DataException e) {
                String m = e.getMessage();
                List<String> missing = new ArrayList<>();
                for (String token : k.mustMention) {
                    if (m == null || !m.contains(token)) {
                        missing.add(token);
                    }
                }
                if (m == null || m.isBlank() || !missing.isEmpty()) {
                    other++;
                    failures.add(k.kind + ": the message does not mention " + missing + ": " + m);
                } else {
                    useful++;
                    EXAMPLES.putIfAbsent(k.kind, m);
                }
            } catch (RuntimeException | Error e) {
                other++;
                failures.add(k.kind + ": " + e);
            }
        }
        return new int[] {useful, other};
    }

    /** Case {@code i}: the kind cycles, the schema, value and site come from {@code random}. */
    static Case malformed(AvroConverter c, List<Schema> schemas, ConnectValues.Generator gen, Random random, int i) {
        int kind = i % 8;
        if (kind == 6) { // top level
            Schema s = schemas.get(random.nextInt(4));
            switch (random.nextInt(3)) {
                case 0: {
                    Object bad = wrongValue(s, random);
                    return new Case("top-level wrong class", s, bad, bad.getClass().getName());
                }
                case 1:
                    return new Case("top-level null", s, null, "null");
                default: {
                    Schema other = schemas.get((schemas.indexOf(s) + 1) % 4);
                    return new Case("top-level struct of another schema", s, valid(c, other, gen), "schema");
                }
            }
        }
        if (kind == 7) { // schemaless values of classes AvroData refuses, alone or inside a list or map
            Object[] refused = {new java.util.Date(0), new byte[] {1}, ByteBuffer.wrap(new byte[] {2}),
                new BigDecimal("1.5"), new Struct(SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build())
                    .put("a", 1), new Object(), new java.util.UUID(1, 2), 'c'};
            Object bad = refused[random.nextInt(refused.length)];
            Object value = random.nextBoolean() ? bad : random.nextBoolean() ? List.of(1, bad)
                    : Map.of("k", List.of(bad));
            return new Case("schemaless " + bad.getClass().getSimpleName(), null, value,
                    "Unknown Java type", bad.getClass().getName());
        }
        for (int tries = 0; ; tries++) {
            Schema s = schemas.get(random.nextInt(4));
            Object value = valid(c, s, gen);
            List<Site> sites = new ArrayList<>();
            sites(s, value, new ArrayList<>(), "", false, random, sites);
            sites.remove(0); // the record itself: kind 6
            Site site;
            Object bad;
            String name;
            switch (kind) {
                case 0: // a wrong Java class for a field
                case 1: // ... for an array item or a map key or value
                    site = pick(sites, random, x -> kind == 0 ? !x.path.endsWith("]") && !x.path.endsWith("}")
                            : x.path.endsWith("[]") || x.path.endsWith("{key}") || x.path.endsWith("{value}"));
                    if (site == null) {
                        continue;
                    }
                    bad = wrongValue(site.schema, random);
                    name = kind == 0 ? "wrong class" : "wrong class in a collection";
                    return new Case(name, s, replace(s, value, site.steps, 0, bad), site.path,
                            bad.getClass().getName());
                case 2: // a required field missing
                case 3: // ... or a null where a collection needs a value
                    site = pick(sites, random, x -> !x.schema.isOptional() && !x.hasDefault
                            && (kind == 2 ? !x.path.endsWith("]") && !x.path.endsWith("}")
                                    : x.path.endsWith("]") || x.path.endsWith("}")));
                    if (site == null) {
                        continue;
                    }
                    name = kind == 2 ? "required field missing" : "null item in a collection";
                    return new Case(name, s, replace(s, value, site.steps, 0, null), site.path, "null");
                default: { // a value of the right class that does not match its schema
                    site = pick(sites, random, x -> mismatch(x.schema, random) != null);
                    if (site == null) {
                        if (tries > 50) {
                            throw new IllegalStateException("no site for a mismatch");
                        }
                        continue;
                    }
                    Object[] m = mismatch(site.schema, random);
                    return new Case((String) m[0], s, replace(s, value, site.steps, 0, m[1]), site.path);
                }
            }
        }
    }

    /** A value of {@code s} the converter accepts (values the generator makes that Connect refuses are skipped). */
    static Object valid(AvroConverter c, Schema s, ConnectValues.Generator gen) {
        for (int i = 0; ; i++) {
            Object v = gen.value(s, 0);
            if (v == null) {
                continue;
            }
            try {
                c.fromConnectData(TOPIC, s, v);
                return v;
            } catch (DataException e) {
                if (i > 1000) {
                    throw e;
                }
            }
        }
    }

    static Site pick(List<Site> sites, Random random, java.util.function.Predicate<Site> ok) {
        List<Site> eligible = new ArrayList<>();
        for (Site s : sites) {
            if (ok.test(s)) {
                eligible.add(s);
            }
        }
        return eligible.isEmpty() ? null : eligible.get(random.nextInt(eligible.size()));
    }

    /** Every node of the value (a random item of each list and entry of each map), with its path. */
    static void sites(Schema s, Object v, List<Object[]> steps, String path, boolean hasDefault, Random random,
            List<Site> out) {
        out.add(new Site(steps, s, path, hasDefault));
        if (v == null) {
            return;
        }
        switch (s.type()) {
            case STRUCT: {
                Object[] raw = raw((Struct) v);
                List<Field> fields = s.fields();
                for (int i = 0; i < fields.size(); i++) {
                    Field f = fields.get(i);
                    steps.add(new Object[] {"field", i});
                    sites(f.schema(), raw[i], steps, path.isEmpty() ? f.name() : path + "." + f.name(),
                            f.schema().defaultValue() != null, random, out);
                    steps.remove(steps.size() - 1);
                }
                break;
            }
            case ARRAY: {
                List<?> list = (List<?>) v;
                if (!list.isEmpty()) {
                    int i = random.nextInt(list.size());
                    steps.add(new Object[] {"item", i});
                    sites(s.valueSchema(), list.get(i), steps, path + "[]", false, random, out);
                    steps.remove(steps.size() - 1);
                }
                break;
            }
            case MAP: {
                Map<?, ?> map = (Map<?, ?>) v;
                if (!map.isEmpty()) {
                    Object key = new ArrayList<>(map.keySet()).get(random.nextInt(map.size()));
                    steps.add(new Object[] {"key", key});
                    sites(s.keySchema(), key, steps, path + "{key}", false, random, out);
                    steps.remove(steps.size() - 1);
                    steps.add(new Object[] {"value", key});
                    sites(s.valueSchema(), map.get(key), steps, path + "{value}", false, random, out);
                    steps.remove(steps.size() - 1);
                }
                break;
            }
            default:
                break;
        }
    }

    /** A copy of {@code v} with the node at {@code steps[at..]} replaced by {@code bad}, validation bypassed. */
    static Object replace(Schema s, Object v, List<Object[]> steps, int at, Object bad) {
        if (at == steps.size()) {
            return bad;
        }
        Object[] step = steps.get(at);
        switch ((String) step[0]) {
            case "field": {
                int i = (Integer) step[1];
                Struct copy = new Struct(s);
                Object[] raw = raw(copy);
                System.arraycopy(raw((Struct) v), 0, raw, 0, raw.length);
                raw[i] = replace(s.fields().get(i).schema(), raw[i], steps, at + 1, bad);
                return copy;
            }
            case "item": {
                List<Object> copy = new ArrayList<>((List<?>) v);
                int i = (Integer) step[1];
                copy.set(i, replace(s.valueSchema(), copy.get(i), steps, at + 1, bad));
                return copy;
            }
            default: {
                Map<Object, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (e.getKey().equals(step[1])) {
                        if (step[0].equals("key")) {
                            copy.put(replace(s.keySchema(), e.getKey(), steps, at + 1, bad), e.getValue());
                        } else {
                            copy.put(e.getKey(), replace(s.valueSchema(), e.getValue(), steps, at + 1, bad));
                        }
                    } else {
                        copy.put(e.getKey(), e.getValue());
                    }
                }
                return copy;
            }
        }
    }

    static Object[] raw(Struct s) {
        try {
            return (Object[]) STRUCT_VALUES.get(s);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A non-null value of a Java class the schema's type does not take. */
    static Object wrongValue(Schema s, Random random) {
        Object[] candidates = {"text", 42, 42L, (short) 4, (byte) 2, 1.5f, 2.5d, true, new byte[] {1, 2},
            List.of(1), Map.of("k", 1), new BigDecimal("3.25"), new java.util.Date(0), new Object(),
            new Struct(SchemaBuilder.struct().name("bad.Other").field("z", Schema.INT32_SCHEMA).build()).put("z", 1),
            new HashSet<>(List.of("set"))};
        while (true) {
            Object v = candidates[random.nextInt(candidates.length)];
            if (!accepts(s, v)) {
                return v;
            }
        }
    }

    /** Whether the converter (like AvroData) takes {@code v}'s class for {@code s}. */
    static boolean accepts(Schema s, Object v) {
        String name = s.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            return v instanceof BigDecimal;
        }
        if (Date.LOGICAL_NAME.equals(name) || Time.LOGICAL_NAME.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
            return v instanceof java.util.Date;
        }
        switch (s.type()) {
            case INT8: return v instanceof Byte;
            case INT16: return v instanceof Short;
            case INT32: return v instanceof Integer;
            case INT64: return v instanceof Long;
            case FLOAT32: return v instanceof Float;
            case FLOAT64: return v instanceof Double;
            case BOOLEAN: return v instanceof Boolean;
            case STRING: return v instanceof String;
            case BYTES: return v instanceof byte[] || v instanceof ByteBuffer;
            case ARRAY: return v instanceof List;
            case MAP: return v instanceof Map;
            default: return v instanceof Struct;
        }
    }

    /** (kind, value) of the right class for {@code s} that does not match it, or null when there is none. */
    static Object[] mismatch(Schema s, Random random) {
        String name = s.name();
        Map<String, String> params = s.parameters() == null ? Map.of() : s.parameters();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            int scale = Integer.parseInt(params.get(Decimal.SCALE_FIELD));
            return new Object[] {"decimal of another scale", new BigDecimal("1.5").setScale(scale + 1)};
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return new Object[] {"Date with a time of day", new java.util.Date(86_400_000L * 3 + 1 + random.nextInt(1000))};
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            // Connect's Time takes 0..86,400,000 ms (the end of the day included): past that there is a date.
            return new Object[] {"Time with a date", new java.util.Date(86_400_000L * (1 + random.nextInt(100)) + 1
                    + random.nextInt(1000))};
        }
        if (s.type() == Schema.Type.STRING && params.containsKey(ConnectValues.ENUM)) {
            return new Object[] {"enum symbol not in the enum", "PURPLE"};
        }
        if (s.type() == Schema.Type.BYTES && params.containsKey("connect.fixed.size")) {
            return new Object[] {"fixed of the wrong size", new byte[Integer.parseInt(params.get("connect.fixed.size"))
                    - 1]};
        }
        if (s.type() == Schema.Type.STRUCT && ConnectValues.UNION.equals(name)) {
            return new Object[] {"union with no branch", new Struct(s)};
        }
        if (s.type() == Schema.Type.STRUCT) {
            Schema other = SchemaBuilder.struct().name(name == null ? "bad.Other" : name + "Other")
                    .field("z", Schema.INT32_SCHEMA).build();
            return new Object[] {"struct of another schema", new Struct(other).put("z", 1)};
        }
        if (s.type() == Schema.Type.ARRAY) {
            return new Object[] {"array of wrong items", new ArrayList<>(List.of(new Object[] {new Object()}))};
        }
        return null;
    }
}
