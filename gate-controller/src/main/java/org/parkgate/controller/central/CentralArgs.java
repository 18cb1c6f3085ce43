package org.parkgate.controller.central;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The arguments of {@code ./parking central}: positional words, then known options. */
final class CentralArgs {
  private CentralArgs() {}

  /** A mistake in the arguments: one line, exit 2, nothing changed. */
  static final class BadArguments extends RuntimeException {
    BadArguments(String message) {
      super(message);
    }
  }

  /** Positional words, then {@code --key value} options from a known set. */
  record Args(List<String> words, Map<String, String> options) {
    static Args parse(List<String> args, Set<String> known) {
      List<String> words = new ArrayList<>();
      Map<String, String> options = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.startsWith("--")) {
          String key = a.substring(2);
          if (!known.contains(key) && !CentralMain.CONNECTION.contains(key)) {
            throw new BadArguments("unknown option '" + a + "'");
          }
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new BadArguments(a + " needs a value");
          }
          if (options.put(key, args.get(++i)) != null) {
            throw new BadArguments(a + " is given twice");
          }
        } else {
          words.add(a);
        }
      }
      return new Args(words, options);
    }

    String required(String key) {
      String v = options.get(key);
      if (v == null || v.isBlank()) {
        throw new BadArguments("--" + key + " is needed");
      }
      return v.strip();
    }

    String word(int i, String what) {
      if (i >= words.size()) {
        throw new BadArguments(what + " is needed");
      }
      return words.get(i);
    }

    void noMoreWords(int count) {
      if (words.size() > count) {
        throw new BadArguments("unexpected '" + words.get(count) + "'");
      }
    }
  }
}
