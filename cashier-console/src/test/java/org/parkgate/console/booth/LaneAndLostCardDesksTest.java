package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.console.booth.DeskFixture.ADMIN;
import static org.parkgate.console.booth.DeskFixture.CASHIER;
import static org.parkgate.console.booth.DeskFixture.FINANCE;
import static org.parkgate.console.booth.DeskFixture.SUPERVISOR;
import static org.parkgate.console.booth.DeskFixture.assertNoNames;
import static org.parkgate.console.booth.DeskFixture.assertRefused;
import static org.parkgate.console.booth.DeskFixture.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.console.auth.Session;
import org.parkgate.site.LaneMode;

/**
 * A supervisor's lane modes and anti-passback resets, the booth's search for a vehicle's stay and
 * its report of a lost card at an exit: what reaches the controller, as the JSON text it is sent
 * as, and what is refused at the console with nothing sent.
 */
class LaneAndLostCardDesksTest {

  private final DeskFixture booth = new DeskFixture();
  private final List<String> wire = booth.wire;
  private final SupervisorDesk supervisor = booth.desks.supervisor();
  private final LostCardDesk lostCards = booth.desks.lostCards();

  @Test
  void aSupervisorClosesALaneInTheirOwnNameWithTheReasonTrimmed() throws Exception {
    CommandResult r =
        setMode(SUPERVISOR, "mode-req-0001", " exit-1 ", "CLOSED", "  resurfacing the ramp ");
    assertTrue(r.ok(), r.toString());

    assertEquals(1, wire.size());
    JsonNode json = ApiJson.mapper().readTree(wire.get(0));
    assertEquals("set-lane-mode", json.path("type").asText());
    assertEquals("CLOSED", json.path("mode").asText());
    assertEquals("tok-S", json.path("session").asText());
    assertNoNames(wire.get(0));
    assertEquals(
        new ConsoleCommand.SetLaneMode(
            "mode-req-0001", "tok-S", "exit-1", LaneMode.CLOSED, "resurfacing the ramp"),
        ApiJson.read(wire.get(0)));
  }

  @Test
  void everyModeTheLaneKnowsCanBeSet() throws Exception {
    int n = 0;
    for (LaneMode mode : LaneMode.values()) {
      CommandResult r = setMode(SUPERVISOR, "mode-req-01" + n++, "entry-1", mode.name(), "event");
      assertTrue(r.ok(), r.toString());
    }
    List<LaneMode> sent = new ArrayList<>();
    for (String json : wire) {
      sent.add(((ConsoleCommand.SetLaneMode) ApiJson.read(json)).mode());
    }
    assertEquals(List.of(LaneMode.values()), sent);
  }

  @Test
  void cashiersAndFinanceCannotSetALaneMode() throws Exception {
    for (Session who : List.of(CASHIER, FINANCE)) {
      CommandResult r = setMode(who, "mode-req-0002", "exit-1", "FREE_EXIT", "let them out");
      assertFalse(r.ok());
      assertEquals("mode-req-0002", r.requestId());
      assertTrue(r.error().contains("Only supervisors may set a lane's mode"), r.error());
      assertEquals(Refusal.FORBIDDEN, r.refusal());
    }
    assertEquals(List.of(), wire, "refused at the console");
  }

  @Test
  void aBadLaneModeRequestSaysWhatIsWrongAndSendsNothing() throws Exception {
    assertRefused(
        setMode(SUPERVISOR, "mode-req-0003", "exit-9", "CLOSED", "x"),
        "Unknown lane 'exit-9' (lanes: entry-1, exit-1)");
    assertRefused(setMode(SUPERVISOR, "mode-req-0004", " ", "CLOSED", "x"), "Choose a lane");
    assertRefused(
        setMode(SUPERVISOR, "mode-req-0005", "exit-1", "OPEN", "x"),
        "Unknown lane mode 'OPEN' (one of NORMAL, HELD_OPEN, CLOSED, FREE_EXIT)");
    assertRefused(setMode(SUPERVISOR, "mode-req-0006", "exit-1", "", "x"), "Unknown lane mode ''");
    assertRefused(
        setMode(SUPERVISOR, "mode-req-0007", "exit-1", "CLOSED", "   "),
        "Enter the reason for the lane mode");
    assertRefused(
        setMode(SUPERVISOR, "mode-req-0008", "exit-1", "CLOSED", "x".repeat(201)),
        "The reason is at most 200 characters");
    assertRefused(setMode(SUPERVISOR, "short", "exit-1", "CLOSED", "x"), "Invalid request id");
    assertEquals(List.of(), wire, "nothing reaches the controller");

    assertTrue(setMode(SUPERVISOR, "mode-req-0009", "exit-1", "CLOSED", "x".repeat(200)).ok());
  }

