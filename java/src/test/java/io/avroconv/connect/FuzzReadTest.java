package io.avroconv.connect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avroconv.testing.RegistryProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Random and mutated payloads through toConnectData: a value or a DataException, never anything else. */
class FuzzReadTest {
    private static RegistryProcess registry;

    @BeforeAll
    static void start() {
        registry = RegistryProcess.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void randomAndMutatedBytesAreDataExceptions() {
        AvroConverter ours = new AvroConverter();
        ours.configure(Map.of("schema.registry.url", registry.url()), false);
        io.confluent.connect.avro.AvroConverter confluent = new io.confluent.connect.avro.AvroConverter();
        confluent.configure(Map.of("schema.registry.url", registry.url()), false);
        Random random = new Random(42);
        ConnectValues.Generator gen = new ConnectValues.Generator(42);
        List<byte[]> valid = new ArrayList<>();
        for (Schema s : new Schema[] {DifferentialTest.everyType(), DifferentialTest.debezium()}) {
            for (int i = 0; i < 20; i++) {
                try {
                    valid.add(ours.fromConnectData("fuzz", s, gen.value(s, 0)));
                } catch (DataException e) {
                    // a generated value Connect refuses
                }
            }
        }
        assertTrue(valid.size() > 20, "valid frames: " + valid.size());
        int dataExceptions = 0;
        int values = 0;
        List<String> unexpected = new ArrayList<>();
        List<String> parity = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] input;
            boolean mustFail;
            String kind;
            if (i < 250) { // random bytes, usually not a frame at all
                input = new byte[1 + random.nextInt(40)];
                random.nextBytes(input);
                mustFail = input.length < 5 || input[0] != 0;
                kind = "random";
            } else if (i < 400) { // a frame header with an id the registry does not know
                input = new byte[5 + random.nextInt(20)];
                random.nextBytes(input);
                input[0] = 0;
                input[1] = (byte) (0x40 | random.nextInt(0x3f));
                mustFail = true;
                kind = "unknown id";
            } else { // a valid frame, mutated
                byte[] base = valid.get(random.nextInt(valid.size()));
                switch (i % 4) {
                    case 0: {
                        input = base.clone();
                        for (int k = 0; k < 1 + random.nextInt(4); k++) {
                            input[5 + random.nextInt(input.length - 5)] = (byte) random.nextInt();
                        }
                        kind = "flipped";
                        break;
                    }
                    case 1:
                        input = Arrays.copyOf(base, 5 + random.nextInt(base.length - 5));
                        kind = "truncated";
                        break;
                    case 2:
                        input = Arrays.copyOf(base, base.length + 1 + random.nextInt(8));
                        kind = "trailing bytes";
                        break;
                    default: {
                        input = base.clone();
                        int at = 5 + random.nextInt(input.length - 5);
                        input[at] = (byte) (input[at] | 0x80); // a varint that goes on
                        kind = "long varint";
                        break;
                    }
                }
                mustFail = false;
            }
            try {
                Object v = ours.toConnectData("fuzz", input);
                values++;
                if (mustFail) {
                    unexpected.add(kind + " " + Differential.hex(input) + " read as " + v);
                }
                if (kind.equals("trailing bytes")) {
                    parity(confluent, input, true, parity);
                }
            } catch (DataException e) {
                dataExceptions++;
                if (kind.equals("trailing bytes")) {
                    parity(confluent, input, false, parity);
                }
            } catch (RuntimeException | Error e) {
                unexpected.add(kind + " " + Differential.hex(input) + ": " + e);
            }
        }
        System.out.println("fuzz: " + dataExceptions + " DataExceptions, " + values + " values; " + parity.size()
                + " outcomes unlike Confluent's" + (parity.isEmpty() ? "" : ", e.g. " + parity.get(0)));
        ours.close();
        assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected: " + unexpected.subList(0,
                Math.min(10, unexpected.size())));
        assertTrue(dataExceptions >= 400, dataExceptions + " DataExceptions");
    }

    /** Whether Confluent also reads (or refuses) a frame with trailing bytes (it reads what the schema needs). */
    private static void parity(io.confluent.connect.avro.AvroConverter confluent, byte[] input, boolean weRead,
            List<String> parity) {
        boolean theyRead;
        try {
            confluent.toConnectData("fuzz", input);
            theyRead = true;
        } catch (RuntimeException e) {
            theyRead = false;
        }
        if (theyRead != weRead) {
            parity.add("trailing bytes: Confluent " + (theyRead ? "reads" : "refuses") + ", we "
                    + (weRead ? "read" : "refuse"));
        }
    }
}
