package org.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parkgate.wire.FrameTesting.decode;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsingDecoderTest {
  /** Frames are "<" + one digit + ">"; anything else cannot start a frame. */
  private static final FrameParser<String> ANGLE =
      new FrameParser<>() {
        @Override
        public Parse<String> parse(ByteBuf in) {
          int s = in.readerIndex();
          if (in.getByte(s) != '<') {
            return Parse.invalid("no <");
          }
          if (in.readableBytes() < 3) {
            return Parse.needMore();
          }
          if (!Character.isDigit(in.getByte(s + 1)) || in.getByte(s + 2) != '>') {
            return Parse.invalid("not <digit>");
          }
          return Parse.frame(in.toString(s + 1, 1, StandardCharsets.US_ASCII), 3);
        }

        @Override
        public int maxFrameLength() {
          return 3;
        }
      };

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void garbageBetweenFramesIsDroppedByteByByteAndCountedOncePerLossOfSync() {
    LinkCounters c = new LinkCounters();
    assertEquals(List.of("1", "2", "3"), decode(ANGLE, c, ascii("xx<1><2>yyy<3>"), 1));
    assertEquals(3, c.framesIn());
    assertEquals(2, c.badFrames());
    assertEquals(5, c.droppedBytes());
  }

  @Test
  void aDamagedFrameResyncsOnTheNextGoodOne() {
    LinkCounters c = new LinkCounters();
    assertEquals(List.of("7"), decode(ANGLE, c, ascii("<x><<7>"), 2));
    assertEquals(1, c.badFrames());
    assertEquals(4, c.droppedBytes());
  }

  @Test
  void aPartialFrameWaitsWithoutCountingAnything() {
    LinkCounters c = new LinkCounters();
    assertEquals(List.of(), decode(ANGLE, c, ascii("<4"), 1));
    assertEquals(0, c.badFrames());
    assertEquals(0, c.droppedBytes());
  }

  @Test
  void aParserThatKeepsAskingForMoreIsCutOffAtItsMaximumLength() {
    FrameParser<String> greedy =
        new FrameParser<>() {
          @Override
          public Parse<String> parse(ByteBuf in) {
            return Parse.needMore();
          }

          @Override
          public int maxFrameLength() {
            return 4;
          }
        };
    LinkCounters c = new LinkCounters();
    decode(greedy, c, new byte[100], 7);
    assertEquals(97, c.droppedBytes());
  }
}
