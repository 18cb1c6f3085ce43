package org.parkgate.controller.device;

import java.util.List;

/**
 * The commands a lane gives its hardware. Calls never block; failures are reported as device
 * status.
 */
public interface LaneDevices extends AutoCloseable {
  void issueCard();

  void openBarrier();

  void closeBarrier();

  void show(List<String> rows);

  @Override
  void close();
}