  @Test
  void aRetryResendsTheFirstCommandAndAnIdFromAnotherActionIsRefused() throws Exception {
    setMode(SUPERVISOR, "mode-req-0010", "exit-1", "CLOSED", "resurfacing");
    setMode(SUPERVISOR, "mode-req-0010", "exit-1", "FREE_EXIT", "changed my mind");
    assertEquals(2, wire.size());
    assertEquals(wire.get(0), wire.get(1), "the same command again, same request id");

    assertRefused(
        reset(SUPERVISOR, "mode-req-0010", "3F09A1C27E", "let out by hand"),
        "Request id already used for another action");
    assertEquals(2, wire.size());
  }

  @Test
  void anotherPersonNamingTheSameRequestIdDoesNotReplayTheFirstPersonsCommand() throws Exception {
    Session otherSupervisor = session("tok-S2", "supervisor2", Role.SUPERVISOR);
    setMode(SUPERVISOR, "mode-req-0011", "exit-1", "CLOSED", "resurfacing");
    CommandResult r = setMode(otherSupervisor, "mode-req-0011", "exit-1", "CLOSED", "again");
    assertFalse(r.ok());
    assertEquals(Refusal.REQUEST_ID_REUSED, r.refusal());
    assertEquals(1, wire.size(), "nothing sent in the first supervisor's session");
  }

  @Test
  void aSupervisorResetsACardInTheirOwnName() throws Exception {
    CommandResult r = reset(SUPERVISOR, "reset-req-0001", " 3F09A1C27E ", " let out by hand ");
    assertTrue(r.ok(), r.toString());
    assertEquals(1, wire.size());
    assertEquals("reset-passback", ApiJson.mapper().readTree(wire.get(0)).path("type").asText());
    assertEquals(
        new ConsoleCommand.ResetPassback(
            "reset-req-0001", "tok-S", "3F09A1C27E", "let out by hand"),
        ApiJson.read(wire.get(0)));
  }

  @Test
  void aBadResetSaysWhatIsWrongAndSendsNothing() throws Exception {
    assertRefused(
        reset(CASHIER, "reset-req-0002", "3F09A1C27E", "x"),
        "Only supervisors may reset a card's anti-passback");
    assertRefused(reset(SUPERVISOR, "reset-req-0003", "  ", "x"), "Enter the card number");
    assertRefused(
        reset(SUPERVISOR, "reset-req-0004", "3F09-A1C2", "x"),
        "A card number is 1-32 letters or digits, not '3F09-A1C2'");
    assertRefused(
        reset(SUPERVISOR, "reset-req-0005", "A".repeat(33), "x"),
        "A card number is 1-32 letters or digits");
    assertRefused(
        reset(SUPERVISOR, "reset-req-0006", "3F09A1C27E", ""), "Enter the reason for the reset");
    assertRefused(
        reset(SUPERVISOR, "reset-req-0007", "3F09A1C27E", "y".repeat(201)),
        "The reason is at most 200 characters");
    assertRefused(reset(SUPERVISOR, null, "3F09A1C27E", "x"), "Invalid request id");
    assertEquals(List.of(), wire, "nothing reaches the controller");
  }

  @Test
  void aCashierFindsAStayByTheTypedPlateSentAsTheControllerComparesIt() throws Exception {
    CommandResult r = find(CASHIER, "find-req-0001", "  粤b 123·45 ", "");
    assertTrue(r.ok(), r.toString());
    assertEquals(1, wire.size());
    JsonNode json = ApiJson.mapper().readTree(wire.get(0));
    assertEquals("find-stay", json.path("type").asText());
    assertEquals("find-req-0001", json.path("requestId").asText());
    assertEquals("粤B12345", json.path("plate").asText());
    assertTrue(json.path("card").isMissingNode() || json.path("card").isNull(), wire.get(0));
    assertEquals(
        new ConsoleCommand.FindStay("find-req-0001", "tok-C", "粤B12345", null),
        ApiJson.read(wire.get(0)));
  }

  @Test
  void aStayIsFoundByCardAndSupervisorsAndFinanceMayLookButNotAdmins() throws Exception {
    assertTrue(find(SUPERVISOR, "find-req-0002", "", " 3F09A1C27E ").ok());
    assertEquals(
        new ConsoleCommand.FindStay("find-req-0002", "tok-S", null, "3F09A1C27E"),
        ApiJson.read(wire.get(0)));
    assertTrue(find(FINANCE, "find-req-0003", "沪A12345", null).ok());
    assertEquals(2, wire.size());

    assertRefused(
        find(ADMIN, "find-req-0004", "沪A12345", null),
        "Only cashiers, supervisors and finance may find a vehicle");
    assertEquals(2, wire.size(), "an admin's search is not sent");
  }

