package org.parkgate.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.FoundStay;
import org.parkgate.api.Refusal;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * A cashier finds a driver's stay by plate (card lost) or by card through the command pipeline, on
 * a real ledger, priced by a tariff with a lost-card rule (day maximum 30.00 plus 50.00 for the
 * card).
 */
class FindStayTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant NOW = Instant.parse("2027-01-09T02:00:00Z"); // 10:00 in Shanghai
  static final Money EIGHTY = Money.of(8000, "CNY");

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private SiteService site;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    SiteConfig config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    site =
        new SiteService(
            config,
            TariffBook.open(
                ledger, ROOT.resolve("config/tariffs/china-typical.yaml"), clock.instant()),
            ledger,
            clock,
            ledgerThread,
            new ConsoleHub());
    desk = new Desk(site, clock);
  }

  @AfterEach
  void stop() throws Exception {
    desk.close();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private Stay enter(String card, String plate, String colour, Instant at) {
    return ledger.atomically(
        () -> {
          Stay stay = new Stays(ledger).recordEntry("entry-1", card, at);
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

  private CommandResult find(String requestId, String plate, String card) {
    return desk.run(new ConsoleCommand.FindStay(requestId, desk.session("cashier1"), plate, card));
  }

  private static List<FoundStay> found(CommandResult r) {
    return Desk.answer(r, Answer.StaysFound.class).stays();
  }

  private static FoundStay stay(
      long id, String card, Instant at, String plate, String kind, String colour, Money fee) {
    return new FoundStay(id, card, "entry-1", at, plate, kind, colour, fee);
  }

  @Test
  void aLostCardIsFoundByPlateWithTheFeeDueWithoutIt() throws Exception {
    enter("CARD1", "沪A11111", "blue", NOW.minusSeconds(7200));
    enter("CARD2", "粤B12345", "green", NOW.minusSeconds(3600));
    assertEquals(
        List.of(stay(2, "CARD2", NOW.minusSeconds(3600), "粤B12345", "car", "green", EIGHTY)),
        found(find("f1", "粤b 123-45", null)));
  }

  @Test
  void aVehicleLetInThroughALaneIsFoundByThePlateItsCameraRead() throws Exception {
    // The camera sends separators; the cashier types the plate another way.
    site.recordEntry("entry-1", "CARD5", new Sighting("粤B·123-45", "truck", "yellow"))
        .get(5, TimeUnit.SECONDS);
    assertEquals(
        List.of(stay(1, "CARD5", NOW, "粤B12345", "truck", "yellow", EIGHTY)),
        found(find("f1", "粤b12345", null)));
  }

  @Test
  void aStayIsFoundByCardToo() throws Exception {
    enter("CARD1", "沪A11111", "blue", NOW.minusSeconds(600));
    new Stays(ledger)
        .recordEntry("entry-1", "CARD9", NOW.minusSeconds(300)); // a lane without a camera
    assertEquals(
        List.of(stay(1, "CARD1", NOW.minusSeconds(600), "沪A11111", "car", "blue", EIGHTY)),
        found(find("f1", null, "CARD1")));
    assertEquals(
        List.of(stay(2, "CARD9", NOW.minusSeconds(300), null, null, null, EIGHTY)),
        found(find("f2", "", "CARD9")),
        "no camera reading at entry");
  }

  @Test
  void aPlateInsideTwiceListsBothNewestFirst() throws Exception {
    // The older stay: 09:00 yesterday to 10:00 today is 30.00 + 20.00 = 50.00 at the tariff, more
    // than the lost-card day maximum, so 50.00 plus 50.00 for the card.
    enter("CARD1", "粤B12345", "blue", NOW.minusSeconds(86_400 + 3600));
    enter("CARD2", "粤B12345", "blue", NOW.minusSeconds(1800));
    assertEquals(
        List.of(
            stay(2, "CARD2", NOW.minusSeconds(1800), "粤B12345", "car", "blue", EIGHTY),
            stay(
                1,
                "CARD1",
                NOW.minusSeconds(86_400 + 3600),
                "粤B12345",
                "car",
                "blue",
                Money.of(10_000, "CNY"))),
        found(find("f1", "粤B12345", null)));
  }

  @Test
  void aVehicleNotInsideIsReportedAsSuch() throws Exception {
    Stay gone = enter("CARD1", "粤B12345", "blue", NOW.minusSeconds(7200));
    new Stays(ledger).recordExit(gone.stayId(), "exit-1", NOW.minusSeconds(60));
    assertEquals(
        "no open stay for plate 粤B12345",
        Desk.refusal(find("f1", "粤B12345", null), Refusal.NOT_NOW));
    assertEquals(
        "no open stay for plate 京C00000",
        Desk.refusal(find("f2", "京C00000", null), Refusal.NOT_NOW));
    assertEquals(
        "no open stay for card CARD1", Desk.refusal(find("f3", null, "CARD1"), Refusal.NOT_NOW));
  }

  @Test
  void badRequestsAreRefusedNamingWhatIsWrongAndChangeNothing() throws Exception {
    enter("CARD1", "粤B12345", "blue", NOW.minusSeconds(7200));
    long seq = new EventLog(ledger).lastSeq();
    assertEquals(
        "find-stay needs a plate or a card", Desk.refusal(find("b1", null, " "), Refusal.INVALID));
    assertEquals(
        "find-stay takes a plate or a card, not both",
        Desk.refusal(find("b2", "粤B12345", "CARD1"), Refusal.INVALID));
    assertEquals(
        "plate '粤B 1234#' holds a character that is not a letter, digit, space, '-', '·' or '.'",
        Desk.refusal(find("b3", "粤B 1234#", null), Refusal.INVALID));
    assertEquals(
        "plate is empty: type the plate's letters and digits",
        Desk.refusal(find("b4", "-.-", null), Refusal.INVALID));
    assertEquals(
        "card 'CARD 1' must be 1-32 letters or digits",
        Desk.refusal(find("b5", null, "CARD 1"), Refusal.INVALID));
    assertEquals(seq, new EventLog(ledger).lastSeq(), "nothing was recorded");
  }
}
