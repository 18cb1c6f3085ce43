package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * One step of a scenario's timeline: what happens {@code at} its offset from the start, and the
 * line of the file it was written on (every report about it names that line). Offsets, not clock
 * times, so the same timeline can be replayed on another clock.
 */
sealed interface Step {
  Duration at();

  int line();

  /** What the step says, for reports: "car-3 exits at exit-1". */
  String describe();

  /** How the cashier takes the fee shown at the exit; OWING: lifted by hand, the fee stays owed. */
  enum Pay {
    CASH,
    CARD,
    MOBILE,
    OWING,
    FREE_PASS,
    NONE
  }

  /**
   * A vehicle arrives at an entry and, unless it backs off, takes a card (or presents its season
   * card, registered before the run) and drives in.
   */
  record Enter(
      Duration at,
      int line,
      String vehicle,
      String lane,
      String plate,
      String vehicleClass,
      boolean backOff,
      boolean season)
      implements Step {
    @Override
    public String describe() {
      return vehicle + (backOff ? " backs off at " : " enters at ") + lane;
    }
  }

  /** A vehicle follows {@code lead} through its entry, on the arming loop while the lead passes. */
  record Tailgate(
      Duration at, int line, String vehicle, String lead, String plate, String vehicleClass)
      implements Step {
    @Override
    public String describe() {
      return vehicle + " tailgates " + lead;
    }
  }

  /**
   * A vehicle drives to an exit and presents its card (or says it lost it); the cashier takes the
   * fee shown by {@code pay}; a vehicle that backs off leaves the lane without paying.
   */
  record Exit(
      Duration at,
      int line,
      String vehicle,
      String lane,
      Pay pay,
      Long tenderedMinor,
      String reference,
      String reason,
      boolean lostCard,
      boolean backOff)
      implements Step {
    @Override
    public String describe() {
      return vehicle + (backOff ? " backs off at " : " exits at ") + lane;
    }
  }

  /** A person logs in through the console API (a cashier, or a supervisor for approvals). */
  record Login(Duration at, int line, String user, String password) implements Step {
    @Override
    public String describe() {
      return user + " logs in";
    }
  }

  /**
   * A logged-in supervisor reverses the payment {@code vehicle} made at its exit (its receipt),
   * with a reason.
   */
  record Reverse(Duration at, int line, String vehicle, String reason) implements Step {
    @Override
    public String describe() {
      return "a supervisor reverses the payment of " + vehicle;
    }
  }

  /**
   * Handover: the cashier closes the shift with a blind count of the drawer (null: the cash the run
   * expects in it), the incoming cashier {@code to} types their password at the booth and recounts,
   * and takes over the drawer and the payments.
   */
  record HandOver(Duration at, int line, String to, String password, Map<Long, Long> counted)
      implements Step {
    @Override
    public String describe() {
      return "the cashier hands the shift over to " + to;
    }
  }

  /** The logged-in cashier opens a shift with a float: minor face value to pieces. */
  record OpenShift(Duration at, int line, Map<Long, Long> cashFloat) implements Step {
    @Override
    public String describe() {
      return "the cashier opens a shift";
    }
  }

  /**
   * The cashier closes the shift with a blind count (null: the cash the run expects in the drawer),
   * resolving first the incidents raised during it.
   */
  record CloseShift(Duration at, int line, Map<Long, Long> counted) implements Step {
    @Override
    public String describe() {
      return "the cashier closes the shift";
    }
  }

  /**
   * A device fault through the simulator's fault interface: a link fault set on one device ({@code
   * faults}), cleared ({@code clear}), the barrier mechanism jammed or freed, or the lane's power
   * cut or restored (every device of the lane disconnected).
   */
  record Fault(
      Duration at,
      int line,
      String lane,
      String device,
      Map<String, Object> faults,
      boolean clear,
      Boolean on)
      implements Step {
    @Override
    public String describe() {
      return "fault on " + lane + " " + device;
    }
  }

  /** An expectation, checked once the timeline has run. */
  record Expect(
      Duration at,
      int line,
      Expectation kind,
      String vehicle,
      Long amountMinor,
      String incident,
      Long count,
      Long atLeast)
      implements Step {
    @Override
    public String describe() {
      return switch (kind) {
        case FEE -> "expect fee of " + vehicle;
        case INCIDENTS -> "expect incidents " + incident;
        default -> "expect " + kind.word();
      };
    }
  }

  /** What an expectation checks. */
  enum Expectation {
    FEE("fee"),
    INCIDENTS("incidents"),
    UNSAFE_CLOSES("unsafe-closes"),
    MONEY_RECONCILED("money-reconciled"),
    MONEY_TAKEN("money-taken"),
    VEHICLES_IN("vehicles-in"),
    VEHICLES_OUT("vehicles-out"),
    DAYS_CLOSED("days-closed"),
    MONTHS_CLOSED("months-closed");

    private final String word;

    Expectation(String word) {
      this.word = word;
    }

    String word() {
      return word;
    }
  }
}
