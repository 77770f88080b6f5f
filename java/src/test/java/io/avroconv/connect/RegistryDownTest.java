package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

/** A registry that is down is a RetriableException (Connect retries the record), not bad data. */
class RegistryDownTest {
    @Test
    void aClosedPortIsRetriable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AvroConverter c = new AvroConverter();
        c.configure(Map.of("schema.registry.url", "http://127.0.0.1:" + port, "max.retries", "0",
                "http.connect.timeout.ms", "2000"), false);
        Schema schema = SchemaBuilder.struct().name("down.R").field("a", Schema.INT32_SCHEMA).build();
        assertThrows(RetriableException.class, () -> c.fromConnectData("down", schema, new Struct(schema).put("a", 1)));
        assertThrows(RetriableException.class, () -> c.toConnectData("down", new byte[] {0, 0, 0, 0, 7, 2}));
        c.close();
    }
}
