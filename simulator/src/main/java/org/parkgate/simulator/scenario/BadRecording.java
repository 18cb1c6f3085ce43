package org.parkgate.simulator.scenario;

/** A recording that cannot be replayed: one line naming the file (and line) and what is wrong. */
final class BadRecording extends Exception {
  BadRecording(String message) {
    super(message);
  }
}
