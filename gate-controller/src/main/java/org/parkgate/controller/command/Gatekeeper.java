package org.parkgate.controller.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.api.Welcome;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.auth.ConsoleCredentials;
import org.parkgate.controller.auth.LoginThrottle;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.auth.SessionTable;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Consoles;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may talk to the controller, and as whom: a console proves it is enrolled with its hello; a
 * person logs in through it with a password and gets a session; every later command is taken from
 * that session. Runs on the ledger thread; the password check itself is {@link PasswordCheck}'s.
 */
final class Gatekeeper {
  private static final Logger log = LoggerFactory.getLogger(Gatekeeper.class);

  /** One record of a refused console per address and minute: a flood does not fill the ledger. */
  private static final Duration REFUSAL_RECORD_EVERY = Duration.ofMinutes(1);

  private final SiteService site;
  private final Consoles consoles;
  private final Accounts accounts;
  private final SessionTable sessions;
  private final SecurityEvents security;
  private final PasswordCheck passwords;
  private final Clock clock;

  /**
   * What the ledger said of each console and account, asked on every command: kept until the
   * ledger's {@link Ledger.AuthorityStamp} changes, so a console disabled or a password changed by
   * an admin (in this process or another) is seen at the next command, and the others cost no
   * query.
   */
  private final Map<String, Optional<Consoles.Enrolled>> enrolment = new HashMap<>();

