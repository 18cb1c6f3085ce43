package org.parkgate.simulator.scenario;

import java.time.Instant;

/**
 * The time a scenario runs on. Real: the timeline's offsets are waited for on the wall clock.
 * Stepped: the simulator, controller and console share one clock ({@link
 * org.parkgate.time.SharedClock}) that the runner moves forward to a step's offset whenever nothing
 * is under way, so hours without traffic take no time; {@code start} is that clock at offset 0
 * (null: now) and {@code rate} how many times as fast as real time it runs between jumps (1: real
 * time; faster lets the steps of a busy site overlap, each vehicle still acting in real time).
 */
record ScenarioTime(boolean stepped, Instant start, int rate) {
  static final ScenarioTime REAL = new ScenarioTime(false, null, 1);
}
