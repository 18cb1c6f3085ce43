package org.parkgate.controller.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.CashCount;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.Tender;
import org.parkgate.controller.ledger.Admissions;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.ManualLifts;
import org.parkgate.controller.ledger.MonthlyClosure;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Reversals;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.SiteKey;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.Tendering;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.controller.ledger.Vouchers;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LostCardApproval;

/**
 * October 2026 at a site in Europe/Berlin (summer time ends on the 25th: 02:00-03:00 happens
 * twice), written through the ledger's own APIs with fixed times: two cashier shifts a day with
 * cash, card and mobile payments on two exit lanes, cars and SUVs, reversals, a voucher batch used
 * and voided, free passes approved and refused, lost cards, arrears (one settled), incidents, a
 * manual lift, a night payment in each of the two 02:30s, every day Z-closed and the month closed.
 */
public final class MonthOfTraffic {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Currency CNY = Currency.getInstance("CNY");
  public static final LocalDate FIRST = LocalDate.of(2026, 10, 1);
  public static final LocalDate LAST = LocalDate.of(2026, 10, 31);
  static final LocalDate DST_DAY = LocalDate.of(2026, 10, 25);

  /** When the reports are read: 1 November, noon in Berlin. */
  public static final Instant NOW = Instant.parse("2026-11-01T11:00:00Z");

  /** What the build saw on the way that the tests check against. */
  public record Built(Path file, String refusedEarly, String closedAgain, long vouchersRedeemed) {}

  private MonthOfTraffic() {}

