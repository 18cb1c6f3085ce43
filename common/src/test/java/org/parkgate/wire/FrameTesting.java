package org.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Helpers for codec tests: hex frames and feeding bytes through a real pipeline in chunks. */
public final class FrameTesting {
  private FrameTesting() {}

  /** Bytes from hex pairs, spaces allowed: {@code "01 02 00 00 00 05 B8 09"}. */
  public static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  /** Hex pairs separated by spaces, upper case, as frames are written in tests and docs. */
  public static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Writes {@code bytes} in chunks of {@code chunk} bytes through a {@link ParsingDecoder}. */
  public static <T> List<Object> decode(
      FrameParser<T> parser, LinkCounters counters, byte[] bytes, int chunk) {
    EmbeddedChannel channel = new EmbeddedChannel(new ParsingDecoder<>(parser, counters, "test"));
    List<Object> frames = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += chunk) {
      channel.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
      for (Object f; (f = channel.readInbound()) != null; ) {
        frames.add(f);
      }
    }
    channel.finishAndReleaseAll();
    return frames;
  }

  /** Asserts {@code bytes} decode to {@code expected} whatever the chunk size, 1 to all at once. */
  public static <T> void assertDecodesInEveryChunking(
      FrameParser<T> parser, byte[] bytes, List<?> expected) {
    for (int chunk = 1; chunk <= bytes.length; chunk++) {
      assertEquals(
          expected, decode(parser, new LinkCounters(), bytes, chunk), "chunks of " + chunk);
    }
  }

  /** Decodes in every chunking and returns the counters of the last (all at once) run. */
  public static <T> LinkCounters countersAfter(
      FrameParser<T> parser, byte[] bytes, List<?> expected) {
    assertDecodesInEveryChunking(parser, bytes, expected);
    LinkCounters counters = new LinkCounters();
    decode(parser, counters, bytes, bytes.length);
    return counters;
  }
}
