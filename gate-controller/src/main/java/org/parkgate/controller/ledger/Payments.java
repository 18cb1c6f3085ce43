package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.fee.TariffRef;
import org.parkgate.money.Money;

/**
 * Cash taken for stays, each with the next receipt number of the site ({@code SITE-000001}, ...). A
 * payment is never changed; a supervisor takes one back with a {@link Reversals reversal}.
 */
public final class Payments {
  private static final String SELECT =
      "SELECT payment_id, receipt_no, stay_id, lane, amount_minor, currency, cashier, request_id,"
          + " paid_at FROM payments";

  private final Ledger ledger;
  private final Stays stays;

  public Payments(Ledger ledger) {
    this.ledger = ledger;
    this.stays = new Stays(ledger);
  }

  /**
   * Records a payment with the next receipt number, or, if this request id was recorded before,
   * returns that payment unchanged: a retried command never charges twice. Opens a shift for a
   * cashier who has none.
   */
  public Payment recordPayment(
      String requestId, long stayId, String lane, Money amount, String cashier, Instant at) {
    return recordPayment(requestId, stayId, lane, amount, cashier, at, null);
  }

  /**
   * Records a payment as {@link #recordPayment(String, long, String, Money, String, Instant)}, and
   * how it was tendered ({@code tendering}) in payment_tenders with the cashier's open shift. With
   * a tendering the cashier must have an open shift: a payment never opens one.
   *
   * @throws LedgerException if {@code tendering} is given and the cashier has no open shift
   */
  public Payment recordPayment(
      String requestId,
      long stayId,
      String lane,
      Money amount,
      String cashier,
      Instant at,
      Tendering tendering) {
    return recordPayment(requestId, stayId, lane, amount, cashier, at, tendering, 0);
  }

  /**
   * As {@link #recordPayment(String, long, String, Money, String, Instant, Tendering)}, in the
   * cashier's open shift {@code openShift} when the caller has just read it (0: look it up).
   */
  public Payment recordPayment(
      String requestId,
      long stayId,
      String lane,
      Money amount,
      String cashier,
      Instant at,
      Tendering tendering,
      long openShift) {
    return ledger.inTransaction(
        () -> {
          Optional<Payment> earlier =
              LedgerRows.first(
                  ledger.connection(),
                  SELECT + " WHERE request_id = ?",
                  Payments::payment,
                  requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Stay stay =
              stays.stayById(stayId).orElseThrow(() -> new LedgerException("no stay " + stayId));
          return recordReceipted(
                  requestId, stay, lane, amount, cashier, at, tendering, openShift, null)
              .payment();
        });
  }

  /** A payment and what its receipt prints from the ledger, as recorded. */
  public record Receipted(Payment payment, ReceiptLink link, TariffRef tariff) {}

  /**
   * As {@link #recordPayment(String, long, String, Money, String, Instant, Tendering, long)} for
   * {@code stay}, read by the caller in this transaction, priced by the published tariff version
   * {@code tariff} (null: none; recorded in payment_tariffs), and with the receipt's ledger link,
   * verification code and tariff as they were written, not read back. For a request id the caller
   * knows is new (the command pipeline looked it up in the requests kept with this transaction):
   * one used before is refused by the payments table.
   */
  public Receipted recordReceipted(
      String requestId,
      Stay stay,
      String lane,
      Money amount,
      String cashier,
      Instant at,
      Tendering tendering,
      long openShift,
      TariffRef tariff) {
    return ledger.inTransaction(
        () -> {
          long stayId = stay.stayId();
          long shiftNo;
          if (tendering == null) {
            Shifts.openIfNone(ledger.connection(), cashier, at, requestId);
            shiftNo = 0;
          } else if (openShift > 0) {
            shiftNo = openShift;
          } else {
            shiftNo =
                new Shifts(ledger)
                    .openShiftOf(cashier)
                    .orElseThrow(
                        () ->
                            new LedgerException(
                                cashier + " has no open shift: open one before taking payments"))
                    .shiftNo();
          }
          long receiptSeq =
              LedgerRows.first(
                      ledger.connection(),
                      "SELECT COALESCE(MAX(receipt_seq), 0) + 1 FROM payments",
                      r -> r.getLong(1))
                  .orElseThrow();
          String receiptNo = String.format("%s-%06d", ledger.siteId(), receiptSeq);
          long paymentId =
              ledger.insert(
                  "INSERT INTO payments(receipt_seq, receipt_no, stay_id, lane, amount_minor,"
                      + " currency, method, cashier, request_id, paid_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  receiptSeq,
                  receiptNo,
                  stayId,
                  lane,
                  amount.minor(),
                  amount.currency().getCurrencyCode(),
                  tendering == null ? "cash" : tendering.tender().code(),
                  cashier,
                  requestId,
                  at);
          HashChain.Head link =
              HashChain.append(ledger.connection(), ChainedTable.PAYMENTS, paymentId);
          if (tendering != null) {
            ledger.insert(
                "INSERT INTO payment_tenders(payment_id, shift_no, tender, currency,"
                    + " tendered_minor, change_minor, reference) VALUES (?, ?, ?, ?, ?, ?, ?)",
                paymentId,
                shiftNo,
                tendering.tender().code(),
                amount.currency().getCurrencyCode(),
                tendering.tendered().minor(),
                tendering.change().minor(),
                tendering.reference());
            HashChain.append(ledger.connection(), ChainedTable.PAYMENT_TENDERS, paymentId);
          }
          if (tariff != null) {
            TariffVersions.recordPayment(ledger, paymentId, tariff.version());
          }
          ledger.appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.PaymentRecorded(
                      seq, at, lane, stayId, stay.card(), amount, receiptNo, cashier));
          return new Receipted(
              new Payment(paymentId, receiptNo, stayId, lane, amount, cashier, requestId, at),
              new ReceiptLink(
                  link.link(),
                  ReceiptCode.of(link.link(), link.hash()),
                  ReceiptLink.plateOf(ledger, stayId)),
              tariff);
        });
  }

