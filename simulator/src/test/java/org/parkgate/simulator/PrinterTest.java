package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.parkgate.device.escpos.Alignment;
import org.parkgate.device.escpos.EscPosCodec;
import org.parkgate.device.escpos.EscPosCommand;
import org.parkgate.device.escpos.EscPosWriter;
import org.parkgate.device.escpos.QrLevel;
import org.parkgate.device.escpos.StatusKind;
import org.parkgate.wire.FrameTesting;

/** The booth's receipt printer and cash drawer over a real TCP socket, read back by control. */
class PrinterTest extends SimulatorFixture {

  private JsonNode printer() {
    ControlClient.Reply r = control.get("/booths/booth-1/printer");
    assertEquals(200, r.status(), r.toString());
    return r.body();
  }

  private static int status(Socket s, StatusKind kind) throws Exception {
    s.getOutputStream().write(EscPosCodec.encode(new EscPosCommand.StatusRequest(kind)));
    s.getOutputStream().flush();
    s.setSoTimeout(3000);
    return s.getInputStream().read();
  }

  @Test
  void printsDocumentsSplitAnyWayAndKicksTheDrawer() throws Exception {
    byte[] receipt =
        new EscPosWriter()
            .align(Alignment.CENTER)
            .size(2, 2)
            .line("停车收据 RECEIPT")
            .size(1, 1)
            .align(Alignment.LEFT)
            .line("应收 Due: 12.00 CNY")
            .qr("AB12CD34", 6, QrLevel.M)
            .cut()
            .kickDrawer()
            .bytes();
    byte[] copy = new EscPosWriter().line("副本 COPY").line("No. demo-000001").cut().bytes();
    byte[] all = FrameTesting.concat(FrameTesting.hex("00 FF 1B"), receipt, copy);
    java.time.Instant sent = java.time.Instant.now();
    try (Socket s = new Socket("127.0.0.1", site.printer)) {
      OutputStream out = s.getOutputStream();
      // Three bytes at a time, as a serial device server might pass them on.
      for (int i = 0; i < all.length; i += 3) {
        out.write(all, i, Math.min(3, all.length - i));
        out.flush();
      }
      await("two documents", () -> printer().at("/documents").size() == 2);
      JsonNode first = printer().at("/documents/0");
      assertEquals("停车收据 RECEIPT", first.at("/lines/0/text").asText());
      assertEquals("center", first.at("/lines/0/align").asText());
      assertEquals(2, first.at("/lines/0/width").asInt());
      assertEquals("应收 Due: 12.00 CNY", first.at("/lines/1/text").asText());
      assertEquals("AB12CD34", first.at("/qrCodes/0").asText());
      assertFalse(first.at("/copy").asBoolean());
      assertTrue(printer().at("/documents/1/copy").asBoolean());
      java.time.Instant cut = java.time.Instant.parse(first.at("/cutAt").asText());
      assertFalse(cut.isBefore(sent.minusMillis(1)), "cut stamped when it arrived: " + cut);

      assertEquals(1, printer().at("/drawerKicks").asInt());
      assertTrue(printer().at("/drawerOpen").asBoolean());
      assertEquals(0x16, status(s, StatusKind.PRINTER), "pin 3 high: drawer open");
      assertEquals(200, control.post("/booths/booth-1/printer/drawer/close", "").status());
      assertEquals(0x12, status(s, StatusKind.PRINTER), "drawer closed, online");
    }
  }

  @Test
  void anOfflinePrinterSaysWhyAndPrintsNothingUntilItIsBack() throws Exception {
    try (Socket s = new Socket("127.0.0.1", site.printer)) {
      ControlClient.Reply r = control.post("/booths/booth-1/printer/faults", "{\"paperOut\":true}");
      assertEquals(200, r.status(), r.toString());
      assertEquals(0x1A, status(s, StatusKind.PRINTER), "offline");
      assertEquals(0x32, status(s, StatusKind.OFFLINE_CAUSE), "stopped at paper end");
      assertEquals(0x7E, status(s, StatusKind.PAPER), "roll at its end");

      s.getOutputStream().write(new EscPosWriter().line("lost").cut().kickDrawer().bytes());
      s.getOutputStream().flush();
      await("dropped", () -> printer().at("/discarded").asLong() == 3);
      assertEquals(0, printer().at("/documents").size());
      assertEquals(0, printer().at("/drawerKicks").asInt());

      r = control.post("/booths/booth-1/printer/faults", "{\"offline\":true,\"paperOut\":false}");
      assertEquals(0x1A, status(s, StatusKind.PRINTER));
      assertEquals(0x12, status(s, StatusKind.OFFLINE_CAUSE), "offline with no cause shown");
      assertEquals(200, control.method("DELETE", "/booths/booth-1/printer/faults").status());
      assertEquals(0x12, status(s, StatusKind.PRINTER));

      s.getOutputStream().write(new EscPosWriter().line("back").cut().bytes());
      s.getOutputStream().flush();
      await("printed", () -> printer().at("/documents").size() == 1);
      assertEquals("back", printer().at("/documents/0/lines/0/text").asText());
    }
  }

  @Test
  void badControlRequestsAreRefusedAndChangeNothing() {
    ControlClient.Reply r = control.post("/booths/booth-1/printer/faults", "{\"jammed\":true}");
    assertEquals(400, r.status());
    assertTrue(r.error().contains("unknown field 'jammed'"), r.error());
    r = control.post("/booths/booth-1/printer/faults", "{\"offline\":\"yes\"}");
    assertEquals(400, r.status(), r.toString());
    assertEquals(404, control.get("/booths/booth-9/printer").status());
    assertTrue(control.get("/booths/booth-9/printer").error().contains("booths: booth-1"));
    assertEquals(405, control.method("PUT", "/booths/booth-1/printer/faults").status());
    assertTrue(printer().at("/online").asBoolean());
  }
}
