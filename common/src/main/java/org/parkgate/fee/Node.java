package org.parkgate.fee;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parkgate.money.Money;

/** A value in a tariff file together with where it is, so every complaint can say so. */
final class Node {

  private static final Pattern DURATION =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)(?:m|min))?(?:(\\d+)s)?");

  final Path file;
  final String path;
  final JsonNode value;

  Node(Path file, String path, JsonNode value) {
    this.file = file;
    this.path = path;
    this.value = value;
  }

  TariffException error(String problem) {
    return new TariffException(file, path, problem);
  }

  boolean has(String key) {
    return value.has(key) && !value.get(key).isNull();
  }

  Node get(String key) throws TariffException {
    if (!has(key)) {
      throw child(key, null).error("missing");
    }
    return child(key, value.get(key));
  }

  /** The named child, or null when absent. */
  Node opt(String key) {
    return has(key) ? child(key, value.get(key)) : null;
  }

  private Node child(String key, JsonNode v) {
    return new Node(file, path.isEmpty() ? key : path + "." + key, v);
  }

  Node requireObject() throws TariffException {
    if (!value.isObject()) {
      throw error("expected a mapping of keys to values");
    }
    return this;
  }

  /** Rejects keys this place does not know: a misspelt key must not silently do nothing. */
  void allowOnly(Set<String> known) throws TariffException {
    requireObject();
    Iterator<String> names = value.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw child(name, null).error("unknown key; expected one of " + new TreeSet<>(known));
      }
    }
  }

  Map<String, Node> fields() throws TariffException {
    requireObject();
    Map<String, Node> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = value.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), child(e.getKey(), e.getValue()));
    }
    return out;
  }

  List<Node> list() throws TariffException {
    if (!value.isArray()) {
      throw error("expected a list");
    }
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      out.add(new Node(file, path + "[" + i + "]", value.get(i)));
    }
    return out;
  }

  String text() throws TariffException {
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw error("expected a value");
    }
    return value.asText().trim();
  }

  boolean bool() throws TariffException {
    if (!value.isBoolean()) {
      throw error("expected true or false, got '" + value.asText() + "'");
    }
    return value.booleanValue();
  }

  String choice(String... options) throws TariffException {
    String s = text();
    if (!Arrays.asList(options).contains(s)) {
      throw error("'" + s + "' is not one of " + Arrays.toString(options));
    }
    return s;
  }

  /** The largest amount a tariff may name, in minor units: 10,000,000,000.00 in CNY. */
  static final long LARGEST_AMOUNT = 1_000_000_000_000L;

  /** The longest length of time a tariff may name: ten years. */
  static final long LONGEST_DURATION = 3660L * 86_400;

  /** A non-negative amount in major units, written "5.00" or 5; exact, never a float. */
  long money(Currency currency) throws TariffException {
    String s = value.isNumber() ? value.decimalValue().toPlainString() : text();
    Money m;
    try {
      m = Money.parse(s, currency);
    } catch (ArithmeticException e) {
      throw tooLarge(s, currency);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
    if (m.isNegative()) {
      throw error("amount " + s + " is negative");
    }
    if (m.minor() > LARGEST_AMOUNT) {
      throw tooLarge(s, currency);
    }
    return m.minor();
  }

  private TariffException tooLarge(String s, Currency currency) {
    return error(
        "amount "
            + s
            + " is too large; at most "
            + Money.of(LARGEST_AMOUNT, currency).toDecimalString());
  }

  /** A length of time in seconds: "15m", "1h30m", "2d", "90s" or ISO-8601 "PT15M". */
  long duration() throws TariffException {
    String s = text();
    try {
      if (s.startsWith("P") || s.startsWith("p")) {
        long seconds = java.time.Duration.parse(s).getSeconds();
        if (seconds > LONGEST_DURATION) {
          throw error("'" + s + "' is too long; at most " + LocalText.duration(LONGEST_DURATION));
        }
        return seconds;
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      throw error("'" + s + "' is not a duration");
    }
    Matcher m = DURATION.matcher(s);
    if (s.isEmpty() || !m.matches() || s.chars().allMatch(Character::isDigit)) {
      throw error("'" + s + "' is not a duration; write for example 15m, 1h, 1h30m or 2d");
    }
    long total = 0;
    long[] scale = {86_400, 3600, 60, 1};
    for (int g = 1; g <= 4; g++) {
      if (m.group(g) != null) {
        // Ten digits of any unit is already past the longest duration a tariff may name.
        long n = m.group(g).length() > 10 ? Long.MAX_VALUE / 2 : Long.parseLong(m.group(g));
        total =
            Math.min(
                LONGEST_DURATION + 1, total + Math.min(n, LONGEST_DURATION + 1) * scale[g - 1]);
      }
    }
    if (total > LONGEST_DURATION) {
      throw error("'" + s + "' is too long; at most " + LocalText.duration(LONGEST_DURATION));
    }
    return total;
  }

  long positiveDuration() throws TariffException {
    long d = duration();
    if (d <= 0) {
      throw error("must be longer than zero");
    }
    return d;
  }

  /** A local time of day "HH:MM" as seconds since midnight; "24:00" is not a time. */
  int timeOfDay() throws TariffException {
    String s = value.isNumber() ? "" : text();
    try {
      return LocalTime.parse(s).toSecondOfDay();
    } catch (DateTimeParseException e) {
      throw error("'" + value.asText() + "' is not a time of day; write \"HH:MM\" in quotes");
    }
  }

  LocalDate date() throws TariffException {
    try {
      return LocalDate.parse(text());
    } catch (DateTimeParseException e) {
      throw error("'" + value.asText() + "' is not a date; write YYYY-MM-DD");
    }
  }

  /** "2027-01-01" (its midnight) or "2027-01-01T06:00". */
  LocalDateTime dateTime() throws TariffException {
    String s = text();
    try {
      return s.contains("T") ? LocalDateTime.parse(s) : LocalDate.parse(s).atStartOfDay();
    } catch (DateTimeParseException e) {
      throw error("'" + s + "' is not a date or date-time; write 2027-01-01 or 2027-01-01T06:00");
    }
  }

  /** A percentage 0..100, possibly with decimals, as basis points. */
  long percent() throws TariffException {
    String s = value.isNumber() ? value.decimalValue().toPlainString() : text().replace("%", "");
    try {
      BigDecimal p = new BigDecimal(s.trim());
      if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw error("percentage must be between 0 and 100");
      }
      return p.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("'" + s + "' is not a percentage with at most two decimals");
    }
  }
}
