package org.parkgate.controller.auth;

import java.time.Instant;
import org.parkgate.api.Role;

/**
 * A person logged in through a console. {@code accountVersion} is the account's version at login:
 * any later change of the account (password, role, disabled) ends the session.
 */
public record Session(
    String token,
    String username,
    String displayName,
    Role role,
    long accountVersion,
    String consoleId,
    Instant started,
    Instant lastUsed) {

  Session usedAt(Instant now) {
    return new Session(token, username, displayName, role, accountVersion, consoleId, started, now);
  }
}
