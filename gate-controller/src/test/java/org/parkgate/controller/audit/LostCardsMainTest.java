package org.parkgate.controller.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.LostCardForm;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;
import org.parkgate.site.LostCardApproval;

/** What finance sees from ./parking lostcards. */
class LostCardsMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LostCardsMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path ledger() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Instant entered = Instant.parse("2027-01-09T02:00:00Z");
      long stay = new Stays(ledger).recordEntry("entry-1", "00A1B2C3D4", entered).stayId();
      LostCards register = new LostCards(ledger);
      // 2027-01-09 23:30 in Shanghai: still the 9th there, the 9th 15:30 in UTC.
      Instant at = Instant.parse("2027-01-09T15:30:00Z");
      register.register(
          "req-1",
          "exit-1",
          stay,
          true,
          "00A1B2C3D4",
          new LostCardForm(
              "张伟", "13800138000", "11010519491231002X", "粤B12345", "car", "white", "丢在商场"),
          "粤B12345",
          "粤B12345",
          Money.of(900, "CNY"),
          Money.of(5000, "CNY"),
          "",
          LostCardApproval.SUPERVISOR_OR_FINANCE,
          "cashier1",
          null,
          at);
      register.decide("req-2", 1, true, stay, "supervisor1", "supervisor", null, at);
      register.register(
          "req-3",
          "exit-1",
          0,
          false,
          null,
          new LostCardForm(
              "李娜", "13900139000", "440304199001011233", "粤B54321", "suv", "black", "不知道"),
          null,
          "粤B54321",
          Money.of(3000, "CNY"),
          Money.of(5000, "CNY"),
          "",
          LostCardApproval.SUPERVISOR_OR_FINANCE,
          "cashier2",
          null,
          Instant.parse("2027-01-11T01:00:00Z"));
    }
    return file;
  }

  @Test
  void oneDayInTheSitesZoneListsItsFormsFeesAndDecisionsWithPersonalDetailsMasked() {
    Path db = ledger();
    assertEquals(
        0,
        run(
            "--db",
            db.toString(),
            "--zone",
            "Asia/Shanghai",
            "--from",
            "2027-01-09",
            "--to",
            "2027-01-09"));
    String text = out();
    assertTrue(
        text.startsWith("Lost cards from 2027-01-09 to 2027-01-09 (Asia/Shanghai): 1\n"), text);
    assertTrue(
        text.contains(
            "  #1     2027-01-09 23:30:00  exit-1   stay 1 card 00A1B2C3D4  plate 粤B12345"
                + "  entry camera 粤B12345  exit camera 粤B12345  car white"),
        text);
    assertTrue(text.contains("driver 张伟  phone 138****8000  ID 110105********002X"), text);
    assertTrue(
        text.contains(
            "fee 9.00 + card 50.00 = 59.00 CNY  registered by cashier1  APPROVED by supervisor1"),
        text);
    assertFalse(text.contains("11010519491231002X"), "the ID number is masked");
    assertTrue(text.contains("  asked 59.00 CNY; APPROVED 1; paid 0"), text);
  }

  @Test
  void withoutDatesEverythingIsListedAndFullShowsThePersonalDetails() {
    Path db = ledger();
    assertEquals(0, run("--db", db.toString(), "--full"));
    String text = out();
    assertTrue(text.startsWith("Lost cards from the first to the last (Z): 2"), text);
    assertTrue(text.contains("no matching entry  plate 粤B54321  entry camera -"), text);
    assertTrue(text.contains("ID 440304199001011233"), text);
    assertTrue(text.contains("AWAITING_APPROVAL"), text);
    assertTrue(text.contains("  asked 139.00 CNY; AWAITING_APPROVAL 1; APPROVED 1; paid 0"), text);
  }

  @Test
  void badArgumentsChangeNothingAndSayWhy() {
    Path db = ledger();
    assertEquals(2, run("--db", db.toString(), "--from", "9 Jan"));
    assertTrue(err().contains("--from '9 Jan' is not a date"), err());
    assertEquals(2, run("--db", db.toString(), "--from", "2027-01-10", "--to", "2027-01-09"));
    assertTrue(err().contains("--to 2027-01-09 is before --from 2027-01-10"), err());
    assertEquals(2, run("--db", db.toString(), "--kind", "x"));
    assertTrue(err().contains("unknown option '--kind'"), err());
    assertEquals(1, run("--db", dir.resolve("none.db").toString()));
    assertTrue(err().contains("no ledger file at"), err());
    assertEquals("", out());
  }
}
