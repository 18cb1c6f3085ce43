package org.parkgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A node of a YAML or JSON configuration file that remembers where it is, so that every error names
 * the file and the place in it ("sites/demo.yaml: lanes[1].kind: ...").
 */
public final class ConfigNode {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path file;
  private final String path;
  private final JsonNode node;

  private ConfigNode(Path file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** Reads a whole YAML (or JSON, which is YAML) file. */
  public static ConfigNode read(Path file) throws ConfigException {
    try {
      JsonNode root = YAML.readTree(Files.readString(file));
      if (root == null || !root.isObject()) {
        throw new ConfigException(file + ": expected a mapping of keys at the top level");
      }
      return new ConfigNode(file, "", root);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      String reason =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new ConfigException(file + ": not valid YAML: " + reason, e);
    }
  }

  public Path file() {
    return file;
  }

  public String path() {
    return path.isEmpty() ? "(top level)" : path;
  }

  public ConfigException error(String message) {
    return new ConfigException(file + ": " + path() + ": " + message);
  }

  /** Rejects keys this node does not know: a misspelt key must not be silently ignored. */
  public ConfigNode onlyKeys(Set<String> known) throws ConfigException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw child(key)
            .error(
                "unknown key (known keys: "
                    + String.join(", ", known.stream().sorted().toList())
                    + ")");
      }
    }
    return this;
  }

  /** This mapping's keys, in the order of the file. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  public ConfigNode child(String key) {
    return new ConfigNode(file, path.isEmpty() ? key : path + "." + key, node.path(key));
  }

  public ConfigNode required(String key) throws ConfigException {
    if (!has(key)) {
      throw child(key).error("missing");
    }
    ConfigNode child = child(key);
    if (!child.node.isObject()) {
      throw child.error("expected a mapping of keys");
    }
    return child;
  }

  public Optional<ConfigNode> optional(String key) throws ConfigException {
    return has(key) ? Optional.of(required(key)) : Optional.empty();
  }

  public List<ConfigNode> list(String key) throws ConfigException {
    ConfigNode child = child(key);
    if (!has(key)) {
      return List.of();
    }
    if (!child.node.isArray()) {
      throw child.error("expected a list");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < child.node.size(); i++) {
      ConfigNode item = new ConfigNode(file, child.path + "[" + i + "]", child.node.get(i));
      if (!item.node.isObject()) {
        throw item.error("expected a mapping of keys");
      }
      items.add(item);
    }
    return items;
  }

  public String text(String key) throws ConfigException {
    ConfigNode child = child(key);
    if (!has(key)) {
      throw child.error("missing");
    }
    if (!child.node.isValueNode()) {
      throw child.error("expected a single value");
    }
    String value = child.node.asText().trim();
    if (value.isEmpty()) {
      throw child.error("must not be empty");
    }
    return value;
  }

  public String text(String key, String fallback) throws ConfigException {
    return has(key) ? text(key) : fallback;
  }

  public int integer(String key, int fallback, int min, int max) throws ConfigException {
    if (!has(key)) {
      return fallback;
    }
    ConfigNode child = child(key);
    if (!child.node.canConvertToInt() || !child.node.isIntegralNumber()) {
      throw child.error("expected a whole number, got '" + child.node.asText() + "'");
    }
    int value = child.node.asInt();
    if (value < min || value > max) {
      throw child.error("must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** {@code true} or {@code false}, written bare or quoted. */
  public boolean bool(String key, boolean fallback) throws ConfigException {
    if (!has(key)) {
      return fallback;
    }
    return parse(
        key,
        v -> {
          if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
          }
          throw new IllegalArgumentException(v);
        },
        "true or false");
  }

  public Duration duration(String key, Duration fallback) throws ConfigException {
    return has(key)
        ? parse(key, ConfigNode::parseDuration, "a duration such as 500ms, 3s, 15min or PT15M")
        : fallback;
  }

  public ZoneId zone(String key) throws ConfigException {
    return parse(key, ZoneId::of, "a time zone such as Asia/Shanghai");
  }

  public Currency currency(String key) throws ConfigException {
    return parse(key, Currency::getInstance, "an ISO 4217 currency code such as CNY");
  }

  public <E extends Enum<E>> E choice(String key, Class<E> type) throws ConfigException {
    String value = text(key);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(java.util.Locale.ROOT));
    }
    throw child(key).error("'" + value + "' is not one of " + String.join(", ", names));
  }

  /** Parses a value with a function that throws on bad input, naming what was expected. */
  public <T> T parse(String key, Function<String, T> parser, String expected)
      throws ConfigException {
    String value = text(key);
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      throw child(key).error("'" + value + "' is not " + expected);
    }
  }

  /** "500ms", "3s", "15min", "2h" or ISO-8601 "PT15M". */
  public static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("pt") || t.startsWith("p")) {
      return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
    String[][] units = {
      {"ms", "MILLIS"}, {"min", "MINUTES"}, {"s", "SECONDS"}, {"h", "HOURS"}, {"d", "DAYS"}
    };
    for (String[] unit : units) {
      if (t.endsWith(unit[0])) {
        long amount = Long.parseLong(t.substring(0, t.length() - unit[0].length()).trim());
        if (amount < 0) {
          throw new IllegalArgumentException("negative duration");
        }
        return Duration.of(amount, java.time.temporal.ChronoUnit.valueOf(unit[1]));
      }
    }
    throw new IllegalArgumentException("no unit");
  }
}
