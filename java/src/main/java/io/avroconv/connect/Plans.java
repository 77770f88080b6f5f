package io.avroconv.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Schema;

/**
 * One converter's session and its compiled plans, looked up without hashing a schema on the hot path:
 * <ol>
 * <li>per thread, the last (schema, topic) -> writer plan and (id, topic) -> reader plan;
 * <li>then a map by schema identity;
 * <li>then a map by schema equality, so a connector that builds an equal schema per record compiles it once.
 * </ol>
 * Each map holds at most {@code schemas.cache.config} entries and is emptied when full (plans in use stay alive
 * through their users; the cleaner frees the rest). Plans are compiled outside the lock: two threads may compile
 * the same schema once each, which the registry answers with the same id.
 */
final class Plans {
    /** A writer plan: native plan + the Java walker compiled for it. */
    static final class Writer {
        final NativeHandle handle;
        final RecordWriter walker;
        /** Keeps the session alive as long as a plan made from it. */
        final NativeHandle session;

        Writer(NativeHandle handle, RecordWriter walker, NativeHandle session) {
            this.handle = handle;
            this.walker = walker;
            this.session = session;
        }
    }

    /** A reader plan: native plan + the Connect schema it produces + the Java builder compiled for it. */
    static final class Reader {
        final NativeHandle handle;
        final Schema schema;
        final RecordReader walker;
        final NativeHandle session;

        Reader(NativeHandle handle, Schema schema, RecordReader walker, NativeHandle session) {
            this.handle = handle;
            this.schema = schema;
            this.walker = walker;
            this.session = session;
        }
    }

    /** Per-thread buffers and last-used plans. */
    static final class Local {
        final Tape tape = new Tape();
        final RecordReader.Cursor cursor = new RecordReader.Cursor();

        Schema lastSchema;
        String lastTopic;
        Writer lastWriter;

        int lastId;
        String lastReadTopic;
        Reader lastReader;

        Local() {
            cursor.table = new long[256];
        }
    }

    private final NativeHandle session;
    private final int capacity;
    private final ThreadLocal<Local> locals = ThreadLocal.withInitial(Local::new);
    private final Map<Key, Writer> byIdentity = new HashMap<>();
    private final Map<Key, Writer> byEquality = new HashMap<>();
    private final Map<Key, Reader> readers = new HashMap<>();

    Plans(NativeHandle session, int capacity) {
        this.session = session;
        this.capacity = capacity;
    }

    Local local() {
        return locals.get();
    }

    /** The session handle's {@link Native#stats} text plus this converter's plan map sizes and bound. */
    String stats() {
        int writers;
        int equal;
        int readerCount;
        synchronized (this) {
            writers = byIdentity.size();
            equal = byEquality.size();
            readerCount = readers.size();
        }
        try {
            return Native.stats(session.value) + "plans.bound=" + capacity + "\nplans.byIdentity=" + writers
                    + "\nplans.byEquality=" + equal + "\nplans.readers=" + readerCount + "\n";
        } finally {
            java.lang.ref.Reference.reachabilityFence(session);
        }
    }

    /** Drops this thread's buffers and last plans (the other threads' go with this object). */
    void forgetThread() {
        locals.remove();
    }

    Writer writer(Local local, String topic, Schema schema) {
        if (schema == local.lastSchema && topic.equals(local.lastTopic)) {
            return local.lastWriter;
        }
        Writer plan = writerSlow(topic, schema);
        local.lastSchema = schema;
        local.lastTopic = topic;
        local.lastWriter = plan;
        return plan;
    }

    private Writer writerSlow(String topic, Schema schema) {
        Key identity = new Key(schema, topic, 0, true);
        synchronized (this) {
            Writer plan = byIdentity.get(identity);
            if (plan != null) {
                return plan;
            }
        }
        Key equality = new Key(schema, topic, 0, false); // hashes the schema: only for a schema object not seen
        synchronized (this) {
            Writer plan = byEquality.get(equality);
            if (plan != null) {
                put(byIdentity, identity, plan);
                return plan;
            }
        }
        Writer plan = compileWriter(topic, schema);
        synchronized (this) {
            put(byEquality, equality, plan);
            put(byIdentity, identity, plan);
        }
        return plan;
    }

    private Writer compileWriter(String topic, Schema schema) {
        NativeHandle handle = new NativeHandle(Native.writer(session.value, topic, ConnectSchemaJson.describe(schema)));
        RecordWriter walker = RecordWriter.compile(schema, Native.writerOps(handle.value));
        return new Writer(handle, walker, session);
    }

    Reader reader(Local local, String topic, int id) {
        if (local.lastReader != null && id == local.lastId && topic.equals(local.lastReadTopic)) {
            return local.lastReader;
        }
        Key key = new Key(null, topic, id, false);
        Reader plan;
        synchronized (this) {
            plan = readers.get(key);
        }
        if (plan == null) {
            NativeHandle handle = new NativeHandle(Native.reader(session.value, topic, id));
            Schema schema = ConnectSchemaJson.parse(Native.readerSchema(handle.value));
            RecordReader walker = RecordReader.compile(schema, Native.readerOps(handle.value),
                    Native.readerSymbols(handle.value), topic);
            plan = new Reader(handle, schema, walker, session);
            synchronized (this) {
                put(readers, key, plan);
            }
        }
        local.lastId = id;
        local.lastReadTopic = topic;
        local.lastReader = plan;
        return plan;
    }

    private <V> void put(Map<Key, V> map, Key key, V value) {
        if (map.size() >= capacity && !map.containsKey(key)) {
            map.clear();
        }
        map.put(key, value);
    }

    /** (schema by identity or equality, topic) or (id, topic). Hashes an equality key's schema once, on a miss. */
    private static final class Key {
        private final Schema schema;
        private final String topic;
        private final int id;
        private final boolean identity;
        private final int hash;

        Key(Schema schema, String topic, int id, boolean identity) {
            this.schema = schema;
            this.topic = topic;
            this.id = id;
            this.identity = identity;
            int h = schema == null ? id : identity ? System.identityHashCode(schema) : schema.hashCode();
            this.hash = 31 * h + topic.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            if (hash != k.hash || id != k.id || !topic.equals(k.topic)) {
                return false;
            }
            return identity ? schema == k.schema : Objects.equals(schema, k.schema);
        }
    }
}
