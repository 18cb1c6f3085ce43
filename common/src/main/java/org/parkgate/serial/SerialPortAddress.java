package org.parkgate.serial;

import java.net.SocketAddress;
import java.util.Objects;
import org.parkgate.site.SerialSettings;

/** A serial port and its line settings: what a {@link JsscChannel} connects to. */
public final class SerialPortAddress extends SocketAddress {
  private static final long serialVersionUID = 1L;

  private final String device;
  private final SerialSettings settings;

  public SerialPortAddress(String device, SerialSettings settings) {
    this.device = Objects.requireNonNull(device);
    this.settings = Objects.requireNonNull(settings);
  }

  public String device() {
    return device;
  }

  public SerialSettings settings() {
    return settings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SerialPortAddress a
        && a.device.equals(device)
        && a.settings.equals(settings);
  }

  @Override
  public int hashCode() {
    return device.hashCode() * 31 + settings.hashCode();
  }

  @Override
  public String toString() {
    return device
        + " "
        + settings.baud()
        + " "
        + settings.dataBits()
        + settings.parity().name().charAt(0)
        + settings.stopBits().text();
  }
}
