package org.parkgate.simulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A request's JSON object body, checked field by field so every mistake gets a clear 400. */
final class RequestBody {
  static final int MAX_BYTES = 16 * 1024;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final JsonNode node;

  private RequestBody(JsonNode node) {
    this.node = node;
  }

  /**
   * Reads the body; an empty body is an empty object. Fields other than {@code allowed} are
   * refused.
   */
  static RequestBody read(InputStream in, Set<String> allowed) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new ApiError(413, "request body is larger than " + MAX_BYTES + " bytes");
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return new RequestBody(JSON.createObjectNode());
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiError(
          400,
          "malformed JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
    }
    if (node == null || !node.isObject()) {
      throw new ApiError(400, "the body must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ApiError(
            400,
            "unknown field '"
                + name
                + "'"
                + (allowed.isEmpty()
                    ? " (this action takes no fields)"
                    : " (fields: " + String.join(", ", new TreeSet<>(allowed)) + ")"));
      }
    }
    return new RequestBody(node);
  }

  /**
   * Adds the fields of a URL query ({@code plate=%E6%B2%AAA12345&class=car}) to the body's, as
   * strings, except that a field of {@code numbers} written as a whole number is a number. A field
   * given twice, or in both the query and the body, is refused.
   */
  RequestBody withQuery(String rawQuery, Set<String> allowed, Set<String> numbers) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return this;
    }
    com.fasterxml.jackson.databind.node.ObjectNode merged =
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy();
    Set<String> seen = new java.util.HashSet<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!allowed.contains(name)) {
        throw new ApiError(
            400,
            "unknown query parameter '"
                + name
                + "' (fields: "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
      if (!seen.add(name)) {
        throw new ApiError(400, "query parameter '" + name + "' is given twice");
      }
      if (node.has(name)) {
        throw new ApiError(400, "'" + name + "' is given both in the query and in the body");
      }
      if (numbers.contains(name) && value.matches("[0-9]{1,18}")) {
        merged.put(name, Long.parseLong(value));
      } else {
        merged.put(name, value);
      }
    }
    return new RequestBody(merged);
  }

  private static String decode(String text) {
    try {
      return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "malformed query: " + e.getMessage());
    }
  }

  /** Whether the body names {@code field}, even as null. */
  boolean has(String field) {
    return node.has(field);
  }

  /** A number from 0 to 1 (a probability); 0 and 1 may be written as integers. */
  Optional<Double> fraction(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber() || !(v.doubleValue() >= 0 && v.doubleValue() <= 1)) {
      throw new ApiError(
          400, "'" + field + "' must be a number from 0 to 1 (a fraction of the frames), not " + v);
    }
    return Optional.of(v.doubleValue());
  }

  Optional<String> text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new ApiError(400, "'" + field + "' must be a string");
    }
    return Optional.of(v.textValue());
  }

  Optional<Boolean> bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw new ApiError(400, "'" + field + "' must be true or false");
    }
    return Optional.of(v.booleanValue());
  }

  Optional<Long> integer(String field, long min, long max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.canConvertToLong()
        || !v.isIntegralNumber()
        || v.longValue() < min
        || v.longValue() > max) {
      throw new ApiError(400, "'" + field + "' must be a whole number from " + min + " to " + max);
    }
    return Optional.of(v.longValue());
  }
}
