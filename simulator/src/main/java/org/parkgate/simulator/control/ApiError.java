package org.parkgate.simulator.control;

/** A request the control interface refuses, with its HTTP status and a message for the caller. */
final class ApiError extends RuntimeException {
  final int status;

  ApiError(int status, String message) {
    super(message);
    this.status = status;
  }
}
