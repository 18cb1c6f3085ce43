package org.parkgate.console.auth;

import java.time.Instant;

/** A signed-in browser. The id is the cookie value: random, never derived from the user. */
public record Session(String id, UserAccount user, Instant created, Instant lastSeen) {
  Session touched(Instant now) {
    return new Session(id, user, created, now);
  }
}
