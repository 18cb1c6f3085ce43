package org.parkgate.controller.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parkgate.controller.ledger.Accounts;

/**
 * The live sessions of people logged in through consoles. A session ends at logout, after {@code
 * idle} without a command, after {@code lifetime} in any case, and when its account changes. Each
 * person may hold at most {@code perUser} sessions at once (one per booth or office PC they use): a
 * login beyond that ends that person's least recently used session, never anyone else's. Not
 * thread-safe: used on the ledger thread only.
 */
public final class SessionTable {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byToken = new HashMap<>();
  private final org.parkgate.site.SiteConfig.Sessions rules;

  /** With the site file's rules ({@code controller.sessions}). */
  public SessionTable(org.parkgate.site.SiteConfig.Sessions rules) {
    this.rules = rules;
  }

  public org.parkgate.site.SiteConfig.Sessions rules() {
    return rules;
  }

  public Session open(Accounts.Account account, String consoleId, Instant now) {
    List<Session> mine = of(account.username());
    if (mine.size() >= rules.perUser()) {
      mine.stream().min(Comparator.comparing(Session::lastUsed)).ifPresent(s -> end(s.token()));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Session session =
        new Session(
            token,
            account.username(),
            account.displayName(),
            account.role(),
            account.version(),
            consoleId,
            now,
            now);
    byToken.put(token, session);
    return session;
  }

  /** The live session for {@code token}, marked used now; empty if unknown or expired. */
  public Optional<Session> use(String token, Instant now) {
    Session s = token == null ? null : byToken.get(token);
    if (s == null) {
      return Optional.empty();
    }
    if (!now.isBefore(idleUntil(s)) || !now.isBefore(endsAt(s))) {
      byToken.remove(token);
      return Optional.empty();
    }
    Session used = s.usedAt(now);
    byToken.put(token, used);
    return Optional.of(used);
  }

  public Instant idleUntil(Session s) {
    return s.lastUsed().plus(rules.idle());
  }

  public Instant endsAt(Session s) {
    return s.started().plus(rules.lifetime());
  }

  public void end(String token) {
    byToken.remove(token);
  }

  /** Ends every session of {@code username}; returns how many there were. */
  public int endAll(String username) {
    List<String> tokens = new ArrayList<>();
    byToken.values().stream()
        .filter(s -> s.username().equals(username))
        .forEach(s -> tokens.add(s.token()));
    tokens.forEach(byToken::remove);
    return tokens.size();
  }

  public List<Session> of(String username) {
    return byToken.values().stream().filter(s -> s.username().equals(username)).toList();
  }

  public int size() {
    return byToken.size();
  }
}
