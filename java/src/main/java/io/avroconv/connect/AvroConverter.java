package io.avroconv.connect;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka Connect converter for Avro in the Confluent wire format, a drop-in for
 * {@code io.confluent.connect.avro.AvroConverter} (same configuration keys, same bytes, same Connect data), backed
 * by the Rust core over JNI (bindings/jni/BOUNDARY.md).
 *
 * <p>Construction is cheap and touches no native code: Connect's plugin scanning instantiates every converter it
 * finds. The native library is loaded by {@link #configure}.
 *
 * <p>Per record, Java walks the Connect value onto a tape (or builds it from a decode table) with a walker compiled
 * once per schema, and crosses JNI once. One instance may be used from several threads: buffers are per thread.
 */
public class AvroConverter implements Converter, Versioned {
    private AvroConverterConfig config;
    private boolean isKey;
    private volatile Plans plans;

    /** Cheap: called by plugin scanning; no native code, no I/O. */
    public AvroConverter() {}

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroConverterConfig parsed = new AvroConverterConfig(configs);
        NativeLoader.load(parsed.getString(AvroConverterConfig.NATIVE_DIR));
        // JKS/PKCS12 stores are read here and reach the core as PEM (SslStores).
        NativeHandle session = new NativeHandle(Native.open(keyValues(SslStores.forCore(configs, parsed)), isKey));
        this.config = parsed;
        this.isKey = isKey;
        this.plans = new Plans(session, parsed.getInt(AvroConverterConfig.SCHEMAS_CACHE_SIZE));
    }

    /** The settings as given, flattened to key, value, key, value... strings (secrets as their value). */
    static String[] keyValues(Map<String, ?> configs) {
        List<String> kv = new ArrayList<>(configs.size() * 2);
        for (Map.Entry<String, ?> e : configs.entrySet()) {
            Object v = e.getValue();
            if (e.getKey() == null || v == null) {
                continue;
            }
            String text;
            if (v instanceof Password) {
                text = ((Password) v).value();
            } else if (v instanceof List) {
                StringBuilder sb = new StringBuilder();
                for (Object item : (List<?>) v) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(item);
                }
                text = sb.toString();
            } else if (v instanceof Class) {
                text = ((Class<?>) v).getName();
            } else {
                text = v.toString();
            }
            kv.add(e.getKey());
            kv.add(text);
        }
        return kv.toArray(new String[0]);
    }

    /**
     * The caches, or a {@code ConnectException} (not a {@code DataException}: no record is at fault) once closed or
     * before {@link #configure}. A call that got them before {@link #close()} finishes normally: close frees nothing
     * itself (see {@link NativeHandle}).
     */
    private Plans plans() {
        Plans p = plans;
        if (p == null) {
            throw new ConnectException("avroconv: the " + (isKey ? "key" : "value") + " converter is "
                    + (config == null ? "not configured" : "closed"));
        }
        return p;
    }

    /** Diagnostics for tests and soaks ({@link Plans#stats}): plan map sizes, live native handles, registry caches. */
    String stats() {
        return plans().stats();
    }

    /** A null {@code schema} with a value is a schemaless value, written under AvroData's ANYTHING_SCHEMA. */
    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            if (schema != null && !schema.isOptional()) {
                throw new DataException("Found null value for non-optional schema (topic " + topic + ")");
            }
            return null; // a tombstone
        }
        Plans p = plans();
        Plans.Local local = p.local();
        Tape tape = local.tape;
        Plans.Writer plan;
        tape.reset();
        if (schema == null) {
            // Schemaless: walked before the plan, as AvroData converts the value before the serializer registers
            // ANYTHING_SCHEMA (a refused value neither registers it nor needs the registry).
            RecordWriter.AnyW.any(value, tape, 0);
            plan = p.writer(local, topic, null);
        } else {
            plan = p.writer(local, topic, schema);
            plan.walker.write(value, tape);
        }
        try {
            // The record is written after the tape, in the same array (one pin).
            int n = Native.encode(plan.handle.value, tape.buf, tape.len);
            if (n < 0) {
                tape.reserve(-n);
                n = Native.encode(plan.handle.value, tape.buf, tape.len);
            }
            return Arrays.copyOfRange(tape.buf, tape.len, tape.len + n);
        } finally {
            Reference.reachabilityFence(plan);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null || value.length == 0) {
            return SchemaAndValue.NULL;
        }
        if (value.length < 5 || value[0] != 0) {
            Native.frameError(topic, value);
            throw new DataException("avroconv: not a Confluent Avro frame (topic " + topic + ")");
        }
        int id = (value[1] & 0xff) << 24 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 8 | (value[4] & 0xff);
        Plans p = plans();
        Plans.Local local = p.local();
        Plans.Reader plan = p.reader(local, topic, id);
        RecordReader.Cursor cursor = local.cursor;
        try {
            int n = Native.decode(plan.handle.value, value, cursor.table);
            if (n < 0) {
                cursor.table = new long[Math.max(-n, cursor.table.length * 2)];
                n = Native.decode(plan.handle.value, value, cursor.table);
            }
            cursor.input = value;
            cursor.pos = 0;
            return new SchemaAndValue(plan.schema, plan.walker.read(cursor));
        } catch (IndexOutOfBoundsException e) {
            throw new ConnectException("avroconv: decode table shorter than its reader plan (a bug)", e);
        } finally {
            cursor.input = null; // do not keep the record alive
            Reference.reachabilityFence(plan);
        }
    }

    @Override
    public ConfigDef config() {
        return AvroConverterConfig.configDef();
    }

    @Override
    public void close() {
        // Drops the caches; the cleaner frees the session and plans once no thread uses them. The native library
        // stays loaded for the class loader's lifetime.
        Plans p = plans;
        plans = null;
        if (p != null) {
            p.forgetThread();
        }
    }

    /** The version of the build (the core crate's Cargo version), or "unknown" when not run from the JAR. */
    @Override
    public String version() {
        String version = jarVersion();
        return version == null ? "unknown" : version;
    }

    /** The version the build wrote into the JAR, or null; read once (plugin scanning calls {@link #version()}). */
    static String jarVersion() {
        return VersionHolder.VERSION;
    }

    private static final class VersionHolder {
        static final String VERSION = read();

        private static String read() {
            // A resource rather than the manifest: the manifest is not read when the package is split across
            // class path entries (as in tests).
            try (InputStream in = AvroConverter.class.getResourceAsStream("version.txt")) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                return null;
            }
        }
    }
}
