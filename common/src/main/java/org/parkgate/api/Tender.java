package org.parkgate.api;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a driver paid: cash (with change given), a bank card on the booth's card terminal, or a
 * mobile payment (a WeChat Pay or Alipay style QR code). Card and mobile payments carry the
 * reference the terminal or the payment app shows, so finance can match them to the acquirer's
 * statement; cash carries none.
 */
public enum Tender {
  CASH("cash", "现金", "Cash"),
  CARD("card", "银行卡", "Bank card"),
  MOBILE("mobile", "扫码支付", "Mobile (QR)");

  /** A card terminal's reference: its trace or retrieval reference number, 6-12 digits. */
  private static final Pattern CARD_REFERENCE = Pattern.compile("[0-9]{6,12}");

  /** A mobile payment's transaction number as the payment app shows it: 16-64 letters or digits. */
  private static final Pattern MOBILE_REFERENCE = Pattern.compile("[A-Za-z0-9]{16,64}");

  private final String code;
  private final String chinese;
  private final String english;

  Tender(String code, String chinese, String english) {
    this.code = code;
    this.chinese = chinese;
    this.english = english;
  }

  /** The word the ledger records ({@code payments.method}, {@code payment_tenders.tender}). */
  public String code() {
    return code;
  }

  public String chinese() {
    return chinese;
  }

  public String english() {
    return english;
  }

  /** The tender with this ledger word or enum name, ignoring case. */
  public static Optional<Tender> of(String word) {
    if (word == null) {
      return Optional.empty();
    }
    String w = word.trim().toLowerCase(Locale.ROOT);
    for (Tender t : values()) {
      if (t.code.equals(w) || t.name().toLowerCase(Locale.ROOT).equals(w)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** True for the tenders that put cash in the drawer. */
  public boolean isCash() {
    return this == CASH;
  }

  /**
   * What is wrong with {@code reference} for this tender, or empty when it is right: cash takes
   * none; a card payment needs the terminal's 6-12 digit reference; a mobile payment the app's
   * 16-64 letter or digit transaction number.
   */
  public Optional<String> referenceProblem(String reference) {
    String ref = reference == null ? "" : reference.trim();
    switch (this) {
      case CASH:
        return ref.isEmpty()
            ? Optional.empty()
            : Optional.of(
                Said.of(
                    "现金收款不需参考号，不是 '" + shortened(ref) + "'",
                    "a cash payment takes no reference, not '" + shortened(ref) + "'"));
      case CARD:
        if (ref.isEmpty()) {
          return Optional.of(
              Said.of(
                  "银行卡收款须填写刷卡终端的参考号",
                  "a bank card payment needs the card terminal's reference number"));
        }
        return CARD_REFERENCE.matcher(ref).matches()
            ? Optional.empty()
            : Optional.of(
                Said.of(
                    "刷卡终端参考号为 6-12 位数字，不是 '" + shortened(ref) + "'",
                    "a card terminal reference is 6-12 digits, not '" + shortened(ref) + "'"));
      default:
        if (ref.isEmpty()) {
          return Optional.of(
              Said.of(
                  "扫码支付须填写支付应用显示的交易单号",
                  "a mobile payment needs the transaction number the payment app shows"));
        }
        return MOBILE_REFERENCE.matcher(ref).matches()
            ? Optional.empty()
            : Optional.of(
                Said.of(
                    "扫码支付交易单号为 16-64 位字母或数字，不是 '" + shortened(ref) + "'",
                    "a mobile payment's transaction number is 16-64 letters or digits, not '"
                        + shortened(ref)
                        + "'"));
    }
  }

  private static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
