package org.parkgate.fee;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a tariff file's text into the same tree a Jackson {@code ObjectMapper} with {@code
 * USE_BIG_DECIMAL_FOR_FLOATS} would, straight from the streaming parser. Building an ObjectMapper
 * costs more than the rest of {@code parking fee} together (its serializer and deserializer
 * machinery is not needed for a tree), so the command starts faster without one. TreeReaderTest
 * holds it to ObjectMapper's tree for every shipped tariff and the odd cases.
 */
final class TreeReader {

  /** The one JSON and the one YAML factory; both are thread-safe once built. */
  static final JsonFactory JSON = new JsonFactory();

  static final JsonFactory YAML = new YAMLFactory();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeReader() {}

  /** The first document in {@code text}, or a missing node when there is none. */
  static JsonNode read(JsonFactory format, String text) throws IOException {
    try (JsonParser p = format.createParser(text)) {
      JsonToken t = p.nextToken();
      return t == null ? MissingNode.getInstance() : value(p, t);
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> array(p);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> integer(p);
      case VALUE_NUMBER_FLOAT -> decimal(p);
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> embedded(p.getEmbeddedObject());
      default -> throw new IOException("unexpected " + t + " in a tariff file");
    };
  }

  private static ObjectNode object(JsonParser p) throws IOException {
    ObjectNode node = NODES.objectNode();
    for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
      // A key given twice keeps its first place and its last value, as ObjectMapper does.
      node.replace(key, value(p, p.nextToken()));
    }
    return node;
  }

  private static ArrayNode array(JsonParser p) throws IOException {
    ArrayNode node = NODES.arrayNode();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      node.add(value(p, t));
    }
    return node;
  }

  private static JsonNode integer(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> NODES.numberNode(p.getIntValue());
      case LONG -> NODES.numberNode(p.getLongValue());
      default -> NODES.numberNode(p.getBigIntegerValue());
    };
  }

  /** A decimal is exact (trailing zeros stripped, as ObjectMapper does); .nan and .inf are not. */
  private static JsonNode decimal(JsonParser p) throws IOException {
    if (p.getNumberTypeFP() != JsonParser.NumberTypeFP.BIG_DECIMAL && p.isNaN()) {
      return NODES.numberNode(p.getDoubleValue());
    }
    BigDecimal d = p.getDecimalValue();
    try {
      d = d.stripTrailingZeros();
    } catch (ArithmeticException e) {
      // Kept as written when stripping would overflow the scale, as ObjectMapper does.
    }
    return NODES.numberNode(d);
  }

  private static JsonNode embedded(Object o) {
    if (o == null) {
      return NODES.nullNode();
    }
    return o instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(o);
  }
}
