package org.parkgate.simulator;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free to listen on, for a site whose processes are started on this machine: chosen below the
 * system's range of ephemeral ports, since a port in that range can be given to any outgoing
 * connection (a controller dialling its devices as they start) between being chosen and being
 * listened on; and each held open until {@link #close}, so no two are the same.
 */
public final class LocalPorts implements AutoCloseable {
  private static final int LOWEST = 10_000;
  private static final Path EPHEMERAL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private final List<ServerSocket> held = new ArrayList<>();
  private final int below = ephemeralFrom();

  /** A port free now, not handed out before by this instance. */
  public int next() throws IOException {
    for (int attempt = 0; attempt < 100 && below > LOWEST; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      try {
        held.add(new ServerSocket(port));
        return port;
      } catch (IOException inUse) {
        // Another process listens there: try another.
      }
    }
    ServerSocket any = new ServerSocket(0);
    held.add(any);
    return any.getLocalPort();
  }

  /** Lets the ports go, for the processes that are to listen on them. */
  @Override
  public void close() throws IOException {
    for (ServerSocket s : held) {
      s.close();
    }
    held.clear();
  }

  /**
   * Where the system's ephemeral ports start: Linux says, else IANA's 49152. Read a line at a time:
   * a whole-file read of this /proc file can come back short (one character, seen on Linux 6.18).
   */
  static int ephemeralFrom() {
    try (java.io.BufferedReader in = Files.newBufferedReader(EPHEMERAL)) {
      String line = in.readLine();
      return Integer.parseInt(line.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException unknown) {
      return 49_152;
    }
  }
}
