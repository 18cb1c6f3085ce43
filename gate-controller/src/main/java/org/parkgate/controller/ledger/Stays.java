package org.parkgate.controller.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;

/**
 * Stays: a casual parker's entry opens one, the exit closes it. Looked up while open by card, by
 * stay number, or by the plate the entry camera read, for a driver who lost the card.
 */
public final class Stays {
  /** At most this many open stays are returned for one plate. */
  public static final int MAX_OPEN_BY_PLATE = 8;

  /**
   * A card is open on its newest stay or on none (an entry is refused while the card is inside), so
   * only that one stay is looked at: a recycled card with thousands of past stays costs the same
   * two index searches as a new one. Every exit asks this.
   */
  private static final String OPEN_BY_CARD =
      "SELECT e.stay_id, e.card, e.lane, e.entered_at FROM"
          + " (SELECT stay_id, card, lane, entered_at FROM entries WHERE card = ?"
          + " ORDER BY stay_id DESC LIMIT 1) e"
          + " WHERE NOT EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = e.stay_id)";

  // CROSS JOIN keeps sightings the outer loop, so the index is walked newest first.
  private static final String ENTRIES_BY_PLATE =
      "SELECT s.stay_id, e.card, e.lane, e.entered_at, s.lane, s.plate,"
          + " s.vehicle_class, s.colour, s.seen_at,"
          + " EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = s.stay_id)"
          + " FROM sightings s CROSS JOIN entries e ON e.stay_id = s.stay_id"
          + " WHERE s.plate = ? AND s.direction = 'entry'"
          + " ORDER BY s.sighting_id DESC LIMIT "
          + (MAX_OPEN_BY_PLATE + 1);

  private final Ledger ledger;

