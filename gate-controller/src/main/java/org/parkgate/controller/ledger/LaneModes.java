package org.parkgate.controller.ledger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;
import org.parkgate.site.LaneMode;

/**
 * Lane modes as supervisors set them, each change a chained row with who and why, and the free
 * passes a {@link LaneMode#FREE_EXIT} lane gave (waivers), each naming the change that allowed it.
 */
public final class LaneModes {
  /** One mode change. */
  public record Change(
      long changeId,
      String lane,
      LaneMode mode,
      String by,
      String reason,
      String requestId,
      Instant at) {}

  /** A fee let go: what the tariff would have charged the stay, and the change that allowed it. */
  public record Waiver(
      long waiverId, long stayId, String lane, Money amount, long changeId, Instant at) {}

  /** A change and whether this call made it (false: the request id was carried out before). */
  public record Outcome(Change change, boolean made) {}

  private static final String COLUMNS =
      "change_id, lane, mode, changed_by, reason, request_id, changed_at";

  private final Ledger ledger;

  public LaneModes(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Records a lane's new mode and its {@link ConsoleEvent.LaneModeChanged} in one transaction. A
   * request id seen before returns its first change and records nothing.
   */
  public Outcome set(
      String requestId, String lane, LaneMode mode, String by, String reason, Instant at) {
    return ledger.inTransaction(
        () -> {
          Optional<Change> earlier = query(" WHERE request_id = ?", requestId).stream().findFirst();
          if (earlier.isPresent()) {
            return new Outcome(earlier.get(), false);
          }
          long id =
              ledger.insert(
                  "INSERT INTO lane_mode_changes(lane, mode, changed_by, reason, request_id, changed_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?)",
                  lane,
                  mode.name(),
                  by,
                  reason,
                  requestId,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.LANE_MODE_CHANGES, id);
          ledger.appendEvent(
              lane, seq -> new ConsoleEvent.LaneModeChanged(seq, at, lane, mode, by, reason));
          return new Outcome(new Change(id, lane, mode, by, reason, requestId, at), true);
        });
  }

  /** Each lane's last recorded change; a lane never changed is not in the map (it is NORMAL). */
  public Map<String, Change> current() {
    Map<String, Change> out = new LinkedHashMap<>();
    for (Change c :
        query(
            " WHERE change_id IN (SELECT MAX(change_id) FROM lane_mode_changes GROUP BY lane)"
                + " ORDER BY lane")) {
      out.put(c.lane(), c);
    }
    return out;
  }

  /**
   * Records that a stay left free under a mode change, unless a waiver for it exists already (a
   * card read twice at a free exit is waived once).
   */
  public void waive(long stayId, String lane, Money amount, long changeId, Instant at) {
    ledger.inTransaction(
        () -> {
          if (ledger.exists("SELECT 1 FROM waivers WHERE stay_id = ?", stayId)) {
            return null;
          }
          long id =
              ledger.insert(
                  "INSERT INTO waivers(stay_id, lane, amount_minor, currency, change_id, waived_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?)",
                  stayId,
                  lane,
                  amount.minor(),
                  amount.currency().getCurrencyCode(),
                  changeId,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.WAIVERS, id);
          return null;
        });
  }

  /** Every waiver, oldest first. */
  public List<Waiver> waivers() {
    return ledger.list(
        "SELECT waiver_id, stay_id, lane, amount_minor, currency, change_id, waived_at"
            + " FROM waivers ORDER BY waiver_id",
        r ->
            new Waiver(
                r.getLong(1),
                r.getLong(2),
                r.getString(3),
                Money.of(r.getLong(4), r.getString(5)),
                r.getLong(6),
                Instant.parse(r.getString(7))));
  }

  private List<Change> query(String where, Object... args) {
    return ledger.list(
        "SELECT " + COLUMNS + " FROM lane_mode_changes" + where,
        r ->
            new Change(
                r.getLong(1),
                r.getString(2),
                LaneMode.valueOf(r.getString(3)),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                Instant.parse(r.getString(7))),
        args);
  }
}
