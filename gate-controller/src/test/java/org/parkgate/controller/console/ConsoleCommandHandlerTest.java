package org.parkgate.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.fee.TariffLoader;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/** Reset-passback and pay-station commands missing what they need are refused at the door. */
class ConsoleCommandHandlerTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private EmbeddedChannel channel;

  @BeforeEach
  void start() throws Exception {
    SiteConfig config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    SiteService site =
        new SiteService(
            config,
            TariffLoader.load(config.tariff()),
            ledger,
            Clock.fixed(Instant.parse("2027-01-09T02:00:00Z"), ZoneOffset.UTC),
            ledgerThread,
            new ConsoleHub());
    channel = new EmbeddedChannel(new ConsoleCommandHandler(site));
    send(new ConsoleCommand.Hello("hello", "booth-1", 0));
  }

  @AfterEach
  void stop() throws Exception {
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private void send(ConsoleCommand command) {
    channel.writeInbound(new TextWebSocketFrame(ApiJson.write(command)));
  }

  /** The result for a request, skipping the welcome and events the console is sent meanwhile. */
  private CommandResult result(String requestId) throws Exception {
    for (int i = 0; i < 500; i++) {
      channel.runPendingTasks();
      Object out = channel.readOutbound();
      if (out == null) {
        Thread.sleep(10);
        continue;
      }
      ApiMessage message = ApiJson.read(((TextWebSocketFrame) out).text());
      if (message instanceof CommandResult r && requestId.equals(r.requestId())) {
        return r;
      }
    }
    throw new AssertionError("no result for " + requestId);
  }

  @Test
  void aResetWithoutSupervisorOrReasonIsRefused() throws Exception {
    send(new ConsoleCommand.ResetPassback("r1", "00A1B2C3D4", "let out", " "));
    assertEquals(
        CommandResult.refused("r1", "a passback reset needs card, supervisor and reason"),
        result("r1"));
    send(new ConsoleCommand.ResetPassback("r2", "00A1B2C3D4", null, "sup1"));
    assertEquals(
        CommandResult.refused("r2", "a passback reset needs card, supervisor and reason"),
        result("r2"));
  }

  @Test
  void aPayStationPaymentWithoutStationOrAmountIsRefused() throws Exception {
    send(new ConsoleCommand.PayStationPayment("p1", "00A1B2C3D4", null, "c", "pay-1"));
    assertEquals(
        "a pay-station payment needs card, amount, cashier and station (1-32 characters)",
        result("p1").error());
    send(
        new ConsoleCommand.PayStationPayment(
            "p2", "00A1B2C3D4", Money.of(900, "CNY"), "c", "x".repeat(33)));
    assertEquals(
        "a pay-station payment needs card, amount, cashier and station (1-32 characters)",
        result("p2").error());
    send(
        new ConsoleCommand.PayStationPayment(
            "p3", "00A1B2C3D4", Money.of(900, "CNY"), "c", "pay-1"));
    assertEquals("card 00A1B2C3D4 has no open stay", result("p3").error());
  }
}
