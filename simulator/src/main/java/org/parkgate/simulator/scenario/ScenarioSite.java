package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parkgate.money.Denominations;

/** What a scenario's values are checked against: the site's currency, lanes and cameras. */
final class ScenarioSite {
  private final Fields fields;
  private final Currency currency;

  /** The site's lanes: id to kind (entry, exit), and those with a plate camera. */
  private final Map<String, String> laneKinds = new LinkedHashMap<>();

  private final Set<String> cameras = new HashSet<>();

  private ScenarioSite(Fields fields, Currency currency) {
    this.fields = fields;
    this.currency = currency;
  }

  /** Reads the site file's currency and lanes. */
  static ScenarioSite read(Path site, Fields fields) throws ScenarioException {
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(site.toFile());
      String code = node.path("site").path("currency").asText("");
      ScenarioSite out = new ScenarioSite(fields, Currency.getInstance(code));
      for (JsonNode lane : node.path("lanes")) {
        out.laneKinds.put(lane.path("id").asText(), lane.path("kind").asText());
        if (lane.has("camera")) {
          out.cameras.add(lane.path("id").asText());
        }
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      throw new ScenarioException(site + ": not a site file with a site.currency");
    }
  }

  Currency currency() {
    return currency;
  }

  boolean hasCamera(String lane) {
    return cameras.contains(lane);
  }

  /** A lane of the site, of {@code kind} unless that is null. */
  String lane(Located.Mapping m, String where, String key, String kind) throws ScenarioException {
    String id = fields.text(m, where, key);
    String found = laneKinds.get(id);
    if (found == null) {
      throw fields.fail(
          Fields.keyLine(m, key),
          where + "." + key,
          "no lane '"
              + id
              + "' on the site (lanes: "
              + String.join(", ", laneKinds.keySet())
              + ")");
    }
    if (kind != null && !kind.equals(found)) {
      throw fields.fail(
          Fields.keyLine(m, key),
          where + "." + key,
          id + " is an " + found + " lane, not an " + kind);
    }
    return id;
  }

  /** A decimal amount of the site's currency ("5.00", "20") in minor units. */
  long amount(Located.Mapping m, String where, String key) throws ScenarioException {
    return minor(fields.text(m, where, key), Fields.keyLine(m, key), where + "." + key);
  }

  private long minor(String t, int line, String path) throws ScenarioException {
    try {
      BigDecimal d = new BigDecimal(t);
      if (d.signum() < 0) {
        throw new ArithmeticException("negative");
      }
      return d.movePointRight(Math.max(currency.getDefaultFractionDigits(), 0)).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw fields.fail(
          line,
          path,
          "'" + t + "' is not an amount of " + currency.getCurrencyCode() + " like 5.00");
    }
  }

  /** A drawer count: {"100.00": 1, "10.00": 5}, each face a note or coin of the currency. */
  Map<Long, Long> count(Located.Mapping m, String where, String key, boolean required)
      throws ScenarioException {
    Located v = m.entries().get(key);
    String path = where + "." + key;
    if (v == null) {
      if (required) {
        throw fields.fail(
            m.line(), path, "missing: the notes and coins, e.g. {\"100.00\": 1, \"10.00\": 5}");
      }
      return null;
    }
    if (!(v instanceof Located.Mapping c)) {
      throw fields.fail(
          Fields.keyLine(m, key), path, "a mapping of face to pieces, e.g. {\"100.00\": 1}");
    }
    List<Long> faces = Denominations.of(currency);
    Map<Long, Long> out = new LinkedHashMap<>();
    for (String face : c.entries().keySet()) {
      long minor = minor(face, Fields.keyLine(c, face), path + "." + face);
      if (!faces.contains(minor)) {
        throw fields.fail(
            Fields.keyLine(c, face),
            path + "." + face,
            "no " + currency.getCurrencyCode() + " note or coin of " + face);
      }
      String n = fields.text(c, path, face);
      if (!n.matches("[0-9]{1,4}")) {
        throw fields.fail(
            Fields.keyLine(c, face), path + "." + face, "'" + n + "' is not 0-9999 pieces");
      }
      out.put(minor, Long.parseLong(n));
    }
    return out;
  }
}