  @Test
  void aBadSearchSaysWhatIsWrongAndSendsNothing() throws Exception {
    assertRefused(find(CASHIER, "find-req-0010", " ", null), "Enter a plate or a card number");
    assertRefused(
        find(CASHIER, "find-req-0011", "粤B12345", "3F09A1C27E"),
        "Give a plate or a card number, not both");
    assertRefused(
        find(CASHIER, "find-req-0012", " - · . ", ""),
        "The plate is empty: type its letters and digits");
    assertRefused(
        find(CASHIER, "find-req-0013", "粤B 1234#", ""),
        "A plate holds only letters, digits, spaces, '-', '·' or '.', not '粤B 1234#'");
    assertRefused(
        find(CASHIER, "find-req-0014", "粤B123456789012345", ""),
        "A plate is at most 16 letters and digits, not '粤B123456789012345'");
    assertRefused(
        find(CASHIER, "find-req-0015", "", "3F09-A1C2"),
        "A card number is 1-32 letters or digits, not '3F09-A1C2'");
    assertRefused(
        find(CASHIER, "find-req-0016", "", "A".repeat(33)),
        "A card number is 1-32 letters or digits");
    assertRefused(find(CASHIER, "short", "粤B12345", ""), "Invalid request id");
    assertEquals(List.of(), wire, "nothing reaches the controller");

    assertTrue(find(CASHIER, "find-req-0017", "粤B 12345678901234", "").ok(), "16 is the most");
    assertTrue(find(CASHIER, "find-req-0018", "", "A".repeat(32)).ok(), "32 is the most");
  }

  @Test
  void aRepeatedSearchResendsTheFirstAndAnIdFromAnotherActionIsRefused() throws Exception {
    find(CASHIER, "find-req-0020", "粤B12345", "");
    find(CASHIER, "find-req-0020", "沪A00001", "");
    assertEquals(2, wire.size());
    assertEquals(wire.get(0), wire.get(1), "the same search again, same request id");

    assertRefused(
        reset(SUPERVISOR, "find-req-0020", "3F09A1C27E", "let out by hand"),
        "Request id already used for another action");
    assertEquals(2, wire.size());
  }

  @Test
  void aCashierChargesALostCardAtAnExitInTheirOwnName() throws Exception {
    CommandResult r = lostCard(CASHIER, "lost-req-0001", " exit-1 ", 2);
    assertTrue(r.ok(), r.toString());
    assertEquals(1, wire.size());
    JsonNode json = ApiJson.mapper().readTree(wire.get(0));
    assertEquals("report-lost-card", json.path("type").asText());
    assertEquals("lost-req-0001", json.path("requestId").asText());
    assertEquals("exit-1", json.path("lane").asText());
    assertEquals(2, json.path("stayId").asLong());
    assertEquals("tok-C", json.path("session").asText(), "the session of the cashier signed in");
    assertNoNames(wire.get(0));
    assertEquals(
        new ConsoleCommand.ReportLostCard("lost-req-0001", "tok-C", "exit-1", 2, FORM.normal()),
        ApiJson.read(wire.get(0)));
  }

  @Test
  void supervisorsChargeALostCardButFinanceAndAdminsDoNot() throws Exception {
    assertTrue(lostCard(SUPERVISOR, "lost-req-0002", "exit-1", 7).ok());
    assertEquals(
        new ConsoleCommand.ReportLostCard("lost-req-0002", "tok-S", "exit-1", 7, FORM.normal()),
        ApiJson.read(wire.get(0)));
    for (Session who : List.of(FINANCE, ADMIN)) {
      assertRefused(
          lostCard(who, "lost-req-0003", "exit-1", 7),
          "Only cashiers and supervisors may charge a lost card");
    }
    assertEquals(1, wire.size(), "finance's and an admin's are not sent");
  }

  @Test
  void aBadLostCardReportSaysWhatIsWrongAndSendsNothing() throws Exception {
    assertRefused(
        lostCard(CASHIER, "lost-req-0010", "exit-9", 2),
        "Unknown lane 'exit-9' (exit lanes: exit-1)");
    assertRefused(
        lostCard(CASHIER, "lost-req-0011", "entry-1", 2),
        "'entry-1' is not an exit lane (exit lanes: exit-1)");
    assertRefused(
        lostCard(CASHIER, "lost-req-0012", " ", 2), "Choose the exit lane (exit lanes: exit-1)");
    assertRefused(lostCard(CASHIER, "lost-req-0013", null, 2), "Choose the exit lane");
    assertRefused(
        lostCard(CASHIER, "lost-req-0015", "exit-1", -2), "or 0 when nothing matched, not -2");
    org.parkgate.api.LostCardForm badId =
        new org.parkgate.api.LostCardForm(
            "张伟", "13800138000", "110105194912310021", "粤B12345", "car", "white", "lost");
    assertRefused(
        lostCards
            .reportLostCard(
                CASHIER, new LostCardDesk.LostCardRequest("lost-req-0014", "exit-1", 0, badId))
            .get(),
        "The ID number's check character is wrong");
    assertRefused(lostCard(CASHIER, "short", "exit-1", 2), "Invalid request id");
    assertRefused(lostCard(CASHIER, "lost req 0016", "exit-1", 2), "Invalid request id");
    assertEquals(List.of(), wire, "nothing reaches the controller");
  }

