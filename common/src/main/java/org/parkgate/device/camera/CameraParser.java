package org.parkgate.device.camera;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parkgate.device.modbus.Crc16;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.Parse;
import org.parkgate.wire.XorCheck;

/**
 * Finds plate camera frames ({@link CameraCodec}) on a byte stream. The controller and the camera
 * use the same parser: the controller reads recognitions and heartbeats, the camera heartbeats.
 */
public final class CameraParser implements FrameParser<CameraMessage> {
  private static final Pattern CONFIDENCE = Pattern.compile("[0-9]{1,3}");

  @Override
  public Parse<CameraMessage> parse(ByteBuf in) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (in.getUnsignedByte(start) != CameraCodec.STX) {
      return Parse.invalid("no STX");
    }
    if (available < 2) {
      return Parse.needMore();
    }
    Optional<FrameType> type = FrameType.of(in.getUnsignedByte(start + 1));
    if (type.isEmpty()) {
      return Parse.invalid(
          String.format("unknown camera frame type 0x%02X", in.getUnsignedByte(start + 1)));
    }
    for (int i = 2; i < Math.min(available, CameraCodec.HEADER); i++) {
      int b = in.getUnsignedByte(start + i);
      if (b < '0' || b > '9') {
        return Parse.invalid(String.format("byte 0x%02X at %d is not a digit", b, i));
      }
    }
    if (available < CameraCodec.HEADER) {
      return Parse.needMore();
    }
    int payloadLength = Integer.parseInt(in.toString(start + 2, 3, StandardCharsets.US_ASCII));
    if (payloadLength > CameraCodec.MAX_PAYLOAD) {
      return Parse.invalid(
          "payload length " + payloadLength + " is more than " + CameraCodec.MAX_PAYLOAD);
    }
    int payloadStart = start + CameraCodec.HEADER;
    for (int i = payloadStart; i < Math.min(start + available, payloadStart + payloadLength); i++) {
      int b = in.getUnsignedByte(i);
      if (b < 0x20 || b == 0x7F) {
        return Parse.invalid(String.format("control byte 0x%02X in the payload", b));
      }
    }
    int length = CameraCodec.HEADER + payloadLength + CameraCodec.TRAILER;
    if (available < length) {
      return Parse.needMore();
    }
    int checkAt = payloadStart + payloadLength;
    int hi = XorCheck.readHex(in, checkAt);
    int lo = XorCheck.readHex(in, checkAt + 2);
    int expected = Crc16.compute(in, start + 1, CameraCodec.HEADER - 1 + payloadLength);
    if (hi < 0 || lo < 0) {
      return Parse.invalid("the check is not four hex characters");
    }
    int received = hi << 8 | lo;
    if (received != expected) {
      return Parse.invalid(String.format("bad check %04X, expected %04X", received, expected));
    }
    if (in.getUnsignedByte(start + length - 1) != CameraCodec.ETX) {
      return Parse.invalid("no ETX after the check");
    }
    byte[] bytes = new byte[payloadLength];
    in.getBytes(payloadStart, bytes);
    String payload;
    try {
      payload =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return Parse.invalid("payload is not valid UTF-8");
    }
    try {
      CameraMessage message =
          type.get() == FrameType.RECOGNITION
              ? recognition(payload)
              : new CameraMessage.Heartbeat(payload);
      return Parse.frame(message, length);
    } catch (IllegalArgumentException e) {
      return Parse.invalid(e.getMessage());
    }
  }

  @Override
  public int maxFrameLength() {
    return CameraCodec.HEADER + CameraCodec.MAX_PAYLOAD + CameraCodec.TRAILER;
  }

  private static CameraMessage.Recognition recognition(String payload) {
    String[] f = payload.split(Pattern.quote(String.valueOf(CameraCodec.SEPARATOR)), -1);
    if (f.length != 6) {
      throw new IllegalArgumentException(
          "a recognition has 6 fields (camera|plate|class|colour|confidence|time), not "
              + f.length);
    }
    VehicleClass vehicleClass =
        VehicleClass.fromWire(f[2])
            .orElseThrow(
                () -> new IllegalArgumentException("unknown vehicle class '" + f[2] + "'"));
    PlateColour colour =
        PlateColour.fromWire(f[3])
            .orElseThrow(() -> new IllegalArgumentException("unknown plate colour '" + f[3] + "'"));
    if (!CONFIDENCE.matcher(f[4]).matches()) {
      throw new IllegalArgumentException("confidence '" + f[4] + "' is not a number 0-100");
    }
    Instant time;
    try {
      time = f[5].isEmpty() ? null : Instant.parse(f[5]);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time '" + f[5] + "' is not an ISO-8601 instant");
    }
    return new CameraMessage.Recognition(
        f[0], f[1], vehicleClass, colour, Integer.parseInt(f[4]), time);
  }
}
