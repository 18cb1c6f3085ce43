package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkgate.device.card.CardLineParser;
import org.parkgate.device.card.CardRead;
import org.parkgate.device.card.StxCardParser;
import org.parkgate.device.display.DisplayCodec;
import org.parkgate.device.display.DisplayText;
import org.parkgate.site.SiteConfigLoader;
import org.parkgate.wire.FrameTesting;

/**
 * The exit lane's reader speaks STX frames here (the entry's speaks ASCII lines); what a controller
 * sees of card unit and display faults.
 */
class CardAndDisplayFaultTest extends SimulatorFixture {

  @BeforeEach
  void stxExitReader() throws Exception {
    simulator.close();
    site =
        new TestSite(Files.createDirectories(dir.resolve("stx")), TRAVEL.toMillis() + "ms", "stx");
    simulator = Simulator.start(SiteConfigLoader.load(site.file), DWELL);
    control = new ControlClient(site.controlPort);
  }

  private void faults(String path, String json) {
    ControlClient.Reply r = control.post(path, json);
    assertEquals(200, r.status(), r.body().toString());
  }

  private void present(String card) {
    present("exit-1", card);
  }

  private void present(String lane, String card) {
    assertEquals(
        200,
        control.post("/lanes/" + lane + "/card/present", "{\"card\":\"" + card + "\"}").status());
  }

  @Test
  void anStxReaderSendsTheDocumentedFrameAndRefusesNumbersItCannotSend() throws Exception {
    assertEquals("stx", control.lane("exit-1").at("/cardUnit/protocol").asText());
    assertEquals("ascii", control.lane("entry-1").at("/cardUnit/protocol").asText());
    try (Socket controller = new Socket("127.0.0.1", site.exitCard)) {
      controller.setSoTimeout(2000);
      await("connected", () -> control.lane("exit-1").at("/cardUnit/link/clients").asInt() == 1);
      present("0A1B2C3D4E");
      assertEquals(
          "02 30 41 31 42 32 43 33 44 34 45 37 35 03",
          FrameTesting.hex(controller.getInputStream().readNBytes(14)));
    }
    ControlClient.Reply r = control.post("/lanes/exit-1/card/present", "{\"card\":\"1234\"}");
    assertEquals(400, r.status());
    assertEquals(
        "'card' must be ten hex characters for lane exit-1's STX reader, not '1234'", r.error());
  }

  @Test
  void anStxFrameWithABadCheckIsDroppedAndCountedThenReadsComeThroughAgain() throws Exception {
    try (WireMaster<CardRead> controller =
        new WireMaster<>(site.exitCard, new StxCardParser(), CardRead.class)) {
      await("connected", () -> control.lane("exit-1").at("/cardUnit/link/clients").asInt() == 1);
      faults("/lanes/exit-1/faults/cardUnit", "{\"badCheck\": 1.0}");
      present("0A1B2C3D4E");
      await("the bad frame", () -> controller.counters().badFrames() == 1);
      assertNull(controller.next(300), "no card from a frame that failed its check");

      control.method("DELETE", "/lanes/exit-1/faults/cardUnit");
      present("FFFF000001");
      assertEquals(new CardRead("FFFF000001"), controller.next(2000));
    }
  }

  @Test
  void aGarbledAsciiLineIsDroppedWholeNeverReadAsAnotherCard() throws Exception {
    try (WireMaster<CardRead> controller =
        new WireMaster<>(site.entryCard, new CardLineParser(), CardRead.class)) {
      await("connected", () -> control.lane("entry-1").at("/cardUnit/link/clients").asInt() == 1);
      faults(
          "/lanes/entry-1/faults/cardUnit", "{\"badCheck\": 1.0, \"noise\": 1.0, \"split\": true}");
      for (int i = 0; i < 5; i++) {
        present("entry-1", "0A1B2C3D4" + i);
      }
      await("bad lines", () -> controller.counters().badFrames() >= 1);
      assertNull(controller.next(500));

      faults(
          "/lanes/entry-1/faults/cardUnit", "{\"noise\": 1.0, \"split\": true, \"merge\": true}");
      present("entry-1", "55AA");
      // Noise in front of a line damages the line it touches; the read is lost, not changed.
      assertNull(controller.next(500));
      control.method("DELETE", "/lanes/entry-1/faults/cardUnit");
      present("entry-1", "66BB");
      assertEquals(new CardRead("66BB"), controller.next(2000));
    }
  }

  @Test
  void aDisplayThatDropsOrIsSilentKeepsItsOldRows() throws Exception {
    try (Socket controller = new Socket("127.0.0.1", site.exitDisplay)) {
      OutputStream out = controller.getOutputStream();
      out.write(DisplayCodec.encode(new DisplayText(0, "Welcome")));
      await("row 0", () -> control.lane("exit-1").at("/display/rows/0").asText().equals("Welcome"));

      faults("/lanes/exit-1/faults/display", "{\"drop\": 1.0}");
      out.write(DisplayCodec.encode(new DisplayText(0, "Fee 12.00")));
      await(
          "frame received", () -> control.lane("exit-1").at("/display/link/framesIn").asInt() == 2);
      assertEquals(
          "Welcome", control.lane("exit-1").at("/display/rows/0").asText(), "the frame was lost");

      faults("/lanes/exit-1/faults/display", "{\"silent\": true}");
      out.write(DisplayCodec.encode(new DisplayText(0, "Fee 13.00")));
      Thread.sleep(200);
      assertEquals(
          2,
          control.lane("exit-1").at("/display/link/framesIn").asInt(),
          "a silent display reads nothing");
      assertEquals("Welcome", control.lane("exit-1").at("/display/rows/0").asText());

      control.method("DELETE", "/lanes/exit-1/faults/display");
      out.write(DisplayCodec.encode(new DisplayText(0, "Thank you")));
      await(
          "row 0 updated",
          () -> control.lane("exit-1").at("/display/rows/0").asText().equals("Thank you"));
    }
  }

  @Test
  void aDisconnectedCardUnitDropsItsControllerAndReportsReadsAsNotSent() throws Exception {
    try (Socket controller = new Socket("127.0.0.1", site.entryCard)) {
      await("connected", () -> control.lane("entry-1").at("/cardUnit/link/clients").asInt() == 1);
      faults("/lanes/entry-1/faults/cardUnit", "{\"disconnect\": true}");
      controller.setSoTimeout(2000);
      InputStream in = controller.getInputStream();
      assertEquals(-1, in.read(), "the simulator closed the connection");
      ControlClient.Reply r = control.post("/lanes/entry-1/card/present", "{\"card\":\"1234\"}");
      assertEquals(false, r.body().path("sentToController").asBoolean());
    }
  }
}
