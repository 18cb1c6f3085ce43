package org.parkgate.controller;

/** The controller cannot start (a port in use, say); the message says which and why. */
public final class StartupException extends RuntimeException {
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
