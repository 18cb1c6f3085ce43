package org.parkgate.console.booth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parkgate.site.LaneMode;

/**
 * The console's checks of what a booth page sends, before anything is sent on. Each check that can
 * fail returns why, in the booth's words and naming what the page sent, or empty when it passes.
 * The controller checks every command again; these answer early and say what to put right.
 */
final class RequestChecks {
  /** The longest reason the controller records for a supervisor's action; the page's maxlength. */
  static final int MAX_REASON = 200;

  /** The longest plate the cameras send and the controller looks up, in letters and digits. */
  static final int MAX_PLATE = 16;

  static final String INVALID_REQUEST_ID = "请求编号无效 · Invalid request id";

  /** What plates are compared without, as the controller compares them: spaces, '-', '·', '.'. */
  private static final Pattern PLATE_SEPARATORS = Pattern.compile("[\\s\\-·.]");

  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private static final Pattern CARD = Pattern.compile("[A-Za-z0-9]{1,32}");

  private static final String REASON_TOO_LONG =
      "原因最多 " + MAX_REASON + " 个字 · The reason is at most " + MAX_REASON + " characters";

  private RequestChecks() {}

  /** A request id the controller keeps results by: 8-64 letters, digits, '-' or '_'. */
  static boolean validRequestId(String id) {
    return id != null && REQUEST_ID.matcher(id).matches();
  }

  static String trimmed(String text) {
    return text == null ? "" : text.trim();
  }

  /** Echoes what the page sent, cut short: a refusal names it without repeating a whole frame. */
  static String quoted(String text) {
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
  }

  /** A trimmed reason: missing (asked for in {@code ask}) or longer than {@link #MAX_REASON}. */
  static Optional<String> reasonProblem(String reason, String ask) {
    if (reason.isEmpty()) {
      return Optional.of(ask);
    }
    if (reason.length() > MAX_REASON) {
      return Optional.of(REASON_TOO_LONG);
    }
    return Optional.empty();
  }

  /**
   * A decision's trimmed note: longer than {@link #MAX_REASON}, or missing on a refusal (asked for
   * in {@code askToRefuse}). {@code approve} is chosen already.
   */
  static Optional<String> decisionNoteProblem(boolean approve, String note, String askToRefuse) {
    if (note.length() > MAX_REASON) {
      return Optional.of(
          "备注最多 " + MAX_REASON + " 个字 · The note is at most " + MAX_REASON + " characters");
    }
    if (!approve && note.isEmpty()) {
      return Optional.of(askToRefuse);
    }
    return Optional.empty();
  }

  /** A trimmed, non-empty card number that is not 1-32 letters or digits. */
  static Optional<String> cardProblem(String card) {
    if (CARD.matcher(card).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "卡号应为 1-32 位字母或数字 · A card number is 1-32 letters or digits, not " + quoted(card));
  }

  /** A plate as the controller compares it: upper case, without spaces, '-', '·' or '.'. */
  static String normalPlate(String plate) {
    return PLATE_SEPARATORS.matcher(plate).replaceAll("").toUpperCase(Locale.ROOT);
  }

  /** A plate, as typed and as {@link #normalPlate} made it, that cannot be one. */
  static Optional<String> plateProblem(String plate, String normal) {
    if (normal.isEmpty()) {
      return Optional.of("车牌为空 · The plate is empty: type its letters and digits");
    }
    if (!normal.codePoints().allMatch(Character::isLetterOrDigit)) {
      return Optional.of(
          "车牌只能有字母、数字、空格、-、·、. · A plate holds only letters, digits, spaces, '-', '·'"
              + " or '.', not "
              + quoted(plate));
    }
    if (normal.codePointCount(0, normal.length()) > MAX_PLATE) {
      return Optional.of(
          "车牌最多 "
              + MAX_PLATE
              + " 位字母或数字 · A plate is at most "
              + MAX_PLATE
              + " letters and digits, not "
              + quoted(plate));
    }
    return Optional.empty();
  }

  /** A trimmed lane that is none of the site's, naming them. */
  static Optional<String> laneProblem(String lane, BrowserHub hub) {
    if (lane.isEmpty()) {
      return Optional.of("请选择车道 · Choose a lane");
    }
    if (!hub.hasLane(lane)) {
      return Optional.of(
          "没有此车道 · Unknown lane "
              + quoted(lane)
              + " (lanes: "
              + String.join(", ", hub.laneIds())
              + ")");
    }
    return Optional.empty();
  }

  /** A trimmed lane that is none of the site's exit lanes, naming them. */
  static Optional<String> exitLaneProblem(String lane, BrowserHub hub) {
    List<String> exits = hub.exitLaneIds();
    if (lane.isEmpty()) {
      return Optional.of(
          "请选择出场车道 · Choose the exit lane (exit lanes: " + String.join(", ", exits) + ")");
    }
    if (!hub.hasLane(lane)) {
      return Optional.of(
          "没有此车道 · Unknown lane "
              + quoted(lane)
              + " (exit lanes: "
              + String.join(", ", exits)
              + ")");
    }
    if (!exits.contains(lane)) {
      return Optional.of(
          "不是出场车道 · "
              + quoted(lane)
              + " is not an exit lane (exit lanes: "
              + String.join(", ", exits)
              + ")");
    }
    return Optional.empty();
  }

  /** A mode that is none of {@link LaneMode}'s, listing them. */
  static Optional<String> modeProblem(String name) {
    if (laneMode(name).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "车道模式无效 · Unknown lane mode "
            + quoted(trimmed(name))
            + " (one of NORMAL, HELD_OPEN, CLOSED, FREE_EXIT)");
  }

  /** The {@link LaneMode} a page named, in any case. */
  static Optional<LaneMode> laneMode(String name) {
    String wanted = trimmed(name).toUpperCase(Locale.ROOT);
    return Arrays.stream(LaneMode.values()).filter(m -> m.name().equals(wanted)).findFirst();
  }

  /** A trimmed voucher code that is missing or cannot be one: 1-64 letters, digits or '-'. */
  static Optional<String> voucherCodeProblem(String code) {
    if (code.isEmpty()) {
      return Optional.of("请输入或扫描优惠券码 · Type or scan the voucher code");
    }
    if (code.length() > 64
        || !code.chars()
            .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == ' '))) {
      return Optional.of(
          "优惠券码应为 1-64 位字母、数字、空格或 - · A voucher code is 1-64 letters, digits, spaces or '-', not "
              + RequestChecks.quoted(code));
    }
    return Optional.empty();
  }
}
