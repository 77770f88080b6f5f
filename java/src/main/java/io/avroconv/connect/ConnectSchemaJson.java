package io.avroconv.connect;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Connect schema description the core reads and writes (format: module docs of src/connect/mod.rs), with the
 * same semantics as tools/oracle/AvroDataOracle.java's Jackson version. Used once per schema, never per record.
 *
 * <p>Defaults read back are typed as Confluent's {@code toConnectData} types them, so {@code ConnectSchema.equals}
 * (deepEquals on defaults) agrees with Confluent's schemas: bytes as {@code ByteBuffer}, maps as {@code HashMap},
 * Decimal as {@code BigDecimal}, Date/Time/Timestamp as {@code java.util.Date}.
 */
final class ConnectSchemaJson {
    private ConnectSchemaJson() {}

    private static final long MILLIS_PER_DAY = 86_400_000L;

    // ---- Connect schema -> description ------------------------------------------------------------------------

    static String describe(Schema schema) {
        if (schema == null) {
            return "null"; // schemaless values: the core writes them under AvroData's ANYTHING_SCHEMA
        }
        StringBuilder sb = new StringBuilder(256);
        describe(schema, sb);
        return sb.toString();
    }

    private static void describe(Schema s, StringBuilder sb) {
        sb.append("{\"type\":\"").append(s.type().getName()).append('"');
        if (s.isOptional()) {
            sb.append(",\"optional\":true");
        }
        if (s.name() != null) {
            sb.append(",\"name\":");
            string(s.name(), sb);
        }
        if (s.version() != null) {
            sb.append(",\"version\":").append(s.version().intValue());
        }
        if (s.doc() != null) {
            sb.append(",\"doc\":");
            string(s.doc(), sb);
        }
        if (s.parameters() != null) {
            sb.append(",\"parameters\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : s.parameters().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(e.getKey(), sb);
                sb.append(':');
                if (e.getValue() == null) {
                    sb.append("null");
                } else {
                    string(e.getValue(), sb);
                }
            }
            sb.append('}');
        }
        if (s.defaultValue() != null) {
            sb.append(",\"default\":");
            value(s, s.defaultValue(), sb);
        }
        switch (s.type()) {
            case STRUCT:
                sb.append(",\"fields\":[");
                boolean first = true;
                for (Field f : s.fields()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    sb.append("{\"name\":");
                    string(f.name(), sb);
                    sb.append(",\"schema\":");
                    describe(f.schema(), sb);
                    sb.append('}');
                }
                sb.append(']');
                break;
            case MAP:
                sb.append(",\"key\":");
                describe(s.keySchema(), sb);
                sb.append(",\"value\":");
                describe(s.valueSchema(), sb);
                break;
            case ARRAY:
                sb.append(",\"value\":");
                describe(s.valueSchema(), sb);
                break;
            default:
                break;
        }
        sb.append('}');
    }

