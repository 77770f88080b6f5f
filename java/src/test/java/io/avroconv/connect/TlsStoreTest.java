package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.RegistryProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The converter over HTTPS to the test registry with JKS and PKCS12 stores built here from the certificates the
 * registry made (avroconv-test-registry --tls-dir): truststores, mutual TLS with a keystore, and the failures (wrong
 * password, wrong CA, expired server certificate, store problems), each a clear error; then no password, token or key
 * line in anything printed, thrown or logged.
 */
class TlsStoreTest {
    private static final String STORE_PASSWORD = "st0re-Pa55-91d3e";
    private static final String KEY_PASSWORD = "k3y-Pa55-0c7f2";
    private static final String WRONG_PASSWORD = "wr0ng-Pa55-5a8b";
    private static final String TOKEN = "bearer-T0ken-77ab3";
    private static final String BASIC_PASSWORD = "basic-Pa55-c3f09";
    private static final Schema SCHEMA = SchemaBuilder.struct().name("tls.R").field("a", Schema.INT32_SCHEMA).build();

    private static Path tmp;
    /** HTTPS; HTTPS requiring a client certificate; HTTPS with an expired certificate. Each its own CAs. */
    private static RegistryProcess plain;
    private static RegistryProcess mutual;
    private static RegistryProcess expired;
    private static Path plainDir;
    private static Path mutualDir;
    private static Path expiredDir;

    @BeforeAll
    static void start() throws IOException {
        tmp = Files.createTempDirectory("avroconv-tls-java");
        plainDir = tmp.resolve("plain");
        mutualDir = tmp.resolve("mutual");
        expiredDir = tmp.resolve("expired");
        plain = RegistryProcess.start("--tls-dir", plainDir.toString());
        mutual = RegistryProcess.start("--tls-dir", mutualDir.toString(), "--mutual");
        expired = RegistryProcess.start("--tls-dir", expiredDir.toString(), "--expired");
    }

