package org.parkgate.console.auth;

import java.util.Locale;
import java.util.Optional;

/** What a signed-in person may do at the console. */
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

  /** Collecting a fee is booth work; finance and admins only watch. */
  public boolean takesCash() {
    return this == CASHIER || this == SUPERVISOR;
  }

  /** Reversing a recorded payment is a supervisor's decision alone. */
  public boolean reversesPayments() {
    return this == SUPERVISOR;
  }

  /**
   * Setting a lane's mode (closing it, holding its barrier open, letting cars out free) and
   * clearing a card's anti-passback state change who may pass: a supervisor's decision alone.
   */
  public boolean controlsLanes() {
    return this == SUPERVISOR;
  }

  /**
   * Finding a vehicle's open stay by plate or card (a driver who lost the card) reads and changes
   * nothing: the people who take cash need it, and finance looks stays up when a lost-card fee is
   * queried. Admins manage accounts, not vehicles, and are not shown whose car is inside.
   */
  public boolean findsStays() {
    return this == CASHIER || this == SUPERVISOR || this == FINANCE;
  }

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
