package io.avroconv.connect;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Walks a Connect value onto the {@link Tape} (bindings/jni/BOUNDARY.md). Compiled once per writer plan into a tree
 * of small nodes, zipped from the plan's ops and the Connect schema, so a record costs no lookups: each node knows
 * its Java class, its fields (by {@link Field}, i.e. by index) and its path for error messages.
 */
abstract class RecordWriter {
    /** Where the node sits, for messages ("" for the record itself). */
    final String path;
    final boolean optional;

    RecordWriter(String path, boolean optional) {
        this.path = path;
        this.optional = optional;
    }

    /** Writes {@code v} (null allowed on optional nodes) with its presence byte. */
    final void write(Object v, Tape t) {
        if (v == null) {
            if (!optional) {
                throw new DataException("Found null value for non-optional schema" + at(path));
            }
            t.u8(0);
            return;
        }
        if (optional) {
            t.u8(1);
        }
        put(v, t);
    }

    abstract void put(Object v, Tape t);

    final DataException wrongClass(Object v, String expected) {
        return new DataException("Invalid Java object for schema type " + expected + ": " + v.getClass().getName()
                + at(path));
    }

    static String at(String path) {
        return path.isEmpty() ? "" : " (field \"" + path + "\")";
    }

    /** Compiles the writer for {@code schema} from the plan's ops. */
    static RecordWriter compile(Schema schema, int[] ops) {
        int[] pos = {0};
        RecordWriter root = compile(schema, ops, pos, "");
        if (pos[0] != ops.length) {
            throw new ConnectException("avroconv: writer plan has " + ops.length + " ops, the schema " + pos[0]);
        }
        return root;
    }

    private static RecordWriter compile(Schema s, int[] ops, int[] pos, String path) {
        if (pos[0] >= ops.length) {
            throw new ConnectException("avroconv: writer plan ops end before the schema does, at \"" + path + "\"");
        }
        int op = ops[pos[0]++];
        int kind = Ops.kind(op);
        boolean opt = Ops.optional(op);
        if (kind != Ops.kindOf(s)) {
            throw new ConnectException("avroconv: writer plan op " + op + " does not fit the "
                    + (s == null ? "null (schemaless)" : s.type()) + " schema at \"" + path + "\"");
        }
        switch (kind) {
            case Ops.ANY: return new AnyW(path);
            case Ops.BOOLEAN: return new BooleanW(path, opt);
            case Ops.INT8: return new IntW(path, opt, Byte.class, "INT8");
            case Ops.INT16: return new IntW(path, opt, Short.class, "INT16");
            case Ops.INT32: return new IntW(path, opt, Integer.class, "INT32");
            case Ops.INT64: return new LongW(path, opt);
            case Ops.FLOAT32: return new FloatW(path, opt);
            case Ops.FLOAT64: return new DoubleW(path, opt);
            case Ops.STRING: return new StringW(path, opt);
            case Ops.BYTES: return new BytesW(path, opt);
            case Ops.DECIMAL: return new DecimalW(path, opt, s);
            case Ops.DATE:
            case Ops.TIME:
            case Ops.TIMESTAMP: return new DateW(path, opt, s, kind);
            case Ops.ARRAY: return new ArrayW(path, opt, compile(s.valueSchema(), ops, pos, path + "[]"));
            case Ops.MAP: {
                RecordWriter key = compile(s.keySchema(), ops, pos, path + "{key}");
                RecordWriter value = compile(s.valueSchema(), ops, pos, path + "{value}");
                return new MapW(path, opt, key, value);
            }
            case Ops.STRUCT: {
                List<Field> fields = s.fields();
                Field[] fs = fields.toArray(new Field[0]);
                RecordWriter[] children = new RecordWriter[fs.length];
                for (int i = 0; i < fs.length; i++) {
                    String child = path.isEmpty() ? fs[i].name() : path + "." + fs[i].name();
                    children[i] = compile(fs[i].schema(), ops, pos, child);
                }
                return new StructW(path, opt, s, fs, children);
            }
            default:
                throw new ConnectException("avroconv: unknown op " + op + " at \"" + path + "\"");
        }
    }

