import io.confluent.connect.avro.AvroConverter;
import io.confluent.kafka.serializers.KafkaAvroDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Decodes Confluent-framed Avro with the Java 7.0.16 KafkaAvroDeserializer and AvroConverter against a registry,
 * printing the GenericRecord's toString (Avro JSON), the Connect value and its schema version.
 * usage: scripts/oracle.sh DecodeFramed URL TOPIC HEX
 */
public class DecodeFramed {
    public static void main(String[] args) {
        String url = args[0], topic = args[1], hex = args[2];
        byte[] data = new byte[hex.length() / 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        Map<String, Object> conf = new HashMap<>();
        conf.put("schema.registry.url", url);
        KafkaAvroDeserializer de = new KafkaAvroDeserializer();
        de.configure(conf, false);
        System.out.println("record=" + de.deserialize(topic, data));
        AvroConverter converter = new AvroConverter();
        converter.configure(conf, false);
        SchemaAndValue sv = converter.toConnectData(topic, data);
        System.out.println("connect=" + sv.value());
        System.out.println("version=" + sv.schema().version());
    }
}
