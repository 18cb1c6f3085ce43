package org.parkgate.controller.ledger;

import java.util.Locale;
import org.parkgate.api.Said;

/**
 * Licence plates compared as a camera and a clerk might write them: case, spaces and dots aside.
 */
public final class Plates {
  /** The longest plate a camera sends (docs/protocols.md), in characters. */
  public static final int MAX_CHARS = 16;

  private Plates() {}

  /** Upper case without spaces, '-', '·' or '.'; null stays null. */
  public static String normal(String plate) {
    return plate == null ? null : plate.replaceAll("[\\s\\-·.]", "").toUpperCase(Locale.ROOT);
  }

  /**
   * Why a plate typed by a person cannot be looked up, or null if it can: once {@link #normal} has
   * taken out the separators it must be 1-16 letters (any script) or digits.
   */
  public static String problem(String plate) {
    String p = normal(plate);
    if (p == null || p.isEmpty()) {
      return Said.of("车牌为空：请输入车牌的字母和数字", "plate is empty: type the plate's letters and digits");
    }
    if (p.codePointCount(0, p.length()) > MAX_CHARS) {
      return Said.of(
          "车牌 '" + plate.strip() + "' 超过 " + MAX_CHARS + " 个字母和数字",
          "plate '" + plate.strip() + "' is longer than " + MAX_CHARS + " letters and digits");
    }
    if (!p.codePoints().allMatch(Character::isLetterOrDigit)) {
      return Said.of(
          "车牌 '" + plate.strip() + "' 含有字母、数字、空格、'-'、'·'、'.' 以外的字符",
          "plate '"
              + plate.strip()
              + "' holds a character that is not a letter, digit, space, '-', '·' or '.'");
    }
    return null;
  }
}
