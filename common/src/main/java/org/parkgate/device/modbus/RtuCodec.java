package org.parkgate.device.modbus;

/**
 * Modbus RTU frames: unit address, PDU, CRC-16 low byte first. Decoding is done by {@link
 * RtuRequestParser} and {@link RtuResponseParser}, which find frame boundaries by function code,
 * length fields and CRC.
 */
public final class RtuCodec {
  private RtuCodec() {}

  public static byte[] encode(RtuRequest request) {
    return frame(request.unit(), ModbusPdu.encode(request.request()));
  }

  public static byte[] encode(RtuResponse response) {
    return frame(response.unit(), ModbusPdu.encode(response.response()));
  }

  private static byte[] frame(int unit, byte[] pdu) {
    byte[] frame = new byte[pdu.length + 3];
    frame[0] = (byte) unit;
    System.arraycopy(pdu, 0, frame, 1, pdu.length);
    int crc = Crc16.compute(frame, 0, pdu.length + 1);
    frame[frame.length - 2] = (byte) crc;
    frame[frame.length - 1] = (byte) (crc >> 8);
    return frame;
  }
}
