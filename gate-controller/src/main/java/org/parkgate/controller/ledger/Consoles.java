package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.parkgate.api.Role;

/**
 * The consoles enrolled with the controller, append-only and chained: enrolling (again, with a new
 * credential), disabling and enabling each write a row. Only a hash of each credential is kept.
 */
public final class Consoles {
  /** A console as its latest row says. */
  public record Enrolled(
      String consoleId,
      String credentialHash,
      Set<Role> roles,
      boolean enabled,
      String by,
      Instant at) {
    public Enrolled {
      roles = Set.copyOf(roles);
    }
  }

  private static final String COLUMNS =
      "console_id, credential_hash, roles, enabled, by_whom, recorded_at";

  private final Ledger ledger;

  public Consoles(Ledger ledger) {
    this.ledger = ledger;
  }

  public Optional<Enrolled> find(String consoleId) {
    return ledger.first(
        "SELECT " + COLUMNS + " FROM consoles WHERE console_id = ? ORDER BY row_id DESC LIMIT 1",
        Consoles::enrolled,
        consoleId);
  }

  public List<Enrolled> list() {
    return ledger.list(
        "SELECT "
            + COLUMNS
            + " FROM consoles c WHERE row_id = (SELECT MAX(row_id) FROM consoles d"
            + " WHERE d.console_id = c.console_id) ORDER BY console_id",
        Consoles::enrolled);
  }

  /** Enrols a console for every role. */
  public Enrolled add(String consoleId, String credentialHash, String by, Instant at) {
    return add(consoleId, credentialHash, EnumSet.allOf(Role.class), by, at);
  }

  /**
   * Enrols a console for {@code roles}, or gives an enrolled one a new credential and roles (the
   * old credential stops working).
   */
  public Enrolled add(
      String consoleId, String credentialHash, Set<Role> roles, String by, Instant at) {
    if (roles.isEmpty()) {
      throw new LedgerException("a console is enrolled for at least one role");
    }
    return ledger.inTransaction(
        () -> insert(consoleId, "add", credentialHash, roles, true, by, at));
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
              consoleId,
              enabled ? "enable" : "disable",
              now.credentialHash(),
              now.roles(),
              enabled,
              by,
              at);
        });
  }

  private Enrolled insert(
      String consoleId,
      String action,
      String hash,
      Set<Role> roles,
      boolean enabled,
      String by,
      Instant at)
      throws SQLException {
    long id =
        ledger.insert(
            "INSERT INTO consoles(console_id, action, credential_hash, roles, enabled, by_whom,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            consoleId,
            action,
            hash,
            names(roles),
            enabled,
            by,
            at);
    HashChain.append(ledger.connection(), ChainedTable.CONSOLES, id);
    ledger.authorityWritten();
    return new Enrolled(consoleId, hash, roles, enabled, by, at);
  }

  /** Role names in their declared order, comma-separated: the column's form. */
  public static String names(Set<Role> roles) {
    return Arrays.stream(Role.values())
        .filter(roles::contains)
        .map(Role::name)
        .collect(Collectors.joining(","));
  }

  private static Enrolled enrolled(ResultSet r) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : r.getString(3).split(",")) {
      roles.add(Role.valueOf(name));
    }
    return new Enrolled(
        r.getString(1),
        r.getString(2),
        roles,
        r.getInt(4) == 1,
        r.getString(5),
        Instant.parse(r.getString(6)));
  }
}
