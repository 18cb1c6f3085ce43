package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.LostCardStatus;
import org.parkgate.money.Money;
import org.parkgate.site.LostCardApproval;

/**
 * The lost-card register: each loss registered at an exit with the driver's form, and its one
 * decision where the site requires approval, as chained rows written with the console events that
 * announce them. The events carry the vehicle and fee only; the driver's details stay here.
 */
public final class LostCards {
  /** A loss as registered; {@code decision} is empty while nobody has decided it. */
  public record Registered(
      long lostCardNo,
      String lane,
      long stayId,
      boolean matched,
      String card,
      LostCardForm form,
      String entryPlate,
      String exitPlate,
      Money parkingFee,
      Money replacementFee,
      String feeLines,
      LostCardApproval approval,
      String registeredBy,
      Long shiftNo,
      Instant registeredAt,
      Optional<Decision> decision) {
    /** The parking fee and the replacement fee. */
    public Money due() {
      return parkingFee.plus(replacementFee);
    }

    /** The stay its vehicle leaves on: the matched one, or the one opened for it at approval. */
    public long releasedStay() {
      return decision.map(Decision::stayId).filter(s -> s > 0).orElse(stayId);
    }

    public LostCardStatus status() {
      if (decision.isPresent()) {
        return decision.get().approved() ? LostCardStatus.APPROVED : LostCardStatus.REFUSED;
      }
      return approval.needed()
          ? LostCardStatus.AWAITING_APPROVAL
          : LostCardStatus.NO_APPROVAL_NEEDED;
    }
  }

  /** How a loss was decided, by whom in which role. */
  public record Decision(
      boolean approved, long stayId, String decidedBy, String role, String note, Instant at) {}

  private static final String SELECT =
      "SELECT c.lost_card_no, c.lane, c.stay_id, c.matched, c.card, c.plate, c.entry_plate, c.exit_plate,"
          + " c.vehicle_class, c.colour, c.driver_name, c.phone, c.id_number, c.circumstances,"
          + " c.parking_minor, c.replacement_minor, c.currency, c.fee_lines, c.approval,"
          + " c.registered_by, c.shift_no, c.registered_at,"
          + " d.approved, d.stay_id, d.decided_by, d.role, d.note, d.decided_at"
          + " FROM lost_cards c LEFT JOIN lost_card_decisions d ON d.lost_card_no = c.lost_card_no";

  private final Ledger ledger;

  public LostCards(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Registers a loss with its event, inside the caller's transaction if there is one: {@code
   * stayId} is the stay its vehicle leaves on when known (0 while not), {@code matched} whether it
   * is the entry matched to the vehicle. {@code form} is kept as {@link LostCardForm#normal()}
   * writes it.
   */
  public Registered register(
      String requestId,
      String lane,
      long stayId,
      boolean matched,
      String card,
      LostCardForm form,
      String entryPlate,
      String exitPlate,
      Money parkingFee,
      Money replacementFee,
      String feeLines,
      LostCardApproval approval,
      String registeredBy,
      Long shiftNo,
      Instant at) {
    LostCardForm f = form.normal();
    return ledger.inTransaction(
        () -> {
          long no =
              ledger.insert(
                  "INSERT INTO lost_cards(lane, stay_id, matched, card, plate, entry_plate, exit_plate,"
                      + " vehicle_class, colour, driver_name, phone, id_number, circumstances,"
                      + " parking_minor, replacement_minor, currency, fee_lines, approval,"
                      + " registered_by, shift_no, request_id, registered_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  lane,
                  stayId > 0 ? stayId : null,
                  matched,
                  card,
                  f.plate(),
                  entryPlate,
                  exitPlate,
                  f.vehicleClass(),
                  f.colour(),
                  f.driverName(),
                  f.phone(),
                  f.idNumber(),
                  f.circumstances(),
                  parkingFee.minor(),
                  replacementFee.minor(),
                  parkingFee.currency().getCurrencyCode(),
                  feeLines,
                  approval.key(),
                  registeredBy,
                  shiftNo,
                  requestId,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.LOST_CARDS, no);
          Registered r =
              new Registered(
                  no,
                  lane,
                  stayId,
                  matched,
                  card,
                  f,
                  entryPlate,
                  exitPlate,
                  parkingFee,
                  replacementFee,
                  feeLines,
                  approval,
                  registeredBy,
                  shiftNo,
                  at,
                  Optional.empty());
          ledger.appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.LostCardRegistered(
                      seq,
                      at,
                      lane,
                      no,
                      stayId,
                      f.plate(),
                      entryPlate,
                      exitPlate,
                      f.vehicleClass(),
                      f.colour(),
                      parkingFee,
                      replacementFee,
                      r.due(),
                      r.status(),
                      registeredBy));
          return r;
        });
  }

