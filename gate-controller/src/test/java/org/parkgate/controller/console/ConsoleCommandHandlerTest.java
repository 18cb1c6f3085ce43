package org.parkgate.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Welcome;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.command.CommandPipeline;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The console API as a console meets it: a WebSocket to the controller's console port, JSON text
 * frames, an enrolled console's hello with its credential, a login, then commands. Commands missing
 * what they need are refused at the door; a connection that has not proved which console it is gets
 * one refusal and is closed.
 */
class ConsoleCommandHandlerTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final long WAIT_SECONDS = 10;

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private EventLoopGroup io;
  private Desk desk;
  private Channel server;
  private ExecutorService passwordChecks;

  @BeforeEach
  void start() throws Exception {
    SiteConfig config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    Clock clock = Clock.fixed(Instant.parse("2027-01-09T02:00:00Z"), ZoneOffset.UTC);
    SiteService site =
        new SiteService(
            config,
            TariffBook.open(ledger, config.tariff(), clock.instant()),
            ledger,
            clock,
            ledgerThread,
            new ConsoleHub());
    // The desk enrols the booth and adds the accounts; the server gets a pipeline of its own.
    desk = new Desk(site, clock);
    passwordChecks = Executors.newSingleThreadExecutor();
    CommandPipeline pipeline =
        new CommandPipeline(
            site, clock, org.parkgate.site.SiteConfig.Sessions.DEFAULT, passwordChecks);
    io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    server =
        new ServerBootstrap()
            .group(io)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ConsoleChannelInitializer(pipeline))
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().sync();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    desk.close();
    passwordChecks.shutdownNow();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  /**
   * A console's end of the WebSocket: every message the controller sends, and whether it closed.
   */
  private final class Console {
    final BlockingQueue<ApiMessage> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    final WebSocket ws;

    Console() throws Exception {
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .buildAsync(URI.create("ws://127.0.0.1:" + port + "/console"), listener())
              .get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private WebSocket.Listener listener() {
      return new WebSocket.Listener() {
        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
          partial.append(data);
          if (last) {
            try {
              received.add(ApiJson.read(partial.toString()));
            } catch (ApiJson.BadMessageException e) {
              throw new AssertionError("controller sent " + partial, e);
            }
            partial.setLength(0);
          }
          w.request(1);
          return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
          closed.complete(status);
          return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
          closed.complete(-1);
        }
      };
    }

    void send(ConsoleCommand command) throws Exception {
      ws.sendText(ApiJson.write(command), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next message of a kind, skipping the events sent meanwhile. */
    <T extends ApiMessage> T next(Class<T> kind) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (System.nanoTime() < deadline) {
        ApiMessage m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (kind.isInstance(m)) {
          return kind.cast(m);
        }
      }
      throw new AssertionError("no " + kind.getSimpleName() + " within " + WAIT_SECONDS + " s");
    }

    CommandResult result(String requestId) throws Exception {
      CommandResult r = next(CommandResult.class);
      assertEquals(requestId, r.requestId(), r.toString());
      return r;
    }

    /** Says hello as the enrolled booth and logs {@code username} in; returns the session. */
    String loggedIn(String username) throws Exception {
      send(new ConsoleCommand.Hello("hello", Desk.CONSOLE, Desk.CREDENTIAL, 0));
      assertEquals("demo", next(Welcome.class).siteId());
      send(new ConsoleCommand.Login("login", username, Desk.PASSWORD, "10.0.0.7"));
      return Desk.answer(result("login"), Answer.LoggedIn.class).session();
    }
  }

  @Test
  void aResetWithoutCardOrReasonIsRefused() throws Exception {
    Console console = new Console();
    String session = console.loggedIn("supervisor1");
    console.send(new ConsoleCommand.ResetPassback("r1", session, "00A1B2C3D4", " "));
    String why = Desk.refusal(console.result("r1"), Refusal.INVALID);
    assertEquals(
        "a passback reset needs a card (1-32 letters or digits) and a reason of 1-200 characters",
        why);
    console.send(new ConsoleCommand.ResetPassback("r2", session, null, "let out"));
    assertEquals(why, Desk.refusal(console.result("r2"), Refusal.INVALID));
  }

  @Test
  void aPayStationPaymentWithoutStationOrAmountIsRefused() throws Exception {
    Console console = new Console();
    String session = console.loggedIn("cashier1");
    console.send(new ConsoleCommand.PayStationPayment("p1", session, "00A1B2C3D4", null, "pay-1"));
    String why = "a pay-station payment needs card, amount and station (1-32 characters)";
    assertEquals(why, Desk.refusal(console.result("p1"), Refusal.INVALID));
    console.send(
        new ConsoleCommand.PayStationPayment(
            "p2", session, "00A1B2C3D4", Money.of(900, "CNY"), "x".repeat(33)));
    assertEquals(why, Desk.refusal(console.result("p2"), Refusal.INVALID));
    console.send(
        new ConsoleCommand.OpenShift(
            "o1",
            session,
            org.parkgate.api.CashCount.empty(java.util.Currency.getInstance("CNY"))));
    assertTrue(console.result("o1").ok());
    console.send(
        new ConsoleCommand.PayStationPayment(
            "p3", session, "00A1B2C3D4", Money.of(900, "CNY"), "pay-1"));
    assertEquals(
        "card 00A1B2C3D4 has no open stay", Desk.refusal(console.result("p3"), Refusal.NOT_NOW));
  }

  @Test
  void aConsoleWithTheWrongCredentialIsRefusedOnceAndDisconnected() throws Exception {
    Console console = new Console();
    console.send(new ConsoleCommand.Hello("hello", Desk.CONSOLE, "guessed", 0));
    String why = Desk.refusal(console.result("hello"), Refusal.CONSOLE_UNKNOWN);
    assertEquals("wrong credential for console 'booth-1'", why);
    console.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(console.received.isEmpty(), "nothing more was sent: " + console.received);
    SecurityEvents.Event kept = new SecurityEvents(ledger).list().get(0);
    assertEquals(SecurityEvents.Kind.CONSOLE_REFUSED, kept.kind());
    assertEquals("127.0.0.1", kept.source());
  }

  @Test
  void aCommandBeforeHelloIsRefusedAndTheConnectionClosed() throws Exception {
    Console console = new Console();
    console.send(new ConsoleCommand.Login("l1", "cashier1", Desk.PASSWORD, null));
    assertEquals("say hello first", Desk.refusal(console.result("l1"), Refusal.CONSOLE_UNKNOWN));
    console.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(console.received.isEmpty(), "nothing more was sent: " + console.received);
    assertEquals(
        SecurityEvents.Kind.CONSOLE_REFUSED, new SecurityEvents(ledger).list().get(0).kind());
  }
}
