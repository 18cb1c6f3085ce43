package org.parkgate.device.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parkgate.wire.FrameTesting.assertDecodesInEveryChunking;
import static org.parkgate.wire.FrameTesting.countersAfter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.wire.FrameTesting;
import org.parkgate.wire.LinkCounters;

class CardUnitCodecTest {
  private final CardUnitCodec codec = new CardUnitCodec();

  @Test
  void issueIsOneLineAndRoundTrips() {
    byte[] frame = CardUnitCodec.encode(new CardUnitCommand.Issue());
    assertEquals("49 53 53 55 45 0D 0A", FrameTesting.hex(frame));
    assertDecodesInEveryChunking(
        codec,
        FrameTesting.concat(frame, frame),
        List.of(new CardUnitCommand.Issue(), new CardUnitCommand.Issue()));
  }

  @Test
  void unknownCommandsAndNoiseAreDroppedWithoutLosingTheNextIssue() {
    byte[] stream = "EJECT\r\nis-sue\nISSUE\n".getBytes(StandardCharsets.US_ASCII);
    LinkCounters c = countersAfter(codec, stream, List.of(new CardUnitCommand.Issue()));
    // Two bad lines in a row are one loss of sync; each is dropped whole.
    assertEquals(1, c.badFrames());
    assertEquals(14, c.droppedBytes());
    assertEquals(1, c.framesIn());
  }
}
