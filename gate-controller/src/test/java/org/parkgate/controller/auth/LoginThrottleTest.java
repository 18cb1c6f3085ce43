package org.parkgate.controller.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wrong passwords slow down where they come from; only many sources together lock an account. */
class LoginThrottleTest {
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");

  private final LoginThrottle throttle = new LoginThrottle();

  @Test
  void aThousandWrongPasswordsFromOneSourceDelayThatSourceOnlyAndNeverLock() {
    Instant at = T0;
    for (int i = 0; i < 1_000; i++) {
      assertFalse(throttle.failed("booth-1|10.0.0.66", "cashier1", at), "failure " + i);
      at = at.plusSeconds(1);
    }
    assertTrue(throttle.waitFor("booth-1|10.0.0.66", at).isPresent(), "the flooding source waits");
    assertEquals(
        Optional.empty(), throttle.waitFor("booth-2|10.0.0.7", at), "the cashier does not");
  }

  @Test
  void theFirstWrongPasswordsAreFreeThenEachWaitDoublesUpToFiveMinutes() {
    String source = "booth-1|10.0.0.7";
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      assertEquals(Optional.empty(), throttle.waitFor(source, T0));
      throttle.failed(source, "cashier1", T0);
    }
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitFor(source, T0));
    throttle.failed(source, "cashier1", T0);
    assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.waitFor(source, T0));
    for (int i = 0; i < 30; i++) {
      throttle.failed(source, "cashier1", T0);
    }
    assertEquals(Optional.of(LoginThrottle.MAX_WAIT), throttle.waitFor(source, T0));
    assertEquals(
        Optional.empty(),
        throttle.waitFor(source, T0.plus(LoginThrottle.MAX_WAIT)),
        "after its wait a source may try again");
  }

  @Test
  void failuresFromEnoughSourcesLockTheAccountAndALockStartsItsCountAfresh() {
    int sources = LoginThrottle.LOCK_AFTER / LoginThrottle.PER_SOURCE_TOWARDS_LOCK;
    boolean locked = false;
    for (int s = 0; s < sources; s++) {
      for (int i = 0; i < LoginThrottle.PER_SOURCE_TOWARDS_LOCK; i++) {
        assertFalse(locked, "locked before " + LoginThrottle.LOCK_AFTER + " failures");
        locked = throttle.failed("booth-1|10.0.1." + s, "cashier1", T0);
      }
    }
    assertTrue(locked, "locked at " + LoginThrottle.LOCK_AFTER + " from " + sources + " sources");
    throttle.reset("cashier1");
    assertFalse(throttle.failed("booth-1|10.0.9.9", "cashier1", T0), "counted afresh");
  }

  @Test
  void aRightPasswordClearsTheSourceAndTheAccount() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("booth-1|10.0.0.7", "cashier1", T0);
    }
    throttle.succeeded("booth-1|10.0.0.7", "cashier1");
    assertEquals(Optional.empty(), throttle.waitFor("booth-1|10.0.0.7", T0));
  }

  @Test
  void aSourceQuietForHalfAnHourStartsAfresh() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("booth-1|10.0.0.7", null, T0);
    }
    assertTrue(throttle.waitFor("booth-1|10.0.0.7", T0).isPresent());
    assertEquals(
        Optional.empty(),
        throttle.waitFor("booth-1|10.0.0.7", T0.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1)));
  }
}
