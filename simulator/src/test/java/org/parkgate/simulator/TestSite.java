package org.parkgate.simulator;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A site file with one entry and one exit lane on free loopback ports, for tests. The entry lane
 * has a plate camera, the exit lane none.
 */
final class TestSite {
  final int controlPort;
  final int entryBarrier;
  final int entryCard;
  final int entryDisplay;
  final int entryCamera;
  final int exitBarrier;
  final int exitCard;
  final int exitDisplay;
  final int printer;
  final Path file;

  TestSite(Path dir, String barrierTravel) throws IOException {
    this(dir, barrierTravel, "ascii");
  }

  /** {@code exitReader} is the exit lane's cardReader.protocol: ascii or stx. */
  TestSite(Path dir, String barrierTravel, String exitReader) throws IOException {
    controlPort = freePort();
    entryBarrier = freePort();
    entryCard = freePort();
    entryDisplay = freePort();
    entryCamera = freePort();
    exitBarrier = freePort();
    exitCard = freePort();
    exitDisplay = freePort();
    printer = freePort();
    file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        """
        site: { id: test, zone: Asia/Shanghai, currency: CNY, tariff: tariff.yaml }
        lanes:
          - id: entry-1
            kind: entry
            barrier: { address: "tcp://127.0.0.1:%d", unit: 1 }
            cardReader: { address: "tcp://127.0.0.1:%d" }
            display: { address: "tcp://127.0.0.1:%d" }
            camera: { address: "tcp://127.0.0.1:%d" }
          - id: exit-1
            kind: exit
            barrier: { address: "tcp://127.0.0.1:%d", unit: 7 }
            cardReader: { address: "tcp://127.0.0.1:%d", protocol: %s }
            display: { address: "tcp://127.0.0.1:%d" }
        booths:
          - id: booth-1
            printer: { address: "tcp://127.0.0.1:%d" }
        simulator: { bind: 127.0.0.1, controlPort: %d, barrierTravel: %s }
        """
            .formatted(
                entryBarrier,
                entryCard,
                entryDisplay,
                entryCamera,
                exitBarrier,
                exitCard,
                exitReader,
                exitDisplay,
                printer,
                controlPort,
                barrierTravel));
  }

  /** The ports handed out to this site so far, so that no two of its devices get the same one. */
  private final java.util.Set<Integer> taken = new java.util.HashSet<>();

  /**
   * A port free now and not yet given to this site (the system may hand a just-closed port out
   * again, and two devices of one site on one port is a configuration error).
   */
  int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (taken.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
  }
}
