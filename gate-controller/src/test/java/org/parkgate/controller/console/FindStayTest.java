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
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.fee.TariffLoader;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * A cashier finds a driver's stay by plate (card lost) or by card over the console API, on a real
 * ledger, priced by a tariff with a lost-card rule (day maximum 30.00 plus 50.00 for the card).
 */
class FindStayTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant NOW = Instant.parse("2027-01-09T02:00:00Z"); // 10:00 in Shanghai

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private EmbeddedChannel channel;
  private SiteService site;

  @BeforeEach
  void start() throws Exception {
    SiteConfig config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    site =
        new SiteService(
            config,
            TariffLoader.load(ROOT.resolve("config/tariffs/china-typical.yaml")),
            ledger,
            Clock.fixed(NOW, ZoneOffset.UTC),
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

  private Stay enter(String card, String plate, String colour, Instant at) {
    return ledger.atomically(
        () -> {
          Stay stay = ledger.recordEntry("entry-1", card, at);
          new Sightings(ledger)
              .record(
                  new Sightings.Seen(
                      stay.stayId(),
                      "entry-1",
                      Sightings.Direction.ENTRY,
                      plate,
                      "car",
                      colour,
                      at));
          return stay;
        });
  }

  private void send(ConsoleCommand command) {
    channel.writeInbound(new TextWebSocketFrame(ApiJson.write(command)));
  }

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
  void aLostCardIsFoundByPlateWithTheFeeDueWithoutIt() throws Exception {
    enter("CARD1", "沪A11111", "blue", NOW.minusSeconds(7200));
    enter("CARD2", "粤B12345", "green", NOW.minusSeconds(3600));
    send(new ConsoleCommand.FindStay("f1", "粤b 123-45", null));
    assertEquals(
        CommandResult.ok(
            "f1",
            "stay 2: card CARD2, entered at entry-1 2027-01-09 09:00:00 Asia/Shanghai,"
                + " seen as 粤B12345 car green; 80.00 CNY due with a lost card if it leaves now"),
        result("f1"));
  }

  @Test
  void aVehicleLetInThroughALaneIsFoundByThePlateItsCameraRead() throws Exception {
    // The camera sends separators; the cashier types the plate another way.
    site.recordEntry("entry-1", "CARD5", new Sighting("粤B·123-45", "truck", "yellow"))
        .get(5, TimeUnit.SECONDS);
    send(new ConsoleCommand.FindStay("f1", "粤b12345", null));
    assertEquals(
        "stay 1: card CARD5, entered at entry-1 2027-01-09 10:00:00 Asia/Shanghai,"
            + " seen as 粤B12345 truck yellow; 80.00 CNY due with a lost card if it leaves now",
        result("f1").detail());
  }

  @Test
  void aStayIsFoundByCardToo() throws Exception {
    enter("CARD1", "沪A11111", "blue", NOW.minusSeconds(600));
    ledger.recordEntry("entry-1", "CARD9", NOW.minusSeconds(300)); // a lane without a camera
    send(new ConsoleCommand.FindStay("f1", null, "CARD1"));
    assertEquals(
        "stay 1: card CARD1, entered at entry-1 2027-01-09 09:50:00 Asia/Shanghai,"
            + " seen as 沪A11111 car blue; 80.00 CNY due with a lost card if it leaves now",
        result("f1").detail());
    send(new ConsoleCommand.FindStay("f2", "", "CARD9"));
    assertEquals(
        "stay 2: card CARD9, entered at entry-1 2027-01-09 09:55:00 Asia/Shanghai,"
            + " no camera reading at entry; 80.00 CNY due with a lost card if it leaves now",
        result("f2").detail());
  }

  @Test
  void aPlateInsideTwiceListsBothNewestFirst() throws Exception {
    // The older stay: 09:00 yesterday to 10:00 today is 30.00 + 20.00 = 50.00 at the tariff, more
    // than the lost-card day maximum, so 50.00 plus 50.00 for the card.
    enter("CARD1", "粤B12345", "blue", NOW.minusSeconds(86_400 + 3600));
    enter("CARD2", "粤B12345", "blue", NOW.minusSeconds(1800));
    send(new ConsoleCommand.FindStay("f1", "粤B12345", null));
    assertEquals(
        "2 open stays for plate 粤B12345, newest first:"
            + " stay 2: card CARD2, entered at entry-1 2027-01-09 09:30:00 Asia/Shanghai,"
            + " seen as 粤B12345 car blue; 80.00 CNY due with a lost card if it leaves now;"
            + " stay 1: card CARD1, entered at entry-1 2027-01-08 09:00:00 Asia/Shanghai,"
            + " seen as 粤B12345 car blue; 100.00 CNY due with a lost card if it leaves now",
        result("f1").detail());
  }

  @Test
  void aVehicleNotInsideIsReportedAsSuch() throws Exception {
    Stay gone = enter("CARD1", "粤B12345", "blue", NOW.minusSeconds(7200));
    ledger.recordExit(gone.stayId(), "exit-1", NOW.minusSeconds(60));
    send(new ConsoleCommand.FindStay("f1", "粤B12345", null));
    assertEquals(CommandResult.refused("f1", "no open stay for plate 粤B12345"), result("f1"));
    send(new ConsoleCommand.FindStay("f2", "京C00000", null));
    assertEquals(CommandResult.refused("f2", "no open stay for plate 京C00000"), result("f2"));
    send(new ConsoleCommand.FindStay("f3", null, "CARD1"));
    assertEquals(CommandResult.refused("f3", "no open stay for card CARD1"), result("f3"));
  }

  @Test
  void badRequestsAreRefusedNamingWhatIsWrongAndChangeNothing() throws Exception {
    enter("CARD1", "粤B12345", "blue", NOW.minusSeconds(7200));
    long seq = ledger.lastSeq();
    send(new ConsoleCommand.FindStay("b1", null, " "));
    assertEquals(CommandResult.refused("b1", "find-stay needs a plate or a card"), result("b1"));
    send(new ConsoleCommand.FindStay("b2", "粤B12345", "CARD1"));
    assertEquals(
        CommandResult.refused("b2", "find-stay takes a plate or a card, not both"), result("b2"));
    send(new ConsoleCommand.FindStay("b3", "粤B 1234#", null));
    assertEquals(
        "plate '粤B 1234#' holds a character that is not a letter, digit, space, '-', '·' or '.'",
        result("b3").error());
    send(new ConsoleCommand.FindStay("b4", "-.-", null));
    assertEquals("plate is empty: type the plate's letters and digits", result("b4").error());
    send(new ConsoleCommand.FindStay("b5", null, "CARD 1"));
    assertEquals("card 'CARD 1' must be 1-32 letters or digits", result("b5").error());
    assertEquals(seq, ledger.lastSeq(), "nothing was recorded");
  }
}
