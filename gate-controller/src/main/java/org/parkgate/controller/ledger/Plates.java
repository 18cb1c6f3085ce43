package org.parkgate.controller.ledger;

import java.util.Locale;

/**
 * Licence plates compared as a camera and a clerk might write them: case, spaces and dots aside.
 */
public final class Plates {
  private Plates() {}

  /** Upper case without spaces, '-', '·' or '.'; null stays null. */
  public static String normal(String plate) {
    return plate == null ? null : plate.replaceAll("[\\s\\-·.]", "").toUpperCase(Locale.ROOT);
  }
}
