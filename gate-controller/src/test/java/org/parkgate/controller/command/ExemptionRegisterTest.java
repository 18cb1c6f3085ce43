package org.parkgate.controller.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.command.Desk.answer;
import static org.parkgate.controller.command.Desk.refusal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.FreePassEntry;
import org.parkgate.api.Refusal;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.ManualLifts;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.money.Money;

/**
 * The exemption register through the real pipeline: free passes and manual lifts of the site's days
 * asked for (Asia/Shanghai), for supervisors and finance only.
 */
class ExemptionRegisterTest {
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z"); // 10:00 in Shanghai
  static final LocalDate TODAY = LocalDate.parse("2027-01-09");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private DemoSite demo;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    demo = DemoSite.open(dir, clock);
    desk = new Desk(demo.site, clock);
    Stays stays = new Stays(demo.ledger);
    FreePasses passes = new FreePasses(demo.ledger);
    ManualLifts lifts = new ManualLifts(demo.ledger);
    long stay = stays.recordEntry("entry-1", "00A1B2C3D4", T0.minus(Duration.ofHours(2))).stayId();
    // 23:30 in Shanghai the day before: another day.
    passes.ask(
        "a-0",
        "exit-1",
        stay,
        "00A1B2C3D4",
        null,
        Money.of(300, "CNY"),
        "yesterday",
        "cashier1",
        T0.minus(Duration.ofMinutes(630)));
    passes.ask(
        "a-1",
        "exit-1",
        stay,
        "00A1B2C3D4",
        "粤B12345",
        Money.of(600, "CNY"),
        "ambulance crew on a call",
        "cashier1",
        T0);
    passes.decide("d-1", 2, true, "supervisor1", "confirmed by phone", T0.plusSeconds(60));
    lifts.record("l-1", "exit-1", 0, null, "card reader fault", "cashier2", T0.plusSeconds(120));
  }

  @AfterEach
  void stop() throws Exception {
    desk.close();
    demo.close();
  }

  private ConsoleCommand.ListExemptions list(String who, LocalDate from, LocalDate to) {
    return new ConsoleCommand.ListExemptions(desk.id("ex"), desk.session(who), from, to);
  }

  @Test
  void aSupervisorAndFinanceReadTheDaysFreePassesAndLiftsAndNoOneElseDoes() {
    for (String who : List.of("supervisor1", "finance1")) {
      Answer.ExemptionRegister r =
          answer(desk.run(list(who, null, null)), Answer.ExemptionRegister.class);
      assertEquals(TODAY, r.from(), "today, in the site's zone");
      assertEquals(TODAY, r.to());
      assertEquals(1, r.freePasses().size(), "yesterday's pass is not today's: " + r);
      FreePassEntry p = r.freePasses().get(0);
      assertEquals(2, p.passNo());
      assertEquals("粤B12345", p.plate());
      assertEquals("cashier1", p.askedBy());
      assertEquals(Boolean.TRUE, p.approved());
      assertEquals("supervisor1", p.decidedBy());
      assertEquals(Money.of(600, "CNY"), p.fee());
      assertEquals(T0.minus(Duration.ofHours(2)), p.enteredAt(), "the stay it waived");
      assertEquals(1, r.lifts().size());
      assertEquals("card reader fault", r.lifts().get(0).reason());
      assertEquals("cashier2", r.lifts().get(0).by());
      assertNull(r.lifts().get(0).due());
    }
    Answer.ExemptionRegister both =
        answer(
            desk.run(list("finance1", TODAY.minusDays(1), TODAY)), Answer.ExemptionRegister.class);
    assertEquals(2, both.freePassesTotal());
    assertNull(both.freePasses().get(0).approved(), "undecided");

    for (String who : List.of("cashier1", "admin1")) {
      refusal(desk.run(list(who, null, null)), Refusal.FORBIDDEN);
    }
  }

  @Test
  void daysOutOfOrderOrTooManyAreRefusedNamingThem() {
    CommandResult refused = desk.run(list("finance1", TODAY, TODAY.minusDays(1)));
    String wrong = refusal(refused, Refusal.INVALID);
    assertTrue(
        wrong.contains("The register's last day 2027-01-08 is before its first 2027-01-09"), wrong);
    assertTrue(refused.error().startsWith("截止日期 2027-01-08 早于起始日期 2027-01-09 · "), refused.error());
    String tooMany =
        refusal(desk.run(list("finance1", TODAY.minusDays(400), TODAY)), Refusal.INVALID);
    assertTrue(tooMany.contains("at most 366 days"), tooMany);
  }
}
