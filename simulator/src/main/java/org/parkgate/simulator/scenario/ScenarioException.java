package org.parkgate.simulator.scenario;

/** A scenario file that cannot run: one line naming the file, the line and the key. */
final class ScenarioException extends Exception {
  ScenarioException(String message) {
    super(message);
  }
}
