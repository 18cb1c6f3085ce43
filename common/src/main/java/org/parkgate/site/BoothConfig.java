package org.parkgate.site;

/**
 * A cashier's booth: its id (the id its console is enrolled under) and the receipt printer with the
 * cash drawer behind it, or null for a booth with no printer. See {@code docs/hardware.md}.
 */
public record BoothConfig(String id, DeviceAddress printer) {
  public boolean hasPrinter() {
    return printer != null;
  }
}
