package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The consoles enrolled with the controller, append-only and chained: enrolling (again, with a new
 * credential), disabling and enabling each write a row. Only a hash of each credential is kept.
 */
public final class Consoles {
  /** A console as its latest row says. */
  public record Enrolled(
      String consoleId, String credentialHash, boolean enabled, String by, Instant at) {}

  private final Ledger ledger;

  public Consoles(Ledger ledger) {
    this.ledger = ledger;
  }

  public Optional<Enrolled> find(String consoleId) {
    return ledger.first(
        "SELECT console_id, credential_hash, enabled, by_whom, recorded_at FROM consoles"
            + " WHERE console_id = ? ORDER BY row_id DESC LIMIT 1",
        Consoles::enrolled,
        consoleId);
  }

  public List<Enrolled> list() {
    return ledger.list(
        "SELECT console_id, credential_hash, enabled, by_whom, recorded_at FROM consoles c"
            + " WHERE row_id = (SELECT MAX(row_id) FROM consoles d"
            + " WHERE d.console_id = c.console_id) ORDER BY console_id",
        Consoles::enrolled);
  }

  /** Enrols a console, or gives an enrolled one a new credential (the old one stops working). */
  public Enrolled add(String consoleId, String credentialHash, String by, Instant at) {
    return ledger.inTransaction(() -> insert(consoleId, "add", credentialHash, true, by, at));
  }

  /** Disables or enables an enrolled console, keeping its credential. */
  public Enrolled setEnabled(String consoleId, boolean enabled, String by, Instant at) {
    return ledger.inTransaction(
        () -> {
          Enrolled now =
              find(consoleId)
                  .orElseThrow(
                      () -> new LedgerException("no console '" + consoleId + "' is enrolled"));
          if (now.enabled() == enabled) {
            throw new LedgerException(
                "console '"
                    + consoleId
                    + "' is "
                    + (enabled ? "enabled" : "disabled")
                    + " already");
          }
          return insert(
              consoleId, enabled ? "enable" : "disable", now.credentialHash(), enabled, by, at);
        });
  }

  private Enrolled insert(
      String consoleId, String action, String hash, boolean enabled, String by, Instant at)
      throws SQLException {
    long id =
        ledger.insert(
            "INSERT INTO consoles(console_id, action, credential_hash, enabled, by_whom,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            consoleId,
            action,
            hash,
            enabled,
            by,
            at);
    HashChain.append(ledger.connection(), ChainedTable.CONSOLES, id);
    return new Enrolled(consoleId, hash, enabled, by, at);
  }

  private static Enrolled enrolled(ResultSet r) throws SQLException {
    return new Enrolled(
        r.getString(1),
        r.getString(2),
        r.getInt(3) == 1,
        r.getString(4),
        Instant.parse(r.getString(5)));
  }
}