  @Test
  void aRepeatedLostCardReportResendsTheFirstAndAnIdFromAnotherActionIsRefused() throws Exception {
    lostCard(CASHIER, "lost-req-0020", "exit-1", 2);
    lostCard(CASHIER, "lost-req-0020", "exit-1", 3);
    assertEquals(2, wire.size());
    assertEquals(wire.get(0), wire.get(1), "the same report again, same request id");

    find(CASHIER, "find-req-0021", "粤B12345", "");
    assertRefused(
        lostCard(CASHIER, "find-req-0021", "exit-1", 2),
        "Request id already used for another action");
    assertEquals(3, wire.size());
  }

  static final org.parkgate.api.LostCardForm FORM =
      new org.parkgate.api.LostCardForm(
          "张伟", "138 0013 8000", "11010519491231002x", "粤B 12345", "car", "white", "lost");

  private CommandResult lostCard(Session who, String id, String lane, long stayId)
      throws Exception {
    return lostCards
        .reportLostCard(who, new LostCardDesk.LostCardRequest(id, lane, stayId, FORM))
        .get();
  }

  private CommandResult find(Session who, String id, String plate, String card) throws Exception {
    return lostCards.findStay(who, new LostCardDesk.FindStayRequest(id, plate, card)).get();
  }

  private CommandResult setMode(Session who, String id, String lane, String mode, String reason)
      throws Exception {
    return supervisor
        .setLaneMode(who, new SupervisorDesk.LaneModeRequest(id, lane, mode, reason))
        .get();
  }

  private CommandResult reset(Session who, String id, String card, String reason) throws Exception {
    return supervisor
        .resetPassback(who, new SupervisorDesk.PassbackResetRequest(id, card, reason))
        .get();
  }

  @Test
  void supervisorsAndFinanceDecideALostCardAndReadTheRegisterInTheirOwnNames() throws Exception {
    CommandResult approved =
        lostCards
            .decideLostCard(
                FINANCE, new LostCardDesk.LostCardDecision("lost-dec-0001", 3, true, "  "))
            .get();
    assertTrue(approved.ok(), approved.toString());
    assertEquals(
        new ConsoleCommand.DecideLostCard("lost-dec-0001", "tok-F", 3, true, null),
        ApiJson.read(wire.get(0)));
    assertNoNames(wire.get(0));
    assertTrue(
        lostCards
            .listLostCards(
                SUPERVISOR,
                "lost-list-0001",
                java.time.LocalDate.parse("2027-01-09"),
                java.time.LocalDate.parse("2027-01-10"))
            .get()
            .ok());
    assertEquals(
        new ConsoleCommand.ListLostCards(
            "lost-list-0001",
            "tok-S",
            java.time.LocalDate.parse("2027-01-09"),
            java.time.LocalDate.parse("2027-01-10")),
        ApiJson.read(wire.get(1)));
  }

  @Test
  void aBadLostCardDecisionOrRegisterRequestIsRefusedWithNothingSent() throws Exception {
    for (Session who : List.of(CASHIER, ADMIN)) {
      CommandResult r =
          lostCards
              .decideLostCard(
                  who, new LostCardDesk.LostCardDecision("lost-dec-0010", 3, true, null))
              .get();
      assertEquals(Refusal.FORBIDDEN, r.refusal(), r.toString());
      assertEquals(
          Refusal.FORBIDDEN,
          lostCards.listLostCards(who, "lost-list-0010", null, null).get().refusal());
    }
    assertRefused(
        lostCards
            .decideLostCard(
                SUPERVISOR, new LostCardDesk.LostCardDecision("lost-dec-0011", 3, false, " "))
            .get(),
        "Enter a note to refuse");
    assertRefused(
        lostCards
            .decideLostCard(
                SUPERVISOR, new LostCardDesk.LostCardDecision("lost-dec-0012", 0, true, null))
            .get(),
        "The lost card number is a positive whole number, not 0");
    assertRefused(
        lostCards
            .decideLostCard(
                SUPERVISOR, new LostCardDesk.LostCardDecision("lost-dec-0013", 3, null, null))
            .get(),
        "Choose approve or refuse");
    assertEquals(List.of(), wire, "nothing reaches the controller");
  }
}