  static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(BERLIN).toInstant();
  }

  static Clock clock(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }

  static Money cny(long minor) {
    return Money.of(minor, CNY);
  }

  public static Built build(Path dir) {
    Path file = dir.resolve("ledger.db");
    String refusedEarly;
    String closedAgain;
    long redeemed = 0;
    try (Ledger ledger = Ledger.open(file, "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      Admissions admissions = new Admissions(ledger);
      Stays stays = new Stays(ledger);
      Payments payments = new Payments(ledger);
      Shifts shifts = new Shifts(ledger);
      Reversals reversals = new Reversals(ledger);
      Vouchers vouchers = new Vouchers(ledger);
      FreePasses passes = new FreePasses(ledger);
      LostCards lost = new LostCards(ledger);
      UnpaidBalances unpaid = new UnpaidBalances(ledger);
      Incidents incidents = new Incidents(ledger);
      CashCount float500 = new CashCount("CNY", List.of(new CashCount.Pieces(10000, 5)));

      Vouchers.Issued batch =
          vouchers.issue("万达商场", "SHOP2H", 10, FIRST, LAST, "十月促销", "finance1", at(FIRST, 7, 0));
      List<String> codes = new ArrayList<>(batch.codes());
      int card = 0;
      UnpaidBalances.Balance firstArrear = null;
      for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
        int dom = d.getDayOfMonth();
        for (String cashier : List.of("cashier1", "cashier2")) {
          boolean early = cashier.equals("cashier1");
          Instant open = at(d, early ? 7 : 15, 0);
          shifts.open("open-" + cashier + "-" + d, cashier, open, float500);
          for (int i = 0; i < 5; i++) {
            card++;
            Instant in = open.plusSeconds(600L + 1500L * i);
            String plate = "粤B" + (10000 + card);
            Stay stay =
                admissions.admit(
                    "entry-1",
                    "CARD" + card,
                    new Admissions.Credentials(i % 2 == 0 ? "car" : "suv", plate, false),
                    Optional.empty(),
                    in);
            Instant paid = in.plusSeconds(3600L + 900L * ((card % 4) + 1) * (i + 1));
            long amount = 300L * (i + 1) + 10L * dom;
            Tender tender = Tender.values()[card % 3];
            String lane = card % 2 == 0 ? "exit-1" : "exit-2";
            String ref =
                switch (tender) {
                  case CASH -> null;
                  case CARD -> String.format("%08d", card);
                  case MOBILE -> String.format("WX%018d", card);
                };
            Payment p =
                payments.recordPayment(
                    "pay-" + card,
                    stay.stayId(),
                    lane,
                    cny(amount),
                    cashier,
                    paid,
                    new Tendering(tender, cny(amount), cny(0), ref));
            stays.recordExit(stay.stayId(), lane, paid.plusSeconds(120));
            if (dom % 5 == 0 && i == 1 && early) {
              reversals.reversePayment(
                  "rev-" + card,
                  p.receiptNo(),
                  "supervisor1",
                  "重复收费 · charged twice",
                  paid.plusSeconds(1800));
            }
            if (dom % 7 == 0 && i == 3 && !codes.isEmpty()) {
              String code = codes.remove(0);
              vouchers.redeem(
                  vouchers.find(code).orElseThrow().voucherId(),
                  "v-" + card,
                  stay.stayId(),
                  lane,
                  cny(amount + 600),
                  cny(amount),
                  cashier,
                  paid.minusSeconds(30));
              redeemed++;
            }
          }
          shifts.close(
              "close-" + cashier + "-" + d,
              cashier,
              at(d, early ? 15 : 23, 0),
              new CashCount(
                  "CNY",
                  List.of(new CashCount.Pieces(10000, 5), new CashCount.Pieces(100, dom * 3))));
        }
        if (dom % 6 == 0) {
          card++;
          Stay s =
              admissions.admit(
                  "entry-1",
                  "CARD" + card,
                  new Admissions.Credentials("car", "粤C" + card, false),
                  Optional.empty(),
                  at(d, 9, 0));
          FreePasses.Pass pass =
              passes.ask(
                  "fp-" + card,
                  "exit-1",
                  s.stayId(),
                  "CARD" + card,
                  "粤C" + card,
                  cny(1500 + dom),
                  "救护车 · ambulance",
                  "cashier1",
                  at(d, 11, 0));
          passes.decide(
              "fpd-" + card, pass.passNo(), dom % 12 != 0, "supervisor1", "同意", at(d, 11, 2));
          stays.recordExit(s.stayId(), "exit-1", at(d, 11, 5));
        }
        if (dom % 9 == 0) {
          card++;
          Stay s =
              admissions.admit(
                  "entry-1",
                  "CARD" + card,
                  new Admissions.Credentials("suv", "粤D" + card, false),
                  Optional.empty(),
                  at(d, 10, 0));
          UnpaidBalances.Balance b =
              unpaid.record(
                  "粤D" + card,
                  s.stayId(),
                  "exit-2",
                  cny(2000 + dom),
                  "barrier fault",
                  at(d, 12, 0));
          firstArrear = firstArrear == null ? b : firstArrear;
          stays.recordExit(s.stayId(), "exit-2", at(d, 12, 0));
          incidents.record(
              "exit-2", IncidentKind.LEFT_UNPAID, "CARD" + card, "粤D" + card, "道闸故障", at(d, 12, 0));
        }
        if (dom % 4 == 0) {
          incidents.record("exit-1", IncidentKind.TAILGATING, null, null, "跟车", at(d, 18, 30));
        }
      }
      // The 9th's arrear is settled, carried by a payment.
      UnpaidBalances.Balance first = firstArrear;
      Payment carrier = payments.paymentByReceipt("demo-000003").orElseThrow();
      unpaid.settle(first, carrier.paymentId(), at(LocalDate.of(2026, 10, 20), 12, 0));

      // Two lost cards, one approved.
      for (int k = 1; k <= 2; k++) {
        card++;
        LocalDate day = LocalDate.of(2026, 10, 10 + k);
        Stay s =
            admissions.admit(
                "entry-1",
                "CARD" + card,
                new Admissions.Credentials("car", "粤E" + card, false),
                Optional.empty(),
                at(day, 8, 0));
        LostCards.Registered r =
            lost.register(
                "lc-" + k,
                "exit-1",
                s.stayId(),
                true,
                "CARD" + card,
                new LostCardForm(
                    "张伟", "13800138000", "11010519491231002X", "粤E" + card, "car", "white", "丢在商场"),
                "粤E" + card,
                "粤E" + card,
                cny(900 * k),
                cny(5000),
                "",
                LostCardApproval.SUPERVISOR_OR_FINANCE,
                "cashier1",
                null,
                at(day, 13, 0));
        if (k == 1) {
          lost.decide(
              "lcd-" + k,
              r.lostCardNo(),
              true,
              s.stayId(),
              "supervisor1",
              "supervisor",
              null,
              at(day, 13, 5));
        }
      }
      new ManualLifts(ledger)
          .record(
              "lift-1",
              "exit-2",
              0,
              cny(800),
              "道闸故障抬杆 · lifted for a fault",
              "supervisor1",
              at(LocalDate.of(2026, 10, 14), 16, 0));
      vouchers.voidCode(
          batch.codes().get(batch.codes().size() - 1),
          "finance1",
          "损坏 · damaged",
          at(LocalDate.of(2026, 10, 30), 9, 0));

      // The night of the 24th to the 25th: 02:30 summer time, then 02:30 winter time an hour later.
      for (Instant night :
          List.of(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"))) {
        card++;
        Stay s =
            admissions.admit(
                "entry-1",
                "CARD" + card,
                new Admissions.Credentials("car", "粤F" + card, false),
                Optional.empty(),
                night.minusSeconds(5400));
        payments.recordPayment("night-" + card, s.stayId(), "exit-1", cny(777), "cashier3", night);
        stays.recordExit(s.stayId(), "exit-1", night.plusSeconds(60));
      }
      shifts.close("close-cashier3", "cashier3", Instant.parse("2026-10-25T03:00:00Z"));

      // Z-close up to the 19th only: the month cannot be closed yet, and says which day is open.
      new DailyClosure(ledger, BERLIN, CNY, clock(at(LocalDate.of(2026, 10, 20), 1, 0)))
          .closeFinishedDays();
      MonthlyClosure monthly = new MonthlyClosure(ledger, BERLIN, CNY, clock(NOW));
      refusedEarly =
          ((MonthlyClosure.Refused) monthly.close(YearMonth.of(2026, 10), "finance1")).reason();
      new DailyClosure(ledger, BERLIN, CNY, clock(NOW)).closeFinishedDays();
      if (!(monthly.close(YearMonth.of(2026, 10), "finance1") instanceof MonthlyClosure.Closed)) {
        throw new IllegalStateException("October should close");
      }
      closedAgain =
          ((MonthlyClosure.Refused) monthly.close(YearMonth.of(2026, 10), "finance1")).reason();
    }
    return new Built(file, refusedEarly, closedAgain, redeemed);
  }
}
