import io.confluent.connect.avro.AvroData;
import io.confluent.connect.avro.AvroDataConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Writes Avro schema files made by the real Confluent 7.0.16 AvroData from Kafka Connect schemas shaped like the
 * ones Debezium's Postgres and MySQL connectors emit (semantic types, decimals, defaults, optional structs, maps
 * with non-string keys, docs), under several AvroData configurations: inputs for the schema-text corpus whose
 * property order and layout come from Confluent's code rather than from us.
 *
 * <p>usage: scripts/oracle.sh ConnectShapes OUTPUT_DIR
 */
public class ConnectShapes {
  public static void main(String[] args) throws Exception {
    Path out = Paths.get(args[0]);
    Files.createDirectories(out);
    Map<String, Schema> shapes = new LinkedHashMap<>();
    shapes.put("pg-envelope", envelope("pg.public.orders", "io.debezium.connector.postgresql.Source"));
    shapes.put("pg-key", key("pg.public.orders"));
    shapes.put("pg-value", value("pg.public.orders"));
    shapes.put("mysql-envelope", envelope("mysql.inventory.customers", "io.debezium.connector.mysql.Source"));
    shapes.put("invalid-names", envelope("my-db.public.order-lines", "io.debezium.connector.postgresql.Source"));
    shapes.put("primitives", primitives());

    Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
    configs.put("default", new HashMap<>());
    configs.put("enhanced", Map.of(AvroDataConfig.ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG, true));
    configs.put("nometa", Map.of(AvroDataConfig.CONNECT_META_DATA_CONFIG, false));
    configs.put("scrub", Map.of(AvroDataConfig.SCRUB_INVALID_NAMES_CONFIG, true));

    int written = 0;
    for (Map.Entry<String, Map<String, Object>> config : configs.entrySet()) {
      for (Map.Entry<String, Schema> shape : shapes.entrySet()) {
        String name = "connect-" + config.getKey() + "-" + shape.getKey() + ".avsc";
        try {
          AvroData avroData = new AvroData(new AvroDataConfig(config.getValue()));
          String text = avroData.fromConnectSchema(shape.getValue()).toString();
          Files.write(out.resolve(name), text.getBytes(StandardCharsets.UTF_8));
          written++;
        } catch (RuntimeException e) {
          System.err.println(name + ": " + e); // e.g. invalid names without scrubbing
        }
      }
    }
    System.err.println("ConnectShapes: " + written + " schemas -> " + out);
  }

  static Schema key(String topic) {
    return SchemaBuilder.struct().name(topic + ".Key").field("id", SchemaBuilder.int32().defaultValue(0).build()).build();
  }

