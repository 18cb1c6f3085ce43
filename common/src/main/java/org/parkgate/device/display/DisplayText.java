package org.parkgate.device.display;

import java.nio.charset.StandardCharsets;

/**
 * One row of the driver's lane display. Rows are 0-9, top first; empty text clears the row. The
 * text is at most {@link #MAX_BYTES} bytes of UTF-8 (40 Chinese characters) with no control
 * characters, so it always fits one frame.
 */
public record DisplayText(int row, String text) {
  public static final int MAX_ROW = 9;
  public static final int MAX_BYTES = 120;

  public DisplayText {
    if (row < 0 || row > MAX_ROW) {
      throw new IllegalArgumentException("display row " + row + " is outside 0-" + MAX_ROW);
    }
    String problem = textProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A row with {@code text} cut at a character boundary to fit, control characters made spaces. */
  public static DisplayText fit(int row, String text) {
    StringBuilder clean = new StringBuilder(text.length());
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp)) {
        cp = ' ';
      }
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_BYTES) {
        break;
      }
      bytes += size;
      clean.appendCodePoint(cp);
    }
    return new DisplayText(row, clean.toString());
  }

  static String textProblem(String text) {
    if (text == null) {
      return "display text is missing";
    }
    if (text.codePoints().anyMatch(Character::isISOControl)) {
      return "display text must not contain control characters";
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return "display text is " + bytes + " bytes of UTF-8, more than " + MAX_BYTES;
    }
    return null;
  }
}
