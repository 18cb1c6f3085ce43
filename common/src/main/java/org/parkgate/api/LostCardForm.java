package org.parkgate.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The lost-card registration form (停车卡遗失登记表) the cashier fills in with the driver: who the driver
 * is, the vehicle as the driver describes it, and how the card was lost. The controller checks it
 * with {@link #problem()} whatever the page checked; the page only presents.
 *
 * @param idNumber the driver's mainland resident ID number (居民身份证号码), 18 characters
 */
public record LostCardForm(
    String driverName,
    String phone,
    String idNumber,
    String plate,
    String vehicleClass,
    String colour,
    String circumstances) {
  public static final int MAX_NAME = 40;
  public static final int MAX_SHORT = 20;
  public static final int MAX_CIRCUMSTANCES = 200;

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECKS = "10X98765432";

  /**
   * The form as kept: every field stripped, the ID number's check letter and the plate in upper
   * case.
   */
  public LostCardForm normal() {
    return new LostCardForm(
        strip(driverName),
        phoneDigits(phone),
        strip(idNumber).toUpperCase(Locale.ROOT),
        plateText(plate),
        strip(vehicleClass),
        strip(colour),
        strip(circumstances));
  }

  /**
   * The first thing wrong with the form, in Chinese and English, naming the field; empty when it
   * may be registered.
   */
  public Optional<String> problem() {
    LostCardForm f = normal();
    return firstOf(
        required(f.driverName, MAX_NAME, "驾驶人姓名", "the driver's name"),
        phoneProblem(f.phone),
        idProblem(f.idNumber),
        plateProblem(f.plate),
        required(f.vehicleClass, MAX_SHORT, "车型", "the vehicle class"),
        required(f.colour, MAX_SHORT, "车身颜色", "the vehicle colour"),
        required(f.circumstances, MAX_CIRCUMSTANCES, "遗失经过", "how the card was lost"));
  }

  /** Whether {@code id} is an 18-character mainland resident ID with a right check character. */
  public static boolean validResidentId(String id) {
    return id != null && idProblem(id.strip().toUpperCase(Locale.ROOT)).isEmpty();
  }

  @SafeVarargs
  private static Optional<String> firstOf(Optional<String>... checks) {
    for (Optional<String> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> required(String value, int max, String zh, String en) {
    if (value.isEmpty()) {
      return Optional.of("请填写" + zh + " · Enter " + en);
    }
    if (value.length() > max) {
      return Optional.of(
          zh + "最多 " + max + " 个字 · " + cap(en) + " is at most " + max + " characters");
    }
    return Optional.empty();
  }

  private static Optional<String> phoneProblem(String digits) {
    if (digits.isEmpty()) {
      return Optional.of("请填写联系电话 · Enter the driver's phone number");
    }
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || digits.length() < 7
        || digits.length() > 15) {
      return Optional.of(
          "联系电话应为 7-15 位数字 · The phone number is 7-15 digits (spaces and '-' allowed)");
    }
    return Optional.empty();
  }

  private static Optional<String> idProblem(String id) {
    if (id.isEmpty()) {
      return Optional.of("请填写身份证号码 · Enter the driver's ID number");
    }
    if (id.length() != 18) {
      return Optional.of(
          "身份证号码应为 18 位，现为 "
              + id.length()
              + " 位 · The ID number has 18 characters, not "
              + id.length());
    }
    for (int i = 0; i < 17; i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return Optional.of("身份证号码前 17 位应为数字 · The ID number's first 17 characters are digits");
      }
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    char expected = ID_CHECKS.charAt(sum % 11);
    if (id.charAt(17) != expected) {
      return Optional.of("身份证号码校验位不符 · The ID number's check character is wrong: check each digit");
    }
    return Optional.empty();
  }

  private static Optional<String> plateProblem(String plate) {
    if (plate.isEmpty()) {
      return Optional.of("请填写车牌 · Enter the plate");
    }
    if (plate.length() < 2 || plate.length() > 16) {
      return Optional.of("车牌应为 2-16 个字 · The plate has 2-16 letters and digits");
    }
    if (!plate.codePoints().allMatch(Character::isLetterOrDigit)) {
      return Optional.of(
          "车牌只能有字母、数字和汉字 · The plate has only letters, digits and Chinese characters");
    }
    return Optional.empty();
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }

  private static String phoneDigits(String s) {
    return strip(s).replace(" ", "").replace("-", "");
  }

  /** As plates are compared: upper case, without spaces, '-', '·' or '.'. */
  private static String plateText(String s) {
    return strip(s)
        .replace(" ", "")
        .replace("-", "")
        .replace("·", "")
        .replace(".", "")
        .toUpperCase(Locale.ROOT);
  }

  private static String cap(String en) {
    return Character.toUpperCase(en.charAt(0)) + en.substring(1);
  }
}
