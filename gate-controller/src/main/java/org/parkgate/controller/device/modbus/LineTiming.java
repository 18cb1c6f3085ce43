package org.parkgate.controller.device.modbus;

import org.parkgate.site.DeviceAddress;
import org.parkgate.site.SerialSettings;

/**
 * How long frames take on a bus's wire, and the silence owed between them. A serial port needs
 * both; a TCP link to a serial device server needs neither, since the server times its own line.
 */
public record LineTiming(long nanosPerByte, long interFrameGapNanos) {
  public static final LineTiming NONE = new LineTiming(0, 0);

  public static LineTiming of(SerialSettings s) {
    return new LineTiming(s.wireNanos(1), s.interFrameGapNanos());
  }

  public static LineTiming of(DeviceAddress address) {
    return address instanceof DeviceAddress.Serial s ? of(s.settings()) : NONE;
  }

  public long wireNanos(int bytes) {
    return nanosPerByte * bytes;
  }
}