  /** What was paid for a stay, net of reversals. */
  public Money paidFor(long stayId, Currency currency) {
    return ledger.read(
        () -> {
          long paid =
              LedgerRows.first(
                      ledger.connection(),
                      "SELECT COALESCE(SUM(amount_minor), 0) FROM payments"
                          + " WHERE stay_id = ? AND currency = ?",
                      r -> r.getLong(1),
                      stayId,
                      currency.getCurrencyCode())
                  .orElseThrow();
          long reversed =
              LedgerRows.first(
                      ledger.connection(),
                      "SELECT COALESCE(SUM(v.amount_minor), 0) FROM reversals v"
                          + " JOIN payments p ON p.payment_id = v.payment_id"
                          + " WHERE p.stay_id = ? AND v.currency = ?",
                      r -> r.getLong(1),
                      stayId,
                      currency.getCurrencyCode())
                  .orElseThrow();
          return Money.of(paid + reversed, currency);
        },
        () -> "cannot read payments of stay " + stayId);
  }

  /** The published tariff version that priced the payment {@code paymentId}, if one did. */
  public Optional<TariffRef> tariffOf(long paymentId) {
    return new TariffVersions(ledger).ofPayment(paymentId);
  }

  /** The payment with this receipt number, if there is one. */
  public Optional<Payment> paymentByReceipt(String receiptNo) {
    return ledger.first(SELECT + " WHERE receipt_no = ?", Payments::payment, receiptNo);
  }

  /** The ledger link, verification code and plate a receipt of this payment prints. */
  public Optional<ReceiptLink> receiptLink(long paymentId) {
    return ReceiptLink.of(ledger, paymentId);
  }

  /** Every payment, in receipt order. */
  public List<Payment> all() {
    return ledger.read(
        () ->
            LedgerRows.list(
                ledger.connection(), SELECT + " ORDER BY receipt_seq", Payments::payment),
        () -> "cannot read payments");
  }

  private static Payment payment(ResultSet r) throws SQLException {
    return new Payment(
        r.getLong(1),
        r.getString(2),
        r.getLong(3),
        r.getString(4),
        Money.of(r.getLong(5), r.getString(6)),
        r.getString(7),
        r.getString(8),
        Instant.parse(r.getString(9)));
  }
}
