package org.parkgate.simulator.booth;

import org.parkgate.simulator.device.DeviceLink;
import org.parkgate.site.BoothConfig;

/** A simulated booth: its receipt printer (with the drawer) and the link to it. */
public record BoothDevices(BoothConfig config, ReceiptPrinter printer, DeviceLink link) {

  public static BoothDevices of(BoothConfig config) {
    return new BoothDevices(
        config,
        new ReceiptPrinter(config.id()),
        new DeviceLink(config.id() + " receipt printer", config.printer().toString()));
  }

  public String id() {
    return config.id();
  }
}