  static Schema value(String topic) {
    Schema enumMood = SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
        .parameter("allowed", "sad,ok,happy").build();
    Schema variableScale = SchemaBuilder.struct().optional().name("io.debezium.data.VariableScaleDecimal").version(1)
        .doc("Variable scaled decimal").field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    Schema geometry = SchemaBuilder.struct().optional().name("io.debezium.data.geometry.Geometry").version(1)
        .doc("Geometry").field("wkb", Schema.BYTES_SCHEMA).field("srid", Schema.OPTIONAL_INT32_SCHEMA).build();
    Schema point = SchemaBuilder.struct().name("io.debezium.data.geometry.Point").version(1)
        .field("x", Schema.FLOAT64_SCHEMA).field("y", Schema.FLOAT64_SCHEMA).build();
    // A struct default must be a Struct of the very schema being built.
    SchemaBuilder pointBuilder = SchemaBuilder.struct().name("io.debezium.data.geometry.Point").version(1)
        .field("x", Schema.FLOAT64_SCHEMA).field("y", Schema.FLOAT64_SCHEMA);
    Schema pointWithDefault = pointBuilder.defaultValue(new Struct(pointBuilder).put("x", 1.5).put("y", -0.0)).build();
    return SchemaBuilder.struct().name(topic + ".Value").optional()
        .field("id", SchemaBuilder.int32().defaultValue(0).build())
        .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
        .field("total", Decimal.builder(0).defaultValue(new java.math.BigDecimal("12")).build())
        .field("amount", variableScale)
        .field("created", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).build())
        .field("updated", SchemaBuilder.string().optional().name("io.debezium.time.ZonedTimestamp").version(1).build())
        .field("day", SchemaBuilder.int32().optional().name("io.debezium.time.Date").version(1).build())
        .field("uid", SchemaBuilder.string().name("io.debezium.data.Uuid").version(1).build())
        .field("doc", SchemaBuilder.string().optional().name("io.debezium.data.Json").version(1).build())
        .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
        .field("mood", enumMood)
        .field("span", SchemaBuilder.float64().optional().name("io.debezium.time.MicroDuration").version(1).build())
        .field("flag", SchemaBuilder.bool().defaultValue(false).build())
        .field("ratio", SchemaBuilder.float64().defaultValue(1.5).build())
        .field("ratio32", SchemaBuilder.float32().defaultValue(2.5f).build())
        .field("tenth32", SchemaBuilder.float32().defaultValue(0.1f).build())
        .field("small", SchemaBuilder.int16().defaultValue((short) 7).build())
        .field("tiny", SchemaBuilder.int8().optional().build())
        .field("big", SchemaBuilder.int64().defaultValue(9007199254740993L).build())
        .field("label", SchemaBuilder.string().defaultValue("n/a \"quoted\" é\n").doc("a label").build())
        .field("blob", SchemaBuilder.bytes().defaultValue(new byte[] {(byte) 0xff, 0, 1}).build())
        .field("shape", geometry)
        .field("where", pointWithDefault)
        .field("ts", Timestamp.builder().optional().build())
        .field("d", Date.SCHEMA)
        .field("t", Time.builder().defaultValue(new java.util.Date(1000)).build())
        .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
        .field("byid", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
        .field("nested", SchemaBuilder.array(SchemaBuilder.map(Schema.STRING_SCHEMA, point).build()).optional().build())
        .field("ints", SchemaBuilder.array(Schema.INT32_SCHEMA).defaultValue(Arrays.asList(1, 2, 3)).build())
        .build();
  }

  static Schema source(String name) {
    return SchemaBuilder.struct().name(name)
        .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA)
        .field("name", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
        .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
            .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
            .defaultValue("false").build())
        .field("db", Schema.STRING_SCHEMA).field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
        .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
        .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
        .field("txId", Schema.OPTIONAL_INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
        .field("xmin", Schema.OPTIONAL_INT64_SCHEMA).build();
  }

  static Schema envelope(String topic, String sourceName) {
    Schema value = value(topic);
    Schema block = SchemaBuilder.struct().optional().name("event.block").version(1)
        .field("id", Schema.STRING_SCHEMA).field("total_order", Schema.INT64_SCHEMA)
        .field("data_collection_order", Schema.INT64_SCHEMA).build();
    return SchemaBuilder.struct().name(topic + ".Envelope").version(2)
        .field("before", value).field("after", value).field("source", source(sourceName))
        .field("transaction", block).field("op", Schema.STRING_SCHEMA)
        .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
        .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA).build();
  }

  static Schema primitives() {
    return SchemaBuilder.struct().name("com.example.Primitives").doc("all Connect types").version(3)
        .parameter("p1", "v1").parameter("p2", "v2")
        .field("i8", Schema.INT8_SCHEMA).field("i16", Schema.OPTIONAL_INT16_SCHEMA)
        .field("i32", SchemaBuilder.int32().doc("an int").build()).field("i64", Schema.INT64_SCHEMA)
        .field("f32", Schema.FLOAT32_SCHEMA).field("f64", SchemaBuilder.float64().defaultValue(1e-7).build())
        .field("b", Schema.OPTIONAL_BOOLEAN_SCHEMA).field("s", SchemaBuilder.string().name("com.example.Text").build())
        .field("by", Schema.BYTES_SCHEMA)
        .field("opt_default", SchemaBuilder.string().optional().defaultValue("x").build())
        .build();
  }
}
