package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/**
 * The Java walkers without native code: a value goes onto the tape, a stand-in for the core turns the tape into a
 * table (the two layouts of BOUNDARY.md), and the reader must build the same value back.
 */
class WalkerTest {
    @Test
    void valuesSurviveTapeAndTableOverTheCorpus() {
        ConnectValues.Generator gen = new ConnectValues.Generator(3);
        int checked = 0;
        List<Schema> schemas = new ArrayList<>();
        for (Map.Entry<String, Object> c : ConnectValues.corpus()) {
            try {
                schemas.add(ConnectSchemaJson.fromTree(c.getValue()));
            } catch (RuntimeException e) {
                // refused by Connect
            }
        }
        schemas.add(DifferentialTest.everyType());
        schemas.add(DifferentialTest.debezium());
        for (Schema s : schemas) {
            int[] ops = ops(s);
            RecordWriter writer = RecordWriter.compile(s, ops);
            RecordReader reader = RecordReader.compile(s, ops, new String[0]);
            for (int i = 0; i < 5; i++) {
                Object v = gen.value(s, 0);
                Tape tape = new Tape();
                try {
                    writer.write(v, tape);
                } catch (DataException e) {
                    continue; // e.g. a decimal value Connect refuses; the differential test compares those
                }
                RecordReader.Cursor c = new RecordReader.Cursor();
                c.input = tape.buf;
                c.table = table(s, ops, tape);
                Object back = reader.read(c);
                assertEquals(ConnectValues.render(normalize(s, v)), ConnectValues.render(back), s.toString());
                checked++;
            }
        }
        assertTrue(checked > 3000, "checked " + checked);
    }

    @Test
    void badValuesNameTheirField() {
        Schema inner = SchemaBuilder.struct().name("I").field("n", Schema.INT32_SCHEMA).build();
        Schema s = SchemaBuilder.struct().name("R").field("inner", inner)
                .field("list", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
        RecordWriter w = RecordWriter.compile(s, ops(s));
        Struct nullInner = new Struct(s).put("list", List.of());
        DataException e = assertThrows(DataException.class, () -> w.write(nullInner, new Tape()));
        assertTrue(e.getMessage().contains("\"inner\"") && e.getMessage().contains("non-optional"), e.getMessage());
        Struct wrongItem = new Struct(s).put("inner", new Struct(inner).put("n", 1));
        wrongItem.put("list", new ArrayList<>(List.of("a")));
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) wrongItem.get("list");
        items.add(5); // after Struct.put checked the list
        e = assertThrows(DataException.class, () -> w.write(wrongItem, new Tape()));
        assertTrue(e.getMessage().contains("list[]") && e.getMessage().contains("Integer"), e.getMessage());
        Schema other = SchemaBuilder.struct().name("I").field("n", Schema.INT64_SCHEMA).build();
        e = assertThrows(DataException.class, () -> w.write(new Struct(other).put("n", 1L), new Tape()));
        assertTrue(e.getMessage().contains("Mismatching"), e.getMessage());
        e = assertThrows(DataException.class, () -> w.write("text", new Tape()));
        assertTrue(e.getMessage().contains("STRUCT"), e.getMessage());
        // An equal (not identical) schema is accepted.
        Schema same = SchemaBuilder.struct().name("R").field("inner", inner)
                .field("list", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
        w.write(new Struct(same).put("inner", new Struct(inner).put("n", 1)).put("list", List.of()), new Tape());
    }

    /** The ops the core would send for a Connect schema: kind plus OPTIONAL, pre-order. */
    static int[] ops(Schema s) {
        List<Integer> out = new ArrayList<>();
        ops(s, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void ops(Schema s, List<Integer> out) {
        out.add(Ops.kindOf(s) | (s.isOptional() ? Ops.OPTIONAL : 0));
        switch (s.type()) {
            case STRUCT:
                for (Field f : s.fields()) {
                    ops(f.schema(), out);
                }
                break;
            case ARRAY:
                ops(s.valueSchema(), out);
                break;
            case MAP:
                ops(s.keySchema(), out);
                ops(s.valueSchema(), out);
                break;
            default:
                break;
        }
    }

    /** A stand-in for the core: tape -> table, with string/bytes slots pointing into the tape itself. It walks the
     * schema alongside the ops, as the core walks its plan. */
    static long[] table(Schema s, int[] ops, Tape tape) {
        ByteBuffer in = ByteBuffer.wrap(tape.buf, 0, tape.len).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> out = new ArrayList<>();
        node(s, in, out, true);
        assertEquals(tape.len, in.position());
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static void node(Schema s, ByteBuffer in, List<Long> out, boolean present) {
        if (s.isOptional()) {
            byte p = in.get();
            out.add((long) p);
            if (p == 0) {
                return;
            }
        }
        switch (Ops.kindOf(s)) {
            case Ops.BOOLEAN: out.add((long) in.get()); break;
            case Ops.INT8: case Ops.INT16: case Ops.INT32: case Ops.DATE: case Ops.TIME:
                out.add((long) in.getInt());
                break;
            case Ops.FLOAT32: out.add((long) in.getInt() & 0xffffffffL); break;
            case Ops.INT64: case Ops.FLOAT64: case Ops.TIMESTAMP: out.add(in.getLong()); break;
            case Ops.STRING: case Ops.BYTES: case Ops.DECIMAL: {
                int n = in.getInt();
                out.add((long) in.position() << 32 | n);
                in.position(in.position() + n);
                break;
            }
            case Ops.ARRAY: {
                int n = in.getInt();
                out.add((long) n);
                for (int i = 0; i < n; i++) {
                    node(s.valueSchema(), in, out, true);
                }
                break;
            }
            case Ops.MAP: {
                int n = in.getInt();
                out.add((long) n);
                for (int i = 0; i < n; i++) {
                    node(s.keySchema(), in, out, true);
                    node(s.valueSchema(), in, out, true);
                }
                break;
            }
            case Ops.STRUCT:
                for (Field f : s.fields()) {
                    node(f.schema(), in, out, true);
                }
                break;
            default:
                throw new IllegalStateException("schema " + s);
        }
    }

    static Object normalize(Schema s, Object v) {
        if (v == null) {
            return null;
        }
        switch (s.type()) {
            case STRUCT: {
                Struct in = (Struct) v;
                Struct out = new Struct(s);
                for (Field f : s.fields()) {
                    out.put(f, normalize(f.schema(), in.get(f)));
                }
                return out;
            }
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(normalize(s.valueSchema(), e));
                }
                return out;
            }
            case MAP: {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    out.put(normalize(s.keySchema(), e.getKey()), normalize(s.valueSchema(), e.getValue()));
                }
                return out;
            }
            case BYTES:
                return v instanceof byte[] ? ByteBuffer.wrap((byte[]) v) : v;
            default:
                return v;
        }
    }
}
