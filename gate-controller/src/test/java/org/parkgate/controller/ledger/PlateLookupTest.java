package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.command.Desk;

/** A cashier finds the stay of a driver who lost the card by the plate the entry camera read. */
class PlateLookupTest {
  static final Instant T = Fixtures.T0;
  @TempDir Path dir;

  /** An entry as the controller records it with a camera: the stay and its sighting together. */
  private static Stay enter(
      Ledger ledger, String card, String plate, String colour, String lane, Instant at) {
    return ledger.atomically(
        () -> {
          Stay stay = new Stays(ledger).recordEntry(lane, card, at);
          new Sightings(ledger)
              .record(
                  new Sightings.Seen(
                      stay.stayId(), lane, Sightings.Direction.ENTRY, plate, "car", colour, at));
          return stay;
        });
  }

  private static List<Long> stayIds(List<PlateStay> found) {
    return found.stream().map(f -> f.stay().stayId()).toList();
  }

  @Test
  void aVehicleInsideIsFoundByItsPlateWithWhatTheCameraSaw() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      enter(ledger, "CARD1", "沪A11111", "blue", "entry-1", T);
      Stay stay = enter(ledger, "CARD2", "粤B12345", "green", "entry-2", T.plusSeconds(60));
      enter(ledger, "CARD3", "京C33333", "blue", "entry-1", T.plusSeconds(120));

