package org.parkgate.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Finds one ASCII line ended by CR, LF or CRLF, for line-oriented device protocols.
 *
 * <p>Up to two line ends before the text are taken as part of the frame, so the LF of a CRLF (which
 * arrives after the CR already ended the previous line) is not mistaken for noise, and no line
 * waits for a byte that may never come. A third line end in a row is an empty line: invalid.
 *
 * <p>A line with a bad character or too many characters is dropped whole, through its line end:
 * dropping one byte at a time would let the tail of a damaged line ("12?34" giving "34") pass as a
 * good one, and line protocols have no check to catch that. Until the line end arrives the scanner
 * waits; the decoder's bound on frame length still applies, and any tail it leaves is itself too
 * long to be accepted.
 */
public final class LineScanner {
  /** Which bytes a line may contain. */
  @FunctionalInterface
  public interface Allowed {
    boolean test(int b);
  }

  private static final int MAX_LEADING_ENDS = 2;

  private final int maxChars;
  private final Allowed allowed;
  private final String what;

  /**
   * @param maxChars the longest line text, line ends excluded
   * @param what what the allowed characters are, for the invalid reason
   */
  public LineScanner(int maxChars, Allowed allowed, String what) {
    this.maxChars = maxChars;
    this.allowed = allowed;
    this.what = what;
  }

  /** The longest frame: leading line ends, text and its own line end. */
  public int maxFrameLength() {
    return MAX_LEADING_ENDS + maxChars + 1;
  }

  /** Scans for a line; a frame's value is the line text without line ends. */
  public Parse<String> scan(ByteBuf in) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    int i = start;
    while (i < end && isLineEnd(in.getUnsignedByte(i))) {
      if (i - start == MAX_LEADING_ENDS) {
        return Parse.invalid("empty line");
      }
      i++;
    }
    int textStart = i;
    String problem = null;
    for (; i < end; i++) {
      int b = in.getUnsignedByte(i);
      if (isLineEnd(b)) {
        if (problem != null) {
          return Parse.invalid(problem, i + 1 - start);
        }
        String text = in.toString(textStart, i - textStart, StandardCharsets.US_ASCII);
        return Parse.frame(text, i + 1 - start);
      }
      if (problem == null && !allowed.test(b)) {
        problem = String.format("byte 0x%02X is not %s", b, what);
      } else if (problem == null && i - textStart == maxChars) {
        problem = "line longer than " + maxChars + " characters";
      }
    }
    return Parse.needMore();
  }

  static boolean isLineEnd(int b) {
    return b == '\r' || b == '\n';
  }
}
