package org.parkgate.simulator;

/** The simulator cannot start; the message is the one line shown to the user. */
public final class StartupException extends Exception {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
