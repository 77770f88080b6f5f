import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * What Java Avro 1.11.3 makes of each schema file in a folder: for every {@code *.avsc} in the input folder, writes
 * {@code <name>.json} in the output folder holding either {@code text} (Schema.toString()), {@code canonical}
 * (SchemaNormalization.toParsingForm), the fingerprints of the canonical form in hex ({@code rabin}: CRC-64-AVRO as
 * the 8 little-endian bytes of parsingFingerprint64, {@code md5}, {@code sha256}) and {@code reparse} (whether Java
 * parses its own text back to an equal schema with the same text), or {@code error}: the exception's class and
 * message when Java rejects the schema. {@code logical} lists, in a depth-first walk (a node before its children, a
 * named type once), what Java's {@code getLogicalType()} is for each type carrying a {@code logicalType} property.
 *
 * <p>usage: scripts/oracle.sh SchemaText INPUT_DIR OUTPUT_DIR
 */
public class SchemaText {
  public static void main(String[] args) throws Exception {
    Path in = Paths.get(args[0]);
    Path out = Paths.get(args[1]);
    Files.createDirectories(out);
    ObjectMapper mapper = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> listing = Files.list(in)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().collect(Collectors.toList());
    }
    for (Path file : files) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      ObjectNode result = mapper.createObjectNode();
      try {
        // The parser AvroSchema (Confluent) and our users' code use: a fresh Parser, validation on.
        Schema schema = new Schema.Parser().parse(text);
        String printed = schema.toString();
        result.put("text", printed);
        result.put("canonical", SchemaNormalization.toParsingForm(schema));
        result.put("rabin", hex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", schema)));
        result.put("md5", hex(SchemaNormalization.parsingFingerprint("MD5", schema)));
        result.put("sha256", hex(SchemaNormalization.parsingFingerprint("SHA-256", schema)));
        result.put("reparse", reparse(schema, printed));
        com.fasterxml.jackson.databind.node.ArrayNode logical = result.putArray("logical");
        logicalTypes(schema, Collections.newSetFromMap(new IdentityHashMap<>()), logical);
      } catch (Throwable e) {
        result.put("error", wellFormed(e.getClass().getName() + ": " + e.getMessage()));
      }
      String name = file.getFileName().toString().replaceAll("\\.avsc$", ".json");
      byte[] json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(result);
      Files.write(out.resolve(name), (new String(json, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    System.err.println("SchemaText: " + files.size() + " schemas from " + in + " -> " + out);
  }

  /** "same" when Java reads its own text back to an equal schema that prints the same text. */
  private static String reparse(Schema schema, String printed) {
    try {
      Schema again = new Schema.Parser().parse(printed);
      if (!again.toString().equals(printed)) {
        return "different text: " + again;
      }
      return again.equals(schema) ? "same" : "not equal";
    } catch (Throwable e) {
      return "error: " + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Jackson cuts long inputs in its messages, sometimes inside a surrogate pair: keep the output valid UTF-8. */
  private static String wellFormed(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  private static void logicalTypes(Schema s, Set<Schema> seen, com.fasterxml.jackson.databind.node.ArrayNode out) {
    boolean named = s.getType() == Schema.Type.RECORD || s.getType() == Schema.Type.ENUM || s.getType() == Schema.Type.FIXED;
    if (named && !seen.add(s)) {
      return;
    }
    if (s.getType() != Schema.Type.UNION && s.getObjectProps().containsKey("logicalType")) {
      LogicalType lt = s.getLogicalType();
      out.add(lt == null ? "none" : lt instanceof LogicalTypes.Decimal
          ? "decimal(" + ((LogicalTypes.Decimal) lt).getPrecision() + "," + ((LogicalTypes.Decimal) lt).getScale() + ")"
          : lt.getName());
    }
    switch (s.getType()) {
      case RECORD:
        for (Schema.Field f : s.getFields()) {
          logicalTypes(f.schema(), seen, out);
        }
        break;
      case UNION:
        for (Schema b : s.getTypes()) {
          logicalTypes(b, seen, out);
        }
        break;
      case ARRAY:
        logicalTypes(s.getElementType(), seen, out);
        break;
      case MAP:
        logicalTypes(s.getValueType(), seen, out);
        break;
      default:
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }
}
