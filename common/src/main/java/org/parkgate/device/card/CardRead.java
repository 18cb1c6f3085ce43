package org.parkgate.device.card;

import java.util.regex.Pattern;

/** A card number as a reader sends it: 1-32 ASCII letters and digits. */
public record CardRead(String cardNumber) {
  private static final Pattern VALID = Pattern.compile("[0-9A-Za-z]{1,32}");

  public CardRead {
    if (cardNumber == null || !VALID.matcher(cardNumber).matches()) {
      throw new IllegalArgumentException(
          "card number must be 1-32 letters or digits, not '" + cardNumber + "'");
    }
  }

  /** Whether {@code text} is a card number this system accepts. */
  public static boolean isValid(String text) {
    return text != null && VALID.matcher(text).matches();
  }
}
