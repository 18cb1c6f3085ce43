package org.parkgate.wire;

/**
 * What a {@link FrameParser} found at the start of the readable bytes: a whole frame and how many
 * bytes it took, a frame that is not complete yet, or bytes that cannot start a valid frame.
 *
 * <p>{@link Invalid} tells the caller to drop one byte and scan again: a frame may start at any
 * byte of a damaged one, so skipping the whole claimed length could swallow a good frame. Only a
 * parser that knows exactly where the bad frame ends (a line protocol that has seen the line end)
 * asks for more to be skipped, so that the tail of a damaged line is never taken for a frame.
 */
public sealed interface Parse<T> {

  /** A complete frame occupying the first {@code length} readable bytes. */
  record Frame<T>(T frame, int length) implements Parse<T> {
    public Frame {
      if (length <= 0) {
        throw new IllegalArgumentException("a frame takes at least one byte, not " + length);
      }
    }
  }

  /** The bytes so far are a plausible start of a frame; wait for more. */
  record NeedMore<T>() implements Parse<T> {}

  /**
   * The first byte cannot start a valid frame; {@code reason} says why, for logs and tests. {@code
   * skip} bytes are to be dropped before scanning again: 1 unless the parser knows the extent of
   * the bad frame.
   */
  record Invalid<T>(String reason, int skip) implements Parse<T> {
    public Invalid {
      if (skip < 1) {
        throw new IllegalArgumentException("skip at least one byte, not " + skip);
      }
    }

    public Invalid(String reason) {
      this(reason, 1);
    }
  }

  static <T> Parse<T> frame(T frame, int length) {
    return new Frame<>(frame, length);
  }

  static <T> Parse<T> needMore() {
    return new NeedMore<>();
  }

  static <T> Parse<T> invalid(String reason) {
    return new Invalid<>(reason);
  }

  static <T> Parse<T> invalid(String reason, int skip) {
    return new Invalid<>(reason, skip);
  }
}
