package org.parkgate.controller.ledger;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A receipt's verification code: the ledger link that chained its payment, then eight characters
 * drawn from that link's hash, as {@code 1234-ABCD-EFGH}. The characters are those of voucher codes
 * (no 0/O, no 1/I), so the code can be typed from paper. Anyone holding the receipt can ask the
 * ledger whether link 1234 still has that hash ({@code ./parking verify-receipt}): a payment
 * deleted, edited or chained again after a rewrite no longer matches.
 */
public final class ReceiptCode {
  private static final String ALPHABET = VoucherCode.ALPHABET;
  private static final int CHARS = 8;
  private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
  private static final Pattern TYPED =
      Pattern.compile("(\\d{1,18})-?([" + ALPHABET + "]{4})-?([" + ALPHABET + "]{4})");

  /** A code read back: the link it names and the eight characters of that link's hash. */
  public record Parsed(long link, String check) {
    /** As printed. */
    public String printed() {
      return link + "-" + check.substring(0, 4) + "-" + check.substring(4);
    }
  }

  private ReceiptCode() {}

  /** The code printed for the payment chained at {@code link} with hash {@code hashHex}. */
  public static String of(long link, String hashHex) {
    return new Parsed(link, check(hashHex)).printed();
  }

  /**
   * The eight characters a link's hash gives: its first eight bytes in base 31, last eight digits.
   */
  static String check(String hashHex) {
    byte[] hash = HexFormat.of().parseHex(hashHex);
    BigInteger n = new BigInteger(1, java.util.Arrays.copyOf(hash, 8));
    char[] out = new char[CHARS];
    for (int i = CHARS - 1; i >= 0; i--) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      out[i] = ALPHABET.charAt(qr[1].intValue());
      n = qr[0];
    }
    return new String(out);
  }

  /**
   * A code as typed or scanned: any case, spaces and dashes optional between the groups.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static Parsed read(String typed) {
    if (typed == null || typed.isBlank()) {
      throw new IllegalArgumentException("no verification code given");
    }
    String code = typed.strip().replace(" ", "").toUpperCase(Locale.ROOT);
    Matcher m = TYPED.matcher(code);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + typed.strip()
              + "' is not a receipt's verification code: the ledger link's number, then eight"
              + " characters as 1234-ABCD-EFGH");
    }
    long link = Long.parseLong(m.group(1));
    if (link <= 0) {
      throw new IllegalArgumentException("a verification code's link number starts at 1");
    }
    return new Parsed(link, m.group(2) + m.group(3));
  }
}
