package org.parkgate.controller.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.parkgate.api.CommandResult;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.LoginThrottle;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.auth.SessionTable;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's password checked at a console, for a login or for a person confirming an act at a
 * console another is logged in at: slow on purpose, so the check itself runs on its own thread and
 * lanes never wait on it; wrong passwords count toward the source's wait and the account's lock.
 */
final class PasswordCheck {
  private static final Logger log = LoggerFactory.getLogger(PasswordCheck.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MAX_PASSWORD = 256;
  private static final int MAX_SOURCE = 64;

  private final Ledger ledger;
  private final Accounts accounts;
  private final SessionTable sessions;
  private final LoginThrottle throttle;
  private final SecurityEvents security;
  private final PasswordHasher hasher;
  private final Executor passwordChecks;
  private final Clock clock;
  private final Set<String> checking = ConcurrentHashMap.newKeySet();

  PasswordCheck(
      Ledger ledger,
      Accounts accounts,
      SecurityEvents security,
      SessionTable sessions,
      LoginThrottle throttle,
      PasswordHasher hasher,
      Executor passwordChecks,
      Clock clock) {
    this.ledger = ledger;
    this.accounts = accounts;
    this.security = security;
    this.sessions = sessions;
    this.throttle = throttle;
    this.hasher = hasher;
    this.passwordChecks = passwordChecks;
    this.clock = clock;
  }

  /** A password checked: the account it opens, or (refusal not null) why it opens none. */
  record Checked(Accounts.Account account, CommandResult refusal) {}

  /**
   * Checks a person's password exactly as a login does, for a login or for a person confirming an
   * act at a console another person is logged in at (a handover): the source's wait, the check on
   * its own thread, wrong passwords counted toward the source's wait and the account's lock, the
   * console's roles and the account's state. Completes on the ledger thread.
   */
  CompletableFuture<Checked> check(
      ConsoleConnection c,
      String id,
      String username,
      String password,
      String where,
      Executor onLedger) {
    if (username == null
        || !NAME.matcher(username).matches()
        || password == null
        || password.isEmpty()
        || password.length() > MAX_PASSWORD
        || (where != null && where.length() > MAX_SOURCE)) {
      return refused(
          CommandResult.refused(
              id,
              Refusal.INVALID,
              Said.of(
                  "登录须填写用户名（1-64 个字母、数字、'.'、'_' 或 '-'）和密码",
                  "a login needs a user name (1-64 letters, digits, '.', '_' or '-') and a"
                      + " password")));
    }
    String source = c.consoleId() + "|" + (where == null ? c.address() : where);
    Instant now = clock.instant();
    Optional<Duration> wait = throttle.waitFor(source, now);
    if (wait.isPresent() || !checking.add(source)) {
      long seconds = wait.map(w -> Math.max(1, (w.toMillis() + 999) / 1000)).orElse(1L);
      return refused(
          CommandResult.refused(
              id,
              Refusal.SLOW_DOWN,
              Said.of(
                  "此处密码错误次数过多：请 " + seconds + " 秒后再试",
                  "too many wrong passwords from here: try again in " + seconds + " s")));
    }
    Optional<Accounts.Account> account = accounts.find(username);
    CompletableFuture<Boolean> checked;
    try {
      checked =
          CompletableFuture.supplyAsync(
              () -> {
                if (account.isPresent()) {
                  return hasher.verify(password, account.get().passwordHash());
                }
                hasher.burn(password);
                return false;
              },
              passwordChecks);
    } catch (RejectedExecutionException e) {
      checking.remove(source);
      return refused(
          CommandResult.refused(
              id, Refusal.SLOW_DOWN, Said.of("同时登录过多：请再试", "too many logins at once: try again")));
    }
    return checked.handleAsync(
        (right, error) -> {
          checking.remove(source);
          if (error != null) {
            log.error("password check of {} failed", username, error);
            return new Checked(
                null,
                CommandResult.refused(
                    id, Refusal.NOT_RECORDED, Said.of("登录失败：请再试", "login failed: try again")));
          }
          return verified(c, id, username, source, account, right);
        },
        onLedger);
  }

  private Checked verified(
      ConsoleConnection c,
      String id,
      String username,
      String source,
      Optional<Accounts.Account> checkedAccount,
      boolean right) {
    Instant now = clock.instant();
    // Read again: the account may have changed while its password was being checked.
    Optional<Accounts.Account> account = accounts.find(username);
    boolean same =
        account.isPresent()
            && checkedAccount.isPresent()
            && account.get().version() == checkedAccount.get().version();
    if (!right || !same) {
      boolean lock =
          throttle.failed(source, account.map(Accounts.Account::username).orElse(null), now);
      if (lock && account.isPresent() && !account.get().locked()) {
        lock(account.get(), c, now);
      }
      return new Checked(
          null,
          CommandResult.refused(
              id, Refusal.BAD_LOGIN, Said.of("用户名或密码错误", "wrong user name or password")));
    }
    Accounts.Account a = account.get();
    if (!c.roles().contains(a.role())) {
      security.record(
          SecurityEvents.Kind.FORBIDDEN,
          c.consoleId(),
          a.username(),
          c.address(),
          a.role() + " may not log in at this console",
          now);
      return new Checked(
          null,
          CommandResult.refused(
              id,
              Refusal.FORBIDDEN,
              Said.of(
                  "收费台 " + c.consoleId() + " 不供" + a.role().chinese() + "使用",
                  "console "
                      + c.consoleId()
                      + " is not for "
                      + a.role().english().toLowerCase(java.util.Locale.ROOT)
                      + "s")));
    }
    if (!a.usable()) {
      return new Checked(
          null,
          CommandResult.refused(
              id,
              Refusal.ACCOUNT_LOCKED,
              a.enabled()
                  ? Said.of(
                      "账户 " + a.username() + " 已锁定：请主管或管理员解锁",
                      "account " + a.username() + " is locked: a supervisor or admin unlocks it")
                  : Said.of(
                      "账户 " + a.username() + " 已停用", "account " + a.username() + " is disabled")));
    }
    throttle.succeeded(source, a.username());
    return new Checked(a, null);
  }

  private void lock(Accounts.Account account, ConsoleConnection c, Instant now) {
    ledger.atomically(
        () -> {
          accounts.change(
              account.username(),
              Accounts.Action.LOCK,
              a -> a.withLocked(true),
              "controller",
              "too many wrong passwords from many sources",
              now);
          security.record(
              SecurityEvents.Kind.ACCOUNT_LOCKED,
              c.consoleId(),
              account.username(),
              c.address(),
              "locked after too many wrong passwords",
              now);
          return null;
        });
    throttle.reset(account.username());
    sessions.endAll(account.username());
    log.warn("{}: account locked after too many wrong passwords", account.username());
  }

  private static CompletableFuture<Checked> refused(CommandResult result) {
    return CompletableFuture.completedFuture(new Checked(null, result));
  }
}
