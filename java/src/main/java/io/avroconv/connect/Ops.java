package io.avroconv.connect;

/** The op codes of a plan (bindings/jni/BOUNDARY.md): one int per Connect schema node, in pre-order. */
final class Ops {
    private Ops() {}

    static final int BOOLEAN = 1;
    static final int INT8 = 2;
    static final int INT16 = 3;
    static final int INT32 = 4;
    static final int INT64 = 5;
    static final int FLOAT32 = 6;
    static final int FLOAT64 = 7;
    static final int STRING = 8;
    static final int BYTES = 9;
    static final int ARRAY = 10;
    static final int MAP = 11;
    static final int STRUCT = 12;
    static final int DECIMAL = 13;
    static final int DATE = 14;
    static final int TIME = 15;
    static final int TIMESTAMP = 16;
    /** A schemaless value (a null Connect schema): tagged values on the tape and in the table. */
    static final int ANY = 17;

    /** The node has a presence byte (tape) or slot (table). */
    static final int OPTIONAL = 0x100;
    /** Reader ops only, on STRING: the slot is an index into the plan's enum symbols. */
    static final int ENUM = 0x200;

    static int kind(int op) {
        return op & 0xff;
    }

    static boolean optional(int op) {
        return (op & OPTIONAL) != 0;
    }

    /** The op kind a Connect schema's node must have (logical types first, as AvroData looks at them). */
    static int kindOf(org.apache.kafka.connect.data.Schema schema) {
        if (schema == null) {
            return ANY;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case org.apache.kafka.connect.data.Decimal.LOGICAL_NAME:
                    return DECIMAL;
                case org.apache.kafka.connect.data.Date.LOGICAL_NAME:
                    return DATE;
                case org.apache.kafka.connect.data.Time.LOGICAL_NAME:
                    return TIME;
                case org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME:
                    return TIMESTAMP;
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case BOOLEAN: return BOOLEAN;
            case INT8: return INT8;
            case INT16: return INT16;
            case INT32: return INT32;
            case INT64: return INT64;
            case FLOAT32: return FLOAT32;
            case FLOAT64: return FLOAT64;
            case STRING: return STRING;
            case BYTES: return BYTES;
            case ARRAY: return ARRAY;
            case MAP: return MAP;
            case STRUCT: return STRUCT;
            default: throw new IllegalArgumentException("unknown Connect type " + schema.type());
        }
    }
}
