package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers its line, so every complaint about a scenario file names the line a
 * tester has to fix (Jackson's tree forgets where its nodes came from).
 */
sealed interface Located {
  int line();

  /** A mapping, in file order; {@code keyLines} holds the line of each key. */
  record Mapping(int line, Map<String, Located> entries, Map<String, Integer> keyLines)
      implements Located {}

  record Sequence(int line, List<Located> items) implements Located {}

  /** A scalar as written (numbers and booleans as their text); null for an empty value. */
  record Scalar(int line, String text) implements Located {}

  /** Reads a whole document; throws with the line of the first thing that is not YAML. */
  static Located read(String yaml) throws IOException {
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Mapping(1, Collections.emptyMap(), Collections.emptyMap());
      }
      return node(p);
    }
  }

  private static Located node(JsonParser p) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Located> entries = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        if (entries.containsKey(key)) {
          throw new DuplicateKey(keyLine, key);
        }
        p.nextToken();
        entries.put(key, node(p));
        keyLines.put(key, keyLine);
      }
      return new Mapping(line, entries, keyLines);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Located> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(p));
      }
      return new Sequence(line, items);
    }
    return new Scalar(line, t == JsonToken.VALUE_NULL ? null : p.getText());
  }

  /** A key written twice in one mapping: YAML forbids it and the second would silently win. */
  final class DuplicateKey extends IOException {
    final int line;
    final String key;

    DuplicateKey(int line, String key) {
      super("key '" + key + "' written twice");
      this.line = line;
      this.key = key;
    }
  }
}