  private final Map<String, Long> accountVersions = new HashMap<>();
  private Ledger.AuthorityStamp seen;
  private final Map<String, Instant> refusalsRecorded =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > 1_000;
        }
      };

  Gatekeeper(
      SiteService site,
      SessionTable sessions,
      LoginThrottle throttle,
      PasswordHasher hasher,
      Executor passwordChecks,
      Clock clock) {
    this.site = site;
    this.consoles = new Consoles(site.ledger());
    this.accounts = new Accounts(site.ledger());
    this.security = new SecurityEvents(site.ledger());
    this.sessions = sessions;
    this.passwords =
        new PasswordCheck(
            site.ledger(), accounts, security, sessions, throttle, hasher, passwordChecks, clock);
    this.clock = clock;
  }

  Accounts accounts() {
    return accounts;
  }

  SecurityEvents security() {
    return security;
  }

  PasswordCheck passwords() {
    return passwords;
  }

  /**
   * A console's hello: an enrolled, enabled console with its credential is welcomed, caught up with
   * the events after the sequence it names and kept live; anything else is refused, recorded and
   * disconnected. Returns null when welcomed (the welcome is the answer).
   */
  CommandResult hello(ConsoleConnection c, ConsoleCommand.Hello hello) {
    if (c.authenticated()) {
      return CommandResult.refused(
          hello.requestId(),
          Refusal.INVALID,
          Said.of("本连接已登记过收费台", "hello was already said on this connection"));
    }
    Optional<Consoles.Enrolled> enrolled =
        hello.consoleId() == null ? Optional.empty() : consoles.find(hello.consoleId());
    if (enrolled.isEmpty()
        || !enrolled.get().enabled()
        || !ConsoleCredentials.matches(hello.credential(), enrolled.get().credentialHash())) {
      String why =
          enrolled.isEmpty()
              ? Said.of(
                  "收费台 '" + hello.consoleId() + "' 未登记",
                  "console '" + hello.consoleId() + "' is not enrolled")
              : !enrolled.get().enabled()
                  ? Said.of(
                      "收费台 '" + hello.consoleId() + "' 已停用",
                      "console '" + hello.consoleId() + "' is disabled")
                  : Said.of(
                      "收费台 '" + hello.consoleId() + "' 的凭证错误",
                      "wrong credential for console '" + hello.consoleId() + "'");
      return refuseConsole(c, hello.requestId(), hello.consoleId(), why);
    }
    c.accept(hello.consoleId(), enrolled.get().credentialHash(), enrolled.get().roles());
    log.info(
        "console {} ({}) connected, resuming after seq {}",
        hello.consoleId(),
        c.address(),
        hello.afterSeq());
    Welcome welcome =
        new Welcome(
            site.site().id(),
            site.site().name(),
            site.site().zone(),
            site.site().currency().getCurrencyCode(),
            new EventLog(site.ledger()).lastSeq(),
            site.lanes().keySet().stream().toList());
    ConsoleHub.send(c.channel(), welcome);
    site.hub()
        .join(
            c.channel(),
            site.ledger(),
            Math.max(0, hello.afterSeq()),
            Visibility.of(enrolled.get().roles()));
    return null;
  }

  /** Anything but a good hello from a console not yet known: refused, recorded, disconnected. */
  CommandResult refuseConsole(ConsoleConnection c, String requestId, String consoleId, String why) {
    c.refuse();
    Instant now = clock.instant();
    Instant last = refusalsRecorded.get(c.address());
    if (last == null || !now.isBefore(last.plus(REFUSAL_RECORD_EVERY))) {
      refusalsRecorded.put(c.address(), now);
      security.record(
          SecurityEvents.Kind.CONSOLE_REFUSED, consoleId, null, c.address(), Said.en(why), now);
    }
    log.warn("console API: refused {} from {}: {}", consoleId, c.address(), Said.en(why));
    return CommandResult.refused(requestId, Refusal.CONSOLE_UNKNOWN, why);
  }

  /** Whether the console is still enrolled and enabled with the credential it proved. */
  boolean stillEnrolled(ConsoleConnection c) {
    freshen();
    return enrolment
        .computeIfAbsent(c.consoleId(), consoles::find)
        .filter(
            e ->
                e.enabled()
                    && e.credentialHash().equals(c.credentialHash())
                    && e.roles().equals(c.roles()))
        .isPresent();
  }

  private long accountVersion(String username) {
    freshen();
    return accountVersions.computeIfAbsent(username, accounts::version);
  }

  /** Forgets what was read of consoles and accounts if the ledger says they may have changed. */
  private void freshen() {
    Ledger.AuthorityStamp now = site.ledger().authorityStamp();
    if (!now.equals(seen)) {
      enrolment.clear();
      accountVersions.clear();
      seen = now;
    }
  }

  /**
   * The live session for a token, if its account has not changed since login (a new password, a
   * role, disabled or locked all end it).
   */
  Optional<Session> session(String token, Instant now) {
    Optional<Session> s = sessions.use(token, now);
    if (s.isPresent() && accountVersion(s.get().username()) != s.get().accountVersion()) {
      int ended = sessions.endAll(s.get().username());
      log.info("{}: account changed, {} sessions ended", s.get().username(), ended);
      return Optional.empty();
    }
    return s;
  }

  /**
   * Logs a person in: the source's wait checked first (a flood costs no password check), then the
   * password on its own thread, then the session opened back on the ledger thread. Runs the first
   * step on the ledger thread; {@code onLedger} brings the last step back there.
   */
  CompletableFuture<CommandResult> login(
      ConsoleConnection c, ConsoleCommand.Login cmd, Executor onLedger) {
    return passwords
        .check(c, cmd.requestId(), cmd.username(), cmd.password(), cmd.source(), onLedger)
        .thenApply(
            checked ->
                checked.refusal() != null
                    ? checked.refusal()
                    : openSession(c, cmd.requestId(), checked.account()));
  }

  private CommandResult openSession(ConsoleConnection c, String requestId, Accounts.Account a) {
    Session s = sessions.open(a, c.consoleId(), clock.instant());
    log.info("{} ({}) logged in at console {}", a.username(), a.role(), c.consoleId());
    return CommandResult.ok(
        requestId,
        new Answer.LoggedIn(
            s.token(),
            a.username(),
            a.displayName(),
            a.role(),
            sessions.idleUntil(s),
            sessions.endsAt(s),
            a.demo()));
  }
}
