package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cards and plates barred from the site, append-only and chained: adding and removing each write a
 * row with who and why; a card or plate is listed while its latest row is an add.
 */
public final class Blacklist {
  /** What is barred: a card number or a licence plate. */
  public enum Kind {
    CARD,
    PLATE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A listing as its latest row says. */
  public record Entry(Kind kind, String value, String reason, String by, Instant at) {
    public String describe() {
      return kind.label() + " " + value + " is blacklisted (" + reason + ")";
    }
  }

  private final Ledger ledger;

  public Blacklist(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The listing that bars this card or, if it carries one, this plate. */
  public Optional<Entry> barring(String card, String plate) {
    // Card and plate under one hold of the lock: no change between them splits the answer.
    return ledger.read(
        () -> {
          Optional<Entry> byCard = listed(Kind.CARD, card);
          if (byCard.isPresent() || plate == null) {
            return byCard;
          }
          return listed(Kind.PLATE, Plates.normal(plate));
        });
  }

  public List<Entry> list() {
    return ledger.list(
        "SELECT kind, value, action, reason, entered_by, recorded_at FROM blacklist b"
            + " WHERE row_id = (SELECT MAX(row_id) FROM blacklist c"
            + " WHERE c.kind = b.kind AND c.value = b.value)"
            + " AND action = 'add' ORDER BY kind, value",
        Blacklist::entry);
  }

  public Entry add(Kind kind, String value, String reason, String by, Instant at) {
    String v = normal(kind, value);
    return ledger.inTransaction(
        () -> {
          Optional<Entry> now = listed(kind, v);
          if (now.isPresent()) {
            throw new LedgerException(
                now.get().describe() + " since " + now.get().at() + " by " + now.get().by());
          }
          return insert(kind, v, "add", reason, by, at);
        });
  }

  public Entry remove(Kind kind, String value, String reason, String by, Instant at) {
    String v = normal(kind, value);
    return ledger.inTransaction(
        () -> {
          if (listed(kind, v).isEmpty()) {
            throw new LedgerException(kind.label() + " " + v + " is not blacklisted");
          }
          return insert(kind, v, "remove", reason, by, at);
        });
  }

  private static String normal(Kind kind, String value) {
    return kind == Kind.PLATE ? Plates.normal(value) : value;
  }

  /** The listing if the latest row for this card or plate is an add; a remove ends it. */
  private Optional<Entry> listed(Kind kind, String value) {
    return ledger
        .first(
            "SELECT kind, value, action, reason, entered_by, recorded_at FROM blacklist"
                + " WHERE kind = ? AND value = ? ORDER BY row_id DESC LIMIT 1",
            r -> "add".equals(r.getString(3)) ? Optional.of(entry(r)) : Optional.<Entry>empty(),
            kind.label(),
            value)
        .flatMap(latest -> latest);
  }

  private Entry insert(Kind kind, String value, String action, String reason, String by, Instant at)
      throws SQLException {
    long id =
        ledger.insert(
            "INSERT INTO blacklist(kind, value, action, reason, entered_by, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            kind.label(),
            value,
            action,
            reason,
            by,
            at);
    HashChain.append(ledger.connection(), ChainedTable.BLACKLIST, id);
    return new Entry(kind, value, reason, by, at);
  }

  private static Entry entry(ResultSet r) throws SQLException {
    return new Entry(
        Kind.valueOf(r.getString(1).toUpperCase(Locale.ROOT)),
        r.getString(2),
        r.getString(4),
        r.getString(5),
        Instant.parse(r.getString(6)));
  }
}
