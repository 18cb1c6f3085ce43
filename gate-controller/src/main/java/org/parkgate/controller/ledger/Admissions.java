package org.parkgate.controller.ledger;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.fee.Prepayment;
import org.parkgate.money.Money;

/**
 * Stays opened with what the entry decided (vehicle class, plate, season card) and what
 * anti-passback let through or a supervisor reset, each in one transaction with the stay it opens
 * or closes.
 */
public final class Admissions {
  /** How a stay entered. */
  public record Credentials(String vehicleClass, String plate, boolean season) {}

  /** A supervisor's anti-passback reset as recorded; {@code stayId} is the stay it closed, or 0. */
  public record Reset(
      String requestId, String card, long stayId, String supervisor, String reason, Instant at) {}

  private final Ledger ledger;
  private final Stays stays;
  private final Payments payments;

  public Admissions(Ledger ledger) {
    this.ledger = ledger;
    this.stays = new Stays(ledger);
    this.payments = new Payments(ledger);
  }

  /**
   * Opens a stay with its credentials. With {@code replacing}, soft anti-passback let a card that
   * was already inside enter again: that stay is closed first, with the reason recorded.
   */
  public Stay admit(
      String lane, String card, Credentials how, Optional<Stay> replacing, Instant at) {
    return ledger.inTransaction(
        () -> {
          if (replacing.isPresent()) {
            long old = replacing.get().stayId();
            stays.insertExit(old, lane, at);
            record(card, "soft-reentry", old, lane, "lane", "entered again while inside", null, at);
          }
          Stay stay = stays.insertEntry(lane, card, at);
          credentials(stay.stayId(), how);
          return stay;
        });
  }

  /**
   * Soft anti-passback let a card with no open stay leave: a stay is opened at the exit, at no
   * charge, for the lane to close as the vehicle passes.
   */
  public Stay softExit(String lane, String card, Credentials how, Instant at) {
    return ledger.inTransaction(
        () -> {
          Stay stay = stays.insertEntry(lane, card, at);
          credentials(stay.stayId(), how);
          record(
              card, "soft-exit", stay.stayId(), lane, "lane", "left with no open stay", null, at);
          return stay;
        });
  }

  /**
   * Clears a card's anti-passback state for a supervisor: if the card is inside, its stay is closed
   * as reset by the supervisor. A request id seen before returns its first reset and does nothing.
   */
  public Reset reset(String requestId, String card, String supervisor, String reason, Instant at) {
    return ledger.inTransaction(
        () -> {
          Optional<Reset> earlier = resetFor(requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Optional<Stay> open = stays.openStayQuery(card);
          long stayId = open.map(Stay::stayId).orElse(0L);
          String lane = open.map(Stay::entryLane).orElse(null);
          if (open.isPresent()) {
            stays.insertExit(stayId, "supervisor", at);
          }
          record(
              card,
              "reset",
              open.isPresent() ? stayId : null,
              lane,
              supervisor,
              reason,
              requestId,
              at);
          ledger.appendEvent(
              lane, seq -> new ConsoleEvent.PassbackReset(seq, at, lane, card, supervisor, reason));
          return new Reset(requestId, card, stayId, supervisor, reason, at);
        });
  }

  /** How a stay entered, if it was recorded (stays opened before credentials existed were not). */
  public Optional<Credentials> of(long stayId) {
    return ledger.first(
        "SELECT vehicle_class, plate, season FROM entry_credentials WHERE stay_id = ?",
        r -> new Credentials(r.getString(1), r.getString(2), r.getInt(3) == 1),
        stayId);
  }

  /** Open stays by vehicle class; a stay with no recorded class counts as {@code fallback}. */
  public Map<String, Integer> openByClass(String fallback) {
    record ClassCount(String vehicleClass, int open) {}
    Map<String, Integer> out = new LinkedHashMap<>();
    ledger
        .list(
            "SELECT COALESCE(c.vehicle_class, ?), COUNT(*) FROM entries e"
                + " LEFT JOIN exits x ON x.stay_id = e.stay_id"
                + " LEFT JOIN entry_credentials c ON c.stay_id = e.stay_id"
                + " WHERE x.stay_id IS NULL GROUP BY 1 ORDER BY 1",
            r -> new ClassCount(r.getString(1), r.getInt(2)),
            fallback)
        .forEach(c -> out.put(c.vehicleClass(), c.open()));
    return out;
  }

  /**
   * What was paid for a stay (net of reversals) as the fee engine takes it: one prepayment at the
   * time of the latest payment that paid for the stay itself. What those payments settled of
   * balances the plate owed from earlier visits paid for those visits, not this stay. Empty when
   * nothing (or nothing net) was paid.
   */
  public Optional<Prepayment> prepaid(long stayId, Currency currency) {
    Money paid = payments.paidFor(stayId, currency).minus(settledBy(stayId, currency));
    if (!paid.isPositive()) {
      return Optional.empty();
    }
    return ledger
        .first(
            // The last payment that paid for the stay itself: one that only settled
            // a balance from an earlier visit does not restart the exit grace.
            "SELECT MAX(p.paid_at) FROM payments p LEFT JOIN reversals v"
                + " ON v.payment_id = p.payment_id WHERE p.stay_id = ?"
                + " AND v.payment_id IS NULL AND p.amount_minor > (SELECT"
                + " COALESCE(SUM(s.amount_minor), 0) FROM settlements s"
                + " WHERE s.payment_id = p.payment_id)",
            r -> Optional.ofNullable(r.getString(1)),
            stayId)
        .flatMap(at -> at)
        .map(at -> new Prepayment(Instant.parse(at), paid));
  }

  /** What the stay's payments that stand (not reversed) settled of earlier unpaid balances. */
  private Money settledBy(long stayId, Currency currency) {
    return ledger
        .first(
            "SELECT COALESCE(SUM(s.amount_minor), 0) FROM settlements s"
                + " JOIN payments p ON p.payment_id = s.payment_id"
                + " LEFT JOIN reversals v ON v.payment_id = p.payment_id"
                + " WHERE p.stay_id = ? AND s.currency = ? AND v.payment_id IS NULL",
            r -> Money.of(r.getLong(1), currency),
            stayId,
            currency.getCurrencyCode())
        .orElseThrow();
  }

  /** The reset recorded for a console request, if that request was carried out before. */
  public Optional<Reset> resetFor(String requestId) {
    return ledger.first(
        "SELECT card, stay_id, by_whom, reason, recorded_at FROM passback"
            + " WHERE request_id = ?",
        r ->
            new Reset(
                requestId,
                r.getString(1),
                r.getLong(2),
                r.getString(3),
                r.getString(4),
                Instant.parse(r.getString(5))),
        requestId);
  }

  private void credentials(long stayId, Credentials how) throws SQLException {
    ledger.insert(
        "INSERT INTO entry_credentials(stay_id, vehicle_class, plate, season)"
            + " VALUES (?, ?, ?, ?)",
        stayId,
        how.vehicleClass(),
        Plates.normal(how.plate()),
        how.season());
    HashChain.append(ledger.connection(), ChainedTable.ENTRY_CREDENTIALS, stayId);
  }

  private void record(
      String card,
      String kind,
      Long stayId,
      String lane,
      String by,
      String reason,
      String requestId,
      Instant at)
      throws SQLException {
    long id =
        ledger.insert(
            "INSERT INTO passback(card, kind, stay_id, lane, by_whom, reason, request_id,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            card,
            kind,
            stayId,
            lane,
            by,
            reason,
            requestId,
            at);
    HashChain.append(ledger.connection(), ChainedTable.PASSBACK, id);
  }
}
