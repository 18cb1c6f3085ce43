package org.parkgate.console;

import java.io.IOException;

/** The booth UI's port is taken, usually by another console still running. */
public final class PortInUseException extends IOException {
  public PortInUseException(String host, int port, Throwable cause) {
    super(
        "cannot listen on "
            + host
            + ":"
            + port
            + ": port "
            + port
            + " is already in use (another cashier-console running?)",
        cause);
  }
}
