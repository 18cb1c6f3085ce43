package org.parkgate.api;

/** The person confirming a command at another's console; the password is never printed. */
public record Approver(String username, String password) {
  @Override
  public String toString() {
    return "Approver[username=" + username + "]";
  }
}
