package org.parkgate.controller.admin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parkgate.config.ConfigException;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The arguments of an admin command: positional words, then {@code --key value} options from a
 * known set. Every mistake is an IllegalArgumentException saying which. The ledger is {@code --db
 * DB}, or the one of {@code --site FILE}, or {@code data/ledger.db}.
 */
record AdminArgs(List<String> words, Map<String, String> options, SiteConfig site) {
  static final Path DEFAULT_DB = Path.of("data/ledger.db");

  static AdminArgs parse(List<String> args, Set<String> known) {
    List<String> words = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        String key = a.substring(2);
        if (!known.contains(key) && !key.equals("db") && !key.equals("site")) {
          throw new IllegalArgumentException("unknown option '" + a + "'");
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        if (options.put(key, args.get(++i)) != null) {
          throw new IllegalArgumentException(a + " is given twice");
        }
      } else {
        words.add(a);
      }
    }
    SiteConfig site = null;
    if (options.containsKey("site")) {
      try {
        site = SiteConfigLoader.load(Path.of(options.get("site")));
      } catch (ConfigException e) {
        throw new IllegalArgumentException(e.getMessage());
      }
    }
    return new AdminArgs(words, options, site);
  }

  Path db() {
    if (options.containsKey("db")) {
      return Path.of(options.get("db"));
    }
    return site != null ? site.controller().dataDir().resolve("ledger.db") : DEFAULT_DB;
  }

  String word(int i, String what) {
    if (i >= words.size()) {
      throw new IllegalArgumentException(what + " is needed");
    }
    return words.get(i);
  }

  String option(String key) {
    return options.get(key);
  }

  String required(String key) {
    String v = options.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + key + " is needed");
    }
    return v.strip();
  }

  void noMoreWords(int count) {
    if (words.size() > count) {
      throw new IllegalArgumentException("unexpected '" + words.get(count) + "'");
    }
  }
}
