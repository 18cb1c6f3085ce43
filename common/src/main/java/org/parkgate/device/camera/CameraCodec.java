package org.parkgate.device.camera;

import java.nio.charset.StandardCharsets;
import org.parkgate.device.modbus.Crc16;

/**
 * Plate camera frames, both ways (see docs/protocols.md):
 *
 * <pre>
 * STX type(1) length(3 digits, UTF-8 bytes) payload check(4 hex) ETX
 * </pre>
 *
 * The payload is UTF-8 text with no control characters, its fields separated by '|'; the check is
 * the CRC-16/MODBUS of every byte from the type to the end of the payload, most significant digit
 * first. With no control characters inside, STX and ETX can only be framing, so a receiver finds
 * the next frame after any damage by looking for STX.
 */
public final class CameraCodec {
  static final int STX = 0x02;
  static final int ETX = 0x03;
  static final char SEPARATOR = '|';

  /** STX, type, three length digits. */
  static final int HEADER = 5;

  /** Four check characters and ETX. */
  static final int TRAILER = 5;

  /** The longest payload; a recognition with every field at its longest takes about 150. */
  public static final int MAX_PAYLOAD = 240;

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private CameraCodec() {}

  public static byte[] encode(CameraMessage message) {
    FrameType type;
    String payload;
    if (message instanceof CameraMessage.Recognition r) {
      type = FrameType.RECOGNITION;
      payload =
          String.join(
              String.valueOf(SEPARATOR),
              r.camera(),
              r.plate(),
              r.vehicleClass().wire(),
              r.colour().wire(),
              Integer.toString(r.confidence()),
              r.time() == null ? "" : r.time().toString());
    } else {
      type = FrameType.HEARTBEAT;
      payload = ((CameraMessage.Heartbeat) message).sender();
    }
    byte[] text = payload.getBytes(StandardCharsets.UTF_8);
    if (text.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload is " + text.length + " bytes, more than " + MAX_PAYLOAD);
    }
    byte[] frame = new byte[HEADER + text.length + TRAILER];
    frame[0] = STX;
    frame[1] = (byte) type.code();
    byte[] length = String.format("%03d", text.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(length, 0, frame, 2, 3);
    System.arraycopy(text, 0, frame, HEADER, text.length);
    int crc = Crc16.compute(frame, 1, HEADER - 1 + text.length);
    int at = HEADER + text.length;
    for (int i = 0; i < 4; i++) {
      frame[at + i] = HEX[(crc >> (12 - 4 * i)) & 0xF];
    }
    frame[frame.length - 1] = ETX;
    return frame;
  }
}
