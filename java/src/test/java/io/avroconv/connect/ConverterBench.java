package io.avroconv.connect;

import io.avroconv.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Records per second of our converter and Confluent's on the same records (not a JUnit test; run by hand):
 * {@code java ... io.avroconv.connect.ConverterBench [seconds]} with the test class path and -Davroconv.test.root.
 * Shapes: the CDC value (cdc.avsc) and the every-type record of DifferentialTest.
 */
public final class ConverterBench {
    private ConverterBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        try (RegistryProcess registry = RegistryProcess.start()) {
            Map<String, String> config = Map.of("schema.registry.url", registry.url());
            AvroConverter ours = new AvroConverter();
            ours.configure(config, false);
            io.confluent.connect.avro.AvroConverter confluent = new io.confluent.connect.avro.AvroConverter();
            confluent.configure(config, false);
            String text = new String(Files.readAllBytes(Paths.get(System.getProperty("avroconv.test.root"),
                    "tests/data/connect/cdc.avsc")), java.nio.charset.StandardCharsets.UTF_8);
            Schema cdc = new io.confluent.connect.avro.AvroData(100)
                    .toConnectSchema(new org.apache.avro.Schema.Parser().parse(text));
            for (Schema s : new Schema[] {cdc, DifferentialTest.everyType()}) {
                ConnectValues.Generator gen = new ConnectValues.Generator(1);
                List<Object> values = new ArrayList<>();
                List<byte[]> frames = new ArrayList<>();
                while (values.size() < 256) {
                    Object v = gen.value(s, 0);
                    try {
                        frames.add(confluent.fromConnectData("bench", s, v));
                        values.add(v);
                    } catch (DataException e) {
                        // a generated value Connect refuses
                    }
                }
                for (String dir : new String[] {"write", "read"}) {
                    double c = rate(confluent, dir, s, values, frames, seconds);
                    double o = rate(ours, dir, s, values, frames, seconds);
                    System.out.printf("%-28s %-5s confluent %,10.0f rec/s   avroconv %,10.0f rec/s   x%.2f%n",
                            s.name(), dir, c, o, o / c);
                }
            }
            ours.close();
        }
    }

    private static double rate(Converter c, String dir, Schema s, List<Object> values, List<byte[]> frames,
            double seconds) {
        long sink = 0;
        for (int warm = 0; warm < 2; warm++) {
            long n = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9 / (warm == 0 ? 2 : 1));
            while (System.nanoTime() < end) {
                for (int i = 0; i < values.size(); i++) {
                    if (dir.equals("write")) {
                        sink += c.fromConnectData("bench", s, values.get(i)).length;
                    } else {
                        sink += System.identityHashCode(c.toConnectData("bench", frames.get(i)).value());
                    }
                }
                n += values.size();
            }
            if (warm == 1) {
                if (sink == 42) {
                    System.out.print("");
                }
                return n / ((System.nanoTime() - start) / 1e9);
            }
        }
        throw new AssertionError();
    }
}
