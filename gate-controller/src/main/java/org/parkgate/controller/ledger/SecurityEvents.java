package org.parkgate.controller.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the controller refused for want of authority, kept append-only and chained for the site's IT
 * and auditors: consoles it does not know, commands a role may not give, four-eyes refusals,
 * accounts locked after wrong passwords.
 */
public final class SecurityEvents {
  /** The kinds of refusal kept. */
  public enum Kind {
    CONSOLE_REFUSED,
    FORBIDDEN,
    SAME_PERSON,
    ACCOUNT_LOCKED;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** One refusal as kept. */
  public record Event(
      Kind kind, String consoleId, String username, String source, String detail, Instant at) {}

  private final Ledger ledger;

  public SecurityEvents(Ledger ledger) {
    this.ledger = ledger;
  }

  public void record(
      Kind kind, String consoleId, String username, String source, String detail, Instant at) {
    ledger.inTransaction(
        () -> {
          long id =
              ledger.insert(
                  "INSERT INTO security_events(kind, console_id, username, source, detail,"
                      + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                  kind.label(),
                  consoleId,
                  username,
                  source,
                  detail,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.SECURITY_EVENTS, id);
          return null;
        });
  }

  /** Every refusal kept, oldest first. */
  public List<Event> list() {
    return ledger.list(
        "SELECT kind, console_id, username, source, detail, recorded_at FROM security_events"
            + " ORDER BY row_id",
        r ->
            new Event(
                Kind.valueOf(r.getString(1).toUpperCase(Locale.ROOT).replace('-', '_')),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                Instant.parse(r.getString(6))));
  }
}
