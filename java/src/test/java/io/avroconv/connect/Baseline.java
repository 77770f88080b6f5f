package io.avroconv.connect;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Records for threads to convert again and compare with: seeded values of a schema of every type and of the
 * Debezium shapes (alternating), written and read back once by a baseline converter. Values Connect refuses are left
 * out.
 */
final class Baseline {
    final List<Schema> schemas = new ArrayList<>();
    final List<Object> values = new ArrayList<>();
    final List<byte[]> bytes = new ArrayList<>();
    /** What each record reads back as ({@link ConnectValues#render}). */
    final List<String> read = new ArrayList<>();

    Baseline(AvroConverter converter, String topic, long seed, int count) {
        ConnectValues.Generator gen = new ConnectValues.Generator(seed);
        Schema[] shapes = {DifferentialTest.everyType(), DifferentialTest.debezium()};
        for (int i = 0; schemas.size() < count; i++) {
            Schema s = shapes[i % 2];
            Object v = gen.value(s, 0);
            byte[] b;
            try {
                b = converter.fromConnectData(topic, s, v);
            } catch (DataException e) {
                continue; // a generated value Connect refuses
            }
            schemas.add(s);
            values.add(v);
            bytes.add(b);
            read.add(ConnectValues.render(converter.toConnectData(topic, b).value()));
        }
    }

    int size() {
        return schemas.size();
    }
}
