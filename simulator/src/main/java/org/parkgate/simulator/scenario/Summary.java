package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

/**
 * What a run did, from three places that do not share code: the controller's announcements
 * (vehicles in and out), the ledger file read with SQL (money net of reversals, incidents, days
 * closed), and the simulated barriers (closes on a vehicle); then each expectation checked against
 * them.
 */
record Summary(
    String scenario,
    Duration took,
    long vehiclesIn,
    long vehiclesOut,
    Money expected,
    Money taken,
    Money reversedByRun,
    Money ledgerPaid,
    Money ledgerReversed,
    Map<String, Long> incidents,
    long unsafeCloses,
    long daysClosed,
    long monthsClosed,
    List<String> stepFailures,
    List<String> expectationFailures,
    int expectationsHeld) {

  Money ledgerNet() {
    return ledgerPaid.plus(ledgerReversed);
  }

  /**
   * The fees asked were taken, and the ledger holds what was taken less what supervisors reversed
   * during the run.
   */
  boolean reconciled() {
    return expected.equals(taken) && taken.plus(reversedByRun).equals(ledgerNet());
  }

  boolean passed() {
    return stepFailures.isEmpty() && expectationFailures.isEmpty();
  }

  static Summary of(
      Scenario scenario,
      ScenarioRun run,
      ConsoleLink link,
      SimControl sim,
      Path ledger,
      Duration took)
      throws Exception {
    var currency = scenario.currency();
    long in = 0;
    long out = 0;
    for (ConsoleEvent e : link.events()) {
      if (e instanceof ConsoleEvent.EntryRecorded) {
        in++;
      } else if (e instanceof ConsoleEvent.VehicleLeft) {
        out++;
      }
    }
    long paid;
    long reversed;
    long daysClosed;
    long monthsClosed;
    Map<String, Long> incidents = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + ledger + "?mode=ro")) {
      paid = number(db, "SELECT COALESCE(SUM(amount_minor), 0) FROM payments");
      reversed = number(db, "SELECT COALESCE(SUM(amount_minor), 0) FROM reversals");
      daysClosed = number(db, "SELECT COUNT(*) FROM zreports");
      monthsClosed = number(db, "SELECT COUNT(*) FROM monthly_closes");
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery("SELECT kind, COUNT(*) FROM incidents GROUP BY kind")) {
        while (r.next()) {
          incidents.put(r.getString(1), r.getLong(2));
        }
      }
    }
    long unsafe = 0;
    for (JsonNode lane : sim.lanes().path("lanes")) {
      unsafe += lane.path("safetyViolations").asLong();
    }
    Summary facts =
        new Summary(
            scenario.file().getFileName().toString(),
            took,
            in,
            out,
            Money.of(run.expectedMinor.get(), currency),
            Money.of(run.takenMinor.get(), currency),
            Money.of(run.reversedMinor(), currency),
            Money.of(paid, currency),
            Money.of(reversed, currency),
            incidents,
            unsafe,
            daysClosed,
            monthsClosed,
            List.copyOf(run.failures),
            List.of(),
            0);
    List<String> failed = new ArrayList<>();
    int held = 0;
    for (Step.Expect x : scenario.expectations()) {
      String why = facts.check(x, run.fees);
      if (why == null) {
        held++;
      } else {
        failed.add("line " + x.line() + " (" + x.describe() + "): " + why);
      }
    }
    return new Summary(
        facts.scenario,
        took,
        in,
        out,
        facts.expected,
        facts.taken,
        facts.reversedByRun,
        facts.ledgerPaid,
        facts.ledgerReversed,
        incidents,
        unsafe,
        daysClosed,
        monthsClosed,
        facts.stepFailures,
        failed,
        held);
  }

  /** Null when the expectation holds, else what was found instead. */
  private String check(Step.Expect x, Map<String, Money> fees) {
    return switch (x.kind()) {
      case FEE -> {
        Money shown = fees.get(x.vehicle());
        Money want = Money.of(x.amountMinor(), expected.currency());
        if (shown == null) {
          yield "no fee was shown to " + x.vehicle() + "; expected " + show(want);
        }
        yield shown.equals(want) ? null : "shown " + show(shown) + ", expected " + show(want);
      }
      case MONEY_TAKEN -> {
        Money want = Money.of(x.amountMinor(), expected.currency());
        yield ledgerNet().equals(want)
            ? null
            : "the ledger holds " + show(ledgerNet()) + " net, expected " + show(want);
      }
      case MONEY_RECONCILED ->
          reconciled()
              ? null
              : "expected "
                  + show(expected)
                  + ", receipts "
                  + show(taken)
                  + (reversedByRun.isZero() ? "" : ", reversed " + show(reversedByRun))
                  + ", ledger "
                  + show(ledgerNet());
      case INCIDENTS ->
          bound(incidents.getOrDefault(x.incident(), 0L), x, x.incident() + " incidents");
      case UNSAFE_CLOSES -> bound(unsafeCloses, x, "unsafe closes");
      case VEHICLES_IN -> bound(vehiclesIn, x, "vehicles in");
      case VEHICLES_OUT -> bound(vehiclesOut, x, "vehicles out");
      case DAYS_CLOSED -> bound(daysClosed, x, "business days closed");
      case MONTHS_CLOSED -> bound(monthsClosed, x, "months closed");
    };
  }

  private static String bound(long found, Step.Expect x, String what) {
    if (x.count() != null && found != x.count()) {
      return found + " " + what + ", expected " + x.count();
    }
    if (x.atLeast() != null && found < x.atLeast()) {
      return found + " " + what + ", expected at least " + x.atLeast();
    }
    return null;
  }

  /** {@code 70s}, or for a long (stepped) run {@code 1d 1h 45min}. */
  static String length(Duration d) {
    if (d.compareTo(Duration.ofMinutes(10)) < 0) {
      return d.toSeconds() + "s";
    }
    StringBuilder s = new StringBuilder();
    if (d.toDays() > 0) {
      s.append(d.toDays()).append("d ");
    }
    if (d.toHoursPart() > 0) {
      s.append(d.toHoursPart()).append("h ");
    }
    if (d.toMinutesPart() > 0) {
      s.append(d.toMinutesPart()).append("min");
    }
    return s.toString().strip();
  }

  private static String show(Money m) {
    return m.toDecimalString() + " " + m.currency().getCurrencyCode();
  }

  private static long number(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  void print(PrintStream out) {
    out.printf("scenario %s: ran %s%n", scenario, length(took));
    out.printf("  vehicles: %d in, %d out%n", vehiclesIn, vehiclesOut);
    out.printf(
        "  money: expected %s, taken %s%s, ledger %s (payments %s, reversals %s): %s%n",
        show(expected),
        show(taken),
        reversedByRun.isZero() ? "" : ", reversed at the booth " + show(reversedByRun),
        show(ledgerNet()),
        ledgerPaid.toDecimalString(),
        ledgerReversed.toDecimalString(),
        reconciled() ? "reconciled" : "NOT RECONCILED");
    StringBuilder kinds = new StringBuilder();
    incidents.forEach(
        (k, n) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(k).append(' ').append(n));
    out.printf("  incidents: %s%n", kinds.length() == 0 ? "none" : kinds);
    out.printf("  unsafe closes: %d%n", unsafeCloses);
    if (daysClosed > 0) {
      out.printf(
          "  business days closed by the controller: %d (Z-reports)%s%n",
          daysClosed, monthsClosed > 0 ? ", months closed: " + monthsClosed : "");
    }
    for (String f : stepFailures) {
      out.println("  STEP FAILED " + f);
    }
    for (String f : expectationFailures) {
      out.println("  EXPECTATION FAILED " + f);
    }
    out.printf(
        "  expectations: %d held, %d failed; steps failed: %d%n",
        expectationsHeld, expectationFailures.size(), stepFailures.size());
    out.println(passed() ? "PASSED" : "FAILED");
  }
}