  /**
   * Records the decision of an undecided loss with its event, inside the caller's transaction if
   * there is one. {@code stayId} is the stay its vehicle leaves on (0 when refused and unmatched).
   *
   * @throws LedgerException if the loss does not exist or was decided already
   */
  public Registered decide(
      String requestId,
      long lostCardNo,
      boolean approved,
      long stayId,
      String decidedBy,
      String role,
      String note,
      Instant at) {
    return ledger.inTransaction(
        () -> {
          Registered r =
              find(lostCardNo).orElseThrow(() -> new LedgerException("no lost card " + lostCardNo));
          if (r.decision().isPresent()) {
            throw new LedgerException("lost card " + lostCardNo + " was decided already");
          }
          ledger.insert(
              "INSERT INTO lost_card_decisions(lost_card_no, approved, stay_id, decided_by, role,"
                  + " note, request_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              lostCardNo,
              approved,
              stayId > 0 ? stayId : null,
              decidedBy,
              role,
              note,
              requestId,
              at);
          HashChain.append(ledger.connection(), ChainedTable.LOST_CARD_DECISIONS, lostCardNo);
          ledger.appendEvent(
              r.lane(),
              seq ->
                  new ConsoleEvent.LostCardDecided(
                      seq,
                      at,
                      r.lane(),
                      lostCardNo,
                      stayId,
                      approved,
                      r.due(),
                      r.registeredBy(),
                      decidedBy,
                      note));
          return new Registered(
              r.lostCardNo(),
              r.lane(),
              r.stayId(),
              r.matched(),
              r.card(),
              r.form(),
              r.entryPlate(),
              r.exitPlate(),
              r.parkingFee(),
              r.replacementFee(),
              r.feeLines(),
              r.approval(),
              r.registeredBy(),
              r.shiftNo(),
              r.registeredAt(),
              Optional.of(new Decision(approved, stayId, decidedBy, role, note, at)));
        });
  }

  /** The number the next registered loss gets. */
  public long nextNo() {
    return ledger
        .first("SELECT COALESCE(MAX(lost_card_no), 0) + 1 FROM lost_cards", r -> r.getLong(1))
        .orElse(1L);
  }

  public Optional<Registered> find(long lostCardNo) {
    return ledger.first(SELECT + " WHERE c.lost_card_no = ?", LostCards::registered, lostCardNo);
  }

  /** The losses registered at {@code lane} still waiting for a decision, oldest first. */
  public List<Registered> awaiting(String lane) {
    return ledger.list(
        SELECT
            + " WHERE c.lane = ? AND d.lost_card_no IS NULL AND c.approval <> 'none'"
            + " ORDER BY c.lost_card_no",
        LostCards::registered,
        lane);
  }

  /** Losses registered from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
  public List<Registered> between(Instant from, Instant to) {
    List<Registered> out = new java.util.ArrayList<>();
    eachBetween(from, to, out::add);
    return out;
  }

  /** As {@link #between}, each loss handed to {@code each} as it is read, none kept. */
  public void eachBetween(Instant from, Instant to, java.util.function.Consumer<Registered> each) {
    // Compared as seconds: ISO texts with and without fractions do not sort as times.
    ledger.each(
        SELECT
            + " WHERE CAST(strftime('%s', c.registered_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', c.registered_at) AS INTEGER) < ? ORDER BY c.lost_card_no",
        LostCards::registered,
        each,
        from.getEpochSecond(),
        to.getEpochSecond());
  }

  /** The receipt number of the first payment for {@code stayId} at or after {@code since}. */
  public Optional<String> receiptFor(long stayId, Instant since) {
    return ledger.first(
        "SELECT receipt_no FROM payments WHERE stay_id = ?"
            + " AND CAST(strftime('%s', paid_at) AS INTEGER) >= ? ORDER BY payment_id LIMIT 1",
        r -> r.getString(1), stayId, since.getEpochSecond());
  }

  private static Registered registered(ResultSet r) throws SQLException {
    String currency = r.getString(17);
    String decidedAt = r.getString(28);
    Optional<Decision> decision =
        decidedAt == null
            ? Optional.empty()
            : Optional.of(
                new Decision(
                    r.getInt(23) == 1,
                    r.getLong(24),
                    r.getString(25),
                    r.getString(26),
                    r.getString(27),
                    Instant.parse(decidedAt)));
    long shift = r.getLong(21);
    Long shiftNo = r.wasNull() ? null : shift;
    return new Registered(
        r.getLong(1),
        r.getString(2),
        r.getLong(3),
        r.getInt(4) == 1,
        r.getString(5),
        new LostCardForm(
            r.getString(11),
            r.getString(12),
            r.getString(13),
            r.getString(6),
            r.getString(9),
            r.getString(10),
            r.getString(14)),
        r.getString(7),
        r.getString(8),
        Money.of(r.getLong(15), currency),
        Money.of(r.getLong(16), currency),
        r.getString(18),
        LostCardApproval.parse(r.getString(19)).orElseThrow(),
        r.getString(20),
        shiftNo,
        Instant.parse(r.getString(22)),
        decision);
  }
}
