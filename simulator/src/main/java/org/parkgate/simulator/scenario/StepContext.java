package org.parkgate.simulator.scenario;

/**
 * The step a thread is carrying out, so that each call it makes is recorded with the step and
 * vehicle it served: its line, what it says ("car-3 exits at exit-1") and its vehicle (null for the
 * cashier and faults).
 */
record StepContext(int line, String does, String vehicle) {
  private static final ThreadLocal<StepContext> CURRENT = new ThreadLocal<>();

  /** The step being carried out on this thread, or null outside any step. */
  static StepContext current() {
    return CURRENT.get();
  }

  interface Action {
    void run() throws Exception;
  }

  /** Runs {@code action} as {@code step}. */
  static void during(Step step, Action action) throws Exception {
    StepContext before = CURRENT.get();
    CURRENT.set(new StepContext(step.line(), step.describe(), vehicle(step)));
    try {
      action.run();
    } finally {
      CURRENT.set(before);
    }
  }

  private static String vehicle(Step step) {
    if (step instanceof Step.Enter e) {
      return e.vehicle();
    } else if (step instanceof Step.Tailgate t) {
      return t.vehicle();
    } else if (step instanceof Step.Exit x) {
      return x.vehicle();
    }
    return null;
  }

  /** The key a replay finds a step's recorded calls by: line and words together. */
  String key() {
    return line + " " + does;
  }
}
