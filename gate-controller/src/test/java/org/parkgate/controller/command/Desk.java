package org.parkgate.controller.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.auth.ConsoleCredentials;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Consoles;
import org.parkgate.controller.ledger.Ledger;

/**
 * A booth console on a site service, as the controller wires it: the real {@link CommandPipeline},
 * a console enrolled in the ledger and connected over an {@link EmbeddedChannel}, and the people
 * below with accounts, all with the password {@link #PASSWORD}. Tests log people in and run
 * commands through it exactly as a console does, with session tokens and request ids.
 */
public final class Desk implements AutoCloseable {
  public static final String CONSOLE = "booth-1";
  public static final String CREDENTIAL = "booth-1-test-credential";
  public static final String PASSWORD = "right-password";

  /** The people every desk knows; one role each, as their names say. */
  public static final Map<String, Role> PEOPLE =
      Map.of(
          "cashier1", Role.CASHIER,
          "cashier2", Role.CASHIER,
          "supervisor1", Role.SUPERVISOR,
          "supervisor2", Role.SUPERVISOR,
          "finance1", Role.FINANCE,
          "admin1", Role.ADMIN);

  /**
   * Sessions that outlast the hours a test's clock jumps between two commands, which no real shift
   * would: for tests about the site rather than about sessions.
   */
  public static final org.parkgate.site.SiteConfig.Sessions ALL_DAY =
      new org.parkgate.site.SiteConfig.Sessions(Duration.ofDays(3), Duration.ofDays(3), 8);

  private static final long TIMEOUT_SECONDS = 10;

  /** PBKDF2 is slow on purpose: one hash per JVM, shared by every account of every test. */
  private static final class Hash {
    static final String OF_PASSWORD = new PasswordHasher(100_000).hash(PASSWORD);
  }

