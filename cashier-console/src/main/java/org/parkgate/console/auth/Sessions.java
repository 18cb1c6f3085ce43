package org.parkgate.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parkgate.api.Answer;

/**
 * Signed-in browsers, by cookie value. Each holds the controller session it was given at login. A
 * browser session ends on logout, when the controller says its session has ended, at the
 * controller's {@code endsAt}, {@link #MAX_LIFETIME} after login, or after the controller's idle
 * time with no request from the browser, whichever comes first.
 *
 * <p>Memory is bounded per person and in total, never by ending someone else's session: a person's
 * {@value #DEFAULT_PER_USER} sessions at most (another login of theirs ends their own least
 * recently used), and no new login at all once {@value #DEFAULT_TOTAL} live sessions are held.
 */
public final class Sessions {
  public static final String COOKIE = "PGSESSION";

  /** A booth shift is at most about 12 hours; a browser session lasts no longer in any case. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(12);

  /** Used when the controller names no idle time (an {@code idleUntil} not after the login). */
  public static final Duration DEFAULT_IDLE = Duration.ofHours(12);

  static final int DEFAULT_PER_USER = 8;
  static final int DEFAULT_TOTAL = 10_000;

  /** Why a session ended, so the console knows whether to tell the controller. */
  public enum Ending {
    /** The person logged out. */
    LOGOUT,
    /** Its lifetime, the controller's end time or its idle time passed. */
    EXPIRED,
    /** The same person logged in once too often: their least recently used session made room. */
    REPLACED,
    /** The controller said the session is no longer live: nothing to tell it. */
    CONTROLLER
  }

  /** Told of every session that ends, once, so its pages can be closed. */
  public interface Listener {
    void ended(Session session, Ending why);
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int perUser;
  private final int total;
  private volatile Listener listener = (s, why) -> {};

  /** The clock the console keeps its time by (a scenario's shared clock, or the system's). */
  public Clock clock() {
    return clock;
  }

  public Sessions(Clock clock) {
    this(clock, DEFAULT_PER_USER, DEFAULT_TOTAL);
  }

  Sessions(Clock clock, int perUser, int total) {
    this.clock = clock;
    this.perUser = perUser;
    this.total = total;
  }

  public void onEnd(Listener listener) {
    this.listener = listener;
  }

  /**
   * Opens a browser session for what the controller answered a login with; empty when the console
   * already holds its maximum of live sessions (the caller refuses the login).
   */
  public Optional<Session> open(Answer.LoggedIn login) {
    Instant now = clock.instant();
    List<Session> replaced = new ArrayList<>();
    Session session;
    synchronized (this) {
      if (byId.size() >= total) {
        sweep(now);
        if (byId.size() >= total) {
          return Optional.empty();
        }
      }
      List<Session> theirs =
          byId.values().stream()
              .filter(s -> s.username().equals(login.username()))
              .sorted(Comparator.comparing(Session::lastSeen))
              .toList();
      for (int i = 0; i <= theirs.size() - perUser; i++) {
        if (byId.remove(theirs.get(i).id()) != null) {
          replaced.add(theirs.get(i));
        }
      }
      session =
          new Session(
              newId(),
              login.session(),
              login.username(),
              login.displayName() == null || login.displayName().isBlank()
                  ? login.username()
                  : login.displayName(),
              login.role(),
              now,
              now,
              login.idleUntil(),
              login.endsAt(),
              idle(now, login.idleUntil()));
      byId.put(session.id(), session);
    }
    replaced.forEach(s -> listener.ended(s, Ending.REPLACED));
    return Optional.of(session);
  }

  /** The live session for a cookie value, refreshed; empty when unknown or over. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (over(s, now)) {
      end(id, Ending.EXPIRED);
      return Optional.empty();
    }
    Session touched = s.touched(now);
    byId.replace(id, s, touched);
    return Optional.of(touched);
  }

  /** Ends a session; the listener hears of it once, whoever ends it first. */
  public void end(String id, Ending why) {
    Session s = id == null ? null : byId.remove(id);
    if (s != null) {
      listener.ended(s, why);
    }
  }

  public int size() {
    return byId.size();
  }

  private static boolean over(Session s, Instant now) {
    return (s.endsAt() != null && !now.isBefore(s.endsAt()))
        || !now.isBefore(s.created().plus(MAX_LIFETIME))
        || now.isAfter(s.lastSeen().plus(s.idle()));
  }

  /** Ends every session that is over; only when full, so a login stays cheap. */
  private void sweep(Instant now) {
    for (Session s : List.copyOf(byId.values())) {
      if (over(s, now)) {
        end(s.id(), Ending.EXPIRED);
      }
    }
  }

  private static Duration idle(Instant now, Instant idleUntil) {
    if (idleUntil == null || !idleUntil.isAfter(now)) {
      return DEFAULT_IDLE;
    }
    Duration d = Duration.between(now, idleUntil);
    return d.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : d;
  }

  private String newId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