    @AfterAll
    static void stop() throws IOException {
        for (RegistryProcess r : new RegistryProcess[] {plain, mutual, expired}) {
            if (r != null) {
                r.close();
            }
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---- stores built from the registry's PEM files --------------------------------------------------------

    private static List<Certificate> certificates(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    private static Path save(KeyStore store, String name) throws Exception {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    /** A truststore of `type` holding the CA certificate in `caPem`. */
    static Path trustStore(String type, Path caPem, String name) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("ca", certificates(caPem).get(0));
        return save(store, name);
    }

    /** A keystore of `type` with `aliases` key entries of the client key and certificate, under `keyPassword`. */
    static Path keyStore(String type, Path dir, String keyPassword, String name, String... aliases) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        Certificate[] chain = certificates(dir.resolve("client.pem")).toArray(new Certificate[0]);
        for (String alias : aliases) {
            store.setKeyEntry(alias, privateKey(dir.resolve("client.key")), keyPassword.toCharArray(), chain);
        }
        return save(store, name);
    }

    private static Map<String, Object> config(RegistryProcess registry, Object... keyValues) {
        Map<String, Object> c = new HashMap<>();
        c.put("schema.registry.url", registry.url());
        c.put("max.retries", "0");
        c.put("http.connect.timeout.ms", "5000");
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put((String) keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    private static AvroConverter converter(Map<String, Object> config) {
        AvroConverter c = new AvroConverter();
        c.configure(config, false);
        return c;
    }

    /** A record written (registering its schema over TLS) and read back. */
    private static void roundTrip(AvroConverter c, int a) {
        Struct value = new Struct(SCHEMA).put("a", a);
        byte[] bytes = c.fromConnectData("tls", SCHEMA, value);
        SchemaAndValue back = c.toConnectData("tls", bytes);
        // Not equals(): the schema read back carries the registry's version.
        assertEquals(SCHEMA.name(), back.schema().name());
        assertEquals(a, ((Struct) back.value()).getInt32("a"));
    }

    // ---- what works --------------------------------------------------------------------------------------

    @Test
    void pkcs12AndJksTruststores() throws Exception {
        Path p12 = trustStore("PKCS12", plainDir.resolve("ca.pem"), "trust.p12");
        Path jks = trustStore("JKS", plainDir.resolve("ca.pem"), "trust.jks");
        roundTrip(converter(config(plain, "schema.registry.ssl.truststore.location", p12.toString(),
                "schema.registry.ssl.truststore.password", STORE_PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12")), 1);
        // No type: Kafka's default, JKS; the password as Connect passes it (a Password).
        roundTrip(converter(config(plain, "schema.registry.ssl.truststore.location", jks.toString(),
                "schema.registry.ssl.truststore.password", new Password(STORE_PASSWORD))), 2);
        // A PEM file still passes through to the core, with or without its type.
        roundTrip(converter(config(plain, "schema.registry.ssl.truststore.location",
                plainDir.resolve("ca.pem").toString())), 3);
        roundTrip(converter(config(plain, "schema.registry.ssl.truststore.location",
                plainDir.resolve("ca.pem").toString(), "schema.registry.ssl.truststore.type", "PEM")), 4);
    }

    @Test
    void mutualTlsWithAKeystore() throws Exception {
        Path trust = trustStore("PKCS12", mutualDir.resolve("ca.pem"), "mutual-trust.p12");
        Path p12 = keyStore("PKCS12", mutualDir, STORE_PASSWORD, "client.p12", "client");
        roundTrip(converter(config(mutual, "schema.registry.ssl.truststore.location", trust.toString(),
                "schema.registry.ssl.truststore.password", STORE_PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12",
                "schema.registry.ssl.keystore.location", p12.toString(),
                "schema.registry.ssl.keystore.password", STORE_PASSWORD,
                "schema.registry.ssl.keystore.type", "PKCS12")), 1);
        // JKS with a key password of its own (ssl.key.password).
        Path jks = keyStore("JKS", mutualDir, KEY_PASSWORD, "client.jks", "client");
        roundTrip(converter(config(mutual, "schema.registry.ssl.truststore.location", trust.toString(),
                "schema.registry.ssl.truststore.password", STORE_PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12",
                "schema.registry.ssl.keystore.location", jks.toString(),
                "schema.registry.ssl.keystore.password", STORE_PASSWORD,
                "schema.registry.ssl.key.password", KEY_PASSWORD)), 2);

        // Without a client certificate: the registry ends the handshake; the error says what is missing.
        AvroConverter without = converter(config(mutual, "schema.registry.ssl.truststore.location", trust.toString(),
                "schema.registry.ssl.truststore.password", STORE_PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12"));
        RetriableException e = assertThrows(RetriableException.class,
                () -> without.fromConnectData("tls-without", SCHEMA, new Struct(SCHEMA).put("a", 1)));
        assertTrue(e.getMessage().contains("TLS: the registry requires a client certificate"
                + " (schema.registry.ssl.keystore.*)"), e.getMessage());
    }

    // ---- what fails, and how -----------------------------------------------------------------------------

    @Test
    void aWrongPasswordNamesTheKeyAndTheFileNotThePassword() throws Exception {
        Path p12 = trustStore("PKCS12", plainDir.resolve("ca.pem"), "trust-pw.p12");
        Path jks = trustStore("JKS", plainDir.resolve("ca.pem"), "trust-pw.jks");
        for (Path store : new Path[] {p12, jks}) {
            ConfigException e = assertThrows(ConfigException.class, () -> converter(config(plain,
                    "schema.registry.ssl.truststore.location", store.toString(),
                    "schema.registry.ssl.truststore.password", WRONG_PASSWORD,
                    "schema.registry.ssl.truststore.type", store.toString().endsWith(".p12") ? "PKCS12" : "JKS")));
            String m = e.getMessage();
            assertTrue(m.startsWith("schema.registry.ssl.truststore.password: wrong password for the "), m);
            assertTrue(m.contains(store.toString()), m);
            assertFalse(m.contains(WRONG_PASSWORD) || m.contains(STORE_PASSWORD), m);
        }
        // The key's own password.
        Path jksKeys = keyStore("JKS", mutualDir, KEY_PASSWORD, "keys-pw.jks", "client");
        ConfigException e = assertThrows(ConfigException.class, () -> converter(config(mutual,
                "schema.registry.ssl.keystore.location", jksKeys.toString(),
                "schema.registry.ssl.keystore.password", STORE_PASSWORD,
                "schema.registry.ssl.key.password", WRONG_PASSWORD)));
        assertTrue(e.getMessage().startsWith("schema.registry.ssl.key.password: wrong password for the private key"
                + " 'client' in the JKS store " + jksKeys), e.getMessage());
        assertFalse(e.getMessage().contains(WRONG_PASSWORD) || e.getMessage().contains(KEY_PASSWORD));
    }

    @Test
    void storeProblemsAreConfigExceptionsNamingKeyAndFile() throws Exception {
        Path trust = trustStore("PKCS12", plainDir.resolve("ca.pem"), "only-certs.p12");
        Path two = keyStore("PKCS12", mutualDir, STORE_PASSWORD, "two-keys.p12", "one", "two");
        Path missing = tmp.resolve("missing.p12");
        String[][] cases = {
            {"schema.registry.ssl.truststore.location", missing.toString(), "PKCS12",
                "schema.registry.ssl.truststore.location: no such file: " + missing},
            {"schema.registry.ssl.truststore.location", trust.toString(), "BKS",
                "Invalid value BKS for configuration schema.registry.ssl.truststore.type: unsupported store type"},
            {"schema.registry.ssl.keystore.location", trust.toString(), "PKCS12",
                "schema.registry.ssl.keystore.location: no private key entry in the PKCS12 store " + trust},
            {"schema.registry.ssl.keystore.location", two.toString(), "PKCS12",
                "schema.registry.ssl.keystore.location: 2 private key entries [one, two] in the PKCS12 store " + two},
            {"schema.registry.ssl.truststore.location", plainDir.resolve("ca.pem").toString(), "JKS",
                "schema.registry.ssl.truststore.location: cannot read the JKS store " + plainDir.resolve("ca.pem")},
        };
        for (String[] c : cases) {
            String prefix = c[0].substring(0, c[0].length() - "location".length());
            ConfigException e = assertThrows(ConfigException.class, () -> converter(config(plain, c[0], c[1],
                    prefix + "password", STORE_PASSWORD, prefix + "type", c[2])));
            assertTrue(e.getMessage().startsWith(c[3]), e.getMessage() + "\nexpected: " + c[3]);
            assertFalse(e.getMessage().contains(STORE_PASSWORD), e.getMessage());
        }
    }

    @Test
    void aTruststoreWithTheWrongCaFailsSayingWhy() throws Exception {
        Path other = trustStore("PKCS12", plainDir.resolve("other-ca.pem"), "other-trust.p12");
        AvroConverter c = converter(config(plain, "schema.registry.ssl.truststore.location", other.toString(),
                "schema.registry.ssl.truststore.password", STORE_PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12"));
        // The handshake fails on first use: a RetriableException, as for any registry that can't be reached (Connect
        // retries within errors.retry.timeout, then fails the task with this message).
        RetriableException e = assertThrows(RetriableException.class,
                () -> c.fromConnectData("tls-wrong-ca", SCHEMA, new Struct(SCHEMA).put("a", 1)));
        String m = e.getMessage();
        assertTrue(m.contains("TLS: the registry's certificate is not signed by a trusted CA"
                + " (schema.registry.ssl.truststore.*)"), m);
        assertTrue(m.contains(plain.url()), m);
        assertThrows(RetriableException.class, () -> c.toConnectData("tls-wrong-ca", new byte[] {0, 0, 0, 0, 1, 2}));
    }

    @Test
    void anExpiredServerCertificateFailsSayingSo() throws Exception {
        Path trust = trustStore("JKS", expiredDir.resolve("ca.pem"), "expired-trust.jks");
        AvroConverter c = converter(config(expired, "schema.registry.ssl.truststore.location", trust.toString(),
                "schema.registry.ssl.truststore.password", STORE_PASSWORD));
        RetriableException e = assertThrows(RetriableException.class,
                () -> c.fromConnectData("tls-expired", SCHEMA, new Struct(SCHEMA).put("a", 1)));
        assertTrue(e.getMessage().contains("TLS: the registry's certificate has expired"), e.getMessage());
        assertTrue(e.getMessage().contains("certificate expired"), e.getMessage());
    }

    // ---- secrets -----------------------------------------------------------------------------------------

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Base64 lines of a PEM text (the key material), long enough not to match by chance. */
    private static List<String> keyLines(String pem) {
        List<String> lines = new ArrayList<>();
        for (String line : pem.split("\n")) {
            if (!line.startsWith("-----") && line.trim().length() >= 16) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    @Test
    void noSecretInAnythingPrintedThrownOrLogged() throws Exception {
        Path trust = trustStore("JKS", mutualDir.resolve("ca.pem"), "secret-trust.jks");
        Path keys = keyStore("PKCS12", mutualDir, STORE_PASSWORD, "secret-keys.p12", "client");
        Path jksKeys = keyStore("JKS", mutualDir, KEY_PASSWORD, "secret-keys.jks", "client");
        Path otherTrust = trustStore("PKCS12", mutualDir.resolve("other-ca.pem"), "secret-other.p12");
        Object[] tls = {"schema.registry.ssl.truststore.location", trust.toString(),
            "schema.registry.ssl.truststore.password", STORE_PASSWORD,
            "schema.registry.ssl.keystore.location", keys.toString(),
            "schema.registry.ssl.keystore.password", STORE_PASSWORD,
            "schema.registry.ssl.keystore.type", "PKCS12"};

        StringBuilder seen = new StringBuilder();
        List<String> secrets = new ArrayList<>(List.of(STORE_PASSWORD, KEY_PASSWORD, WRONG_PASSWORD, TOKEN,
                BASIC_PASSWORD, "PRIVATE KEY"));
        secrets.addAll(keyLines(Files.readString(mutualDir.resolve("client.key"))));

        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        StringBuilder logged = new StringBuilder();
        Handler jul = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.append(new SimpleFormatter().format(r));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(jul);
        System.setErr(capture);
        System.setOut(capture);
        List<Throwable> thrown = new ArrayList<>();
        try {
            // Works: a bearer token, then basic auth, each with both stores (mutual TLS).
            Map<String, Object> bearer = config(mutual, tls);
            bearer.put("bearer.auth.token", TOKEN);
            AvroConverter withToken = converter(bearer);
            roundTrip(withToken, 1);
            Map<String, Object> basic = config(mutual, tls);
            basic.put("basic.auth.credentials.source", "USER_INFO");
            basic.put("basic.auth.user.info", "alice:" + BASIC_PASSWORD);
            AvroConverter withBasic = converter(basic);
            roundTrip(withBasic, 2);
            // What the core gets: the key as PEM, but only inside a Password.
            Map<String, Object> forCore = SslStores.forCore(basic, new AvroConverterConfig(basic));
            String corePem = ((Password) forCore.get("schema.registry.ssl.keystore.key")).value();
            assertTrue(corePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), "the check below must mean something");
            secrets.addAll(keyLines(corePem));
            AvroConverterConfig parsed = new AvroConverterConfig(basic);
            seen.append(forCore).append('\n').append(parsed).append('\n').append(parsed.values()).append('\n')
                    .append(withToken).append('\n').append(withBasic).append('\n');

            // Fails: wrong store and key passwords, wrong CA, no client certificate, a bad user info, both auths.
            List<Map<String, Object>> failing = new ArrayList<>();
            Map<String, Object> m = config(mutual, tls);
            m.put("schema.registry.ssl.keystore.password", WRONG_PASSWORD);
            failing.add(m);
            m = config(mutual, tls);
            m.put("schema.registry.ssl.keystore.location", jksKeys.toString());
            m.put("schema.registry.ssl.keystore.type", "JKS");
            m.put("schema.registry.ssl.key.password", WRONG_PASSWORD);
            failing.add(m);
            m = config(mutual, tls);
            m.put("schema.registry.ssl.truststore.location", otherTrust.toString());
            m.put("schema.registry.ssl.truststore.type", "PKCS12");
            m.put("bearer.auth.token", TOKEN);
            failing.add(m);
            m = config(mutual, "schema.registry.ssl.truststore.location", trust.toString(),
                    "schema.registry.ssl.truststore.password", STORE_PASSWORD, "bearer.auth.token", TOKEN);
            failing.add(m);
            m = config(mutual, tls);
            m.put("basic.auth.credentials.source", "USER_INFO");
            m.put("basic.auth.user.info", BASIC_PASSWORD); // no ':'
            failing.add(m);
            m = config(mutual, tls);
            m.put("basic.auth.credentials.source", "USER_INFO");
            m.put("basic.auth.user.info", "alice:" + BASIC_PASSWORD);
            m.put("bearer.auth.token", TOKEN);
            failing.add(m);
            for (Map<String, Object> f : failing) {
                try {
                    roundTrip(converter(f), 3);
                } catch (RuntimeException e) {
                    thrown.add(e);
                }
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
            root.removeHandler(jul);
        }
        assertEquals(6, thrown.size(), thrown.toString());
        for (Throwable t : thrown) {
            seen.append(t).append('\n').append(stackTrace(t));
        }
        seen.append(captured.toString(StandardCharsets.UTF_8)).append(logged);
        for (RegistryProcess r : new RegistryProcess[] {plain, mutual, expired}) {
            seen.append(r.output());
        }
        String all = seen.toString();
        // The capture holds what it should: the errors and the redacted settings.
        assertTrue(all.contains("schema.registry.ssl.keystore.password: wrong password")
                && all.contains("schema.registry.ssl.key.password: wrong password")
                && all.contains("not signed by a trusted CA") && all.contains("requires a client certificate")
                && all.contains("basic.auth.user.info") && all.contains("[hidden]"), all);
        for (String s : secrets) {
            assertNotNull(s);
            assertFalse(all.contains(s), "secret " + s + " appears in:\n" + all);
        }
    }
}
