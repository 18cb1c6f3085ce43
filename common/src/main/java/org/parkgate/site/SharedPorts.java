package org.parkgate.site;

import java.util.HashMap;
import java.util.Map;
import org.parkgate.config.ConfigException;
import org.parkgate.config.ConfigNode;

/**
 * Checks that lanes share device links only where the wire allows it. Barrier I/O modules may share
 * one RS-485 bus (a serial port or a serial device server's TCP port) when their unit addresses
 * differ: the controller runs one Modbus master per bus. A card reader or a display has its link to
 * itself: a port cannot be opened twice, and its bytes cannot be told apart.
 */
final class SharedPorts {
  private record Use(String lane, String role, DeviceAddress address) {}

  private final Map<String, Use> byPort = new HashMap<>();
  private final Map<String, String> unitOwners = new HashMap<>();

  void barrier(ConfigNode barrier, String lane, DeviceAddress address, int unit)
      throws ConfigException {
    Use earlier = byPort.putIfAbsent(port(address), new Use(lane, "barrier", address));
    String unitOwner = unitOwners.putIfAbsent(port(address) + "#" + unit, lane);
    if (earlier == null) {
      return;
    }
    if (!earlier.role.equals("barrier")) {
      throw barrier
          .child("address")
          .error(address + " is already lane " + earlier.lane + "'s " + earlier.role);
    }
    if (!earlier.address.equals(address)) {
      throw barrier
          .child("address")
          .error(
              address
                  + " names the port of lane "
                  + earlier.lane
                  + "'s barrier with other settings ("
                  + earlier.address
                  + "): one bus has one baud rate and framing");
    }
    if (unitOwner != null) {
      throw barrier
          .child("unit")
          .error(
              "unit "
                  + unit
                  + " on "
                  + address
                  + " is already lane "
                  + unitOwner
                  + "'s barrier; modules on one bus need distinct unit addresses");
    }
  }

  void device(ConfigNode node, String lane, String role, DeviceAddress address)
      throws ConfigException {
    Use earlier = byPort.putIfAbsent(port(address), new Use(lane, role, address));
    if (earlier != null) {
      throw node.child("address")
          .error(
              address
                  + " is already lane "
                  + earlier.lane
                  + "'s "
                  + earlier.role
                  + "; a "
                  + role
                  + " needs a port of its own");
    }
  }

  /**
   * Serial ports are one device whatever their options; tcp and local links by their whole address.
   */
  private static String port(DeviceAddress address) {
    return address instanceof DeviceAddress.Serial s ? "serial:" + s.device() : address.toString();
  }
}
