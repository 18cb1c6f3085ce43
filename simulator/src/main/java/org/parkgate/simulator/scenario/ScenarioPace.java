package org.parkgate.simulator.scenario;

import java.time.Duration;

/**
 * How fast a run's simulated lanes move: {@code barrierTravel}, the arm from one limit to the other
 * (the site's {@code simulator.barrierTravel} when null), and {@code dwell}, a vehicle driving
 * through on the safety loop (the simulator's default when null). A long stepped run on quicker
 * arms serves more vehicles a minute; the controller sees quicker devices, nothing else.
 */
record ScenarioPace(Duration barrierTravel, Duration dwell) {
  static final ScenarioPace SITE = new ScenarioPace(null, null);
}
