package org.parkgate.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user name and password. After {@value #MAX_FAILURES} wrong passwords in a row an account
 * is locked for a while, so a booth PC left on the LAN cannot be guessed into.
 */
public final class Authenticator {
  static final int MAX_FAILURES = 5;
  static final Duration LOCKOUT = Duration.ofSeconds(60);

  private final UserStore users;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public Authenticator(UserStore users, PasswordHasher hasher, Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** The signed-in account, or why not, in words for the login page. Slow on purpose (PBKDF2). */
  public Result authenticate(String username, String password) {
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return Result.refused("请输入用户名和密码 · Enter a user name and a password");
    }
    if (username.length() > 64 || password.length() > 256) {
      return Result.refused("用户名或密码太长 · User name or password too long");
    }
    Instant now = clock.instant();
    Failures f = failures.get(username);
    if (f != null && f.count >= MAX_FAILURES && now.isBefore(f.last.plus(LOCKOUT))) {
      return Result.refused("尝试次数过多，请稍后再试 · Too many attempts, try again in a minute");
    }
    Optional<UserAccount> account = users.find(username);
    boolean ok;
    if (account.isPresent()) {
      ok = hasher.verify(password, account.get().passwordHash());
    } else {
      hasher.burn(password);
      ok = false;
    }
    if (!ok) {
      // Bounded: only names that exist are tracked, so random names cannot grow the map.
      if (account.isPresent()) {
        failures.compute(username, (k, old) -> new Failures(old == null ? 1 : old.count + 1, now));
      }
      return Result.refused("用户名或密码错误 · Wrong user name or password");
    }
    failures.remove(username);
    return new Result(account, null);
  }

  public record Result(Optional<UserAccount> account, String error) {
    static Result refused(String error) {
      return new Result(Optional.empty(), error);
    }
  }

  private record Failures(int count, Instant last) {}
}
