package io.avroconv.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka Connect converter for Avro in the Confluent wire format, a drop-in for
 * {@code io.confluent.connect.avro.AvroConverter} (same configuration keys), backed by the Rust core over JNI.
 *
 * <p>Construction is cheap and touches no native code: Connect's plugin scanning instantiates every converter it
 * finds. The native library is loaded by {@link #configure}.
 *
 * <p>SKELETON: the record data path is not implemented yet; {@link #fromConnectData} and {@link #toConnectData}
 * throw {@link DataException}. This build proves packaging, plugin loading and the native boundary only.
 */
public class AvroConverter implements Converter, Versioned {
    private AvroConverterConfig config;
    private boolean isKey;

    /** Cheap: called by plugin scanning; no native code, no I/O. */
    public AvroConverter() {}

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroConverterConfig parsed = new AvroConverterConfig(configs);
        NativeLoader.load(parsed.getString(AvroConverterConfig.NATIVE_DIR));
        this.config = parsed;
        this.isKey = isKey;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw notImplemented();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        throw notImplemented();
    }

    private DataException notImplemented() {
        String state = config == null ? "not configured" : (isKey ? "key" : "value") + " converter";
        return new DataException("avroconv: converting records is not implemented yet in this build (" + state
                + "; only packaging and native loading are)");
    }

    @Override
    public ConfigDef config() {
        return AvroConverterConfig.configDef();
    }

    @Override
    public void close() {
        // Nothing yet: the native library stays loaded for the class loader's lifetime.
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
