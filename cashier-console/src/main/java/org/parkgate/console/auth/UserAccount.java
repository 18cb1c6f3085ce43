package org.parkgate.console.auth;

import java.util.Objects;

/**
 * One person who may sign in. {@code demo} marks an account still on its published demo password,
 * which the console prints on start as a reminder to change it.
 */
public record UserAccount(
    String username, String displayName, Role role, String passwordHash, boolean demo) {
  public UserAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    displayName = displayName == null || displayName.isBlank() ? username : displayName;
  }
}
