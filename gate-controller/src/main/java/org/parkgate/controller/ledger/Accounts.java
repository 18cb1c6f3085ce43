package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.Role;

/**
 * People's accounts, append-only and chained: each change (added, password, role, disabled,
 * enabled, locked, unlocked) is a new row holding the whole account as it now stands, with who made
 * the change. The latest row for a user name is the account; its row id is the account's version,
 * so a session opened on an older version ended with that change.
 */
public final class Accounts {
  /** What a row changed. */
  public enum Action {
    ADD,
    PASSWD,
    ROLE,
    DISABLE,
    ENABLE,
    LOCK,
    UNLOCK;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An account as its latest row says; {@code version} is that row's id. */
  public record Account(
      String username,
      String displayName,
      Role role,
      String passwordHash,
      boolean demo,
      boolean enabled,
      boolean locked,
      long version,
      String changedBy,
      Instant changedAt) {

    /** May log in: enabled and not locked. */
    public boolean usable() {
      return enabled && !locked;
    }

    public Account withPassword(String hash, boolean demoPassword) {
      return new Account(
          username,
          displayName,
          role,
          hash,
          demoPassword,
          enabled,
          locked,
          version,
          changedBy,
          changedAt);
    }

    public Account withRole(Role newRole) {
      return new Account(
          username,
          displayName,
          newRole,
          passwordHash,
          demo,
          enabled,
          locked,
          version,
          changedBy,
          changedAt);
    }

    public Account withEnabled(boolean on) {
      return new Account(
          username,
          displayName,
          role,
          passwordHash,
          demo,
          on,
          locked,
          version,
          changedBy,
          changedAt);
    }

    public Account withLocked(boolean on) {
      return new Account(
          username,
          displayName,
          role,
          passwordHash,
          demo,
          enabled,
          on,
          version,
          changedBy,
          changedAt);
    }
  }

  private static final String COLUMNS =
      "username, display_name, role, password_hash, demo, enabled, locked, row_id, by_whom,"
          + " recorded_at";

  private final Ledger ledger;

  public Accounts(Ledger ledger) {
    this.ledger = ledger;
  }

  public Optional<Account> find(String username) {
    return ledger.first(
        "SELECT " + COLUMNS + " FROM accounts WHERE username = ? ORDER BY row_id DESC LIMIT 1",
        Accounts::account,
        username);
  }

  /** The account's version now (its latest row id), or 0 if there is no such account. */
  public long version(String username) {
    return ledger
        .first("SELECT MAX(row_id) FROM accounts WHERE username = ?", r -> r.getLong(1), username)
        .orElse(0L);
  }

  /** Every account, by user name. */
  public List<Account> list() {
    return ledger.list(
        "SELECT "
            + COLUMNS
            + " FROM accounts a WHERE row_id ="
            + " (SELECT MAX(row_id) FROM accounts b WHERE b.username = a.username)"
            + " ORDER BY username",
        Accounts::account);
  }

  public boolean none() {
    return !ledger.exists("SELECT 1 FROM accounts LIMIT 1");
  }

  /** Adds a new account; refused when the user name is taken. */
  public Account add(
      String username,
      String displayName,
      Role role,
      String passwordHash,
      boolean demo,
      String by,
      Instant at) {
    return ledger.inTransaction(
        () -> {
          if (find(username).isPresent()) {
            throw new LedgerException("user '" + username + "' exists already");
          }
          Account account =
              new Account(username, displayName, role, passwordHash, demo, true, false, 0, by, at);
          return insert(account, Action.ADD, by, null, at);
        });
  }

  /**
   * Records a change of an existing account: {@code next} is the account as it is to stand. Refused
   * when the user does not exist.
   */
  public Account change(
      String username,
      Action action,
      java.util.function.UnaryOperator<Account> next,
      String by,
      String reason,
      Instant at) {
    return ledger.inTransaction(
        () -> {
          Account now =
              find(username).orElseThrow(() -> new LedgerException("no user '" + username + "'"));
          return insert(next.apply(now), action, by, reason, at);
        });
  }

  private Account insert(Account a, Action action, String by, String reason, Instant at)
      throws SQLException {
    long id =
        ledger.insert(
            "INSERT INTO accounts(username, action, display_name, role, password_hash, demo,"
                + " enabled, locked, by_whom, reason, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            a.username(),
            action.label(),
            a.displayName(),
            a.role().name(),
            a.passwordHash(),
            a.demo(),
            a.enabled(),
            a.locked(),
            by,
            reason,
            at);
    HashChain.append(ledger.connection(), ChainedTable.ACCOUNTS, id);
    ledger.authorityWritten();
    return new Account(
        a.username(),
        a.displayName(),
        a.role(),
        a.passwordHash(),
        a.demo(),
        a.enabled(),
        a.locked(),
        id,
        by,
        at);
  }

  private static Account account(ResultSet r) throws SQLException {
    return new Account(
        r.getString(1),
        r.getString(2),
        Role.valueOf(r.getString(3)),
        r.getString(4),
        r.getInt(5) == 1,
        r.getInt(6) == 1,
        r.getInt(7) == 1,
        r.getLong(8),
        r.getString(9),
        Instant.parse(r.getString(10)));
  }
}
