import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.confluent.connect.avro.AvroData;
import io.confluent.connect.avro.AvroDataConfig;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Runs Confluent 7.0.16's AvroData over a corpus of Connect schema descriptions (avroconv's JSON format, see
 * src/connect/schema.rs) and prints, per case and AvroData config variant, one JSON line with
 * fromConnectSchema(s).toString() (or the exception) and the round trip toConnectSchema(avro) written back in the
 * same JSON format.
 *
 * usage: AvroDataOracle connect CORPUS.jsonl > OUT.jsonl    (corpus lines: {"id":..., "schema":{...}})
 *        AvroDataOracle avro CORPUS.jsonl > OUT.jsonl       (corpus lines: {"id":..., "avro":{...}}: toConnectSchema)
 */
public class AvroDataOracle {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The AvroData option sets every case runs under: name -> config map. */
  static Map<String, Map<String, Object>> variants() {
    Map<String, Map<String, Object>> v = new LinkedHashMap<>();
    v.put("default", new LinkedHashMap<>());
    v.put("no_meta", Map.of("connect.meta.data", "false"));
    v.put("enhanced", Map.of("enhanced.avro.schema.support", "true"));
    v.put("scrub", Map.of("scrub.invalid.names", "true"));
    v.put("optional_map_keys", Map.of("allow.optional.map.keys", "true"));
    v.put("discard_doc_default", Map.of("discard.type.doc.default", "true"));
    return v;
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    if (args[0].equals("values")) {
      values(out);
      return;
    }
    try (BufferedReader in = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode c = MAPPER.readTree(line);
        for (Map.Entry<String, Map<String, Object>> variant : variants().entrySet()) {
          ObjectNode result = F.objectNode();
          result.put("id", c.get("id").asText());
          result.put("config", variant.getKey());
          AvroData avroData = new AvroData(new AvroDataConfig(variant.getValue()));
          if (args[0].equals("connect")) {
            runConnect(avroData, c.get("schema"), result);
          } else {
            runAvro(avroData, c.get("avro"), result);
          }
          out.println(MAPPER.writeValueAsString(result));
        }
      }
    }
  }

  /** Prints what AvroData.fromConnectData makes of a few values (the encoding rules in src/connect/mod.rs). */
  static void values(PrintStream out) {
    AvroData ad = new AvroData(new AvroDataConfig(new LinkedHashMap<>()));
    org.apache.kafka.connect.data.Schema dec = Decimal.schema(2);
    for (String v : new String[] {"12.34", "-0.01", "0.00", "1.5"}) {
      try {
        Object o = ad.fromConnectData(dec, new BigDecimal(v));
        out.println("decimal(2) " + v + " -> " + hex(o));
      } catch (Exception e) {
        out.println("decimal(2) " + v + " -> " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
    org.apache.kafka.connect.data.Schema fixedDec = Decimal.builder(2).parameter("connect.fixed.size", "4")
        .parameter("connect.decimal.precision", "8").build();
    try {
      Object f = ad.fromConnectData(fixedDec, new BigDecimal("-0.01"));
      Object inner = f instanceof io.confluent.kafka.serializers.NonRecordContainer
          ? ((io.confluent.kafka.serializers.NonRecordContainer) f).getValue() : f;
      out.println("fixed(4) decimal(8,2) -0.01 -> " + hex(f) + " (" + inner.getClass().getName() + ")");
    } catch (Exception e) {
      out.println("fixed(4) decimal -> " + e.getClass().getName() + ": " + e.getMessage());
    }
    out.println("date 1970-01-03 -> " + hex(ad.fromConnectData(Date.SCHEMA, new java.util.Date(2 * 86400000L))));
    try {
      out.println("date 1970-01-03T00:00:01 -> " + ad.fromConnectData(Date.SCHEMA, new java.util.Date(2 * 86400000L + 1000)));
    } catch (Exception e) {
      out.println("date with time -> " + e.getClass().getName() + ": " + e.getMessage());
    }
    out.println("time 01:00 -> " + hex(ad.fromConnectData(Time.SCHEMA, new java.util.Date(3600000L))));
    out.println("timestamp 1700000000123 -> "
        + hex(ad.fromConnectData(Timestamp.SCHEMA, new java.util.Date(1700000000123L))));
    out.println("int8 -5 -> " + hex(ad.fromConnectData(Schema.INT8_SCHEMA, (byte) -5)));
    Schema st = org.apache.kafka.connect.data.SchemaBuilder.struct().name("x.S")
        .field("a", org.apache.kafka.connect.data.SchemaBuilder.int32().optional().defaultValue(7).build())
        .field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
    Struct v = new Struct(st);
    out.println("struct {a unset (default 7), b unset} -> " + ad.fromConnectData(st, v));
    v.put("a", null);
    out.println("struct {a = null explicitly} -> " + ad.fromConnectData(st, v));
    try {
      ad.fromConnectData(Schema.INT32_SCHEMA, null);
    } catch (Exception e) {
      out.println("null for required int32 -> " + e.getClass().getName() + ": " + e.getMessage());
    }
    out.println("bytes value read back -> "
        + ad.toConnectData(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES),
            ByteBuffer.wrap(new byte[] {1})).value().getClass().getName());
  }

  static String hex(Object o) {
    byte[] b;
    if (o instanceof ByteBuffer) {
      ByteBuffer bb = ((ByteBuffer) o).duplicate();
      b = new byte[bb.remaining()];
      bb.get(b);
    } else if (o instanceof org.apache.avro.generic.GenericFixed) {
      b = ((org.apache.avro.generic.GenericFixed) o).bytes();
    } else if (o instanceof io.confluent.kafka.serializers.NonRecordContainer) {
      return hex(((io.confluent.kafka.serializers.NonRecordContainer) o).getValue());
    } else {
      return String.valueOf(o) + " (" + o.getClass().getName() + ")";
    }
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  static void runConnect(AvroData avroData, JsonNode description, ObjectNode result) {
    Schema schema;
    try {
      schema = connectSchema(description);
    } catch (Exception e) {
      result.set("build_error", error(e));
      return;
    }
    org.apache.avro.Schema avro;
    String text;
    try {
      avro = avroData.fromConnectSchema(schema);
    } catch (Exception e) {
      result.set("error", error(e));
      return;
    }
    try {
      text = avro.toString();
    } catch (Exception e) {
      // Confluent builds an Avro schema it cannot print (e.g. a named type defined twice).
      result.set("error", error(e));
      return;
    }
    result.put("avro", text);
    // The round trip runs on the schema as parsed from the text, as a reader of the registry would see it.
    org.apache.avro.Schema parsed = new org.apache.avro.Schema.Parser().parse(text);
    toConnect(avroData, parsed, null, result, "connect");
    toConnect(avroData, parsed, 3, result, "connect_v3");
  }

  static void runAvro(AvroData avroData, JsonNode avroJson, ObjectNode result) {
    org.apache.avro.Schema parsed;
    try {
      parsed = new org.apache.avro.Schema.Parser().parse(avroJson.toString());
    } catch (Exception e) {
      result.set("parse_error", error(e));
      return;
    }
    toConnect(avroData, parsed, null, result, "connect");
    toConnect(avroData, parsed, 3, result, "connect_v3");
  }

  /** AvroData's private toConnectSchema(schema, registryVersion, context): what toConnectData uses. */
  static void toConnect(AvroData avroData, org.apache.avro.Schema avro, Integer version, ObjectNode result,
      String key) {
    try {
      Class<?> ctxClass = Class.forName("io.confluent.connect.avro.AvroData$ToConnectContext");
      Constructor<?> ctxCtor = ctxClass.getDeclaredConstructor();
      ctxCtor.setAccessible(true);
      Method m = AvroData.class.getDeclaredMethod("toConnectSchema", org.apache.avro.Schema.class,
          Integer.class, ctxClass);
      m.setAccessible(true);
      Schema s = (Schema) m.invoke(avroData, avro, version, ctxCtor.newInstance());
      result.set(key, describe(s));
    } catch (InvocationTargetException e) {
      result.set(key + "_error", error(e.getCause()));
    } catch (Exception e) {
      result.set(key + "_error", error(e));
    }
  }

  static ObjectNode error(Throwable e) {
    ObjectNode n = F.objectNode();
    n.put("class", e.getClass().getName());
    n.put("message", String.valueOf(e.getMessage()));
    return n;
  }

  // ---- description -> Connect schema -------------------------------------------------------------------------

  static Schema.Type type(String name) {
    return Schema.Type.valueOf(name.toUpperCase());
  }

  static Schema connectSchema(JsonNode d) {
    Schema.Type type = type(d.get("type").asText());
    boolean optional = d.path("optional").asBoolean(false);
    String name = d.hasNonNull("name") ? d.get("name").asText() : null;
    Integer version = d.hasNonNull("version") ? d.get("version").asInt() : null;
    String doc = d.hasNonNull("doc") ? d.get("doc").asText() : null;
    Map<String, String> params = null;
    if (d.hasNonNull("parameters")) {
      params = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = d.get("parameters").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
    }
    List<Field> fields = null;
    if (type == Schema.Type.STRUCT) {
      fields = new ArrayList<>();
      int i = 0;
      for (JsonNode f : d.get("fields")) {
        fields.add(new Field(f.get("name").asText(), i++, connectSchema(f.get("schema"))));
      }
    }
    Schema key = d.hasNonNull("key") ? connectSchema(d.get("key")) : null;
    Schema value = d.hasNonNull("value") ? connectSchema(d.get("value")) : null;
    // The schema without its default, to type the default against (and to own struct defaults).
    ConnectSchema bare = new ConnectSchema(type, false, null, name, version, doc, params, fields, key, value);
    Object def = null;
    if (d.hasNonNull("default")) {
      def = value(bare, d.get("default"));
      if (type != Schema.Type.STRUCT) {
        // What SchemaBuilder.defaultValue checks (struct defaults cannot pass it: their schema is the builder).
        ConnectSchema.validateValue(bare, def);
      }
    }
    return new ConnectSchema(type, optional, def, name, version, doc, params, fields, key, value);
  }

  /** A Connect value from its JSON form (see the value encoding in src/connect/schema.rs). */
  static Object value(Schema s, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    String name = s.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      return new BigDecimal(expect(v, v.isTextual()).asText());
    } else if (Date.LOGICAL_NAME.equals(name)) {
      return new java.util.Date(expect(v, v.isIntegralNumber()).asLong() * 86400000L);
    } else if (Time.LOGICAL_NAME.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
      return new java.util.Date(expect(v, v.isIntegralNumber()).asLong());
    }
    switch (s.type()) {
      case INT8: return (byte) expect(v, v.canConvertToInt() && v.isIntegralNumber()).asInt();
      case INT16: return (short) expect(v, v.canConvertToInt() && v.isIntegralNumber()).asInt();
      case INT32: return expect(v, v.canConvertToInt() && v.isIntegralNumber()).asInt();
      case INT64: return expect(v, v.canConvertToLong() && v.isIntegralNumber()).asLong();
      case FLOAT32: return (float) expect(v, v.isNumber()).asDouble();
      case FLOAT64: return expect(v, v.isNumber()).asDouble();
      case BOOLEAN: return expect(v, v.isBoolean()).asBoolean();
      case STRING: return expect(v, v.isTextual()).asText();
      case BYTES: return expect(v, v.isTextual()).asText().getBytes(StandardCharsets.ISO_8859_1);
      case ARRAY: {
        expect(v, v.isArray());
        List<Object> list = new ArrayList<>();
        for (JsonNode e : v) {
          list.add(value(s.valueSchema(), e));
        }
        return list;
      }
      case MAP: {
        expect(v, v.isArray());
        Map<Object, Object> map = new LinkedHashMap<>();
        for (JsonNode e : v) {
          expect(e, e.isArray() && e.size() == 2);
          map.put(value(s.keySchema(), e.get(0)), value(s.valueSchema(), e.get(1)));
        }
        return map;
      }
      case STRUCT: {
        expect(v, v.isObject());
        Struct st = new Struct(s);
        for (Field f : s.fields()) {
          if (v.has(f.name())) {
            st.put(f, value(f.schema(), v.get(f.name())));
          }
        }
        return st;
      }
      default:
        throw new IllegalArgumentException("type " + s.type());
    }
  }

  static JsonNode expect(JsonNode v, boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("default value " + v + " does not fit its schema");
    }
    return v;
  }

  // ---- Connect schema -> description ----------------------------------------------------------------------

  static ObjectNode describe(Schema s) {
    ObjectNode d = F.objectNode();
    d.put("type", s.type().getName());
    if (s.isOptional()) {
      d.put("optional", true);
    }
    if (s.name() != null) {
      d.put("name", s.name());
    }
    if (s.version() != null) {
      d.put("version", s.version());
    }
    if (s.doc() != null) {
      d.put("doc", s.doc());
    }
    if (s.parameters() != null) {
      ObjectNode p = d.putObject("parameters");
      for (Map.Entry<String, String> e : s.parameters().entrySet()) {
        p.put(e.getKey(), e.getValue());
      }
    }
    if (s.defaultValue() != null) {
      d.set("default", json(s, s.defaultValue()));
    }
    if (s.type() == Schema.Type.STRUCT) {
      ArrayNode fields = d.putArray("fields");
      for (Field f : s.fields()) {
        ObjectNode fd = fields.addObject();
        fd.put("name", f.name());
        fd.set("schema", describe(f.schema()));
      }
    }
    if (s.type() == Schema.Type.MAP) {
      d.set("key", describe(s.keySchema()));
    }
    if (s.type() == Schema.Type.MAP || s.type() == Schema.Type.ARRAY) {
      d.set("value", describe(s.valueSchema()));
    }
    return d;
  }

  static JsonNode json(Schema s, Object v) {
    if (v == null) {
      return F.nullNode();
    }
    String name = s.name();
    if (v instanceof BigDecimal) {
      return F.textNode(((BigDecimal) v).toPlainString());
    } else if (v instanceof java.util.Date) {
      long ms = ((java.util.Date) v).getTime();
      return Date.LOGICAL_NAME.equals(name) ? F.numberNode(ms / 86400000L) : F.numberNode(ms);
    }
    switch (s.type()) {
      case INT8: return F.numberNode(((Number) v).intValue());
      case INT16: return F.numberNode(((Number) v).intValue());
      case INT32: return F.numberNode(((Number) v).intValue());
      case INT64: return F.numberNode(((Number) v).longValue());
      case FLOAT32: return F.numberNode((Float) v);
      case FLOAT64: return F.numberNode((Double) v);
      case BOOLEAN: return F.booleanNode((Boolean) v);
      case STRING: return F.textNode(v.toString());
      case BYTES: {
        byte[] b;
        if (v instanceof ByteBuffer) {
          ByteBuffer bb = ((ByteBuffer) v).duplicate();
          b = new byte[bb.remaining()];
          bb.get(b);
        } else {
          b = (byte[]) v;
        }
        return F.textNode(new String(b, StandardCharsets.ISO_8859_1));
      }
      case ARRAY: {
        ArrayNode a = F.arrayNode();
        for (Object e : (Collection<?>) v) {
          a.add(json(s.valueSchema(), e));
        }
        return a;
      }
      case MAP: {
        ArrayNode a = F.arrayNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          ArrayNode pair = a.addArray();
          pair.add(json(s.keySchema(), e.getKey()));
          pair.add(json(s.valueSchema(), e.getValue()));
        }
        return a;
      }
      case STRUCT: {
        ObjectNode o = F.objectNode();
        Struct st = (Struct) v;
        for (Field f : s.fields()) {
          o.set(f.name(), json(f.schema(), st.getWithoutDefault(f.name())));
        }
        return o;
      }
      default:
        throw new IllegalArgumentException("type " + s.type());
    }
  }
}
