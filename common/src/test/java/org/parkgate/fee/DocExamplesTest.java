package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads docs/tariffs.md itself: every table marked {@code <!-- checked: FILE -->} is priced row by
 * row with that tariff file, and every YAML block marked {@code <!-- quoted: FILE -->} must be in
 * that file as written. The page and the engine cannot drift apart.
 */
class DocExamplesTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern CHECKED = Pattern.compile("<!-- checked: (\\S+) -->");
  private static final Pattern QUOTED = Pattern.compile("<!-- quoted: (\\S+) -->");
  private static final Pattern AMOUNT = Pattern.compile("\\d+\\.\\d\\d");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private static List<String> page() throws IOException {
    return Files.readAllLines(ROOT.resolve("docs/tariffs.md"));
  }

  @TestFactory
  Stream<DynamicTest> everyCheckedTableRowIsWhatTheEngineCharges() throws IOException {
    List<String> lines = page();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = CHECKED.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      String file = m.group(1);
      List<String> header = cells(lines.get(i + 1));
      int entry = header.indexOf("entry");
      int exit = header.indexOf("exit");
      int fee = header.indexOf("fee");
      assertTrue(entry >= 0 && exit >= 0 && fee >= 0, "line " + (i + 2) + ": entry, exit, fee");
      for (int r = i + 3; r < lines.size() && lines.get(r).startsWith("|"); r++) {
        List<String> row = cells(lines.get(r));
        int lineNo = r + 1;
        tests.add(
            DynamicTest.dynamicTest(
                "docs/tariffs.md:" + lineNo + " " + file + " " + row.get(entry),
                () -> {
                  Tariff t = TariffLoader.load(ROOT.resolve(file));
                  StayRequest stay =
                      StayRequest.of(
                          "car",
                          SiteTime.instant(LocalDateTime.parse(row.get(entry), LOCAL), t.zone()),
                          SiteTime.instant(LocalDateTime.parse(row.get(exit), LOCAL), t.zone()));
                  Matcher amount = AMOUNT.matcher(row.get(fee));
                  assertTrue(amount.find(), "no amount in " + row);
                  assertEquals(
                      amount.group(),
                      FeeEngine.quote(t, stay).total().toDecimalString(),
                      "docs/tariffs.md line " + lineNo + ": " + row);
                }));
      }
    }
    assertTrue(tests.size() >= 20, "the page's checked tables were not found: " + tests.size());
    return tests.stream();
  }

  @Test
  void everyQuotedBlockIsInItsFileAsWritten() throws IOException {
    List<String> lines = page();
    int quoted = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = QUOTED.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      assertEquals("```yaml", lines.get(i + 1), "line " + (i + 2) + " should open a YAML block");
      List<String> block = new ArrayList<>();
      for (int b = i + 2; !lines.get(b).equals("```"); b++) {
        block.add(lines.get(b));
      }
      String file = String.join("\n", Files.readAllLines(ROOT.resolve(m.group(1))));
      assertTrue(
          file.contains(String.join("\n", block)),
          "docs/tariffs.md line " + (i + 1) + ": not in " + m.group(1) + ":\n" + block);
      quoted++;
    }
    assertTrue(quoted >= 4, "the page's quoted blocks were not found");
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    inner = inner.substring(1, inner.length() - 1);
    return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
  }
}
