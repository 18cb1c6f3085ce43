package org.parkgate.controller.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.api.Role;
import org.parkgate.controller.ledger.Accounts;

/** How long a session lives and how many one person may hold, with the time given by hand. */
class SessionTableTest {
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  static final org.parkgate.site.SiteConfig.Sessions RULES =
      new org.parkgate.site.SiteConfig.Sessions(Duration.ofHours(4), Duration.ofHours(16), 8);

  private final SessionTable table = new SessionTable(RULES);

  private static Accounts.Account account(String username) {
    return new Accounts.Account(
        username, username, Role.CASHIER, "hash", false, true, false, 1, "test", T0);
  }

  private boolean live(String token, Instant at) {
    return table.use(token, at).isPresent();
  }

  @Test
  void aSessionEndsAfterTheIdleTimeWithoutACommand() {
    String token = table.open(account("cashier1"), "booth-1", T0).token();
    Instant used = T0.plus(Duration.ofHours(3));
    assertTrue(live(token, used));
    assertTrue(live(token, used.plus(RULES.idle()).minusSeconds(1)), "used: idle counts anew");
    assertTrue(
        !live(token, used.plus(RULES.idle()).minusSeconds(1).plus(RULES.idle())),
        "four hours without a command");
    assertTrue(!live(token, T0), "ended for good, whatever the time asked");
  }

  @Test
  void aSessionEndsAtItsLifetimeHoweverBusy() {
    String token = table.open(account("cashier1"), "booth-1", T0).token();
    Instant at = T0;
    while (at.isBefore(T0.plus(RULES.lifetime()).minus(Duration.ofHours(1)))) {
      at = at.plus(Duration.ofHours(1));
      assertTrue(live(token, at), "busy at " + at);
    }
    assertTrue(!live(token, T0.plus(RULES.lifetime())), "sixteen hours after login");
  }

  @Test
  void theNinthLoginOfOnePersonEndsThatPersonsLeastRecentlyUsedSessionOnly() {
    String other = table.open(account("cashier2"), "booth-2", T0).token();
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < RULES.perUser(); i++) {
      mine.add(table.open(account("cashier1"), "booth-" + i, T0.plusSeconds(i)).token());
    }
    // Each used later, but the third: it is the one least recently used.
    for (int i = 0; i < mine.size(); i++) {
      if (i != 2) {
        assertTrue(live(mine.get(i), T0.plusSeconds(100 + i)));
      }
    }
    String ninth = table.open(account("cashier1"), "booth-9", T0.plusSeconds(200)).token();
    Instant now = T0.plusSeconds(300);
    assertTrue(!live(mine.get(2), now), "the least recently used one ended");
    for (int i = 0; i < mine.size(); i++) {
      if (i != 2) {
        assertTrue(live(mine.get(i), now), "session " + i + " still live");
      }
    }
    assertTrue(live(ninth, now));
    assertTrue(live(other, now), "another person's session is never ended for it");
    assertEquals(RULES.perUser(), table.of("cashier1").size());
  }

  @Test
  void threeHundredLoginsOfOtherPeopleDoNotEndALiveSession() {
    String mine = table.open(account("cashier1"), "booth-1", T0).token();
    for (int i = 0; i < 300; i++) {
      table.open(account("user" + i), "booth-2", T0.plusSeconds(i));
    }
    assertTrue(live(mine, T0.plusSeconds(301)));
    assertEquals(301, table.size());
  }

  @Test
  void tokensAreLongRandomAndUnknownOnesAreNoSession() {
    String a = table.open(account("cashier1"), "booth-1", T0).token();
    String b = table.open(account("cashier1"), "booth-1", T0).token();
    assertNotEquals(a, b);
    assertTrue(a.length() >= 43, a);
    assertTrue(!live("not-a-token", T0));
    assertTrue(!live(null, T0));
  }

  @Test
  void endingAllOfAPersonsSessionsLeavesOthersAlone() {
    String a = table.open(account("cashier1"), "booth-1", T0).token();
    String b = table.open(account("cashier1"), "booth-2", T0).token();
    String c = table.open(account("cashier2"), "booth-1", T0).token();
    assertEquals(2, table.endAll("cashier1"));
    assertTrue(!live(a, T0) && !live(b, T0));
    assertTrue(live(c, T0));
  }
}