    static final class BooleanW extends RecordWriter {
        BooleanW(String path, boolean optional) {
            super(path, optional);
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof Boolean)) {
                throw wrongClass(v, "BOOLEAN");
            }
            t.u8((Boolean) v ? 1 : 0);
        }
    }

    /** INT8 / INT16 / INT32: the exact boxed class Connect requires, written widened. */
    static final class IntW extends RecordWriter {
        private final Class<?> type;
        private final String typeName;

        IntW(String path, boolean optional, Class<?> type, String typeName) {
            super(path, optional);
            this.type = type;
            this.typeName = typeName;
        }

        @Override
        void put(Object v, Tape t) {
            if (v.getClass() != type) {
                throw wrongClass(v, typeName);
            }
            t.i32(((Number) v).intValue());
        }
    }

    static final class LongW extends RecordWriter {
        LongW(String path, boolean optional) {
            super(path, optional);
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof Long)) {
                throw wrongClass(v, "INT64");
            }
            t.i64((Long) v);
        }
    }

    static final class FloatW extends RecordWriter {
        FloatW(String path, boolean optional) {
            super(path, optional);
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof Float)) {
                throw wrongClass(v, "FLOAT32");
            }
            t.i32(Float.floatToRawIntBits((Float) v));
        }
    }

    static final class DoubleW extends RecordWriter {
        DoubleW(String path, boolean optional) {
            super(path, optional);
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof Double)) {
                throw wrongClass(v, "FLOAT64");
            }
            t.i64(Double.doubleToRawLongBits((Double) v));
        }
    }

    static final class StringW extends RecordWriter {
        StringW(String path, boolean optional) {
            super(path, optional);
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof String)) {
                throw wrongClass(v, "STRING");
            }
            t.string((String) v);
        }
    }

    static final class BytesW extends RecordWriter {
        BytesW(String path, boolean optional) {
            super(path, optional);
        }

        @Override
        void put(Object v, Tape t) {
            if (v instanceof byte[]) {
                byte[] b = (byte[]) v;
                t.bytes(b, 0, b.length);
            } else if (v instanceof ByteBuffer) {
                ByteBuffer bb = (ByteBuffer) v;
                if (bb.hasArray()) {
                    t.bytes(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
                } else {
                    byte[] b = new byte[bb.remaining()];
                    bb.duplicate().get(b);
                    t.bytes(b, 0, b.length);
                }
            } else {
                throw wrongClass(v, "BYTES");
            }
        }
    }

    /** Connect's own {@code Decimal.fromLogical} (it checks the scale against the schema's). */
    static final class DecimalW extends RecordWriter {
        private final Schema schema;

        DecimalW(String path, boolean optional, Schema schema) {
            super(path, optional);
            this.schema = schema;
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof BigDecimal)) {
                throw wrongClass(v, "BYTES (Decimal)");
            }
            byte[] b;
            try {
                b = Decimal.fromLogical(schema, (BigDecimal) v);
            } catch (RuntimeException e) { // DataException for the scale; a schema without one fails on its own
                throw new DataException(e.getMessage() + at(path), e);
            }
            t.bytes(b, 0, b.length);
        }
    }

    /** Date / Time (i32) and Timestamp (i64) through Connect's own {@code fromLogical}. */
    static final class DateW extends RecordWriter {
        private static final long MILLIS_PER_DAY = 24 * 60 * 60 * 1000;
        private final Schema schema;
        private final int kind;

        DateW(String path, boolean optional, Schema schema, int kind) {
            super(path, optional);
            this.schema = schema;
            this.kind = kind;
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof java.util.Date)) {
                throw wrongClass(v, kind == Ops.TIMESTAMP ? "INT64 (Timestamp)" : "INT32 (Date/Time)");
            }
            java.util.Date d = (java.util.Date) v;
            // Connect's Date/Time.fromLogical build a Calendar per call (~0.5 µs and ~400 B each); in UTC their
            // checks are plain arithmetic on getTime(). Values they would refuse still go through them, so the
            // errors stay theirs.
            long ms = d.getTime();
            try {
                switch (kind) {
                    case Ops.DATE:
                        t.i32(Math.floorMod(ms, MILLIS_PER_DAY) == 0 ? (int) (ms / MILLIS_PER_DAY)
                                : Date.fromLogical(schema, d));
                        break;
                    case Ops.TIME:
                        t.i32(ms >= 0 && ms <= MILLIS_PER_DAY ? (int) ms : Time.fromLogical(schema, d));
                        break;
                    default:
                        t.i64(Timestamp.fromLogical(schema, d));
                        break;
                }
            } catch (DataException e) {
                throw new DataException(e.getMessage() + at(path), e);
            }
        }
    }

    static final class ArrayW extends RecordWriter {
        private final RecordWriter item;

        ArrayW(String path, boolean optional, RecordWriter item) {
            super(path, optional);
            this.item = item;
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof List)) {
                throw wrongClass(v, "ARRAY");
            }
            List<?> list = (List<?>) v;
            t.i32(list.size());
            for (Object e : list) {
                item.write(e, t);
            }
        }
    }

    static final class MapW extends RecordWriter {
        private final RecordWriter key;
        private final RecordWriter value;

        MapW(String path, boolean optional, RecordWriter key, RecordWriter value) {
            super(path, optional);
            this.key = key;
            this.value = value;
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof Map)) {
                throw wrongClass(v, "MAP");
            }
            Map<?, ?> map = (Map<?, ?>) v;
            t.i32(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                key.write(e.getKey(), t);
                value.write(e.getValue(), t);
            }
        }
    }

    static final class StructW extends RecordWriter {
        private final Schema schema;
        private final Field[] fields;
        private final RecordWriter[] children;
        /** The last other schema object found equal to {@link #schema}: equal schemas rebuilt per record cost one
         * deep equals per new object only. A benign race: any thread's write is a correct answer. */
        private Schema lastEqual;

        StructW(String path, boolean optional, Schema schema, Field[] fields, RecordWriter[] children) {
            super(path, optional);
            this.schema = schema;
            this.fields = fields;
            this.children = children;
        }

        @Override
        void put(Object v, Tape t) {
            if (!(v instanceof Struct)) {
                throw wrongClass(v, "STRUCT");
            }
            Struct struct = (Struct) v;
            Schema actual = struct.schema();
            if (actual != schema && actual != lastEqual) {
                if (!schema.equals(actual)) {
                    throw new DataException("Mismatching struct schema" + at(path) + ": the value's schema "
                            + (actual.name() == null ? "(unnamed)" : actual.name()) + " differs from the record schema's");
                }
                lastEqual = actual;
            }
            for (int i = 0; i < fields.length; i++) {
                // Struct.get(Field) reads by index and substitutes the field's default for a null, as AvroData sees it.
                children[i].write(struct.get(fields[i]), t);
            }
        }
    }

    /**
     * A schemaless value (op ANY): the Java class picks the tag, as AvroData's {@code
     * schemaTypeForSchemalessJavaType} does (Byte/Short/Integer as INT32, Long, Float, Double, Boolean, String,
     * Collection as ARRAY, Map as MAP, in that order; null as tag 0); anything else is refused with AvroData's
     * message. Items, keys and values are tagged in turn.
     */
    static final class AnyW extends RecordWriter {
        /** The core's nesting limit (MAX_DEPTH): deeper values are refused here, before the walk goes on. */
        static final int MAX_DEPTH = 128;

        AnyW(String path) {
            super(path, false);
        }

        @Override
        void put(Object v, Tape t) {
            any(v, t, 0);
        }

        static void any(Object v, Tape t, int depth) {
            if (v == null) {
                t.u8(0);
            } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                t.u8(Ops.INT32);
                t.i32(((Number) v).intValue());
            } else if (v instanceof Long) {
                t.u8(Ops.INT64);
                t.i64((Long) v);
            } else if (v instanceof Float) {
                t.u8(Ops.FLOAT32);
                t.i32(Float.floatToRawIntBits((Float) v));
            } else if (v instanceof Double) {
                t.u8(Ops.FLOAT64);
                t.i64(Double.doubleToRawLongBits((Double) v));
            } else if (v instanceof Boolean) {
                t.u8(Ops.BOOLEAN);
                t.u8((Boolean) v ? 1 : 0);
            } else if (v instanceof String) {
                t.u8(Ops.STRING);
                t.string((String) v);
            } else if (v instanceof Collection) {
                checkDepth(depth);
                t.u8(Ops.ARRAY);
                int at = t.len;
                t.i32(0);
                int n = 0; // AvroData copies the items into a list: the count is what the iteration gives
                for (Object item : (Collection<?>) v) {
                    any(item, t, depth + 1);
                    n++;
                }
                t.patchI32(at, n);
            } else if (v instanceof Map) {
                checkDepth(depth);
                t.u8(Ops.MAP);
                int at = t.len;
                t.i32(0);
                int n = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    any(e.getKey(), t, depth + 1);
                    any(e.getValue(), t, depth + 1);
                    n++;
                }
                t.patchI32(at, n);
            } else {
                throw new DataException("Unknown Java type for schemaless data: " + v.getClass());
            }
        }

        private static void checkDepth(int depth) {
            if (depth >= MAX_DEPTH) {
                throw new DataException("schemaless value nests deeper than " + MAX_DEPTH + " levels");
            }
        }
    }
}