  private final SiteService site;
  private final CommandPipeline pipeline;
  private final ExecutorService passwordChecks =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "test-password-checks"));
  private final Map<String, String> sessions = new HashMap<>();
  private final java.util.Set<String> onShift = new java.util.HashSet<>();
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final ConsoleConnection booth;

  public Desk(SiteService site, Clock clock) {
    this(site, clock, org.parkgate.site.SiteConfig.Sessions.DEFAULT);
  }

  /** Enrols {@link #CONSOLE}, adds {@link #PEOPLE} where missing, and says hello. */
  public Desk(SiteService site, Clock clock, org.parkgate.site.SiteConfig.Sessions rules) {
    this.site = site;
    this.pipeline = new CommandPipeline(site, clock, rules, passwordChecks);
    onLedger(
        () -> {
          if (new Consoles(site.ledger()).find(CONSOLE).isEmpty()) {
            enroll(site.ledger(), CONSOLE, CREDENTIAL, clock.instant());
          }
          PEOPLE.forEach((name, role) -> account(site.ledger(), name, role, clock.instant()));
          return null;
        });
    this.booth = connect(CONSOLE, CREDENTIAL);
    assertTrue(booth.authenticated(), "the test booth was not welcomed");
  }

  /** Enrols (or re-enrols) a console with {@code credential}. */
  public static void enroll(Ledger ledger, String consoleId, String credential, Instant at) {
    new Consoles(ledger).add(consoleId, ConsoleCredentials.hash(credential), "test", at);
  }

  /** Adds an account with the password {@link #PASSWORD}, unless one of that name exists. */
  public static void account(Ledger ledger, String username, Role role, Instant at) {
    Accounts accounts = new Accounts(ledger);
    if (accounts.find(username).isEmpty()) {
      accounts.add(username, username, role, passwordHash(), false, "test", at);
    }
  }

  /** The stored hash of {@link #PASSWORD}. */
  public static String passwordHash() {
    return Hash.OF_PASSWORD;
  }

  public CommandPipeline pipeline() {
    return pipeline;
  }

  public SiteService site() {
    return site;
  }

  /** The booth's own connection, welcomed. */
  public ConsoleConnection booth() {
    return booth;
  }

  /** A new connection that says hello as {@code consoleId}; refused ones are returned as well. */
  public ConsoleConnection connect(String consoleId, String credential) {
    ConsoleConnection c = unintroduced();
    hello(c, consoleId, credential);
    return c;
  }

  /** Says hello on {@code c}: null when welcomed, else the refusal. */
  public CommandResult hello(ConsoleConnection c, String consoleId, String credential) {
    CommandResult refused =
        join(pipeline.accept(c, new ConsoleCommand.Hello(id("hello"), consoleId, credential, 0)));
    assertTrue(
        refused == null || !refused.ok(), "a hello is answered by a welcome or a refusal only");
    return refused;
  }

  /** A new connection that has said nothing yet. */
  public ConsoleConnection unintroduced() {
    return onLedger(
        () -> {
          EmbeddedChannel channel = new EmbeddedChannel();
          channels.add(channel);
          return new ConsoleConnection(channel);
        });
  }

  /** What the controller sent down a connection so far (welcome, events), oldest first. */
  public List<ApiMessage> sent(ConsoleConnection c) {
    return onLedger(
        () -> {
          List<ApiMessage> out = new ArrayList<>();
          for (Object m; (m = ((EmbeddedChannel) c.channel()).readOutbound()) != null; ) {
            out.add(ApiJson.read(((TextWebSocketFrame) m).text()));
          }
          return out;
        });
  }

  /** Logs {@code username} in with the right password at the booth; returns the session. */
  public String login(String username) {
    CommandResult r = login(booth, username, PASSWORD, null);
    assertTrue(r.ok(), "login of " + username + ": " + r);
    return assertInstanceOf(Answer.LoggedIn.class, r.answer()).session();
  }

  /** A login as the console sends it; {@code source} null for the connection's address. */
  public CommandResult login(ConsoleConnection c, String username, String password, String source) {
    return join(
        pipeline.accept(c, new ConsoleCommand.Login(id("login"), username, password, source)));
  }

  /** The session of {@code username} at the booth, logging them in the first time. */
  public String session(String username) {
    return sessions.computeIfAbsent(username, this::login);
  }

  /**
   * The session of {@code username}, on shift: their shift opened with an empty float the first
   * time (payments are taken only on an open shift).
   */
  public String onShift(String username) {
    String session = session(username);
    if (onShift.add(username)) {
      CommandResult r =
          run(
              new ConsoleCommand.OpenShift(
                  id("open"),
                  session,
                  org.parkgate.api.CashCount.empty(java.util.Currency.getInstance("CNY"))));
      assertTrue(r.ok(), "shift of " + username + ": " + r);
    }
    return session;
  }

  /** Runs a command from the booth and waits for its result. */
  public CommandResult run(ConsoleCommand command) {
    return run(booth, command);
  }

  public CommandResult run(ConsoleConnection c, ConsoleCommand command) {
    return join(pipeline.accept(c, command));
  }

  /** A request id not used before by this desk. */
  public String id(String prefix) {
    return prefix + "-" + ids.incrementAndGet();
  }

  /** Runs {@code work} on the ledger thread, where the pipeline keeps its state. */
  public <T> T onLedger(Callable<T> work) {
    try {
      return site.ledgerThread().submit(work).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("ledger thread: " + e, e);
    }
  }

  /** Hangs up every connection of this desk, as a console that goes away. */
  @Override
  public void close() {
    if (!site.ledgerThread().isShutdown()) {
      onLedger(
          () -> {
            channels.forEach(EmbeddedChannel::close);
            return null;
          });
    }
    passwordChecks.shutdownNow();
    pipeline.close();
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> result) {
    try {
      return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s: " + e, e);
    }
  }

  /** The answer of a command that succeeded, of the kind expected. */
  /**
   * A payment's result as the ledger keeps it for its request id: the receipt without the drawer's
   * running figures, which only the first answer carries (read after the commit).
   */
  public static CommandResult kept(CommandResult r) {
    if (!(r.answer() instanceof Answer.Receipt p)) {
      return r;
    }
    assertTrue(p.shift() != null, "the first answer carries the drawer's figures: " + r);
    return CommandResult.ok(r.requestId(), Tenders.withShift(p, null));
  }

  public static <A extends Answer> A answer(CommandResult r, Class<A> kind) {
    assertTrue(r.ok(), "refused: " + r);
    return assertInstanceOf(kind, r.answer(), r.toString());
  }

  /** The reason given for a refusal with the code expected. */
  public static String refusal(CommandResult r, Refusal expected) {
    assertFalse(r.ok(), "not refused: " + r);
    assertEquals(expected, r.refusal(), r.toString());
    return english(r.error());
  }

  /**
   * The English half of a sentence the booth reads, having checked it is said in both: Chinese
   * first, then " · " and the English.
   */
  public static String english(String said) {
    assertTrue(
        said.indexOf(Said.JOIN) > 0
            && Said.zh(said).codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
        "said in Chinese and English: " + said);
    return Said.en(said);
  }
}
