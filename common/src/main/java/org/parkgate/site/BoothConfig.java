package org.parkgate.site;

import java.util.List;

/**
 * A cashier's booth: its id (the id its console is enrolled under), the receipt printer with the
 * cash drawer behind it, or null for a booth with no printer, and the lanes it looks after ({@code
 * lanes: "exit-1, exit-2"}; none named: every lane of the site), whose incidents its cashier
 * resolves before closing a shift. See {@code docs/hardware.md} and {@code docs/console.md}.
 */
public record BoothConfig(String id, DeviceAddress printer, List<String> lanes) {
  public BoothConfig {
    lanes = lanes == null ? List.of() : List.copyOf(lanes);
  }

  public BoothConfig(String id, DeviceAddress printer) {
    this(id, printer, List.of());
  }

  public boolean hasPrinter() {
    return printer != null;
  }

  /** Whether incidents at {@code lane} are this booth's to resolve. */
  public boolean covers(String lane) {
    return lanes.isEmpty() || lanes.contains(lane);
  }
}
