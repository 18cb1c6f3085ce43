package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parkgate.controller.command.Desk;

/** Voucher codes as a cashier types them: every slip of one key or two neighbours is caught. */
public class VoucherCodeTest {

  /** A valid code made of {@code body} (nine characters of the alphabet) and its check. */
  public static String valid(String body) {
    for (char c : VoucherCode.ALPHABET.toCharArray()) {
      try {
        return VoucherCode.read(body + c);
      } catch (IllegalArgumentException e) {
        // not this check character
      }
    }
    throw new AssertionError("no check character fits " + body);
  }

  @Test
  void aNewCodeReadsBackTypedInAnyCaseWithOrWithoutDashes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String code = VoucherCode.next();
      assertTrue(seen.add(code), "a code repeated in 1000: " + code);
      assertEquals(code, VoucherCode.read(code));
      assertEquals(code, VoucherCode.read(" " + VoucherCode.printed(code).toLowerCase() + " "));
    }
  }

  @Test
  void everyMistypedCharacterAndEverySwapOfNeighboursIsCaught() {
    for (int n = 0; n < 200; n++) {
      String code = VoucherCode.next();
      for (int at = 0; at < code.length(); at++) {
        for (char c : VoucherCode.ALPHABET.toCharArray()) {
          if (c == code.charAt(at)) {
            continue;
          }
          String typo = code.substring(0, at) + c + code.substring(at + 1);
          assertThrows(IllegalArgumentException.class, () -> VoucherCode.read(typo), typo);
        }
        if (at + 1 < code.length() && code.charAt(at) != code.charAt(at + 1)) {
          String swapped =
              code.substring(0, at)
                  + code.charAt(at + 1)
                  + code.charAt(at)
                  + code.substring(at + 2);
          assertThrows(IllegalArgumentException.class, () -> VoucherCode.read(swapped), swapped);
        }
      }
    }
  }

  @Test
  void whatIsWrongWithACodeIsSaid() {
    assertEquals("no voucher code was given", message(" "));
    assertEquals("a voucher code has 10 characters, not 4: AB-CD", message("AB-CD"));
    assertEquals(
        "'0' is not in a voucher code (no 0, 1, I, O or Z): 2345-6789-A0", message("2345-6789-A0"));
    String good = valid("23456789A");
    char wrong = good.charAt(9) == '2' ? '3' : '2';
    assertEquals(
        "voucher code 23456789A" + wrong + " is mistyped (its check character does not match)",
        message("23456789A" + wrong));
  }

  private static String message(String typed) {
    return Desk.english(
        assertThrows(IllegalArgumentException.class, () -> VoucherCode.read(typed)).getMessage());
  }
}
