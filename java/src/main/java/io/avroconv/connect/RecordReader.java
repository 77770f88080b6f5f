package io.avroconv.connect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Builds a Connect value from the decode table (bindings/jni/BOUNDARY.md). Compiled once per reader plan into a
 * tree of small nodes zipped from the plan's ops and its Connect schema; structs are filled with
 * {@code Struct.put(Field, value)}, so no field is looked up by name.
 */
abstract class RecordReader {
    /** The input and table of one record, and the next slot. Reused per thread. */
    static final class Cursor {
        byte[] input;
        long[] table;
        int pos;
    }

    final boolean optional;

    RecordReader(boolean optional) {
        this.optional = optional;
    }

    /** Reads the node's value (null when its presence slot says so). */
    final Object read(Cursor c) {
        if (optional && c.table[c.pos++] == 0) {
            return null;
        }
        return get(c);
    }

    abstract Object get(Cursor c);

    static RecordReader compile(Schema schema, int[] ops, String[] symbols) {
        return compile(schema, ops, symbols, null);
    }

    /** {@code topic}: the plan's (plans are per id and topic), named by the messages of values Connect refuses. */
    static RecordReader compile(Schema schema, int[] ops, String[] symbols, String topic) {
        int[] pos = {0};
        RecordReader root = compile(schema, ops, pos, symbols, "", topic == null ? "" : "topic \"" + topic + "\": ");
        if (pos[0] != ops.length) {
            throw new ConnectException("avroconv: reader plan has " + ops.length + " ops, its schema " + pos[0]);
        }
        return root;
    }

    /** {@code path}: where the node sits, as RecordWriter prints it, for the messages of values Connect refuses. */
    private static RecordReader compile(Schema s, int[] ops, int[] pos, String[] symbols, String path,
            String context) {
        if (pos[0] >= ops.length) {
            throw new ConnectException("avroconv: reader plan ops end before its schema does");
        }
        int op = ops[pos[0]++];
        int kind = Ops.kind(op);
        boolean opt = Ops.optional(op);
        if (kind != Ops.kindOf(s)) {
            throw new ConnectException("avroconv: reader plan op " + op + " does not fit its "
                    + (s == null ? "null (schemaless)" : s.type()) + " schema");
        }
        switch (kind) {
            case Ops.ANY: return new AnyR();
            case Ops.BOOLEAN: return new BooleanR(opt);
            case Ops.INT8:
            case Ops.INT16:
            case Ops.INT32:
            case Ops.INT64: return new IntR(opt, kind);
            case Ops.FLOAT32: return new FloatR(opt);
            case Ops.FLOAT64: return new DoubleR(opt);
            case Ops.STRING:
                return (op & Ops.ENUM) != 0 ? new EnumR(opt, symbols) : new StringR(opt);
            case Ops.BYTES: return new BytesR(opt);
            case Ops.DECIMAL:
            case Ops.DATE:
            case Ops.TIME:
            case Ops.TIMESTAMP: return new LogicalR(opt, s, kind, context, path);
            case Ops.ARRAY: return new ArrayR(opt, compile(s.valueSchema(), ops, pos, symbols, path + "[]", context));
            case Ops.MAP: {
                RecordReader key = compile(s.keySchema(), ops, pos, symbols, path + "{key}", context);
                return new MapR(opt, key, compile(s.valueSchema(), ops, pos, symbols, path + "{value}", context));
            }
            case Ops.STRUCT: {
                Field[] fs = s.fields().toArray(new Field[0]);
                RecordReader[] children = new RecordReader[fs.length];
                for (int i = 0; i < fs.length; i++) {
                    children[i] = compile(fs[i].schema(), ops, pos, symbols,
                            path.isEmpty() ? fs[i].name() : path + "." + fs[i].name(), context);
                }
                return new StructR(opt, s, fs, children);
            }
            default:
                throw new ConnectException("avroconv: unknown reader op " + op);
        }
    }

    /** The bytes a STRING/BYTES/DECIMAL slot points at, bounds-checked (a bad table must not read elsewhere). */
    static int offset(Cursor c, long slot) {
        int off = (int) (slot >>> 32);
        int len = (int) slot;
        if (off < 0 || len < 0 || off > c.input.length - len) {
            throw new ConnectException("avroconv: decode table slot out of the input's bounds");
        }
        return off;
    }

    static final class BooleanR extends RecordReader {
        BooleanR(boolean optional) {
            super(optional);
        }

