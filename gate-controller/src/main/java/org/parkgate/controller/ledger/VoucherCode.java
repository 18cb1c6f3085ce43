package org.parkgate.controller.ledger;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.parkgate.api.Said;

/**
 * A voucher's code as printed on it: nine random characters and a check character from 31 that
 * cannot be mistaken for each other (no 0/O, no 1/I; 31, a prime, so the check catches every single
 * mistyped character and every swap of neighbours), shown in groups as {@code ABCD-EFGH-JK}. A code
 * is read back in any case, with or without dashes and spaces; a mistyped character or two swapped
 * neighbours fail the check, so a typo is named as one and never finds another voucher.
 */
public final class VoucherCode {
  static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXY";
  private static final int LENGTH = 10;
  private static final RandomGenerator RANDOM = new SecureRandom();

  private VoucherCode() {}

  /** A new random code, check character included, without dashes. */
  static String next() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH - 1; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.append(check(code)).toString();
  }

  /** As printed: {@code ABCD-EFGH-JK}. */
  public static String printed(String code) {
    return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
  }

  /**
   * The code typed or scanned, in its stored form (upper case, no dashes or spaces).
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String read(String typed) {
    if (typed == null || typed.isBlank()) {
      throw new IllegalArgumentException(Said.of("请填写优惠券码", "no voucher code was given"));
    }
    String code = typed.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    if (code.length() != LENGTH) {
      throw new IllegalArgumentException(
          Said.of(
              "优惠券码为 " + LENGTH + " 位，不是 " + code.length() + " 位：" + typed,
              "a voucher code has " + LENGTH + " characters, not " + code.length() + ": " + typed));
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        throw new IllegalArgumentException(
            Said.of(
                "优惠券码中没有 '" + code.charAt(i) + "'（无 0、1、I、O、Z）：" + typed.strip(),
                "'"
                    + code.charAt(i)
                    + "' is not in a voucher code (no 0, 1, I, O or Z): "
                    + typed.strip()));
      }
    }
    if (check(code.substring(0, LENGTH - 1)) != code.charAt(LENGTH - 1)) {
      throw new IllegalArgumentException(
          Said.of(
              "优惠券码 " + typed.strip() + " 输入有误（校验位不符）",
              "voucher code "
                  + typed.strip()
                  + " is mistyped (its check character does not match)"));
    }
    return code;
  }

  /**
   * Position-weighted sum modulo 31: a changed character changes it by a weight (1-9) times a
   * difference (1-30), never a multiple of 31; a swap of neighbours, by their difference.
   */
  private static char check(CharSequence body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum += (i + 1) * ALPHABET.indexOf(body.charAt(i));
    }
    return ALPHABET.charAt(sum % 31);
  }
}