      List<PlateStay> found = new Stays(ledger).openStayByPlate("粤B12345");
      assertEquals(1, found.size());
      assertEquals(stay, found.get(0).stay());
      assertEquals("CARD2", found.get(0).stay().card());
      assertEquals("entry-2", found.get(0).stay().entryLane());
      assertEquals(T.plusSeconds(60), found.get(0).stay().enteredAt());
      assertEquals("粤B12345", found.get(0).entry().plate());
      assertEquals("car", found.get(0).entry().vehicleClass());
      assertEquals("green", found.get(0).entry().colour());
    }
  }

  @Test
  void thePlateIsComparedAsACashierMightTypeIt() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stay stay = enter(ledger, "CARD1", "粤B12345", "blue", "entry-1", T);
      for (String typed : List.of("粤b12345", " 粤B 123-45 ", "粤B·12345", "粤B.12345")) {
        assertEquals(
            List.of(stay.stayId()), stayIds(new Stays(ledger).openStayByPlate(typed)), typed);
      }
    }
  }

  @Test
  void aVehicleThatLeftOrWasNeverSeenHasNoOpenStay() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      Stay gone = enter(ledger, "CARD1", "粤B12345", "blue", "entry-1", T);
      enter(ledger, "CARD2", "粤B99999", "blue", "entry-1", T.plusSeconds(10));
      stays.recordExit(gone.stayId(), "exit-1", T.plusSeconds(3600));

      assertEquals(List.of(), stays.openStayByPlate("粤B12345"));
      assertEquals(List.of(), stays.openStayByPlate("粤B00000"));
      assertEquals(1, stays.openStayByPlate("粤B99999").size());
    }
  }

  @Test
  void aRegularIsFoundOnItsNewestStayWhateverCardItTook() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      // A regular comes and goes on whichever card the dispenser gives; the cards go round too.
      for (int i = 0; i < 40; i++) {
        Instant at = T.plusSeconds(3600L * i);
        Stay s = enter(ledger, "CARD" + (i % 3), "粤B12345", "blue", "entry-1", at);
        enter(ledger, "OTHER" + i, "粤B" + (20000 + i), "blue", "entry-2", at.plusSeconds(1));
        assertEquals(List.of(s.stayId()), stayIds(stays.openStayByPlate("粤B12345")), "visit " + i);
        stays.recordExit(s.stayId(), "exit-1", at.plusSeconds(1800));
        assertEquals(List.of(), stays.openStayByPlate("粤B12345"), "left after visit " + i);
      }
      Stay now = enter(ledger, "CARD7", "粤B12345", "blue", "entry-2", T.plusSeconds(200_000));
      List<PlateStay> found = stays.openStayByPlate("粤B12345");
      assertEquals(List.of(now.stayId()), stayIds(found));
      assertEquals("CARD7", found.get(0).stay().card());
      assertEquals("entry-2", found.get(0).stay().entryLane());
    }
  }

  @Test
  void aPlateInsideTwiceGivesBothStaysNewestFirstUntilItIsSeenLeaving() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      // Let out by hand without an exit record, then back in on another card.
      Stay stale = enter(ledger, "CARD1", "粤B12345", "blue", "entry-1", T);
      Stay again = enter(ledger, "CARD2", "粤B12345", "blue", "entry-2", T.plusSeconds(7200));
      assertEquals(
          List.of(again.stayId(), stale.stayId()), stayIds(stays.openStayByPlate("粤B12345")));

      // Once the newer stay has left, the older open one is not where the vehicle is.
      stays.recordExit(again.stayId(), "exit-1", T.plusSeconds(9000));
      assertEquals(List.of(), stays.openStayByPlate("粤B12345"));
    }
  }

  @Test
  void atMostTheNewestEightOpenStaysAreListed() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      long newest = 0;
      for (int i = 0; i < Stays.MAX_OPEN_BY_PLATE + 3; i++) {
        newest = enter(ledger, "CARD" + i, "粤B12345", "blue", "entry-1", T.plusSeconds(i)).stayId();
      }
      List<Long> found = stayIds(new Stays(ledger).openStayByPlate("粤B12345"));
      assertEquals(Stays.MAX_OPEN_BY_PLATE, found.size());
      assertEquals(newest, found.get(0));
      assertEquals(newest - Stays.MAX_OPEN_BY_PLATE + 1, found.get(found.size() - 1));
    }
  }

  @Test
  void onlyWhatTheEntryCameraReadCounts() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      // No camera at this entry: the stay cannot be found by plate.
      stays.recordEntry("entry-3", "CARD1", T);
      // Read at an exit (leaving as another plate) is not an entry of that plate.
      Stay other = enter(ledger, "CARD2", "粤B22222", "blue", "entry-1", T);
      new Sightings(ledger)
          .record(
              new Sightings.Seen(
                  other.stayId(),
                  "exit-1",
                  Sightings.Direction.EXIT,
                  "粤B12345",
                  "car",
                  "blue",
                  T.plusSeconds(60)));
      assertEquals(List.of(), stays.openStayByPlate("粤B12345"));
    }
  }

  @Test
  void aPlateThatCannotBeOneIsRefusedNamingWhatIsWrong() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      EventLog events = new EventLog(ledger);
      enter(ledger, "CARD1", "粤B12345", "blue", "entry-1", T);
      long seq = events.lastSeq();
      assertEquals(
          "plate is empty: type the plate's letters and digits",
          Desk.english(
              assertThrows(LedgerException.class, () -> stays.openStayByPlate(null)).getMessage()));
      assertEquals(
          "plate is empty: type the plate's letters and digits",
          Desk.english(
              assertThrows(LedgerException.class, () -> stays.openStayByPlate(" - "))
                  .getMessage()));
      assertEquals(
          "plate '粤B1234%' holds a character that is not a letter, digit, space, '-', '·' or '.'",
          Desk.english(
              assertThrows(LedgerException.class, () -> stays.openStayByPlate("粤B1234%"))
                  .getMessage()));
      assertEquals(
          "plate 'ABCDEFGHIJ12345678' is longer than 16 letters and digits",
          Desk.english(
              assertThrows(LedgerException.class, () -> stays.openStayByPlate("ABCDEFGHIJ12345678"))
                  .getMessage()));
      assertEquals(seq, events.lastSeq(), "a lookup writes nothing");
      assertTrue(Fixtures.verify(dir.resolve("ledger.db")).ok());
    }
  }
}
