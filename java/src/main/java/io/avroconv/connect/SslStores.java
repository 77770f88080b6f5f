package io.avroconv.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads JKS and PKCS12 truststores and keystores ({@code schema.registry.ssl.*}) with {@link KeyStore} and hands the
 * core PEM instead, which is all it reads: the trusted certificates as {@code ssl.truststore.certificates}, the one
 * key entry's chain and its private key (unencrypted PKCS#8) as {@code ssl.keystore.certificate.chain} and
 * {@code ssl.keystore.key}. PEM stores pass through unchanged.
 *
 * <p>Errors are {@link ConfigException}s naming the key and the file, never a password. The private key PEM is a
 * {@link Password} (whose {@code toString()} is {@code [hidden]}) and lives only in the map handed to
 * {@code Native.open}; the core keeps it in its redacting {@code Secret}.
 */
final class SslStores {
    private SslStores() {}

    private static final String P = AvroConverterConfig.SSL_PREFIX;
    static final String TRUSTSTORE_LOCATION = P + "ssl.truststore.location";
    static final String TRUSTSTORE_PASSWORD = P + "ssl.truststore.password";
    static final String TRUSTSTORE_TYPE = P + "ssl.truststore.type";
    static final String TRUSTSTORE_CERTIFICATES = P + "ssl.truststore.certificates";
    static final String KEYSTORE_LOCATION = P + "ssl.keystore.location";
    static final String KEYSTORE_PASSWORD = P + "ssl.keystore.password";
    static final String KEYSTORE_TYPE = P + "ssl.keystore.type";
    static final String KEY_PASSWORD = P + "ssl.key.password";
    static final String KEYSTORE_CHAIN = P + "ssl.keystore.certificate.chain";
    static final String KEYSTORE_KEY = P + "ssl.keystore.key";

    /** The settings of type PASSWORD (basic.auth.user.info, bearer.auth.token, the store passwords...). */
    private static final Set<String> PASSWORD_KEYS = passwordKeys();

    private static Set<String> passwordKeys() {
        Set<String> keys = new HashSet<>();
        for (ConfigDef.ConfigKey key : AvroConverterConfig.configDef().configKeys().values()) {
            if (key.type == ConfigDef.Type.PASSWORD) {
                keys.add(key.name);
            }
        }
        return keys;
    }

    /**
     * The settings for the core: {@code configs} with each JKS/PKCS12 store replaced by its PEM content (and its
     * location, password and type keys removed, which the core would refuse). {@code configs} itself is not changed.
     */
    static Map<String, Object> forCore(Map<String, ?> configs, AvroConverterConfig parsed) {
        Map<String, Object> out = new LinkedHashMap<>(configs);
        // Connect passes secrets as plain strings: wrapped, so this map never prints one.
        for (Map.Entry<String, Object> e : out.entrySet()) {
            if (e.getValue() instanceof String && PASSWORD_KEYS.contains(e.getKey())) {
                e.setValue(new Password((String) e.getValue()));
            }
        }
        String trustType = storeType(parsed, TRUSTSTORE_TYPE);
        Path trustFile = storeToRead(configs, parsed, trustType, TRUSTSTORE_TYPE, TRUSTSTORE_LOCATION, out);
        if (trustFile != null) {
            KeyStore store = load(trustFile, trustType, TRUSTSTORE_LOCATION, TRUSTSTORE_TYPE,
                    parsed.getPassword(TRUSTSTORE_PASSWORD), TRUSTSTORE_PASSWORD);
            out.put(TRUSTSTORE_CERTIFICATES, trustedPem(store, trustFile));
            out.remove(TRUSTSTORE_LOCATION);
            out.remove(TRUSTSTORE_PASSWORD);
        }
        String keyType = storeType(parsed, KEYSTORE_TYPE);
        Path keyFile = storeToRead(configs, parsed, keyType, KEYSTORE_TYPE, KEYSTORE_LOCATION, out);
        if (keyFile != null) {
            Password storePassword = parsed.getPassword(KEYSTORE_PASSWORD);
            KeyStore store = load(keyFile, keyType, KEYSTORE_LOCATION, KEYSTORE_TYPE, storePassword, KEYSTORE_PASSWORD);
            // As Kafka: the key's own password defaults to the store's.
            Password keyPassword = parsed.getPassword(KEY_PASSWORD);
            identity(store, keyFile, keyType, keyPassword != null ? keyPassword : storePassword,
                    keyPassword != null ? KEY_PASSWORD : KEYSTORE_PASSWORD, out);
            out.remove(KEYSTORE_LOCATION);
            out.remove(KEYSTORE_PASSWORD);
            out.remove(KEY_PASSWORD);
        }
        return out;
    }

    /**
     * The JKS/PKCS12 store file to read for one store, or {@code null}: a PEM type, no location, or PEM text with no
     * type given (all read by the core as they are). A non-PEM type key is removed from {@code out} (the core
     * refuses it).
     */
    private static Path storeToRead(Map<String, ?> configs, AvroConverterConfig parsed, String type, String typeKey,
            String locationKey, Map<String, Object> out) {
        if ("PEM".equals(type)) {
            return null;
        }
        out.remove(typeKey);
        String location = parsed.getString(locationKey);
        if (location == null || location.trim().isEmpty()) {
            return null;
        }
        Path file = Paths.get(location.trim());
        return implicitPem(configs, typeKey, file) ? null : file;
    }

