package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Card units over real TCP: the controller's side is a plain socket speaking the line protocol. */
class CardUnitTest extends SimulatorFixture {

  private static final class CardClient implements AutoCloseable {
    final Socket socket;
    final BufferedReader lines;

    CardClient(int port) throws Exception {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(2000);
      lines =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    void issue() throws Exception {
      socket.getOutputStream().write("ISSUE\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }

  @Test
  void entryDispensesOnIssueAndSendsTheCardWhenTheDriverTakesIt() throws Exception {
    try (CardClient controller = new CardClient(site.entryCard)) {
      controller.issue();
      await("card at mouth", () -> !control.lane("entry-1").at("/cardUnit/cardAtMouth").isNull());
      String card = control.lane("entry-1").at("/cardUnit/cardAtMouth").asText();
      assertTrue(card.matches("[0-9A-F]{10}"), card);

      ControlClient.Reply taken = control.post("/lanes/entry-1/card/take", null);
      assertEquals(200, taken.status());
      assertEquals(card, taken.body().path("card").asText());
      assertTrue(taken.body().path("sentToController").asBoolean());
      assertEquals(card, controller.lines.readLine());
      assertTrue(control.lane("entry-1").at("/cardUnit/cardAtMouth").isNull());

      controller.issue();
      await("second card", () -> !control.lane("entry-1").at("/cardUnit/cardAtMouth").isNull());
      assertNotEquals(card, control.lane("entry-1").at("/cardUnit/cardAtMouth").asText());
    }
  }

  @Test
  void takingWithNoCardAtTheMouthIsAConflict() {
    ControlClient.Reply r = control.post("/lanes/entry-1/card/take", null);
    assertEquals(409, r.status());
    assertEquals("no card at the mouth (the controller has not sent ISSUE)", r.error());
  }

  @Test
  void exitReaderSendsPresentedCardsToTheLatestClient() throws Exception {
    try (CardClient old = new CardClient(site.exitCard)) {
      // The second client connects only once the first is registered: two connections accepted
      // together become active on two event loops in either order.
      await("one client", () -> control.lane("exit-1").at("/cardUnit/link/clients").asInt() == 1);
      try (CardClient latest = new CardClient(site.exitCard)) {
        await(
            "two clients", () -> control.lane("exit-1").at("/cardUnit/link/clients").asInt() == 2);
        ControlClient.Reply r =
            control.post("/lanes/exit-1/card/present", "{\"card\":\"0A1B2C3D4E\"}");
        assertEquals(200, r.status());
        assertEquals("0A1B2C3D4E", latest.lines.readLine());

        latest.close();
        await("one client", () -> control.lane("exit-1").at("/cardUnit/link/clients").asInt() == 1);
        control.post("/lanes/exit-1/card/present", "{\"card\":\"55AA\"}");
        assertEquals("55AA", old.lines.readLine());
      }
    }
  }

  @Test
  void aCardPresentedWithNoControllerConnectedIsReportedAsNotSent() {
    ControlClient.Reply r = control.post("/lanes/exit-1/card/present", "{\"card\":\"1234\"}");
    assertEquals(200, r.status());
    assertFalse(r.body().path("sentToController").asBoolean());
  }

  @Test
  void anExitLaneHasNoDispenser() throws Exception {
    try (CardClient controller = new CardClient(site.exitCard)) {
      controller.issue();
      ControlClient.Reply r = control.post("/lanes/exit-1/card/take", null);
      assertEquals(409, r.status());
      assertEquals("an exit lane has no card dispenser", r.error());
    }
  }
}
