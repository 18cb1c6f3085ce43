package org.parkgate.api;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person's account lets them do. The controller decides what each role may do with every
 * command; the console and the page use the role only to show the right keys.
 *
 * <ul>
 *   <li>{@code CASHIER}: takes payments, reports lost cards, asks for free passes;
 *   <li>{@code SUPERVISOR}: approves, reverses, sets lane modes, resets cards, lifts login locks;
 *   <li>{@code FINANCE}: reads and reports, keeps the voucher register (issues and voids);
 *   <li>{@code ADMIN}: manages users and consoles.
 * </ul>
 */
public enum Role {
  CASHIER("收费员", "Cashier"),
  SUPERVISOR("主管", "Supervisor"),
  FINANCE("财务", "Finance"),
  ADMIN("管理员", "Admin");

  private final String chinese;
  private final String english;

  Role(String chinese, String english) {
    this.chinese = chinese;
    this.english = english;
  }

  public String chinese() {
    return chinese;
  }

  public String english() {
    return english;
  }

  /** The role named by {@code text}, in any case; empty for anything else. */
  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
