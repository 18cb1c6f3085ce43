package org.parkgate.wire;

import io.netty.buffer.ByteBuf;

/**
 * Recognises one kind of frame at the reader index of a buffer. A parser decides by the frame's own
 * structure (start byte, length field, check), never by timing, because serial links and serial
 * device servers split and merge frames arbitrarily.
 */
public interface FrameParser<T> {

  /**
   * Looks at {@code in}'s readable bytes from its reader index without consuming them (use the
   * absolute {@code get*} methods).
   */
  Parse<T> parse(ByteBuf in);

  /**
   * The longest frame this parser can return. If it asks for more bytes than this, the decoder
   * treats the start as invalid, so a parser bug cannot make the buffer grow without bound.
   */
  default int maxFrameLength() {
    return 1024;
  }
}
