package io.avroconv.connect;

import io.avroconv.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Test helpers: the schema corpus, a seeded random value generator per Connect schema, a canonical rendering. */
final class ConnectValues {
    private ConnectValues() {}

    static final String UNION = "io.confluent.connect.avro.Union";
    static final String ENUM = "io.confluent.connect.avro.Enum";
    private static final String[] STRINGS = {"", "a", "hello world", "Straße", "ü", "\uD83D\uDE00", "日本語テキスト",
        "mixed \uD83C\uDF89 ascii é", "quote \" backslash \\", "nul \u0000 char", "x".repeat(200)};

    /** (id, description tree) of every corpus line of tests/data/connect/{schemas,random_schemas}.jsonl. */
    static List<Map.Entry<String, Object>> corpus() {
        List<Map.Entry<String, Object>> cases = new ArrayList<>();
        for (String file : new String[] {"schemas.jsonl", "random_schemas.jsonl"}) {
            try {
                for (String line : Files.readAllLines(TestPaths.root().resolve("tests/data/connect/" + file),
                        StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> c = (Map<String, Object>) new ConnectSchemaJson.JsonReader(line).document();
                    cases.add(Map.entry((String) c.get("id"), c.get("schema")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    /** Throws like the oracle (tools/oracle/AvroDataOracle.java) when a default does not fit its schema, as
     * {@code SchemaBuilder.defaultValue} would: such descriptions are not schemas Connect can build. */
    static Schema checkDefaults(Schema s) {
        if (s.defaultValue() != null && s.type() != Schema.Type.STRUCT) {
            org.apache.kafka.connect.data.ConnectSchema.validateValue(new org.apache.kafka.connect.data.ConnectSchema(
                    s.type(), false, null, s.name(), s.version(), s.doc(), s.parameters(),
                    s.type() == Schema.Type.STRUCT ? s.fields() : null,
                    s.type() == Schema.Type.MAP ? s.keySchema() : null,
                    s.type() == Schema.Type.MAP || s.type() == Schema.Type.ARRAY ? s.valueSchema() : null),
                    s.defaultValue());
        }
        switch (s.type()) {
            case STRUCT:
                for (Field f : s.fields()) {
                    checkDefaults(f.schema());
                }
                break;
            case MAP:
                checkDefaults(s.keySchema());
                checkDefaults(s.valueSchema());
                break;
            case ARRAY:
                checkDefaults(s.valueSchema());
                break;
            default:
                break;
        }
        return s;
    }

    /** Random values valid for their schema (nulls, unset fields, edge numbers, non-ASCII text...). */
    static final class Generator {
        private final Random random;

        Generator(long seed) {
            this.random = new Random(seed);
        }

        Object value(Schema s, int depth) {
            if (s.isOptional() && random.nextInt(6) == 0) {
                return null;
            }
            String name = s.name();
            if (Decimal.LOGICAL_NAME.equals(name)) {
                String scaleText = s.parameters() == null ? null : s.parameters().get(Decimal.SCALE_FIELD);
                int scale = scaleText == null || !scaleText.matches("-?\\d{1,9}") ? 0 : Integer.parseInt(scaleText);
                int digits = 1 + random.nextInt(12);
                String precision = s.parameters() == null ? null : s.parameters().get("connect.decimal.precision");
                if (precision != null && precision.matches("\\d{1,9}")) {
                    digits = Math.max(1, Math.min(digits, Integer.parseInt(precision)));
                }
                BigInteger unscaled = new BigInteger(digits * 3, random);
                if (unscaled.bitLength() > digits * 3 + 1) {
                    unscaled = BigInteger.ONE;
                }
                return new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, scale);
            } else if (Date.LOGICAL_NAME.equals(name)) {
                return new java.util.Date((random.nextInt(40000) - 20000) * 86_400_000L);
            } else if (Time.LOGICAL_NAME.equals(name)) {
                return new java.util.Date(random.nextInt(86_400_000));
            } else if (Timestamp.LOGICAL_NAME.equals(name)) {
                return new java.util.Date(random.nextLong() % 10_000_000_000_000L);
            }
            switch (s.type()) {
                case INT8: return (byte) pick(Byte.MIN_VALUE, Byte.MAX_VALUE, random.nextInt());
                case INT16: return (short) pick(Short.MIN_VALUE, Short.MAX_VALUE, random.nextInt());
                case INT32: return (int) pick(Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt());
                case INT64: return pick(Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong());
                case FLOAT32: {
                    float[] edge = {0f, -0f, 1.5f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN,
                        Float.NEGATIVE_INFINITY};
                    return random.nextInt(3) == 0 ? edge[random.nextInt(edge.length)] : random.nextFloat() * 1e6f - 5e5f;
                }
                case FLOAT64: {
                    double[] edge = {0d, -0d, 2.25, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
                        Double.POSITIVE_INFINITY};
                    return random.nextInt(3) == 0 ? edge[random.nextInt(edge.length)] : random.nextGaussian() * 1e9;
                }
                case BOOLEAN: return random.nextBoolean();
                case STRING: {
                    List<String> symbols = enumSymbols(s);
                    if (!symbols.isEmpty()) {
                        return symbols.get(random.nextInt(symbols.size()));
                    }
                    return STRINGS[random.nextInt(STRINGS.length)];
                }
                case BYTES: {
                    String fixed = s.parameters() == null ? null : s.parameters().get("connect.fixed.size");
                    boolean sized = fixed != null && fixed.matches("\\d{1,4}");
                    byte[] b = new byte[sized ? Integer.parseInt(fixed) : random.nextInt(9)];
                    random.nextBytes(b);
                    return random.nextBoolean() ? b : ByteBuffer.wrap(b);
                }
                case ARRAY: {
                    int n = depth > 3 ? 0 : random.nextInt(4);
                    List<Object> list = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        list.add(value(s.valueSchema(), depth + 1));
                    }
                    return list;
                }
                case MAP: {
                    int n = depth > 3 ? 0 : random.nextInt(4);
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        map.put(value(s.keySchema(), depth + 1), value(s.valueSchema(), depth + 1));
                    }
                    return map;
                }
                case STRUCT: {
                    Struct st = new Struct(s);
                    List<Field> fields = s.fields();
                    if (UNION.equals(name) && !fields.isEmpty()) {
                        // A Connect union: exactly one branch set.
                        Field f = fields.get(random.nextInt(fields.size()));
                        Object v = value(f.schema().schema(), depth + 1);
                        for (int tries = 0; v == null && tries < 20; tries++) {
                            v = value(f.schema(), depth + 1);
                        }
                        st.put(f, v);
                        return st;
                    }
                    for (Field f : fields) {
                        boolean canSkip = f.schema().isOptional() || f.schema().defaultValue() != null;
                        if (canSkip && random.nextInt(4) == 0) {
                            continue; // unset: null or the field default
                        }
                        st.put(f, value(f.schema(), depth + 1));
                    }
                    return st;
                }
                default:
                    throw new IllegalArgumentException(s.type().toString());
            }
        }

        private long pick(long min, long max, long any) {
            switch (random.nextInt(6)) {
                case 0: return min;
                case 1: return max;
                case 2: return 0;
                case 3: return -1;
                default: return any;
            }
        }
    }

    static List<String> enumSymbols(Schema s) {
        List<String> symbols = new ArrayList<>();
        if (s.parameters() != null && s.parameters().containsKey(ENUM)) {
            for (String k : s.parameters().keySet()) {
                if (k.startsWith(ENUM + ".")) {
                    symbols.add(k.substring(ENUM.length() + 1));
                }
            }
        }
        return symbols;
    }

    /** A canonical text of a Connect value, with the Java class of every leaf (maps sorted by rendered key). */
    static String render(Object v) {
        StringBuilder sb = new StringBuilder();
        render(v, sb);
        return sb.toString();
    }

    private static void render(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Struct) {
            Struct st = (Struct) v;
            sb.append("Struct<").append(st.schema().name()).append(">{");
            for (Field f : st.schema().fields()) {
                sb.append(f.name()).append('=');
                render(st.getWithoutDefault(f.name()), sb);
                sb.append(',');
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            for (Object e : (List<?>) v) {
                render(e, sb);
                sb.append(',');
            }
            sb.append(']');
        } else if (v instanceof Map) {
            TreeMap<String, String> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sorted.put(render(e.getKey()), render(e.getValue()));
            }
            sb.append("Map").append(sorted);
        } else if (v instanceof ByteBuffer || v instanceof byte[]) {
            byte[] b;
            if (v instanceof ByteBuffer) {
                ByteBuffer bb = ((ByteBuffer) v).duplicate();
                b = new byte[bb.remaining()];
                bb.get(b);
            } else {
                b = (byte[]) v;
            }
            sb.append(v instanceof ByteBuffer ? "ByteBuffer:" : "byte[]:");
            for (byte x : b) {
                sb.append(String.format("%02x", x));
            }
        } else if (v instanceof java.util.Date) {
            sb.append("Date:").append(((java.util.Date) v).getTime());
        } else {
            sb.append(v.getClass().getSimpleName()).append(':').append(v);
        }
    }

    /** Whether a schema has a struct default anywhere: Confluent types those with a SchemaBuilder, which equals
     * nothing but itself, so ConnectSchema.equals cannot match them. */
    static boolean hasStructDefault(Schema s) {
        if (s.type() == Schema.Type.STRUCT && s.defaultValue() != null) {
            return true;
        }
        switch (s.type()) {
            case STRUCT:
                for (Field f : s.fields()) {
                    if (hasStructDefault(f.schema())) {
                        return true;
                    }
                }
                return false;
            case MAP:
                return hasStructDefault(s.keySchema()) || hasStructDefault(s.valueSchema());
            case ARRAY:
                return hasStructDefault(s.valueSchema());
            default:
                return false;
        }
    }
}
