package org.parkgate.controller.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down whoever sends wrong passwords, not the account they aim at. A source (the address a
 * person logs in from, as its console saw it) gets {@value #FREE_FAILURES} wrong passwords without
 * delay; after that each further try waits twice as long as the one before, up to {@link
 * #MAX_WAIT}, and a try made before its wait is over is refused without checking the password. A
 * flood from one source therefore costs nothing and delays only that source: the cashier at their
 * own booth logs in at once.
 *
 * <p>An account is locked only when wrong passwords for it pile up from many sources: each source
 * counts at most {@value #PER_SOURCE_TOWARDS_LOCK} of its failures towards the account's {@value
 * #LOCK_AFTER}, so a lock needs at least {@value #LOCK_AFTER} / {@value #PER_SOURCE_TOWARDS_LOCK}
 * different sources, and a supervisor or admin lifts it. Not thread-safe: used on the ledger thread
 * only.
 */
public final class LoginThrottle {
  static final int FREE_FAILURES = 3;
  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  /** A source that has sent no wrong password for this long starts afresh. */
  static final Duration FORGET_AFTER = Duration.ofMinutes(30);

  static final int LOCK_AFTER = 50;
  static final int PER_SOURCE_TOWARDS_LOCK = 10;

  /** Bounded memory: the sources and accounts idle longest make room. */
  private static final int MAX_TRACKED = 10_000;

  private final Map<String, SourceFailures> sources = lru();
  private final Map<String, Map<String, Integer>> byAccount = lru();

  private record SourceFailures(int count, Instant last) {
    Instant nextTry() {
      if (count < FREE_FAILURES) {
        return last;
      }
      int doublings = Math.min(count - FREE_FAILURES, 20);
      Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
      return last.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
    }
  }

  /** How long {@code source} must still wait before its password is checked; empty if none. */
  public Optional<Duration> waitFor(String source, Instant now) {
    SourceFailures f = sources.get(source);
    if (f == null) {
      return Optional.empty();
    }
    if (now.isAfter(f.last().plus(FORGET_AFTER))) {
      sources.remove(source);
      return Optional.empty();
    }
    Instant next = f.nextTry();
    return now.isBefore(next) ? Optional.of(Duration.between(now, next)) : Optional.empty();
  }

  /**
   * A wrong password from {@code source} for {@code username} (null for a name with no account).
   *
   * @return true when the account has now had enough wrong passwords, from enough sources, to be
   *     locked
   */
  public boolean failed(String source, String username, Instant now) {
    sources.merge(
        source, new SourceFailures(1, now), (old, one) -> new SourceFailures(old.count() + 1, now));
    if (username == null) {
      return false;
    }
    Map<String, Integer> counts = byAccount.computeIfAbsent(username, u -> new HashMap<>());
    counts.merge(source, 1, (a, b) -> Math.min(a + b, PER_SOURCE_TOWARDS_LOCK));
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return total >= LOCK_AFTER;
  }

  /** A right password: the source and the account start afresh. */
  public void succeeded(String source, String username) {
    sources.remove(source);
    byAccount.remove(username);
  }

  /** The account was locked or unlocked: its count starts afresh. */
  public void reset(String username) {
    byAccount.remove(username);
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }
}
