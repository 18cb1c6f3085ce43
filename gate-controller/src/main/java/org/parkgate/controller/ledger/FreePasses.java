package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.money.Money;

/**
 * The exemption register: free passes asked for one vehicle at an exit, and each one's decision by
 * a supervisor, as chained rows written with the console events that announce them.
 */
public final class FreePasses {
  /** A free pass as asked; {@code decision} is empty while no supervisor has decided it. */
  public record Pass(
      long passNo,
      String lane,
      long stayId,
      String card,
      String plate,
      Money fee,
      String reason,
      String askedBy,
      Instant askedAt,
      Optional<Decision> decision) {}

  /** How a pass was decided. */
  public record Decision(boolean approved, String decidedBy, String note, Instant decidedAt) {}

  private static final String SELECT =
      "SELECT p.pass_no, p.lane, p.stay_id, p.card, p.plate, p.fee_minor, p.currency, p.reason,"
          + " p.asked_by, p.asked_at, d.approved, d.decided_by, d.note, d.decided_at"
          + " FROM free_passes p LEFT JOIN free_pass_decisions d ON d.pass_no = p.pass_no";

  private final Ledger ledger;

  public FreePasses(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records a pass asked for, with its event, inside the caller's transaction if there is one. */
  public Pass ask(
      String requestId,
      String lane,
      long stayId,
      String card,
      String plate,
      Money fee,
      String reason,
      String askedBy,
      Instant at) {
    return ledger.inTransaction(
        () -> {
          long passNo =
              ledger.insert(
                  "INSERT INTO free_passes(lane, stay_id, card, plate, fee_minor, currency, reason,"
                      + " asked_by, request_id, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  lane,
                  stayId,
                  card,
                  plate,
                  fee.minor(),
                  fee.currency().getCurrencyCode(),
                  reason,
                  askedBy,
                  requestId,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.FREE_PASSES, passNo);
          ledger.appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.FreePassAsked(
                      seq, at, lane, passNo, stayId, card, plate, fee, reason, askedBy));
          return new Pass(
              passNo, lane, stayId, card, plate, fee, reason, askedBy, at, Optional.empty());
        });
  }

  /**
   * Records the decision of an undecided pass, with its event, inside the caller's transaction if
   * there is one.
   *
   * @throws LedgerException if the pass does not exist or was decided already
   */
  public Pass decide(
      String requestId, long passNo, boolean approved, String decidedBy, String note, Instant at) {
    return ledger.inTransaction(
        () -> {
          Pass pass =
              find(passNo)
                  .orElseThrow(
                      () ->
                          new LedgerException(
                              Said.of("没有免费放行 " + passNo, "no free pass " + passNo)));
          if (pass.decision().isPresent()) {
            throw new LedgerException(
                Said.of("免费放行 " + passNo + " 已审批", "free pass " + passNo + " was decided already"));
          }
          ledger.insert(
              "INSERT INTO free_pass_decisions(pass_no, approved, decided_by, note, request_id,"
                  + " decided_at) VALUES (?, ?, ?, ?, ?, ?)",
              passNo,
              approved,
              decidedBy,
              note,
              requestId,
              at);
          HashChain.append(ledger.connection(), ChainedTable.FREE_PASS_DECISIONS, passNo);
          ledger.appendEvent(
              pass.lane(),
              seq ->
                  new ConsoleEvent.FreePassDecided(
                      seq,
                      at,
                      pass.lane(),
                      passNo,
                      pass.stayId(),
                      approved,
                      pass.fee(),
                      pass.askedBy(),
                      decidedBy,
                      note));
          return new Pass(
              pass.passNo(),
              pass.lane(),
              pass.stayId(),
              pass.card(),
              pass.plate(),
              pass.fee(),
              pass.reason(),
              pass.askedBy(),
              pass.askedAt(),
              Optional.of(new Decision(approved, decidedBy, note, at)));
        });
  }

  public Optional<Pass> find(long passNo) {
    return ledger.first(SELECT + " WHERE p.pass_no = ?", FreePasses::pass, passNo);
  }

  /** The stay's passes, oldest first. */
  public List<Pass> forStay(long stayId) {
    return ledger.list(
        SELECT + " WHERE p.stay_id = ? ORDER BY p.pass_no", FreePasses::pass, stayId);
  }

  /** Passes asked from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
  public List<Pass> between(Instant from, Instant to) {
    List<Pass> out = new java.util.ArrayList<>();
    eachBetween(from, to, out::add);
    return out;
  }

  /** As {@link #between}, each pass handed to {@code each} as it is read, none kept. */
  public void eachBetween(Instant from, Instant to, java.util.function.Consumer<Pass> each) {
    // Compared as seconds: ISO texts with and without fractions do not sort as times.
    ledger.each(
        SELECT
            + " WHERE CAST(strftime('%s', p.asked_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', p.asked_at) AS INTEGER) < ? ORDER BY p.pass_no",
        FreePasses::pass,
        each,
        from.getEpochSecond(),
        to.getEpochSecond());
  }

  private static Pass pass(ResultSet r) throws SQLException {
    String decidedAt = r.getString(14);
    Optional<Decision> decision =
        decidedAt == null
            ? Optional.empty()
            : Optional.of(
                new Decision(
                    r.getInt(11) == 1, r.getString(12), r.getString(13), Instant.parse(decidedAt)));
    return new Pass(
        r.getLong(1),
        r.getString(2),
        r.getLong(3),
        r.getString(4),
        r.getString(5),
        Money.of(r.getLong(6), r.getString(7)),
        r.getString(8),
        r.getString(9),
        Instant.parse(r.getString(10)),
        decision);
  }
}
