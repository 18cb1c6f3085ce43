package org.parkgate.device.escpos;

import io.netty.buffer.ByteBuf;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.Parse;

/**
 * Finds a printer's status answers ({@link PrinterStatus}) on the bytes coming back from it: each
 * is one byte of the fixed pattern; any other byte is dropped and counted.
 */
public final class StatusReplyParser implements FrameParser<Integer> {
  @Override
  public Parse<Integer> parse(ByteBuf in) {
    int b = in.getUnsignedByte(in.readerIndex());
    return PrinterStatus.isReply(b)
        ? Parse.frame(b, 1)
        : Parse.invalid(String.format("0x%02X is no status byte", b));
  }

  @Override
  public int maxFrameLength() {
    return 1;
  }
}
