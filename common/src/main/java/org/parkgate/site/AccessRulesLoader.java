package org.parkgate.site;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.config.ConfigException;
import org.parkgate.config.ConfigNode;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffLoader;

/** Reads the {@code site} keys that decide who may enter and leave. */
final class AccessRulesLoader {
  /** More spaces than any car park has: a typo, not a site. */
  static final int MAX_SPACES = 1_000_000;

  private AccessRulesLoader() {}

  static AccessRules access(ConfigNode site, Path tariff) throws ConfigException {
    AntiPassback antiPassback =
        site.has("antiPassback")
            ? site.choice("antiPassback", AntiPassback.class)
            : AntiPassback.HARD;
    AntiPassback plates =
        site.has("seasonPlateCheck")
            ? site.choice("seasonPlateCheck", AntiPassback.class)
            : AntiPassback.SOFT;
    AccessRules.Capacity capacity = AccessRules.Capacity.UNLIMITED;
    if (site.has("capacity")) {
      capacity = capacity(site.required("capacity").onlyKeys(Set.of("total", "classes")), tariff);
    }
    return new AccessRules(antiPassback, plates, capacity);
  }

  private static AccessRules.Capacity capacity(ConfigNode c, Path tariff) throws ConfigException {
    OptionalInt total = c.has("total") ? OptionalInt.of(spaces(c, "total")) : OptionalInt.empty();
    Map<String, Integer> classes = new LinkedHashMap<>();
    if (c.has("classes")) {
      ConfigNode node = c.required("classes");
      Set<String> known = classesOf(tariff);
      for (String name : node.keys()) {
        if (!known.isEmpty() && !known.contains(name)) {
          throw node.child(name)
              .error(
                  "unknown vehicle class (the tariff names: "
                      + String.join(", ", new TreeSet<>(known))
                      + ")");
        }
        int spaces = spaces(node, name);
        if (total.isPresent() && spaces > total.getAsInt()) {
          throw node.child(name)
              .error("" + spaces + " spaces is more than the site's total of " + total.getAsInt());
        }
        classes.put(name, spaces);
      }
    }
    return new AccessRules.Capacity(total, classes);
  }

  private static int spaces(ConfigNode node, String key) throws ConfigException {
    return node.integer(key, 0, 0, MAX_SPACES);
  }

  /**
   * The vehicle classes the tariff has a fee standard for; empty when it has one for every class
   * (or cannot be read here: the controller reports a broken tariff itself).
   */
  private static Set<String> classesOf(Path tariff) {
    try {
      return SiteTariff.namedClasses(TariffLoader.load(tariff));
    } catch (TariffException | RuntimeException e) {
      return Set.of();
    }
  }
}
