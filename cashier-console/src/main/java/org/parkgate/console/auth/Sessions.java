package org.parkgate.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Signed-in browsers, by cookie value; they end on logout or after a shift's worth of idleness. */
public final class Sessions {
  public static final String COOKIE = "PGSESSION";

  /** A booth shift is at most about 12 hours; an idle session beyond that has been forgotten. */
  public static final Duration IDLE_TIMEOUT = Duration.ofHours(12);

  private static final int MAX_SESSIONS = 256;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile Consumer<String> onEnd = id -> {};

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  /** Called with a session id when it ends, so its open WebSocket connections can be closed. */
  public void onEnd(Consumer<String> listener) {
    this.onEnd = listener;
  }

  public Session open(UserAccount user) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    if (byId.size() >= MAX_SESSIONS) {
      // Bounded memory: the session idle longest makes room.
      byId.values().stream()
          .min(Comparator.comparing(Session::lastSeen))
          .ifPresent(s -> end(s.id()));
    }
    Session session = new Session(id, user, now, now);
    byId.put(id, session);
    return session;
  }

  /** The live session for a cookie value, refreshed; empty when unknown or expired. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isAfter(s.lastSeen().plus(IDLE_TIMEOUT))) {
      end(id);
      return Optional.empty();
    }
    Session touched = s.touched(now);
    byId.put(id, touched);
    return Optional.of(touched);
  }

  public void end(String id) {
    if (id != null && byId.remove(id) != null) {
      onEnd.accept(id);
    }
  }
}
