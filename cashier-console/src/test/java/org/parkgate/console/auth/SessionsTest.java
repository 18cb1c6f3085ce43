package org.parkgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final AuthenticatorTest.MutableClock clock = new AuthenticatorTest.MutableClock();
  private final Sessions sessions = new Sessions(clock);
  private final UserAccount cashier =
      new UserAccount("cashier1", null, Role.CASHIER, "pbkdf2-sha256$x", false);

  @Test
  void aSessionIsFoundByItsRandomIdOnly() {
    Session a = sessions.open(cashier);
    Session b = sessions.open(cashier);
    assertNotEquals(a.id(), b.id());
    assertTrue(a.id().length() >= 40, "256 random bits");
    assertEquals("cashier1", sessions.find(a.id()).orElseThrow().user().username());
    assertTrue(sessions.find("cashier1").isEmpty());
    assertTrue(sessions.find(null).isEmpty());
  }

  @Test
  void logoutEndsTheSessionAndTellsWhoeverListens() {
    List<String> ended = new ArrayList<>();
    sessions.onEnd(ended::add);
    Session s = sessions.open(cashier);
    sessions.end(s.id());
    assertTrue(sessions.find(s.id()).isEmpty());
    assertEquals(List.of(s.id()), ended);
  }

  @Test
  void anIdleSessionExpiresButAnActiveOneLasts() {
    Session active = sessions.open(cashier);
    Session idle = sessions.open(cashier);
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofHours(4));
      assertTrue(sessions.find(active.id()).isPresent());
    }
    assertTrue(sessions.find(idle.id()).isEmpty());
  }
}
