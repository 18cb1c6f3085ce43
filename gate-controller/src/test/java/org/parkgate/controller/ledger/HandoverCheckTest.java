package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.CashCount;
import org.parkgate.money.Money;

/** The verifier's checks of handovers and of the IC cards and receipts counted at a close. */
class HandoverCheckTest {
  private static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  private static final CashCount HUNDRED =
      new CashCount("CNY", List.of(new CashCount.Pieces(10000, 1)));

  @TempDir Path dir;

  @Test
  void aHandoverAsWrittenVerifiesAndOneThatJoinsTheWrongShiftsIsNamed() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Shifts shifts = new Shifts(ledger);
      ShiftSheets sheets = new ShiftSheets(ledger, Set.of("exit-1"));
      shifts.open("open-1", "cashier1", T0, HUNDRED);
      sheets.close(shifts, "hand-1", "cashier1", T0.plusSeconds(60), HUNDRED, 0L, 0L, l -> true);
      Shifts.Open second = shifts.open("hand-1/incoming", "cashier2", T0.plusSeconds(60), HUNDRED);
      new Handovers(ledger)
          .record(
              "hand-1",
              1,
              "cashier1",
              second.shiftNo(),
              "cashier2",
              Money.of(10000, "CNY"),
              "booth-1",
              T0.plusSeconds(60));
    }
    assertTrue(Fixtures.verify(file).ok(), Fixtures.verify(file).problems().toString());

    try (Ledger ledger = Ledger.open(file, "demo")) {
      Shifts shifts = new Shifts(ledger);
      ShiftSheets sheets = new ShiftSheets(ledger, Set.of("exit-1"));
      sheets.close(shifts, "hand-2", "cashier2", T0.plusSeconds(120), HUNDRED, 0L, 0L, l -> true);
      // A writer's mistake, chained like any row: the drawer handed to someone with no shift.
      Shifts.Open third =
          shifts.open(
              "hand-2/incoming",
              "cashier3",
              T0.plusSeconds(120),
              new CashCount("CNY", List.of(new CashCount.Pieces(5000, 1))));
      new Handovers(ledger)
          .record(
              "hand-2",
              2,
              "cashier2",
              third.shiftNo(),
              "cashier9",
              Money.of(10000, "CNY"),
              "booth-1",
              T0.plusSeconds(120));
    }
    assertEquals(
        List.of(
            "handover 2 does not join its outgoing cashier's closed shift to the incoming"
                + " cashier's shift opened with the cash counted"),
        Fixtures.verify(file).problems());
  }
}