    /** The configured type in upper case (Kafka's default JKS when not given); only JKS, PKCS12 and PEM. */
    private static String storeType(AvroConverterConfig parsed, String key) {
        String type = parsed.getString(key);
        type = type == null || type.trim().isEmpty() ? "JKS" : type.trim().toUpperCase(Locale.ROOT);
        if (!type.equals("JKS") && !type.equals("PKCS12") && !type.equals("PEM")) {
            throw new ConfigException(key, type, "unsupported store type (JKS, PKCS12 or PEM)");
        }
        return type;
    }

    /** Whether no type was given and the file holds PEM text (read as PEM by the core, as before stores). */
    private static boolean implicitPem(Map<String, ?> configs, String typeKey, Path file) {
        Object given = configs.get(typeKey);
        if (given != null && !given.toString().trim().isEmpty()) {
            return false;
        }
        byte[] start = new byte[64];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(start, 0, start.length);
            return new String(start, 0, n, StandardCharsets.US_ASCII).trim().startsWith("-----BEGIN ");
        } catch (IOException e) {
            return false; // load() reports the file
        }
    }

    private static KeyStore load(Path file, String type, String locationKey, String typeKey, Password password,
            String passwordKey) {
        String where = "the " + type + " store " + file + " (" + locationKey + ")";
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(typeKey + ": this JVM cannot read " + type + " stores: " + e.getMessage());
        }
        char[] chars = password == null ? null : password.value().toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, chars);
            return store;
        } catch (NoSuchFileException e) {
            throw new ConfigException(locationKey + ": no such file: " + file);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                // The JDK's text: "keystore password was incorrect" / "Keystore was tampered with, or password was
                // incorrect". It never holds the password.
                throw new ConfigException(passwordKey + ": " + (password == null ? "no password given" : "wrong password")
                        + " for " + where + " (" + e.getMessage() + ")");
            }
            throw new ConfigException(locationKey + ": cannot read " + where + ": " + e.getMessage()
                    + " (is " + typeKey + " right?)");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(locationKey + ": cannot read " + where + ": " + e);
        } finally {
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    /**
     * The trusted certificates as PEM: certificate entries and, as the JDK's trust managers do, the first certificate
     * of each key entry.
     */
    private static Password trustedPem(KeyStore store, Path file) {
        StringBuilder pem = new StringBuilder();
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate cert = store.getCertificate(alias);
                if (cert != null) {
                    pem(pem, "CERTIFICATE", cert.getEncoded());
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException(TRUSTSTORE_LOCATION + ": cannot read the certificates of " + file + ": " + e);
        }
        if (pem.length() == 0) {
            throw new ConfigException(TRUSTSTORE_LOCATION + ": no certificate in " + file
                    + " (a PKCS12 store's certificates need its password: " + TRUSTSTORE_PASSWORD + ")");
        }
        return new Password(pem.toString());
    }

    /** The one key entry's chain and private key, as the core's PEM keys in {@code out}. */
    private static void identity(KeyStore store, Path file, String type, Password keyPassword, String keyPasswordKey,
            Map<String, Object> out) {
        String where = "the " + type + " store " + file + " (" + KEYSTORE_LOCATION + ")";
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.isEmpty()) {
                throw new ConfigException(KEYSTORE_LOCATION + ": no private key entry in " + where);
            }
            if (keys.size() > 1) {
                // Kafka's key manager would pick one per handshake; the core takes exactly one identity.
                throw new ConfigException(KEYSTORE_LOCATION + ": " + keys.size() + " private key entries " + keys
                        + " in " + where + "; keep only the client's");
            }
            String alias = keys.get(0);
            char[] chars = keyPassword == null ? new char[0] : keyPassword.value().toCharArray();
            Key key;
            try {
                key = store.getKey(alias, chars);
            } catch (UnrecoverableKeyException e) {
                throw new ConfigException(keyPasswordKey + ": wrong password for the private key '" + alias + "' in "
                        + where);
            } finally {
                Arrays.fill(chars, '\0');
            }
            byte[] encoded = key instanceof PrivateKey ? key.getEncoded() : null;
            if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
                throw new ConfigException(KEYSTORE_LOCATION + ": the entry '" + alias + "' in " + where
                        + " is not a private key the JVM can export as PKCS#8");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new ConfigException(KEYSTORE_LOCATION + ": the key '" + alias + "' in " + where
                        + " has no certificate chain");
            }
            StringBuilder chainPem = new StringBuilder();
            for (Certificate c : chain) {
                pem(chainPem, "CERTIFICATE", c.getEncoded());
            }
            StringBuilder keyPem = new StringBuilder();
            pem(keyPem, "PRIVATE KEY", encoded);
            Arrays.fill(encoded, (byte) 0);
            out.put(KEYSTORE_CHAIN, new Password(chainPem.toString()));
            out.put(KEYSTORE_KEY, new Password(keyPem.toString()));
        } catch (GeneralSecurityException e) {
            // Messages of these (key store, encoding) never hold key bytes or passwords.
            throw new ConfigException(KEYSTORE_LOCATION + ": cannot read " + where + ": " + e);
        }
    }

    private static void pem(StringBuilder out, String label, byte[] der) {
        out.append("-----BEGIN ").append(label).append("-----\n");
        out.append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der));
        out.append("\n-----END ").append(label).append("-----\n");
    }
}
