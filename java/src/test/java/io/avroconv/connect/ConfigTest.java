package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confluent.connect.avro.AvroDataConfig;
import io.confluent.kafka.serializers.AbstractKafkaSchemaSerDeConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** {@code config()} against the real Confluent 7.0.16 definitions (the keys users carry over). */
class ConfigTest {
    private static final List<String> REQUIRED_KEYS = List.of(
            "schema.registry.url", "basic.auth.credentials.source", "basic.auth.user.info",
            "schema.registry.basic.auth.user.info", "bearer.auth.credentials.source", "bearer.auth.token",
            "bearer.auth.issuer.endpoint.url", "bearer.auth.client.id", "bearer.auth.client.secret",
            "bearer.auth.scope", "bearer.auth.scope.claim.name", "bearer.auth.sub.claim.name",
            "bearer.auth.cache.expiry.buffer.seconds", "bearer.auth.logical.cluster", "bearer.auth.identity.pool.id",
            "auto.register.schemas", "use.latest.version", "use.schema.id", "id.compatibility.strict",
            "latest.compatibility.strict", "normalize.schemas", "max.schemas.per.subject",
            "key.subject.name.strategy", "value.subject.name.strategy", "connect.meta.data",
            "enhanced.avro.schema.support", "scrub.invalid.names", "ignore.default.for.nullables",
            "generalized.sum.type.support", "schemas.cache.config", "http.connect.timeout.ms", "http.read.timeout.ms",
            "max.retries", "retries.wait.ms", "retries.max.wait.ms", "schema.registry.ssl.truststore.location",
            "schema.registry.ssl.truststore.password", "schema.registry.ssl.keystore.location",
            "schema.registry.ssl.keystore.password", "schema.registry.ssl.key.password",
            "schema.registry.ssl.endpoint.identification.algorithm", "avroconv.native.dir");

    private final Map<String, ConfigDef.ConfigKey> ours = new AvroConverter().config().configKeys();

    @Test
    void everyKeyIsDefinedAndDocumented() {
        TreeSet<String> missing = new TreeSet<>(REQUIRED_KEYS);
        missing.removeAll(ours.keySet());
        assertEquals(new TreeSet<>(), missing, "keys missing from config()");
        for (ConfigDef.ConfigKey key : ours.values()) {
            assertTrue(key.documentation != null && !key.documentation.isBlank(), key.name + " has no doc");
        }
    }

    @Test
    void secretsArePasswords() {
        for (String key : ours.keySet()) {
            boolean secret = key.endsWith("user.info") || key.endsWith(".password") || key.endsWith(".token")
                    || key.endsWith(".secret") || key.equals("schema.registry.ssl.keystore.key");
            if (secret) {
                assertEquals(Type.PASSWORD, ours.get(key).type, key);
            }
        }
        assertEquals(Type.PASSWORD, ours.get("bearer.auth.client.secret").type);
        assertEquals(Type.PASSWORD, ours.get("schema.registry.ssl.truststore.password").type);
        AvroConverterConfig parsed = new AvroConverterConfig(Map.of("schema.registry.url", "http://r:8081",
                "basic.auth.user.info", "user:s3cret"));
        assertEquals(Password.HIDDEN, parsed.getPassword("basic.auth.user.info").toString());
        assertTrue(!parsed.values().toString().contains("s3cret"), "a secret printed with the values");
    }

    @Test
    void typesDefaultsAndSecretsMatchConfluentsWhereItDefinesTheKey() {
        Map<String, ConfigDef.ConfigKey> confluent = AbstractKafkaSchemaSerDeConfig.baseConfigDef().configKeys();
        confluent.putAll(AvroDataConfig.baseConfigDef().configKeys());
        int compared = 0;
        for (ConfigDef.ConfigKey key : ours.values()) {
            ConfigDef.ConfigKey theirs = confluent.get(key.name);
            if (theirs == null) {
                continue;
            }
            compared++;
            if (theirs.type == Type.CLASS) {
                // Subject name strategies and the TLS engine factory: a class there, its name here (the Rust side
                // has no use for a Java class, and parsing must not try to load one).
                assertEquals(Type.STRING, key.type, key.name);
                Object name = theirs.defaultValue == null ? null : ((Class<?>) theirs.defaultValue).getName();
                assertEquals(name, key.defaultValue, key.name);
                continue;
            }
            assertEquals(theirs.type, key.type, key.name);
            assertEquals(theirs.hasDefault(), key.hasDefault(), key.name);
            if (theirs.hasDefault()) {
                assertEquals(String.valueOf(theirs.defaultValue), String.valueOf(key.defaultValue), key.name);
            }
        }
        assertTrue(compared >= 30, "compared only " + compared + " keys with Confluent's");
    }

    @Test
    void theRegistryUrlIsRequiredAndStrategiesAcceptConfluentsClassNames() {
        assertThrows(ConfigException.class, () -> new AvroConverterConfig(Map.of()));
        AvroConverterConfig config = new AvroConverterConfig(Map.of("schema.registry.url", "http://a,http://b",
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"));
        assertEquals(List.of("http://a", "http://b"), config.getList("schema.registry.url"));
        assertThrows(ConfigException.class, () -> new AvroConverterConfig(Map.of("schema.registry.url", "http://a",
                "value.subject.name.strategy", "com.example.Nope")));
    }
}