  public Stays(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records a casual parker's entry and the event announcing it; returns the new stay. */
  public Stay recordEntry(String lane, String card, Instant at) {
    return ledger.inTransaction(() -> insertEntry(lane, card, at));
  }

  /**
   * Opens a stay inside the caller's transaction. A card has at most one open stay: whether a card
   * already inside may pass is decided before this (anti-passback), which closes its stay first.
   */
  Stay insertEntry(String lane, String card, Instant at) throws SQLException {
    if (openStayQuery(card).isPresent()) {
      throw new LedgerException("card " + card + " is already inside");
    }
    long stayId =
        ledger.insert(
            "INSERT INTO entries(card, lane, entered_at) VALUES (?, ?, ?)", card, lane, at);
    HashChain.append(ledger.connection(), ChainedTable.ENTRIES, stayId);
    ledger.appendEvent(lane, seq -> new ConsoleEvent.EntryRecorded(seq, at, lane, stayId, card));
    return new Stay(stayId, card, lane, at);
  }

  /** Closes a stay: the vehicle has left through an exit lane. */
  public void recordExit(long stayId, String lane, Instant at) {
    ledger.inTransaction(
        () -> {
          insertExit(stayId, lane, at);
          return null;
        });
  }

  /** Closes a stay inside the caller's transaction. */
  void insertExit(long stayId, String lane, Instant at) throws SQLException {
    Stay stay = stayById(stayId).orElseThrow(() -> new LedgerException("no stay " + stayId));
    LedgerRows.update(
        ledger.connection(),
        "INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, ?, ?)",
        stayId,
        lane,
        at);
    HashChain.append(ledger.connection(), ChainedTable.EXITS, stayId);
    ledger.appendEvent(
        lane, seq -> new ConsoleEvent.VehicleLeft(seq, at, lane, stayId, stay.card()));
  }

  /**
   * The entry's vehicle was seen through the barrier at {@code lane}. Once per stay: a second
   * report of the same passage is ignored.
   */
  public void recordPassage(long stayId, String lane, Instant at) {
    ledger.inTransaction(
        () -> {
          if (ledger.exists("SELECT 1 FROM entry_passages WHERE stay_id = ?", stayId)
              || !ledger.exists("SELECT 1 FROM entries WHERE stay_id = ?", stayId)) {
            return null;
          }
          LedgerRows.update(
              ledger.connection(),
              "INSERT INTO entry_passages(stay_id, lane, passed_at) VALUES (?, ?, ?)",
              stayId,
              lane,
              at);
          HashChain.append(ledger.connection(), ChainedTable.ENTRY_PASSAGES, stayId);
          return null;
        });
  }

  /**
   * Open stays entered at one of {@code entryLanes} whose vehicle was never seen passing: no
   * passage, no exit, entered since passages are recorded; oldest first.
   */
  public List<Stay> neverSeenPassing(java.util.Collection<String> entryLanes) {
    if (entryLanes.isEmpty()) {
      return List.of();
    }
    String lanes = String.join(",", java.util.Collections.nCopies(entryLanes.size(), "?"));
    return ledger.list(
        "SELECT e.stay_id, e.card, e.lane, e.entered_at FROM entries e"
            + " WHERE e.stay_id >= (SELECT first_stay FROM entry_passages_since)"
            + " AND e.lane IN ("
            + lanes
            + ")"
            + " AND NOT EXISTS (SELECT 1 FROM entry_passages p WHERE p.stay_id = e.stay_id)"
            + " AND NOT EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = e.stay_id)"
            + " ORDER BY e.stay_id",
        r -> new Stay(r.getLong(1), r.getString(2), r.getString(3), Instant.parse(r.getString(4))),
        entryLanes.toArray());
  }

  /** The stay a card is on, if the card entered and has not left. */
  public Optional<Stay> openStay(String card) {
    return ledger.read(() -> openStayQuery(card), () -> "cannot look up card " + card);
  }

  /** When the stay with this number entered, open or closed; empty for no such stay. */
  public Optional<Instant> enteredAt(long stayId) {
    return ledger.first(
        "SELECT entered_at FROM entries WHERE stay_id = ?",
        r -> Instant.parse(r.getString(1)),
        stayId);
  }

  /** The stay with this number if it is still open (entered and not left). */
  public Optional<Stay> openStayById(long stayId) {
    return ledger.read(
        () ->
            LedgerRows.first(
                ledger.connection(),
                "SELECT e.stay_id, e.card, e.lane, e.entered_at FROM entries e WHERE e.stay_id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = e.stay_id)",
                Stays::stay,
                stayId),
        () -> "cannot look up stay " + stayId);
  }

  /**
   * The open stays of the vehicle with this plate, newest first, for a driver who lost the card.
   * The plate is compared as {@link Plates#normal} writes it, against what the entry cameras read.
   *
   * <p>Only the plate's newest entries are read: walking back from the newest, every stay still
   * open is returned, up to the first one that has left (or {@link #MAX_OPEN_BY_PLATE}). Usually
   * that is one stay or none. More than one means the plate entered again while an earlier stay of
   * it was open: a car let out without its exit recorded, or two vehicles showing one plate; the
   * cashier tells them apart by card, lane, time and colour. A stay older than one of the plate's
   * that left is not returned, however many stays the plate had before: the vehicle has been out
   * since. Stays entered at a lane without a camera, or whose plate it could not read, are not
   * found by plate. The statement is prepared once and reads through the index {@code
   * sightings_plate} from the newest entry back, so the cost does not grow with the ledger.
   *
   * @throws LedgerException naming what is wrong when the plate is not 1-16 letters or digits
   */
  public List<PlateStay> openStayByPlate(String plate) {
    String problem = Plates.problem(plate);
    if (problem != null) {
      throw new LedgerException(problem);
    }
    String normal = Plates.normal(plate);
    return ledger.read(() -> openByPlate(normal), () -> "cannot look up plate " + normal);
  }

  private List<PlateStay> openByPlate(String normal) throws SQLException {
    return Statements.with(ledger.connection(), ENTRIES_BY_PLATE, p -> openByPlate(p, normal));
  }

  private static List<PlateStay> openByPlate(PreparedStatement entries, String normal)
      throws SQLException {
    entries.setString(1, normal);
    List<PlateStay> open = new ArrayList<>();
    try (ResultSet r = entries.executeQuery()) {
      while (r.next() && open.size() < MAX_OPEN_BY_PLATE) {
        long stayId = r.getLong(1);
        if (r.getInt(10) == 1) {
          break;
        }
        if (open.stream().anyMatch(o -> o.stay().stayId() == stayId)) {
          continue; // a second sighting of the same entry
        }
        Stay stay = stay(r);
        Sightings.Seen seen =
            new Sightings.Seen(
                stayId,
                r.getString(5),
                Sightings.Direction.ENTRY,
                r.getString(6),
                r.getString(7),
                r.getString(8),
                Instant.parse(r.getString(9)));
        open.add(new PlateStay(stay, seen));
      }
    }
    return open;
  }

  /** The card's open stay, inside the caller's transaction or read. */
  Optional<Stay> openStayQuery(String card) throws SQLException {
    return Statements.with(
        ledger.connection(),
        OPEN_BY_CARD,
        byCard -> {
          byCard.setString(1, card);
          try (ResultSet r = byCard.executeQuery()) {
            return r.next() ? Optional.of(stay(r)) : Optional.<Stay>empty();
          }
        });
  }

  Optional<Stay> stayById(long stayId) throws SQLException {
    return LedgerRows.first(
        ledger.connection(),
        "SELECT stay_id, card, lane, entered_at FROM entries WHERE stay_id = ?",
        Stays::stay,
        stayId);
  }

  /** A stay from the columns stay_id, card, lane, entered_at. */
  private static Stay stay(ResultSet r) throws SQLException {
    return new Stay(r.getLong(1), r.getString(2), r.getString(3), Instant.parse(r.getString(4)));
  }
}
