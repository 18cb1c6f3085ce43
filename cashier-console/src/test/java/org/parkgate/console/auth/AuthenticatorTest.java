package org.parkgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final PasswordHasher HASHER = new PasswordHasher();
  private static final UserStore USERS =
      UserStore.of(
          List.of(
              new UserAccount(
                  "cashier1", "Cashier One", Role.CASHIER, HASHER.hash("right-password"), false)));

  private final MutableClock clock = new MutableClock();
  private final Authenticator auth = new Authenticator(USERS, HASHER, clock);

  @Test
  void theRightPasswordSignsIn() {
    Authenticator.Result r = auth.authenticate("cashier1", "right-password");
    assertEquals("cashier1", r.account().orElseThrow().username());
    assertEquals(Role.CASHIER, r.account().get().role());
  }

  @Test
  void aWrongPasswordOrUnknownUserIsRefusedWithTheSameWords() {
    Authenticator.Result wrong = auth.authenticate("cashier1", "wrong");
    Authenticator.Result unknown = auth.authenticate("nobody", "right-password");
    assertTrue(wrong.account().isEmpty());
    assertTrue(unknown.account().isEmpty());
    // The same message, so the page does not reveal which user names exist.
    assertEquals(wrong.error(), unknown.error());
    assertTrue(wrong.error().contains("Wrong user name or password"), wrong.error());
  }

  @Test
  void emptyFieldsAreRefusedWithoutAPasswordCheck() {
    assertTrue(auth.authenticate("", "x").error().contains("Enter a user name"));
    assertTrue(auth.authenticate("cashier1", "").error().contains("Enter a user name"));
    assertTrue(auth.authenticate(null, null).account().isEmpty());
  }

  @Test
  void fiveWrongPasswordsLockTheAccountForAMinute() {
    for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
      auth.authenticate("cashier1", "guess-" + i);
    }
    Authenticator.Result locked = auth.authenticate("cashier1", "right-password");
    assertTrue(locked.account().isEmpty(), "even the right password waits out the lockout");
    assertTrue(locked.error().contains("Too many attempts"), locked.error());
    clock.advance(Authenticator.LOCKOUT.plusSeconds(1));
    assertTrue(auth.authenticate("cashier1", "right-password").account().isPresent());
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2027-01-09T08:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
