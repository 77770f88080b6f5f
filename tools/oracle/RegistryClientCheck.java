import io.confluent.connect.avro.AvroConverter;
import io.confluent.kafka.schemaregistry.avro.AvroSchema;
import io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import io.confluent.kafka.schemaregistry.client.SchemaMetadata;
import io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the Java Confluent 7.0.16 registry client and AvroConverter against a registry URL (the avroconv test
 * registry) and prints "key=value" lines; exits non-zero on the first mismatch.
 * usage: scripts/oracle.sh RegistryClientCheck URL SUBJECT_PREFIX
 */
public class RegistryClientCheck {
    static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("check failed: " + what);
            System.exit(1);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(url, 100);
        String subject = prefix + "-java-value";
        AvroSchema v1 = new AvroSchema("{\"type\":\"record\",\"name\":\"J\",\"namespace\":\"java.check\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        AvroSchema v2 = new AvroSchema("{\"type\":\"record\",\"name\":\"J\",\"namespace\":\"java.check\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
        int id1 = client.register(subject, v1);
        int id2 = client.register(subject, v2);
        check(id1 != id2, "distinct ids");
        // Fresh clients so nothing comes from the Java caches.
        CachedSchemaRegistryClient fresh = new CachedSchemaRegistryClient(url, 100);
        check(fresh.getId(subject, v1) == id1, "getId (lookup)");
        check(fresh.getVersion(subject, v2) == 2, "getVersion (lookup with deleted=true)");
        check(fresh.getSchemaBySubjectAndId(subject, id1).canonicalString().equals(v1.canonicalString()), "schema by subject and id");
        SchemaMetadata latest = fresh.getLatestSchemaMetadata(subject);
        check(latest.getVersion() == 2 && latest.getId() == id2, "latest");
        check(fresh.getSchemaMetadata(subject, 1).getId() == id1, "version 1");
        List<Integer> versions = fresh.getAllVersions(subject);
        check(versions.equals(java.util.Arrays.asList(1, 2)), "all versions " + versions);
        check(fresh.testCompatibility(subject, v2), "compatibility");
        try {
            fresh.getSchemaById(99999);
            check(false, "missing id must fail");
        } catch (RestClientException e) {
            check(e.getStatus() == 404 && e.getErrorCode() == 40403, "missing id: " + e.getStatus() + " " + e.getErrorCode());
        }

        // The converter: register on write, schema by id + version lookup on read.
        AvroConverter converter = new AvroConverter();
        Map<String, Object> conf = new HashMap<>();
        conf.put("schema.registry.url", url);
        converter.configure(conf, false);
        Schema schema = SchemaBuilder.struct().name("java.check.Row").field("x", Schema.INT64_SCHEMA).build();
        String topic = prefix + "-topic";
        byte[] framed = converter.fromConnectData(topic, schema, new Struct(schema).put("x", 42L));
        SchemaAndValue back = converter.toConnectData(topic, framed);
        check(((Struct) back.value()).getInt64("x") == 42L, "converter round trip");
        check(back.schema().version() != null && back.schema().version() == 1, "connect schema version " + back.schema().version());
        StringBuilder hex = new StringBuilder();
        for (byte b : framed) hex.append(String.format("%02x", b));
        System.out.println("id1=" + id1);
        System.out.println("id2=" + id2);
        System.out.println("framed=" + hex);
    }
}
