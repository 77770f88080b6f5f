package io.avroconv.connect;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The converter's settings: the keys of Confluent's {@code AvroConverter} 7.x with the same names, types and
 * defaults, so an existing {@code key.converter.*} / {@code value.converter.*} configuration carries over, plus
 * {@value #NATIVE_DIR}. Secrets are {@link Type#PASSWORD}, so Connect masks them in logs and REST output.
 */
public final class AvroConverterConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Deprecated spelling of {@link #BASIC_AUTH_USER_INFO}, still accepted by Confluent. */
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String BEARER_AUTH_ISSUER_ENDPOINT_URL = "bearer.auth.issuer.endpoint.url";
    public static final String BEARER_AUTH_CLIENT_ID = "bearer.auth.client.id";
    public static final String BEARER_AUTH_CLIENT_SECRET = "bearer.auth.client.secret";
    public static final String BEARER_AUTH_SCOPE = "bearer.auth.scope";
    public static final String BEARER_AUTH_SCOPE_CLAIM_NAME = "bearer.auth.scope.claim.name";
    public static final String BEARER_AUTH_SUB_CLAIM_NAME = "bearer.auth.sub.claim.name";
    public static final String BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS = "bearer.auth.cache.expiry.buffer.seconds";
    public static final String BEARER_AUTH_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    public static final String BEARER_AUTH_IDENTITY_POOL_ID = "bearer.auth.identity.pool.id";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    public static final String USE_SCHEMA_ID = "use.schema.id";
    public static final String ID_COMPATIBILITY_STRICT = "id.compatibility.strict";
    public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String CONNECT_META_DATA = "connect.meta.data";
    public static final String ENHANCED_AVRO_SCHEMA_SUPPORT = "enhanced.avro.schema.support";
    public static final String SCRUB_INVALID_NAMES = "scrub.invalid.names";
    public static final String IGNORE_DEFAULT_FOR_NULLABLES = "ignore.default.for.nullables";
    public static final String GENERALIZED_SUM_TYPE_SUPPORT = "generalized.sum.type.support";
    public static final String SCHEMAS_CACHE_SIZE = "schemas.cache.config";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    /** Prefix of the registry's TLS settings: every Kafka client {@code ssl.*} key under it. */
    public static final String SSL_PREFIX = "schema.registry.";
    /** Ours: where the native library is extracted (default: the system property, then java.io.tmpdir). */
    public static final String NATIVE_DIR = "avroconv.native.dir";

    private static final String SUBJECT_STRATEGY_PACKAGE = "io.confluent.kafka.serializers.subject.";
    private static final String TOPIC_NAME_STRATEGY = SUBJECT_STRATEGY_PACKAGE + "TopicNameStrategy";

    private static final ConfigDef CONFIG = build();

    public AvroConverterConfig(Map<?, ?> props) {
        super(CONFIG, props);
    }

    /** A copy of the definition (callers may add to it). */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private static ConfigDef build() {
        ConfigDef def = new ConfigDef()
                .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Comma-separated URLs of the schema registry (Confluent or Apicurio's ccompat API).")
                // Authentication: basic or bearer, never both.
                .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "URL",
                        ValidString.in("URL", "USER_INFO", "SASL_INHERIT"), Importance.MEDIUM,
                        "Where basic-auth credentials come from: URL (user:password@host in the URL), USER_INFO ("
                                + BASIC_AUTH_USER_INFO + ") or SASL_INHERIT (the worker's SASL JAAS settings).")
                .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, "", Importance.MEDIUM,
                        "user:password for basic auth when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO.")
                .define(SCHEMA_REGISTRY_USER_INFO, Type.PASSWORD, "", Importance.LOW,
                        "Deprecated name of " + BASIC_AUTH_USER_INFO + ".")
                .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, "STATIC_TOKEN",
                        ValidString.in("STATIC_TOKEN", "OAUTHBEARER", "SASL_OAUTHBEARER_INHERIT"), Importance.MEDIUM,
                        "Where the bearer token comes from: STATIC_TOKEN (" + BEARER_AUTH_TOKEN + "), OAUTHBEARER "
                                + "(client-credentials flow against " + BEARER_AUTH_ISSUER_ENDPOINT_URL + ") or "
                                + "SASL_OAUTHBEARER_INHERIT (the worker's SASL OAUTHBEARER settings).")
                .define(BEARER_AUTH_TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
                        "The bearer token when " + BEARER_AUTH_CREDENTIALS_SOURCE + "=STATIC_TOKEN.")
                .define(BEARER_AUTH_ISSUER_ENDPOINT_URL, Type.STRING, "", Importance.MEDIUM,
                        "OAuth token endpoint for the client-credentials flow.")
                .define(BEARER_AUTH_CLIENT_ID, Type.STRING, "", Importance.MEDIUM, "OAuth client id.")
                .define(BEARER_AUTH_CLIENT_SECRET, Type.PASSWORD, "", Importance.MEDIUM, "OAuth client secret.")
                .define(BEARER_AUTH_SCOPE, Type.STRING, "", Importance.LOW, "OAuth scope to request.")
                .define(BEARER_AUTH_SCOPE_CLAIM_NAME, Type.STRING, "scope", Importance.LOW,
                        "Name of the scope claim in the token.")
                .define(BEARER_AUTH_SUB_CLAIM_NAME, Type.STRING, "sub", Importance.LOW,
                        "Name of the subject claim in the token.")
                .define(BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS, Type.SHORT, (short) 300, Importance.LOW,
                        "Refresh a cached token this many seconds before it expires.")
                .define(BEARER_AUTH_LOGICAL_CLUSTER, Type.STRING, "", Importance.LOW,
                        "Confluent Cloud logical cluster id sent with bearer auth.")
                .define(BEARER_AUTH_IDENTITY_POOL_ID, Type.STRING, "", Importance.LOW,
                        "Confluent Cloud identity pool id sent with bearer auth.")
                // Which schema a record is written with.
                .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Register the record's schema under its subject on first use.")
                .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.LOW,
                        "Write with the subject's latest schema (only when " + AUTO_REGISTER_SCHEMAS + "=false).")
                .define(LATEST_COMPATIBILITY_STRICT, Type.BOOLEAN, true, Importance.LOW,
                        "With " + USE_LATEST_VERSION + ", require the latest schema to be backward compatible with"
                                + " the record's schema.")
                .define(USE_SCHEMA_ID, Type.INT, -1, Importance.LOW,
                        "Always write with this schema id (-1: off).")
                .define(ID_COMPATIBILITY_STRICT, Type.BOOLEAN, true, Importance.LOW,
                        "With " + USE_SCHEMA_ID + ", require that schema to be backward compatible with the record's.")
                .define(NORMALIZE_SCHEMAS, Type.BOOLEAN, false, Importance.LOW,
                        "Ask the registry to normalize schemas when registering and looking them up.")
                .define(MAX_SCHEMAS_PER_SUBJECT, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
                        "Most schemas cached per subject.")
                .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY, subjectStrategies(),
                        Importance.MEDIUM, "Subject of key schemas: " + strategyDoc())
                .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY, subjectStrategies(),
                        Importance.MEDIUM, "Subject of value schemas: " + strategyDoc())
                // Connect <-> Avro mapping (Confluent's AvroData settings).
                .define(CONNECT_META_DATA, Type.BOOLEAN, true, Importance.LOW,
                        "Write and read connect.* properties (Connect name, version, doc, parameters).")
                .define(ENHANCED_AVRO_SCHEMA_SUPPORT, Type.BOOLEAN, false, Importance.LOW,
                        "Keep Avro enum symbols and package names through Connect schemas.")
                .define(SCRUB_INVALID_NAMES, Type.BOOLEAN, false, Importance.LOW,
                        "Rewrite names that are not valid Avro names instead of failing.")
                .define(IGNORE_DEFAULT_FOR_NULLABLES, Type.BOOLEAN, false, Importance.LOW,
                        "Keep an explicit null in a nullable field instead of replacing it by the field default.")
                .define(GENERALIZED_SUM_TYPE_SUPPORT, Type.BOOLEAN, false, Importance.LOW,
                        "Map unions to connect_union structs and enums to strings with their symbols.")
                .define(SCHEMAS_CACHE_SIZE, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
                        "Size of the Connect <-> Avro schema caches.")
                // Registry HTTP.
                .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 60000, Range.atLeast(0), Importance.LOW,
                        "Timeout for connecting to the registry, in ms.")
                .define(HTTP_READ_TIMEOUT_MS, Type.INT, 60000, Range.atLeast(0), Importance.LOW,
                        "Timeout for reading a registry response, in ms.")
                .define(MAX_RETRIES, Type.INT, 3, Range.atLeast(0), Importance.LOW,
                        "Retries of a registry request on 408, 429, 5xx and I/O errors.")
                .define(RETRIES_WAIT_MS, Type.INT, 1000, Range.atLeast(0), Importance.LOW,
                        "First wait before a retry, in ms; doubled each retry, with jitter.")
                .define(RETRIES_MAX_WAIT_MS, Type.INT, 20000, Range.atLeast(0), Importance.LOW,
                        "Longest wait between retries, in ms.")
                .define(NATIVE_DIR, Type.STRING, "", Importance.LOW,
                        "Directory where the native library is extracted before loading; it must allow executing"
                                + " files (not noexec). Empty: the " + NativeLoader.DIR_PROPERTY
                                + " system property, else java.io.tmpdir.");
        addRegistrySsl(def);
        return def;
    }

    /**
     * Every Kafka client TLS key, as defined by the worker's own kafka-clients (so the set matches its version),
     * under {@value #SSL_PREFIX}; passwords and PEM keys keep their PASSWORD type, class keys become class names.
     * Confluent does the same.
     */
    private static void addRegistrySsl(ConfigDef def) {
        ConfigDef ssl = new ConfigDef();
        SslConfigs.addClientSslSupport(ssl);
        for (ConfigDef.ConfigKey key : ssl.configKeys().values()) {
            Object dflt = key.hasDefault() ? key.defaultValue : ConfigDef.NO_DEFAULT_VALUE;
            Type type = key.type;
            if (type == Type.CLASS) {
                // As Confluent does: a class name, not loaded when the config is parsed.
                type = Type.STRING;
                dflt = dflt instanceof Class ? ((Class<?>) dflt).getName() : dflt;
            }
            def.define(SSL_PREFIX + key.name, type, dflt, key.validator, key.importance,
                    "Schema registry TLS: " + key.documentation);
        }
    }

    private static ConfigDef.Validator subjectStrategies() {
        return ValidString.in(TOPIC_NAME_STRATEGY, SUBJECT_STRATEGY_PACKAGE + "RecordNameStrategy",
                SUBJECT_STRATEGY_PACKAGE + "TopicRecordNameStrategy", "TopicNameStrategy", "RecordNameStrategy",
                "TopicRecordNameStrategy");
    }

    private static String strategyDoc() {
        return "TopicNameStrategy (<topic>-key / <topic>-value), RecordNameStrategy (the record's full name) or"
                + " TopicRecordNameStrategy (<topic>-<full name>); Confluent's class names are accepted.";
    }
}