        @Override
        Object get(Cursor c) {
            return c.table[c.pos++] != 0;
        }
    }

    /** Narrows as AvroData does (byteValue / shortValue). */
    static final class IntR extends RecordReader {
        private final int kind;

        IntR(boolean optional, int kind) {
            super(optional);
            this.kind = kind;
        }

        @Override
        Object get(Cursor c) {
            long v = c.table[c.pos++];
            switch (kind) {
                case Ops.INT8: return (byte) v;
                case Ops.INT16: return (short) v;
                case Ops.INT32: return (int) v;
                default: return v;
            }
        }
    }

    static final class FloatR extends RecordReader {
        FloatR(boolean optional) {
            super(optional);
        }

        @Override
        Object get(Cursor c) {
            return Float.intBitsToFloat((int) c.table[c.pos++]);
        }
    }

    static final class DoubleR extends RecordReader {
        DoubleR(boolean optional) {
            super(optional);
        }

        @Override
        Object get(Cursor c) {
            return Double.longBitsToDouble(c.table[c.pos++]);
        }
    }

    static final class StringR extends RecordReader {
        StringR(boolean optional) {
            super(optional);
        }

        @Override
        Object get(Cursor c) {
            long slot = c.table[c.pos++];
            return new String(c.input, offset(c, slot), (int) slot, StandardCharsets.UTF_8);
        }
    }

    static final class EnumR extends RecordReader {
        private final String[] symbols;

        EnumR(boolean optional, String[] symbols) {
            super(optional);
            this.symbols = symbols;
        }

        @Override
        Object get(Cursor c) {
            long i = c.table[c.pos++];
            if (i < 0 || i >= symbols.length) {
                throw new ConnectException("avroconv: decode table enum index " + i + " out of range");
            }
            return symbols[(int) i];
        }
    }

    static final class BytesR extends RecordReader {
        BytesR(boolean optional) {
            super(optional);
        }

        @Override
        Object get(Cursor c) {
            long slot = c.table[c.pos++];
            int off = offset(c, slot);
            return ByteBuffer.wrap(Arrays.copyOfRange(c.input, off, off + (int) slot));
        }
    }

    /** Decimal / Date / Time / Timestamp through Connect's own {@code toLogical}. */
    static final class LogicalR extends RecordReader {
        private final Schema schema;
        private final int kind;
        private final String context;
        private final String path;

        LogicalR(boolean optional, Schema schema, int kind, String context, String path) {
            super(optional);
            this.schema = schema;
            this.kind = kind;
            this.context = context;
            this.path = path;
        }

        @Override
        Object get(Cursor c) {
            long slot = c.table[c.pos++];
            try {
                switch (kind) {
                    case Ops.DECIMAL: {
                        int off = offset(c, slot);
                        return Decimal.toLogical(schema, Arrays.copyOfRange(c.input, off, off + (int) slot));
                    }
                    case Ops.DATE: return Date.toLogical(schema, (int) slot);
                    case Ops.TIME: return Time.toLogical(schema, (int) slot);
                    default: return Timestamp.toLogical(schema, slot);
                }
            } catch (DataException e) { // e.g. Time.toLogical's range check: say where
                throw new DataException(context + e.getMessage() + RecordWriter.at(path), e);
            } catch (RuntimeException e) {
                // e.g. NumberFormatException for an empty decimal: bad data, not a converter failure.
                throw new DataException(context + "Invalid " + schema.name() + " value" + RecordWriter.at(path) + ": "
                        + e, e);
            }
        }
    }

    static final class ArrayR extends RecordReader {
        private final RecordReader item;

        ArrayR(boolean optional, RecordReader item) {
            super(optional);
            this.item = item;
        }

        @Override
        Object get(Cursor c) {
            int n = count(c);
            List<Object> list = new ArrayList<>(capacity(c, n));
            for (int i = 0; i < n; i++) {
                list.add(item.read(c));
            }
            return list;
        }
    }

