package org.parkgate.device.display;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.Parse;
import org.parkgate.wire.XorCheck;

/** Finds lane display frames ({@link DisplayCodec}) on a byte stream, as a display reads them. */
public final class DisplayParser implements FrameParser<DisplayText> {

  @Override
  public Parse<DisplayText> parse(ByteBuf in) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (in.getUnsignedByte(start) != DisplayCodec.STX) {
      return Parse.invalid("no STX");
    }
    if (available < 2) {
      return Parse.needMore();
    }
    if (in.getUnsignedByte(start + 1) != DisplayCodec.SET_ROW) {
      return Parse.invalid(
          String.format("unknown display command 0x%02X", in.getUnsignedByte(start + 1)));
    }
    for (int i = 2; i < Math.min(available, DisplayCodec.HEADER); i++) {
      int b = in.getUnsignedByte(start + i);
      if (b < '0' || b > '9') {
        return Parse.invalid(String.format("byte 0x%02X at %d is not a digit", b, i));
      }
    }
    if (available < DisplayCodec.HEADER) {
      return Parse.needMore();
    }
    int row = in.getUnsignedByte(start + 2) - '0';
    int textLength = Integer.parseInt(in.toString(start + 3, 3, StandardCharsets.US_ASCII));
    if (textLength > DisplayText.MAX_BYTES) {
      return Parse.invalid("text length " + textLength + " is more than " + DisplayText.MAX_BYTES);
    }
    int length = DisplayCodec.HEADER + textLength + DisplayCodec.TRAILER;
    int textStart = start + DisplayCodec.HEADER;
    for (int i = textStart; i < Math.min(start + available, textStart + textLength); i++) {
      int b = in.getUnsignedByte(i);
      if (b < 0x20 || b == 0x7F) {
        return Parse.invalid(String.format("control byte 0x%02X in display text", b));
      }
    }
    if (available < length) {
      return Parse.needMore();
    }
    int expected = XorCheck.compute(in, start + 1, DisplayCodec.HEADER - 1 + textLength);
    int received = XorCheck.readHex(in, textStart + textLength);
    if (received != expected) {
      return Parse.invalid(String.format("bad check %02X, expected %02X", received, expected));
    }
    if (in.getUnsignedByte(start + length - 1) != DisplayCodec.ETX) {
      return Parse.invalid("no ETX after the check");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes(in, textStart, textLength)))
              .toString();
    } catch (CharacterCodingException e) {
      return Parse.invalid("display text is not valid UTF-8");
    }
    String problem = DisplayText.textProblem(text);
    if (problem != null) {
      return Parse.invalid(problem);
    }
    return Parse.frame(new DisplayText(row, text), length);
  }

  @Override
  public int maxFrameLength() {
    return DisplayCodec.HEADER + DisplayText.MAX_BYTES + DisplayCodec.TRAILER;
  }

  private static byte[] bytes(ByteBuf in, int index, int length) {
    byte[] bytes = new byte[length];
    in.getBytes(index, bytes);
    return bytes;
  }
}
