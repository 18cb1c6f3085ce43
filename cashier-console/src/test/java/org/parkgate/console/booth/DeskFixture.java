package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.Role;
import org.parkgate.api.ShiftSheet;
import org.parkgate.console.TestConsole;
import org.parkgate.console.auth.Session;
import org.parkgate.console.printer.ReceiptOutput;
import org.parkgate.console.printer.ReceiptPrint;

/**
 * The booth's desks on the demo site with a fake controller: every command it receives is kept as
 * the console API's JSON text in {@link #wire}, and answered ok, or with {@link #answer} when set;
 * shift reports sent to print are kept in {@link #printed}.
 */
final class DeskFixture {
  static final String SITE_NAME = "Demo Car Park";
  static final Session SUPERVISOR = session("tok-S", "supervisor1", Role.SUPERVISOR);
  static final Session CASHIER = session("tok-C", "cashier1", Role.CASHIER);
  static final Session FINANCE = session("tok-F", "finance1", Role.FINANCE);
  static final Session ADMIN = session("tok-A", "admin1", Role.ADMIN);

  /** Every command as the controller would receive it: the console API's JSON text. */
  final List<String> wire = new ArrayList<>();

  /** Each shift report printed, as "site #shiftNo copy n". */
  final List<String> printed = new ArrayList<>();

  final BrowserHub hub = new BrowserHub(new BoothState(TestConsole.demoSite()));

  /** What the controller answers next; null: ok with no answer. */
  CommandResult answer;

  final BoothDesks desks =
      new BoothDesks(
          hub,
          command -> {
            wire.add(ApiJson.write(command));
            return CompletableFuture.completedFuture(
                answer == null ? CommandResult.ok(command.requestId(), null) : answer);
          },
          SITE_NAME,
          new ReceiptOutput() {
            @Override
            public void receipt(ReceiptPrint receipt) {}

            @Override
            public void kickDrawer(long openingNo) {}

            @Override
            public void shiftReport(String siteName, ShiftSheet sheet, int copyNo) {
              printed.add(siteName + " #" + sheet.shiftNo() + " copy " + copyNo);
            }
          });

  static Session session(String token, String username, Role role) {
    Instant now = Instant.parse("2027-01-09T01:00:00Z");
    return new Session(
        "cookie-" + username,
        token,
        username,
        username,
        role,
        now,
        now,
        now.plusSeconds(900),
        now.plusSeconds(8 * 3600),
        Duration.ofMinutes(15));
  }

  /** The command carries the session, and no person's name: the controller takes it from there. */
  static void assertNoNames(String json) {
    for (String name : List.of("supervisor1", "cashier1", "finance1", "admin1")) {
      assertFalse(json.contains(name), json);
    }
  }

  static void assertRefused(CommandResult r, String why) {
    assertFalse(r.ok(), "refused: " + r);
    assertTrue(r.error().contains(why), "'" + r.error() + "' should say: " + why);
  }
}
