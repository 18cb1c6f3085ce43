package org.parkgate.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import org.parkgate.fee.TariffRef;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneMode;

/**
 * What a command that succeeded produced, as fields: a console shows them and never parses words.
 * Each command has one kind of answer, registered here in one place.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Answer.LoggedIn.class, name = "logged-in"),
  @JsonSubTypes.Type(value = Answer.LoggedOut.class, name = "logged-out"),
  @JsonSubTypes.Type(value = Answer.Receipt.class, name = "receipt"),
  @JsonSubTypes.Type(value = Answer.Reversed.class, name = "reversed"),
  @JsonSubTypes.Type(value = Answer.ModeSet.class, name = "mode-set"),
  @JsonSubTypes.Type(value = Answer.PassbackCleared.class, name = "passback-cleared"),
  @JsonSubTypes.Type(value = Answer.ShiftOpen.class, name = "shift-open"),
  @JsonSubTypes.Type(value = Answer.ShiftReport.class, name = "shift-report"),
  @JsonSubTypes.Type(value = Answer.StaysFound.class, name = "stays-found"),
  @JsonSubTypes.Type(value = Answer.LostCardAsked.class, name = "lost-card-asked"),
  @JsonSubTypes.Type(value = Answer.Unlocked.class, name = "unlocked"),
  @JsonSubTypes.Type(value = Answer.FreePassAsked.class, name = "free-pass-asked"),
  @JsonSubTypes.Type(value = Answer.FreePassDecided.class, name = "free-pass-decided"),
  @JsonSubTypes.Type(value = Answer.VoucherApplied.class, name = "voucher-applied"),
  @JsonSubTypes.Type(value = Answer.BarrierLifted.class, name = "barrier-lifted"),
  @JsonSubTypes.Type(value = Answer.DrawerOpened.class, name = "drawer-opened"),
  @JsonSubTypes.Type(value = Answer.ReceiptCopy.class, name = "receipt-copy"),
  @JsonSubTypes.Type(value = Answer.CashDropped.class, name = "cash-dropped"),
  @JsonSubTypes.Type(value = Answer.LostCardDecided.class, name = "lost-card-decided"),
  @JsonSubTypes.Type(value = Answer.LostCardRegister.class, name = "lost-card-register"),
  @JsonSubTypes.Type(value = Answer.IncidentResolved.class, name = "incident-resolved"),
  @JsonSubTypes.Type(value = Answer.HandedOver.class, name = "handed-over"),
  @JsonSubTypes.Type(value = Answer.ShiftReportCopy.class, name = "shift-report-copy"),
  @JsonSubTypes.Type(value = Answer.VoucherBatches.class, name = "voucher-batches"),
  @JsonSubTypes.Type(value = Answer.VouchersIssued.class, name = "vouchers-issued"),
  @JsonSubTypes.Type(value = Answer.VoucherShown.class, name = "voucher-shown"),
  @JsonSubTypes.Type(value = Answer.VoucherVoided.class, name = "voucher-voided"),
  @JsonSubTypes.Type(value = Answer.ExemptionRegister.class, name = "exemption-register"),
  @JsonSubTypes.Type(value = Answer.ReportShown.class, name = "report"),
  @JsonSubTypes.Type(value = Answer.ReportPage.class, name = "report-page"),
})
public sealed interface Answer {

  /**
   * A person logged in: the session every later command of theirs carries. It ends at {@code
   * idleUntil} without a command, at {@code endsAt} in any case, at logout, and when the account is
   * disabled or its password or role changes.
   */
  record LoggedIn(
      String session,
      String username,
      String displayName,
      Role role,
      Instant idleUntil,
      Instant endsAt,
      boolean demoPassword)
      implements Answer {}

  /** The session ended. */
  record LoggedOut(String username) implements Answer {}

  /**
   * A payment recorded durably: at an exit lane (the barrier lifts next) or at a pay station.
   * {@code cashier} is the person whose session took it. {@code tender} is how it was paid, {@code
   * tendered} what the driver handed over and {@code change} what went back (zero but for cash),
   * {@code reference} the card terminal's or payment app's number (null for cash), and {@code
   * shift} the cashier's shift figures after it. {@code plate} is the plate a camera read for the
   * stay (null when none); {@code ledgerLink} the hash-chain link that holds the payment and {@code
   * verificationCode} the code printed for a driver to check it against the ledger later; {@code
   * tariff} the published tariff version that priced the fee (null when none did).
   */
  record Receipt(
      String receiptNo,
      long stayId,
      String lane,
      String card,
      String plate,
      Money amount,
      String cashier,
      Instant paidAt,
      Tender tender,
      Money tendered,
      Money change,
      String reference,
      long ledgerLink,
      String verificationCode,
      TariffRef tariff,
      ShiftFigures shift)
      implements Answer {}

  /** A payment reversed by a supervisor; {@code amount} is what it had taken (positive). */
  record Reversed(String receiptNo, Money amount, String supervisor, String reason, Instant at)
      implements Answer {}

  /** A lane's mode as recorded, by whom and why. */
  record ModeSet(long changeId, String lane, LaneMode mode, String by, String reason)
      implements Answer {}

  /**
   * A card's anti-passback state cleared; {@code closedStayId} is the stay closed by the reset, or
   * 0 when the card was not inside.
   */
  record PassbackCleared(String card, long closedStayId, String by) implements Answer {}

  /** The person's open shift (just opened, or already open), with its float and running figures. */
  record ShiftOpen(
      long shiftNo, String cashier, Instant openedAt, boolean alreadyOpen, ShiftFigures figures)
      implements Answer {}

  /**
   * A shift closed at handover: the cash expected in the drawer against the blind count, their
   * {@code variance} (counted - expected: positive is cash over, 长款; negative cash short, 短款), and
   * the takings by tender. The whole report follows as {@code ConsoleEvent.ShiftClosed}; {@code
   * sheet} is the report as it prints (null in answers kept before it existed).
   */
  record ShiftReport(
      long shiftNo,
      String cashier,
      long payments,
      long reversals,
      String firstReceipt,
      String lastReceipt,
      Money cashFloat,
      Money expectedCash,
      Money countedCash,
      Money variance,
      List<ShiftFigures.TenderTotal> byTender,
      ShiftSheet sheet)
      implements Answer {
    public ShiftReport {
      byTender = byTender == null ? List.of() : List.copyOf(byTender);
    }
  }

  /**
   * The open stays found by plate or card, newest first, and the plate each exit lane's camera
   * reads of the vehicle waiting there ({@code exitPlates}: lane to plate, only lanes that read
   * one), to match against the entry's.
   */
  record StaysFound(List<FoundStay> stays, java.util.Map<String, String> exitPlates)
      implements Answer {
    public StaysFound {
      stays = List.copyOf(stays);
      exitPlates = exitPlates == null ? java.util.Map.of() : java.util.Map.copyOf(exitPlates);
    }

    public StaysFound(List<FoundStay> stays) {
      this(stays, java.util.Map.of());
    }

    /** These stays with the exit cameras' plates {@code plates}. */
    public StaysFound withExitPlates(java.util.Map<String, String> plates) {
      return new StaysFound(stays, plates);
    }
  }

  /**
   * A lost card registered (number {@code lostCardNo}) and, when a matched card is known, barred.
   * {@code stayId} is the matched entry's stay, 0 while none (no match and not yet approved);
   * {@code plate} is the form's, {@code entryPlate} what the entry camera read, {@code exitPlate}
   * what the exit camera reads now (null when unread). {@code due} is {@code parkingFee} plus
   * {@code replacementFee}; the lane asks it now unless {@code status} is {@link
   * LostCardStatus#AWAITING_APPROVAL}.
   */
  record LostCardAsked(
      long lostCardNo,
      String lane,
      long stayId,
      String card,
      String plate,
      String entryPlate,
      String exitPlate,
      Money parkingFee,
      Money replacementFee,
      Money due,
      LostCardStatus status,
      String registeredBy)
      implements Answer {}

  /**
   * Lost card {@code lostCardNo} approved (the lane now asks {@code due} for stay {@code stayId})
   * or refused, by {@code decidedBy}, with their note (null when none).
   */
  record LostCardDecided(
      long lostCardNo,
      String lane,
      long stayId,
      boolean approved,
      Money due,
      String registeredBy,
      String decidedBy,
      String note)
      implements Answer {}

  /** The lost-card register for the days asked, oldest first. */
  record LostCardRegister(
      java.time.LocalDate from, java.time.LocalDate to, List<LostCardEntry> entries)
      implements Answer {
    public LostCardRegister {
      entries = List.copyOf(entries);
    }
  }

  /** A free pass asked and waiting for a supervisor; {@code fee} is what it would waive. */
  record FreePassAsked(
      long passNo, String lane, long stayId, String plate, Money fee, String reason)
      implements Answer {}

  /** A free pass decided: approved (the barrier lifts next) or refused. */
  record FreePassDecided(
      long passNo,
      String lane,
      long stayId,
      boolean approved,
      Money fee,
      String askedBy,
      String decidedBy,
      String note)
      implements Answer {}

  /**
   * A voucher used: {@code code} as printed, the tariff voucher it granted and its issuer; the exit
   * now asks {@code dueNow} (zero: the barrier lifts).
   */
  record VoucherApplied(
      String lane,
      long stayId,
      String code,
      String kind,
      String issuer,
      Money dueBefore,
      Money dueNow)
      implements Answer {}

  /**
   * A barrier lifted by hand, recorded as lift {@code liftNo}; {@code stayId} and {@code due} as in
   * {@code ConsoleEvent.BarrierLifted}.
   */
  record BarrierLifted(long liftNo, String lane, long stayId, Money due, String reason, String by)
      implements Answer {}

  /** Cash taken out of a drawer for deposit, with the shift's figures after it. */
  record CashDropped(
      long dropId, long shiftNo, Money amount, String by, Instant at, ShiftFigures figures)
      implements Answer {}

  /** A locked account may log in again. */
  record Unlocked(String username, String by) implements Answer {}

  /** A "no sale" drawer opening recorded: its number, who opened it, why and when. */
  record DrawerOpened(long openingNo, String by, String reason, Instant at) implements Answer {}

  /**
   * A reprint recorded: the payment of {@code receiptNo} as the ledger holds it, for the copy to
   * print. {@code enteredAt} and {@code entryLane} are null for a payment without a known entry,
   * {@code plate} when no camera read one; {@code reversed} is true when a supervisor reversed the
   * payment since. {@code copyNo} counts the copies of this receipt, 1 for the first; {@code
   * ledgerLink} and {@code verificationCode} are those the first print carried, {@code tariff} the
   * published tariff version that priced the payment (null when none did).
   */
  record ReceiptCopy(
      long reprintNo,
      int copyNo,
      String receiptNo,
      long stayId,
      String lane,
      String card,
      String plate,
      String entryLane,
      Instant enteredAt,
      Money amount,
      String method,
      String cashier,
      Instant paidAt,
      boolean reversed,
      long ledgerLink,
      String verificationCode,
      TariffRef tariff,
      String reprintedBy,
      Instant reprintedAt)
      implements Answer {}

  /** An incident resolved with a note, by whom and when. */
  record IncidentResolved(
      long incidentNo, String lane, IncidentKind kind, String note, String by, Instant at)
      implements Answer {}

  /**
   * A handover done: the outgoing shift's report ({@code closed}, with the incoming cashier in
   * {@code handedTo}) and the incoming cashier's shift, opened with the counted cash as its float.
   */
  record HandedOver(ShiftSheet closed, ShiftOpen opened) implements Answer {}

  /**
   * A reprint of a closed shift's report recorded as {@code reprintNo}; {@code copyNo} counts the
   * copies of that report, 1 for the first.
   */
  record ShiftReportCopy(
      long reprintNo, int copyNo, String reprintedBy, Instant reprintedAt, ShiftSheet sheet)
      implements Answer {}

  /**
   * The register's newest batches, newest first, of {@code total} issued, and the voucher kinds the
   * tariff accepts now.
   */
  record VoucherBatches(List<VoucherBatch> batches, long total, List<String> kinds)
      implements Answer {
    public VoucherBatches {
      batches = List.copyOf(batches);
      kinds = List.copyOf(kinds);
    }
  }

  /** A batch issued, with every code in it as printed, in the order issued. */
  record VouchersIssued(VoucherBatch batch, List<String> codes) implements Answer {
    public VouchersIssued {
      codes = List.copyOf(codes);
    }
  }

  /** One code looked up. */
  record VoucherShown(VoucherEntry voucher) implements Answer {}

  /** A code voided: no exit accepts it now. */
  record VoucherVoided(VoucherEntry voucher) implements Answer {}

  /**
   * The exemption register for the site's days {@code from} to {@code to}: free passes and manual
   * lifts, each oldest first, the first ones only when there are more than one answer carries
   * ({@code freePassesTotal} and {@code liftsTotal} count them all).
   */
  record ExemptionRegister(
      java.time.LocalDate from,
      java.time.LocalDate to,
      List<FreePassEntry> freePasses,
      long freePassesTotal,
      List<ManualLiftEntry> lifts,
      long liftsTotal)
      implements Answer {
    public ExemptionRegister {
      freePasses = List.copyOf(freePasses);
      lifts = List.copyOf(lifts);
    }
  }

  /**
   * A report as the controller computed it: the table, its totals and the ledger chain head it was
   * read at, for a console to show, chart, print or export unchanged.
   */
  record ReportShown(org.parkgate.report.Report report) implements Answer {}

  /**
   * A bounded page of a report's export ({@link ConsoleCommand.ExportReportPage}): on the first
   * page {@code head}, the report as known before its rows (columns, chain head; no rows), else
   * null; then the page's {@code rows} in order; {@code next} the cursor of the following page, or
   * null on the last, which alone carries the {@code totals} row (null for none) and the {@code
   * notes}.
   */
  record ReportPage(
      org.parkgate.report.Report head,
      List<org.parkgate.report.Row> rows,
      String next,
      org.parkgate.report.Row totals,
      List<String> notes)
      implements Answer {
    public ReportPage {
      rows = List.copyOf(rows);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }
  }
}
