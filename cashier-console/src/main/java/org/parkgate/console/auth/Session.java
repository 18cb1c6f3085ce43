package org.parkgate.console.auth;

import java.time.Duration;
import java.time.Instant;
import org.parkgate.api.Role;

/**
 * A signed-in browser. {@code id} is the cookie value: random, never derived from the user. The
 * rest is what the controller returned at login: the controller's session {@code token} that every
 * command of this person carries, who they are, and when the controller ends the session ({@code
 * idleUntil} without a command, {@code endsAt} in any case). {@code idle} is the controller's idle
 * time as it was at login, which the browser session keeps too.
 */
public record Session(
    String id,
    String token,
    String username,
    String displayName,
    Role role,
    Instant created,
    Instant lastSeen,
    Instant idleUntil,
    Instant endsAt,
    Duration idle) {

  Session touched(Instant now) {
    return new Session(
        id, token, username, displayName, role, created, now, idleUntil, endsAt, idle);
  }
}
