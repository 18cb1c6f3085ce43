package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.simulator.device.WireLog;
import org.parkgate.site.SiteConfigLoader;

/**
 * The simulator's {@code --card-seed} and {@code --wire-log}, over real TCP: the same seed issues
 * the same card numbers, and every frame in and out of a device is a line of the wire log.
 */
class WireLogTest {
  @TempDir Path dir;

  /** Starts a simulator with {@code options}, takes two cards at entry-1, stops it; the cards. */
  private List<String> twoCards(Path siteDir, Simulator.Options options) throws Exception {
    TestSite site = new TestSite(siteDir, "150ms");
    List<String> cards = new ArrayList<>();
    try (Simulator sim =
            Simulator.start(SiteConfigLoader.load(site.file), SimulatorFixture.DWELL, options);
        Socket controller = new Socket("127.0.0.1", site.entryCard)) {
      controller.setSoTimeout(2000);
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(controller.getInputStream(), StandardCharsets.US_ASCII));
      ControlClient control = new ControlClient(site.controlPort);
      for (int i = 0; i < 2; i++) {
        controller.getOutputStream().write("ISSUE\r\n".getBytes(StandardCharsets.US_ASCII));
        SimulatorFixture.await(
            "a card at the mouth",
            () -> !control.lane("entry-1").at("/cardUnit/cardAtMouth").isNull());
        String card = control.post("/lanes/entry-1/card/take", null).body().path("card").asText();
        assertEquals(card, lines.readLine());
        cards.add(card);
      }
    }
    return cards;
  }

  @Test
  void theSameCardSeedIssuesTheSameNumbers() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    List<String> first = twoCards(dir.resolve("a"), new Simulator.Options(42L, null));
    List<String> second = twoCards(dir.resolve("b"), new Simulator.Options(42L, null));
    assertEquals(first, second);
    assertTrue(
        first.get(0).matches("[0-9A-F]{10}") && !first.get(0).equals(first.get(1)), "" + first);
  }

  @Test
  void everyFrameOnADeviceLinkIsALineOfTheWireLog() throws Exception {
    Path log = dir.resolve("wire.jsonl");
    List<String> cards = twoCards(dir, new Simulator.Options(null, WireLog.open(log)));
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> card = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode f = json.readTree(line);
      assertTrue(f.path("epochMs").asLong() > 0, line);
      if (f.path("lane").asText().equals("entry-1")
          && f.path("device").asText().equals("cardUnit")) {
        card.add(f);
      }
    }
    // ISSUE in, the card number out, twice: the bytes as on the wire.
    String issue = "4953535545" + "0d0a";
    assertEquals(4, card.size(), card.toString());
    assertEquals("in", card.get(0).path("dir").asText());
    assertEquals(issue, card.get(0).path("hex").asText());
    assertEquals("out", card.get(1).path("dir").asText());
    assertEquals(hex(cards.get(0) + "\r\n"), card.get(1).path("hex").asText());
    assertEquals(issue, card.get(2).path("hex").asText());
    assertEquals(hex(cards.get(1) + "\r\n"), card.get(3).path("hex").asText());
  }

  private static String hex(String ascii) {
    StringBuilder out = new StringBuilder();
    for (byte b : ascii.getBytes(StandardCharsets.US_ASCII)) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }
}