    /** An item count. Items may take no slot (structs without fields), so only the sign is checked. */
    static int count(Cursor c) {
        long n = c.table[c.pos++];
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new ConnectException("avroconv: decode table count " + n + " out of range");
        }
        return (int) n;
    }

    /** A capacity hint no larger than the table could justify (so a bad count cannot allocate wildly). */
    static int capacity(Cursor c, int n) {
        return Math.min(n, c.table.length - c.pos + 16);
    }

    static final class MapR extends RecordReader {
        private final RecordReader key;
        private final RecordReader value;

        MapR(boolean optional, RecordReader key, RecordReader value) {
            super(optional);
            this.key = key;
            this.value = value;
        }

        @Override
        Object get(Cursor c) {
            int n = count(c);
            // HashMap, as Confluent's toConnectData returns.
            Map<Object, Object> map = new HashMap<>(capacity(c, n) < 3 ? 4 : (int) (capacity(c, n) / 0.75f) + 1);
            for (int i = 0; i < n; i++) {
                Object k = key.read(c);
                map.put(k, value.read(c));
            }
            return map;
        }
    }

    static final class StructR extends RecordReader {
        private final Schema schema;
        private final Field[] fields;
        private final RecordReader[] children;

        StructR(boolean optional, Schema schema, Field[] fields, RecordReader[] children) {
            super(optional);
            this.schema = schema;
            this.fields = fields;
            this.children = children;
        }

        @Override
        Object get(Cursor c) {
            Struct s = new Struct(schema);
            Object[] values = VALUES == null ? null : (Object[]) VALUES.get(s);
            if (values != null) {
                for (int i = 0; i < fields.length; i++) {
                    values[fields[i].index()] = children[i].read(c);
                }
            } else {
                for (int i = 0; i < fields.length; i++) {
                    s.put(fields[i], children[i].read(c));
                }
            }
            return s;
        }

        /**
         * {@code Struct}'s private value array, or null. {@code Struct.put} validates every value against its field
         * schema (nested structs: a schema comparison and a second full validation; arrays and maps: every item),
         * about 40% of building a record; the nodes here only make values of the exact classes their field
         * schemas require (the ops were checked against the schema when compiled), so the check cannot fail. Null
         * (then {@code put}) when the field is missing or not writable as this expects: checked on a sample.
         */
        private static final VarHandle VALUES = valuesHandle();

        private static VarHandle valuesHandle() {
            try {
                VarHandle h = MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                        .findVarHandle(Struct.class, "values", Object[].class);
                Schema probe = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).field("b", Schema.STRING_SCHEMA)
                        .build();
                Struct sample = new Struct(probe);
                Object[] values = (Object[]) h.get(sample);
                values[1] = "x";
                values[0] = 7;
                sample.validate();
                return Integer.valueOf(7).equals(sample.get("a")) && "x".equals(sample.get("b")) ? h : null;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    }

    /**
     * A schemaless value (op ANY): a tag slot, then the value (bindings/jni/BOUNDARY.md), built with the classes
     * AvroData's {@code toConnectData(null, ...)} returns: Boolean, Integer, Long, Float, Double, String,
     * ByteBuffer, ArrayList, HashMap; tag 0 is null.
     */
    static final class AnyR extends RecordReader {
        AnyR() {
            super(false);
        }

        @Override
        Object get(Cursor c) {
            return any(c);
        }

        static Object any(Cursor c) {
            long tag = c.table[c.pos++];
            switch (tag >= 0 && tag <= Ops.MAP ? (int) tag : -1) {
                case 0: return null;
                case Ops.BOOLEAN: return c.table[c.pos++] != 0;
                case Ops.INT32: return (int) c.table[c.pos++];
                case Ops.INT64: return c.table[c.pos++];
                case Ops.FLOAT32: return Float.intBitsToFloat((int) c.table[c.pos++]);
                case Ops.FLOAT64: return Double.longBitsToDouble(c.table[c.pos++]);
                case Ops.STRING: {
                    long slot = c.table[c.pos++];
                    return new String(c.input, offset(c, slot), (int) slot, StandardCharsets.UTF_8);
                }
                case Ops.BYTES: {
                    long slot = c.table[c.pos++];
                    int off = offset(c, slot);
                    return ByteBuffer.wrap(Arrays.copyOfRange(c.input, off, off + (int) slot));
                }
                case Ops.ARRAY: {
                    int n = count(c);
                    List<Object> list = new ArrayList<>(capacity(c, n));
                    for (int i = 0; i < n; i++) {
                        list.add(any(c));
                    }
                    return list;
                }
                case Ops.MAP: {
                    int n = count(c);
                    Map<Object, Object> map = new HashMap<>(capacity(c, n)); // new HashMap<>(size), as AvroData
                    for (int i = 0; i < n; i++) {
                        Object k = any(c);
                        map.put(k, any(c));
                    }
                    return map;
                }
                default:
                    throw new ConnectException("avroconv: decode table schemaless tag " + tag + " unknown");
            }
        }
    }
}
