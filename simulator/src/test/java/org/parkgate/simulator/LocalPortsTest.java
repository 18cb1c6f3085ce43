package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class LocalPortsTest {
  @Test
  @EnabledOnOs(OS.LINUX)
  void portsAreChosenBelowTheKernelsEphemeralRangeAndNoneTwice() throws Exception {
    int from;
    try (BufferedReader in =
        Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      from = Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
    }
    assertEquals(from, LocalPorts.ephemeralFrom(), "the range's start as the kernel gives it");
    Set<Integer> seen = new HashSet<>();
    try (LocalPorts ports = new LocalPorts()) {
      for (int i = 0; i < 40; i++) {
        int port = ports.next();
        assertTrue(port >= 10_000 && port < from, port + " is not below " + from);
        assertTrue(seen.add(port), port + " handed out twice");
      }
    }
  }
}
