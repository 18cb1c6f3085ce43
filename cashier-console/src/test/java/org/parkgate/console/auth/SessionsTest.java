package org.parkgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.api.Answer;
import org.parkgate.api.Role;

class SessionsTest {
  private final MutableClock clock = new MutableClock();
  private final Sessions sessions = new Sessions(clock);
  private final List<String> ended = new ArrayList<>();

  SessionsTest() {
    sessions.onEnd((s, why) -> ended.add(s.username() + " " + why));
  }

  @Test
  void aSessionHoldsWhatTheControllerReturnedAndIsFoundByItsRandomIdOnly() {
    Session a = open("cashier1", "tok-a", Duration.ofMinutes(15), Duration.ofHours(8));
    Session b = open("cashier1", "tok-b", Duration.ofMinutes(15), Duration.ofHours(8));
    assertNotEquals(a.id(), b.id());
    assertTrue(a.id().length() >= 40, "256 random bits");
    Session found = sessions.find(a.id()).orElseThrow();
    assertEquals("tok-a", found.token());
    assertEquals("Cashier One", found.displayName());
    assertEquals(Role.CASHIER, found.role());
    assertEquals(clock.instant().plus(Duration.ofHours(8)), found.endsAt());
    assertTrue(sessions.find("cashier1").isEmpty());
    assertTrue(sessions.find("tok-a").isEmpty(), "the controller's token is not a cookie");
    assertTrue(sessions.find(null).isEmpty());
  }

  @Test
  void logoutEndsTheSessionAndTellsWhoeverListensOnce() {
    Session s = open("cashier1", "tok", Duration.ofMinutes(15), Duration.ofHours(8));
    sessions.end(s.id(), Sessions.Ending.LOGOUT);
    sessions.end(s.id(), Sessions.Ending.CONTROLLER);
    assertTrue(sessions.find(s.id()).isEmpty());
    assertEquals(List.of("cashier1 LOGOUT"), ended);
  }

  @Test
  void aSessionEndsAfterTheControllersIdleTimeButAnActiveOneLasts() {
    Session active = open("cashier1", "t1", Duration.ofMinutes(15), Duration.ofHours(8));
    Session idle = open("cashier2", "t2", Duration.ofMinutes(15), Duration.ofHours(8));
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertTrue(sessions.find(active.id()).isPresent(), "used every 10 minutes");
    }
    assertTrue(sessions.find(idle.id()).isEmpty());
    assertEquals(List.of("cashier2 EXPIRED"), ended);
  }

  @Test
  void aSessionEndsNoLaterThanTheControllersEndEvenWhenInUse() {
    Session s = open("cashier1", "t1", Duration.ofMinutes(15), Duration.ofMinutes(40));
    clock.advance(Duration.ofMinutes(10));
    assertTrue(sessions.find(s.id()).isPresent());
    clock.advance(Duration.ofMinutes(10));
    assertTrue(sessions.find(s.id()).isPresent());
    clock.advance(Duration.ofMinutes(10));
    assertTrue(sessions.find(s.id()).isPresent());
    clock.advance(Duration.ofMinutes(10));
    assertTrue(sessions.find(s.id()).isEmpty(), "the controller's endsAt has come");
  }

  @Test
  void aSessionHasItsOwnLifetimeWhateverTheControllerSays() {
    Session s = open("cashier1", "t1", Duration.ofDays(2), Duration.ofDays(30));
    for (int i = 0; i < 11; i++) {
      clock.advance(Duration.ofHours(1));
      assertTrue(sessions.find(s.id()).isPresent());
    }
    clock.advance(Duration.ofHours(1));
    assertTrue(sessions.find(s.id()).isEmpty(), Sessions.MAX_LIFETIME + " at most");
  }

  @Test
  void aNinthLoginOfOnePersonEndsTheirLeastRecentlyUsedSessionOnly() {
    Session other = open("supervisor1", "s", Duration.ofHours(1), Duration.ofHours(8));
    List<Session> mine = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      mine.add(open("cashier1", "t" + i, Duration.ofHours(1), Duration.ofHours(8)));
      clock.advance(Duration.ofSeconds(1));
    }
    sessions.find(mine.get(0).id()); // used again: now the second is the least recently used
    open("cashier1", "t8", Duration.ofHours(1), Duration.ofHours(8));

    assertEquals(List.of("cashier1 REPLACED"), ended);
    assertTrue(sessions.find(mine.get(1).id()).isEmpty());
    assertTrue(sessions.find(mine.get(0).id()).isPresent());
    assertTrue(sessions.find(other.id()).isPresent(), "nobody else's session ends");
    assertEquals(9, sessions.size());
  }

  @Test
  void aFullConsoleRefusesNewLoginsRatherThanEndingSomeoneElsesSession() {
    Sessions small = new Sessions(clock, 8, 3);
    List<String> smallEnded = new ArrayList<>();
    small.onEnd((s, why) -> smallEnded.add(s.username()));
    Session first =
        small.open(login("cashier1", "a", Duration.ofHours(1), Duration.ofHours(8))).orElseThrow();
    small.open(login("cashier2", "b", Duration.ofHours(1), Duration.ofHours(8))).orElseThrow();
    small.open(login("cashier3", "c", Duration.ofHours(1), Duration.ofHours(8))).orElseThrow();
    assertTrue(
        small.open(login("cashier4", "d", Duration.ofHours(1), Duration.ofHours(8))).isEmpty());
    assertEquals(List.of(), smallEnded);
    assertTrue(small.find(first.id()).isPresent());

    // Once a session is over, its place is free again.
    clock.advance(Duration.ofMinutes(30));
    small.find(first.id());
    clock.advance(Duration.ofMinutes(40));
    assertTrue(
        small.open(login("cashier4", "d", Duration.ofHours(1), Duration.ofHours(8))).isPresent());
    assertEquals(List.of("cashier2", "cashier3"), smallEnded.stream().sorted().toList());
    assertTrue(small.find(first.id()).isPresent());
  }

  private Session open(String user, String token, Duration idle, Duration life) {
    return sessions.open(login(user, token, idle, life)).orElseThrow();
  }

  private Answer.LoggedIn login(String user, String token, Duration idle, Duration life) {
    Instant now = clock.instant();
    return new Answer.LoggedIn(
        token,
        user,
        user.equals("cashier1") ? "Cashier One" : user,
        user.startsWith("supervisor") ? Role.SUPERVISOR : Role.CASHIER,
        now.plus(idle),
        now.plus(life),
        false);
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2027-01-09T01:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