    /** A value (a default) in the description's encoding. */
    private static void value(Schema s, Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
            return;
        }
        if (v instanceof BigDecimal) {
            string(((BigDecimal) v).toPlainString(), sb);
            return;
        }
        if (v instanceof java.util.Date) {
            long ms = ((java.util.Date) v).getTime();
            sb.append(Date.LOGICAL_NAME.equals(s.name()) ? Math.floorDiv(ms, MILLIS_PER_DAY) : ms);
            return;
        }
        switch (s.type()) {
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                sb.append(((Number) v).longValue());
                break;
            case FLOAT32:
            case FLOAT64:
                number(((Number) v).doubleValue(), v instanceof Float ? v.toString() : null, sb);
                break;
            case BOOLEAN:
                sb.append(((Boolean) v).booleanValue());
                break;
            case STRING:
                string(v.toString(), sb);
                break;
            case BYTES:
                string(new String(bytes(v), StandardCharsets.ISO_8859_1), sb);
                break;
            case ARRAY: {
                sb.append('[');
                boolean first = true;
                for (Object e : (Collection<?>) v) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    value(s.valueSchema(), e, sb);
                }
                sb.append(']');
                break;
            }
            case MAP: {
                sb.append('[');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    sb.append('[');
                    value(s.keySchema(), e.getKey(), sb);
                    sb.append(',');
                    value(s.valueSchema(), e.getValue(), sb);
                    sb.append(']');
                }
                sb.append(']');
                break;
            }
            case STRUCT: {
                Struct st = (Struct) v;
                sb.append('{');
                boolean first = true;
                for (Field f : s.fields()) {
                    Object fv = st.getWithoutDefault(f.name());
                    if (fv == null) {
                        continue; // unset
                    }
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(f.name(), sb);
                    sb.append(':');
                    value(f.schema(), fv, sb);
                }
                sb.append('}');
                break;
            }
            default:
                throw new DataException("unknown Connect type " + s.type());
        }
    }

    private static byte[] bytes(Object v) {
        if (v instanceof ByteBuffer) {
            ByteBuffer bb = ((ByteBuffer) v).duplicate();
            byte[] b = new byte[bb.remaining()];
            bb.get(b);
            return b;
        }
        return (byte[]) v;
    }

    private static void number(double d, String floatText, StringBuilder sb) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            // JSON has no such numbers; the core refuses the string, as a default it cannot represent.
            string(Double.toString(d), sb);
        } else if (floatText != null) {
            sb.append(floatText); // a float's shortest text, as Jackson writes it
        } else {
            sb.append(d);
        }
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    // ---- description -> Connect schema ------------------------------------------------------------------------

    /** Parses a description (as the core returns it for a reader plan) into a Connect schema. */
    static Schema parse(String json) {
        if ("null".equals(json)) {
            return null; // schemaless values
        }
        return fromTree(new JsonReader(json).document());
    }

    /** A Connect schema from a description already read by {@link JsonReader}. */
    static Schema fromTree(Object tree) {
        return schema(object(tree, "schema"));
    }

    private static Schema schema(Map<String, Object> d) {
        Schema.Type type = type(text(d.get("type"), "type"));
        boolean optional = Boolean.TRUE.equals(d.get("optional"));
        String name = (String) d.get("name");
        Integer version = d.get("version") == null ? null : Integer.valueOf(((JsonReader.Num) d.get("version")).text);
        String doc = (String) d.get("doc");
        Map<String, String> params = null;
        if (d.get("parameters") != null) {
            params = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : object(d.get("parameters"), "parameters").entrySet()) {
                params.put(e.getKey(), (String) e.getValue());
            }
        }
        List<Field> fields = null;
        if (type == Schema.Type.STRUCT) {
            fields = new ArrayList<>();
            Object list = d.get("fields");
            if (list != null) {
                int i = 0;
                for (Object f : (List<?>) list) {
                    Map<String, Object> fd = object(f, "field");
                    fields.add(new Field(text(fd.get("name"), "field name"), i++, schema(object(fd.get("schema"), "field schema"))));
                }
            }
        }
        Schema key = d.get("key") == null ? null : schema(object(d.get("key"), "key"));
        Schema value = d.get("value") == null ? null : schema(object(d.get("value"), "value"));
        Object def = null;
        if (d.get("default") != null) {
            // The default is typed against the schema without it (and owns struct defaults), as the oracle does.
            ConnectSchema bare = new ConnectSchema(type, false, null, name, version, doc, params, fields, key, value);
            def = defaultValue(bare, d.get("default"));
        }
        return new ConnectSchema(type, optional, def, name, version, doc, params, fields, key, value);
    }

    private static Object defaultValue(Schema s, Object v) {
        if (v == null) {
            return null;
        }
        String name = s.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            return new BigDecimal(text(v, "decimal default"));
        } else if (Date.LOGICAL_NAME.equals(name)) {
            return new java.util.Date(num(v).longValue() * MILLIS_PER_DAY);
        } else if (Time.LOGICAL_NAME.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
            return new java.util.Date(num(v).longValue());
        }
        switch (s.type()) {
            case INT8: return (byte) num(v).intValue();
            case INT16: return (short) num(v).intValue();
            case INT32: return num(v).intValue();
            case INT64: return num(v).longValue();
            case FLOAT32: return (float) num(v).doubleValue();
            case FLOAT64: return num(v).doubleValue();
            case BOOLEAN: return (Boolean) v;
            case STRING: return text(v, "string default");
            case BYTES: return ByteBuffer.wrap(text(v, "bytes default").getBytes(StandardCharsets.ISO_8859_1));
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    list.add(defaultValue(s.valueSchema(), e));
                }
                return list;
            }
            case MAP: {
                Map<Object, Object> map = new HashMap<>();
                for (Object e : (List<?>) v) {
                    List<?> pair = (List<?>) e;
                    map.put(defaultValue(s.keySchema(), pair.get(0)), defaultValue(s.valueSchema(), pair.get(1)));
                }
                return map;
            }
            case STRUCT: {
                Map<String, Object> o = object(v, "struct default");
                Struct st = new Struct(s);
                for (Field f : s.fields()) {
                    Object fv = o.get(f.name());
                    if (fv != null) {
                        st.put(f, defaultValue(f.schema(), fv));
                    }
                }
                return st;
            }
            default:
                throw new DataException("unknown Connect type " + s.type());
        }
    }

    private static Schema.Type type(String name) {
        for (Schema.Type t : Schema.Type.values()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new DataException("avroconv: unknown Connect type in a schema description: " + name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String what) {
        if (!(v instanceof Map)) {
            throw new DataException("avroconv: bad schema description: " + what + " is not an object");
        }
        return (Map<String, Object>) v;
    }

    private static String text(Object v, String what) {
        if (!(v instanceof String)) {
            throw new DataException("avroconv: bad schema description: " + what + " is not a string");
        }
        return (String) v;
    }

    private static BigDecimal num(Object v) {
        if (!(v instanceof JsonReader.Num)) {
            throw new DataException("avroconv: bad schema description: " + v + " is not a number");
        }
        return new BigDecimal(((JsonReader.Num) v).text);
    }

    /** A small JSON reader: objects as LinkedHashMap, arrays as ArrayList, numbers as {@link Num} (their text). */
    static final class JsonReader {
        /** A JSON number, kept as its text so each schema type parses it its own way. */
        static final class Num {
            final String text;

            Num(String text) {
                this.text = text;
            }

            @Override
            public String toString() {
                return text;
            }
        }

        private final String s;
        private int i;

        JsonReader(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            skipSpace();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object value() {
            skipSpace();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default: return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skipSpace();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String key = string();
                skipSpace();
                expect(':');
                m.put(key, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("expected , or }");
                }
            }
        }

        private List<Object> array() {
            List<Object> a = new ArrayList<>();
            i++;
            skipSpace();
            if (peek() == ']') {
                i++;
                return a;
            }
            while (true) {
                a.add(value());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return a;
                }
                if (c != ',') {
                    throw error("expected , or ]");
                }
            }
        }

        private String string() {
            i++; // opening quote
            StringBuilder sb = null;
            int start = i;
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i);
                if (c == '"') {
                    String tail = s.substring(start, i++);
                    return sb == null ? tail : sb.append(tail).toString();
                }
                if (c != '\\') {
                    i++;
                    continue;
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, start, i);
                i++;
                char e = next();
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) {
                            throw error("bad \\u escape");
                        }
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default:
                        throw error("bad escape");
                }
                start = i;
            }
        }

        private Num number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character");
            }
            return new Num(s.substring(start, i));
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected character");
            }
            i += word.length();
            return v;
        }

        private void skipSpace() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }

        private DataException error(String what) {
            return new DataException("avroconv: bad schema description JSON at " + i + ": " + what);
        }
    }
}
