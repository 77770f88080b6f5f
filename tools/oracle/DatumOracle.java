import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

/**
 * What Java Avro 1.11's GenericDatumWriter / GenericDatumReader do with data given in Avro's JSON encoding.
 *
 * <pre>
 * DatumOracle encode cases.json   # [{name, schema, data: [avro-json...]}]
 *   -> [{name, hex: [binary of each datum]}]
 * DatumOracle resolve cases.json  # [{name, writer, reader, data: [avro-json in the writer schema...]}]
 *                                 # (or hex: [writer binary...] instead of data)
 *   -> [{name, hex: [writer binary], result: [avro-json read through GenericDatumReader(writer, reader)
 *                                            | {"error": message}]}]
 * </pre>
 */
public class DatumOracle {
  static final ObjectMapper M = new ObjectMapper();

  static byte[] encode(Schema s, JsonNode data) throws Exception {
    Object datum = new GenericDatumReader<Object>(s).read(null, DecoderFactory.get().jsonDecoder(s, M.writeValueAsString(data)));
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bos, null);
    new GenericDatumWriter<Object>(s).write(datum, enc);
    enc.flush();
    return bos.toByteArray();
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) sb.append(String.format("%02x", x & 0xff));
    return sb.toString();
  }

  static byte[] unhex(String h) {
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    return b;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    JsonNode cases = M.readTree(new File(args[1]));
    ArrayNode out = M.createArrayNode();
    for (JsonNode c : cases) {
      ObjectNode o = out.addObject();
      o.put("name", c.get("name").asText());
      ArrayNode hexes = o.putArray("hex");
      if (mode.equals("encode")) {
        Schema s = new Schema.Parser().parse(M.writeValueAsString(c.get("schema")));
        for (JsonNode d : c.get("data")) hexes.add(hex(encode(s, d)));
      } else {
        Schema w = new Schema.Parser().parse(M.writeValueAsString(c.get("writer")));
        Schema r = new Schema.Parser().parse(M.writeValueAsString(c.get("reader")));
        ArrayNode results = o.putArray("result");
        java.util.List<byte[]> inputs = new java.util.ArrayList<>();
        if (c.has("hex")) {
          for (JsonNode h : c.get("hex")) inputs.add(unhex(h.asText()));
        } else {
          for (JsonNode d : c.get("data")) inputs.add(encode(w, d));
        }
        for (byte[] bytes : inputs) {
          hexes.add(hex(bytes));
          try {
            Object v = new GenericDatumReader<Object>(w, r).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            JsonEncoder je = EncoderFactory.get().jsonEncoder(r, bos);
            new GenericDatumWriter<Object>(r).write(v, je);
            je.flush();
            results.add(M.readTree(bos.toString("UTF-8")));
          } catch (Exception e) {
            results.addObject().put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
          }
        }
      }
    }
    System.out.println(M.writerWithDefaultPrettyPrinter().writeValueAsString(out));
  }
}
