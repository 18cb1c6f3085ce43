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
import org.parkgate.api.Refusal;
import org.parkgate.api.VoucherBatch;
import org.parkgate.api.VoucherEntry;
import org.parkgate.api.VoucherStatus;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.ledger.Vouchers;
import org.parkgate.controller.site.MutableClock;

/**
 * The voucher register at a console, through the real pipeline on the demo site (vouchers SHOP1H,
 * HALF and STAFF): finance issues and voids, supervisors read, everyone else is refused; bad input
 * is refused naming the field and changes nothing.
 */
class VoucherRegisterTest {
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z"); // 10:00 in Shanghai
  static final LocalDate TODAY = LocalDate.parse("2027-01-09");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private DemoSite demo;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    demo = DemoSite.open(dir, clock);
    desk = new Desk(demo.site, clock, Desk.ALL_DAY);
  }

  @AfterEach
  void stop() throws Exception {
    desk.close();
    demo.close();
  }

  private ConsoleCommand.IssueVouchers issue(
      String id, String who, String kind, int count, LocalDate from, LocalDate to) {
    return new ConsoleCommand.IssueVouchers(
        id, desk.session(who), kind, "Cafe Nord", count, from, to, null);
  }

  private long batches() {
    return new Vouchers(demo.ledger).batchCount();
  }

  @Test
  void aCashierAnAdminAndASupervisorMayNotIssueAndACashierMayNotReadTheRegister() {
    for (String who : List.of("cashier1", "admin1", "supervisor1")) {
      CommandResult r =
          desk.run(issue(desk.id("issue"), who, "SHOP1H", 5, TODAY, TODAY.plusDays(30)));
      assertTrue(refusal(r, Refusal.FORBIDDEN).startsWith(who + " ("), r.toString());
    }
    CommandResult read =
        desk.run(new ConsoleCommand.ListVoucherBatches(desk.id("list"), desk.session("cashier1")));
    refusal(read, Refusal.FORBIDDEN);
    assertEquals(0, batches(), "nothing issued");
    assertTrue(
        new SecurityEvents(demo.ledger)
            .list().stream()
                .anyMatch(
                    e ->
                        e.kind() == SecurityEvents.Kind.FORBIDDEN
                            && "cashier1".equals(e.username())),
        "the refusal is on record");
  }

  @Test
  void financeIssuesABatchTheRetryGetsTheSameCodesAndASupervisorSeesIt() {
    ConsoleCommand.IssueVouchers cmd =
        issue("issue-1", "finance1", "SHOP1H", 3, TODAY, TODAY.plusDays(30));
    Answer.VouchersIssued issued = answer(desk.run(cmd), Answer.VouchersIssued.class);
    assertEquals(3, issued.codes().size());
    assertTrue(
        issued.codes().get(0).matches("[2-9A-Y]{4}-[2-9A-Y]{4}-[2-9A-Y]{2}"),
        issued.codes().get(0));
    assertEquals("finance1", issued.batch().issuedBy(), "who issued comes from the session");
    assertEquals("Cafe Nord", issued.batch().issuer());
    assertEquals(T0, issued.batch().issuedAt());

    Answer.VouchersIssued again = answer(desk.run(cmd), Answer.VouchersIssued.class);
    assertEquals(issued.codes(), again.codes(), "a retry gets the first batch's codes");
    assertEquals(1, batches(), "and issues no second batch");

    Answer.VoucherBatches list =
        answer(
            desk.run(
                new ConsoleCommand.ListVoucherBatches(
                    desk.id("list"), desk.session("supervisor1"))),
            Answer.VoucherBatches.class);
    assertEquals(List.of("HALF", "SHOP1H", "STAFF"), list.kinds(), "the tariff's vouchers");
    assertEquals(1, list.total());
    VoucherBatch b = list.batches().get(0);
    assertEquals(3, b.count());
    assertEquals(0, b.used());
    assertEquals(0, b.voided());
    assertEquals(TODAY.plusDays(30), b.validTo());

    VoucherEntry shown =
        answer(
                desk.run(
                    new ConsoleCommand.ShowVoucher(
                        desk.id("show"),
                        desk.session("supervisor1"),
                        issued.codes().get(1).toLowerCase().replace("-", ""))),
                Answer.VoucherShown.class)
            .voucher();
    assertEquals(issued.codes().get(1), shown.code(), "read in any case, without dashes");
    assertEquals(VoucherStatus.UNUSED, shown.status());
    assertNull(shown.receiptNo());
  }

  @Test
  void financeVoidsACodeOnceAndTheSecondVoidIsRefused() {
    String code =
        answer(
                desk.run(issue("issue-1", "finance1", "HALF", 2, TODAY, TODAY.plusDays(7))),
                Answer.VouchersIssued.class)
            .codes()
            .get(0);
    refusal(
        desk.run(
            new ConsoleCommand.VoidVoucher(
                desk.id("void"), desk.session("supervisor1"), code, "reported stolen")),
        Refusal.FORBIDDEN);

    ConsoleCommand.VoidVoucher voiding =
        new ConsoleCommand.VoidVoucher(
            "void-1", desk.session("finance1"), code, "  reported stolen  ");
    VoucherEntry voided = answer(desk.run(voiding), Answer.VoucherVoided.class).voucher();
    assertEquals(VoucherStatus.VOIDED, voided.status());
    assertEquals("finance1", voided.voidedBy());
    assertEquals("reported stolen", voided.voidReason());
    assertEquals(
        voided, answer(desk.run(voiding), Answer.VoucherVoided.class).voucher(), "a retry");

    String twice =
        refusal(
            desk.run(
                new ConsoleCommand.VoidVoucher(
                    desk.id("void"), desk.session("finance1"), code, "again")),
            Refusal.NOT_NOW);
    assertTrue(twice.contains("was voided already by finance1: reported stolen"), twice);

    VoucherBatch b =
        answer(
                desk.run(
                    new ConsoleCommand.ListVoucherBatches(
                        desk.id("list"), desk.session("finance1"))),
                Answer.VoucherBatches.class)
            .batches()
            .get(0);
    assertEquals(1, b.voided());
  }

  @Test
  void badDatesCountsKindsAndCodesAreRefusedNamingTheFieldAndChangeNothing() {
    record Case(ConsoleCommand command, String says) {}
    String finance = desk.session("finance1");
    List<Case> cases =
        List.of(
            new Case(
                issue(desk.id("i"), "finance1", "SHOP1H", 5, TODAY.plusDays(3), TODAY),
                "Valid to 2027-01-09 is before valid from 2027-01-12"),
            new Case(
                issue(
                    desk.id("i"), "finance1", "SHOP1H", 5, TODAY.minusDays(9), TODAY.minusDays(1)),
                "Valid to 2027-01-08 has passed (today is 2027-01-09)"),
            new Case(
                issue(desk.id("i"), "finance1", "SHOP1H", 5, null, TODAY),
                "Enter the first and last valid days"),
            new Case(
                issue(desk.id("i"), "finance1", "SHOP1H", 0, TODAY, TODAY),
                "The count is 1 to 1000 vouchers, not 0"),
            new Case(
                issue(desk.id("i"), "finance1", "SHOP1H", 1001, TODAY, TODAY),
                "not 1001 (larger print runs: ./parking vouchers issue)"),
            new Case(
                issue(desk.id("i"), "finance1", "GOLD", 5, TODAY, TODAY),
                "The tariff has no voucher 'GOLD' (it has: HALF, SHOP1H, STAFF)"),
            new Case(
                new ConsoleCommand.IssueVouchers(
                    desk.id("i"), finance, "HALF", "  ", 5, TODAY, TODAY, null),
                "The issuer (who hands the vouchers out) is 1-200 characters"),
            new Case(
                new ConsoleCommand.ShowVoucher(desk.id("s"), finance, "2345-6789-A0"),
                "'0' is not in a voucher code"),
            new Case(
                new ConsoleCommand.VoidVoucher(desk.id("v"), finance, "2345-6789-AR", ""),
                "Voiding a voucher needs a reason of 1-200 characters"));
    for (Case c : cases) {
      // refusal() checks the sentence is said in Chinese and English, and gives the English.
      String why = refusal(desk.run(c.command()), Refusal.INVALID);
      assertTrue(why.contains(c.says()), c.command() + ": " + why);
    }
    assertEquals(0, batches(), "nothing issued");
  }

  @Test
  void aCodeNotUsedPastItsLastDayIsShownExpired() {
    String code =
        answer(
                desk.run(issue("issue-1", "finance1", "STAFF", 1, TODAY, TODAY)),
                Answer.VouchersIssued.class)
            .codes()
            .get(0);
    // 23:59 in Shanghai: still its day.
    clock.set(T0.plus(Duration.ofHours(13).plusMinutes(59)));
    assertEquals(VoucherStatus.UNUSED, show(code).status());
    clock.set(T0.plus(Duration.ofHours(14)));
    assertEquals(VoucherStatus.EXPIRED, show(code).status());
  }

  private VoucherEntry show(String code) {
    return answer(
            desk.run(
                new ConsoleCommand.ShowVoucher(desk.id("show"), desk.session("finance1"), code)),
            Answer.VoucherShown.class)
        .voucher();
  }
}
