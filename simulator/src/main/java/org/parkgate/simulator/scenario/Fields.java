package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.parkgate.config.ConfigNode;

/**
 * Reads one value of a scenario file's mapping and checks it, or fails with one line naming the
 * file, the line and the key.
 */
final class Fields {
  static final List<String> CLASSES =
      List.of("car", "van", "bus", "truck", "motorcycle", "unknown");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
  private static final Pattern PLATE = Pattern.compile("[\\p{L}\\p{N}·-]{1,16}");

  private final String shown;

  Fields(String shown) {
    this.shown = shown;
  }

  void only(Located.Mapping m, String where, Set<String> known) throws ScenarioException {
    for (String key : m.entries().keySet()) {
      if (!known.contains(key)) {
        throw fail(
            keyLine(m, key),
            (where.isEmpty() ? "" : where + ".") + key,
            "unknown key (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  String text(Located.Mapping m, String where, String key) throws ScenarioException {
    Located v = m.entries().get(key);
    String path = (where.isEmpty() ? "" : where + ".") + key;
    if (v == null) {
      throw fail(m.line(), path, "missing");
    }
    if (!(v instanceof Located.Scalar s) || s.text() == null || s.text().isBlank()) {
      throw fail(keyLine(m, key), path, "a value is needed here");
    }
    return s.text().strip();
  }

  String name(Located.Mapping m, String where, String key) throws ScenarioException {
    String t = text(m, where, key);
    if (!NAME.matcher(t).matches()) {
      throw fail(
          keyLine(m, key),
          where + "." + key,
          "'" + t + "' is not a name (1-32 letters, digits, '-', '_' or '.')");
    }
    return t;
  }

  /** A duration under {@code key} between {@code min} and {@code max}. */
  Duration duration(Located.Mapping m, String where, String key, Duration min, Duration max)
      throws ScenarioException {
    String t = text(m, where, key);
    Duration d;
    try {
      d = ConfigNode.parseDuration(t);
    } catch (RuntimeException e) {
      throw fail(
          keyLine(m, key), where + "." + key, "'" + t + "' is not a duration like 200ms, 1s");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw fail(
          keyLine(m, key),
          where + "." + key,
          "'" + t + "' is not between " + min.toMillis() + "ms and " + max.toMillis() + "ms");
    }
    return d;
  }

  Duration at(Located.Mapping m, String where) throws ScenarioException {
    if (!m.entries().containsKey("at")) {
      throw fail(m.line(), where + ".at", "missing: when the step happens, e.g. at: 45s");
    }
    String t = text(m, where, "at");
    try {
      if (t.matches("[0-9]+")) {
        return Duration.ofSeconds(Long.parseLong(t));
      }
      Duration d = ConfigNode.parseDuration(t);
      if (d.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException("too long");
      }
      return d;
    } catch (RuntimeException e) {
      throw fail(
          keyLine(m, "at"), where + ".at", "'" + t + "' is not an offset like 0s, 45s, 2min, 1h");
    }
  }

  String plate(Located.Mapping m, String where) throws ScenarioException {
    if (!m.entries().containsKey("plate")) {
      return null;
    }
    String t = text(m, where, "plate");
    if (!PLATE.matcher(t).matches()) {
      throw fail(
          keyLine(m, "plate"),
          where + ".plate",
          "'" + t + "' is not a plate (1-16 letters or digits)");
    }
    return t;
  }

  String vehicleClass(Located.Mapping m, String where) throws ScenarioException {
    if (!m.entries().containsKey("class")) {
      return "car";
    }
    String t = text(m, where, "class");
    if (!CLASSES.contains(t)) {
      throw fail(
          keyLine(m, "class"),
          where + ".class",
          "'" + t + "' is not one of " + String.join(", ", CLASSES));
    }
    return t;
  }

  boolean bool(Located.Mapping m, String where, String key, boolean otherwise)
      throws ScenarioException {
    if (!m.entries().containsKey(key)) {
      return otherwise;
    }
    String t = text(m, where, key);
    return switch (t) {
      case "true" -> true;
      case "false" -> false;
      default -> throw fail(keyLine(m, key), where + "." + key, "'" + t + "' is not true or false");
    };
  }

  <E extends Enum<E>> E word(Located.Mapping m, String where, String key, Class<E> type)
      throws ScenarioException {
    String t = text(m, where, key);
    List<String> words = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String w = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      words.add(w);
      if (w.equals(t)) {
        return e;
      }
    }
    throw fail(
        keyLine(m, key),
        where + "." + key,
        "'" + t + "' is not one of " + String.join(", ", words));
  }

  static int keyLine(Located.Mapping m, String key) {
    return m.keyLines().getOrDefault(key, m.line());
  }

  ScenarioException fail(int line, String key, String message) {
    return new ScenarioException(shown + ":" + line + ": " + key + ": " + message);
  }
}
