package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.parkgate.device.display.DisplayCodec;
import org.parkgate.device.display.DisplayText;
import org.parkgate.wire.FrameTesting;

class DisplayTest extends SimulatorFixture {

  @Test
  void keepsTheRowsLastSentIncludingChineseAndSkipsNoise() throws Exception {
    try (Socket controller = new Socket("127.0.0.1", site.exitDisplay)) {
      OutputStream out = controller.getOutputStream();
      out.write(DisplayCodec.encode(new DisplayText(0, "Fee 12.00")));
      out.write(FrameTesting.hex("02 44 31 39 39 39 FF 00")); // an oversized length, then noise
      out.write(DisplayCodec.encode(new DisplayText(1, "请到收费亭缴费")));
      out.write(DisplayCodec.encode(new DisplayText(0, "应付 12.00 元")));
      out.flush();
      await(
          "rows",
          () ->
              control.lane("exit-1").at("/display/rows").size() == 2
                  && control.lane("exit-1").at("/display/rows/0").asText().startsWith("应付"));
      assertEquals("请到收费亭缴费", control.lane("exit-1").at("/display/rows/1").asText());
      assertEquals(1, control.lane("exit-1").at("/display/link/badFrames").asInt());
    }
  }
}
