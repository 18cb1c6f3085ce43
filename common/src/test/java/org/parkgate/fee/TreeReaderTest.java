package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tariff loader reads files without an ObjectMapper; what it reads must be exactly the tree the
 * mapper it replaced gave, node types and decimal scales included, or a tariff could price or fail
 * differently.
 */
class TreeReaderTest {

  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  @Test
  void everyShippedTariffReadsAsTheMapperReadIt() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("../config/tariffs"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 10, "the shipped tariffs: " + files);
    for (Path f : files) {
      String text = Files.readString(f);
      assertSame(f.toString(), YAML.readTree(text), TreeReader.read(TreeReader.YAML, text));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "price: 2.50",
        "price: 2.500\nother: 10.0\nexp: 1e3\nsmall: 0.10",
        "n: 7\nbig: 3000000000\nhuge: 123456789012345678901234567890\nneg: -4",
        "t: true\nf: false\nno: no\nnull1: null\nnull2: ~\nempty:",
        "nan: .nan\ninf: .inf\nninf: -.inf",
        "when: 2027-01-09\nat: \"07:00\"\ntime: 07:00\nzh: 按停车时长收费",
        "dup: 1\nother: 2\ndup: 3",
        "list: [a, 1, 2.0, {x: y}, [], {}]\nnested: {a: {b: {c: [1, [2, [3]]]}}}",
        "base: &b {unit: 1h}\nuse: *b",
        "1: numeric key\n'quoted': key",
        "bin: !!binary aGVsbG8=",
        "first: 1\n---\nsecond: 2",
        "- a\n- b",
        "just a string",
        "",
        "# only a comment",
      })
  void yamlReadsAsTheMapperReadsIt(String text) throws Exception {
    sameReading(YAML, TreeReader.YAML, text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"price\": 2.50, \"n\": 3, \"big\": 3000000000, \"e\": 1.0E2}",
        "{\"a\": [1, 2.0, null, true, false, \"zh 按\"], \"dup\": 1, \"dup\": 2}",
        "[]",
        "\"text\"",
        "",
        "{} {\"second\": 1}",
      })
  void jsonReadsAsTheMapperReadsIt(String text) throws Exception {
    sameReading(JSON, TreeReader.JSON, text);
  }

  /** The same tree, or the same failure (.nan, for one, is no decimal to either). */
  private static void sameReading(ObjectMapper mapper, JsonFactory format, String text)
      throws Exception {
    JsonNode expected;
    try {
      expected = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonProcessingException ours =
          assertThrows(JsonProcessingException.class, () -> TreeReader.read(format, text), text);
      assertEquals(e.getOriginalMessage(), ours.getOriginalMessage(), text);
      return;
    }
    assertSame(text, expected, TreeReader.read(format, text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rules: [a, b\n", "a: b: c", "a:\n  - x\n b: y", "k: 'unclosed"})
  void brokenYamlFailsWithTheMappersMessageAndPlace(String text) {
    JsonProcessingException mapper =
        assertThrows(JsonProcessingException.class, () -> YAML.readTree(text));
    JsonProcessingException ours =
        assertThrows(JsonProcessingException.class, () -> TreeReader.read(TreeReader.YAML, text));
    assertEquals(mapper.getOriginalMessage(), ours.getOriginalMessage());
    assertEquals(mapper.getLocation().getLineNr(), ours.getLocation().getLineNr());
    assertEquals(mapper.getLocation().getColumnNr(), ours.getLocation().getColumnNr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": }", "{\"a\": 1", "[1, 2", "{a: 1}"})
  void brokenJsonFailsWithTheMappersMessageAndPlace(String text) {
    JsonProcessingException mapper =
        assertThrows(JsonProcessingException.class, () -> JSON.readTree(text));
    JsonProcessingException ours =
        assertThrows(JsonProcessingException.class, () -> TreeReader.read(TreeReader.JSON, text));
    assertEquals(mapper.getOriginalMessage(), ours.getOriginalMessage());
    assertEquals(mapper.getLocation().getLineNr(), ours.getLocation().getLineNr());
    assertEquals(mapper.getLocation().getColumnNr(), ours.getLocation().getColumnNr());
  }

  /**
   * Equal trees, node class by node class: JsonNode.equals alone would let an IntNode stand for a
   * LongNode, and key order matters to the error a tariff's first bad key gets.
   */
  private static void assertSame(String what, JsonNode expected, JsonNode actual) {
    if (expected == null || expected.isMissingNode()) {
      assertTrue(actual.isMissingNode(), what + ": expected nothing, got " + actual);
      return;
    }
    assertEquals(expected, actual, what);
    same(what, expected, actual);
  }

  private static void same(String at, JsonNode expected, JsonNode actual) {
    assertEquals(expected.getClass(), actual.getClass(), at);
    if (expected.isNumber()) {
      assertEquals(expected.numberValue(), actual.numberValue(), at);
    }
    if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) {
        same(at + "[" + i + "]", expected.get(i), actual.get(i));
      }
    }
    if (expected.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> e = expected.fields();
      Iterator<Map.Entry<String, JsonNode>> a = actual.fields();
      while (e.hasNext()) {
        Map.Entry<String, JsonNode> x = e.next();
        Map.Entry<String, JsonNode> y = a.next();
        assertEquals(x.getKey(), y.getKey(), at + ": key order");
        same(at + "." + x.getKey(), x.getValue(), y.getValue());
      }
      assertFalse(a.hasNext(), at);
    }
  }
}
