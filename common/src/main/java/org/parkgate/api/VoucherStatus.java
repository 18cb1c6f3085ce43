package org.parkgate.api;

/** What became of one voucher code of the register, as finance reads it on a given day. */
public enum VoucherStatus {
  /** Issued and not used; an exit accepts it within its dates. */
  UNUSED("未使用", "Unused"),
  /** Used once at an exit; no exit accepts it again. */
  USED("已使用", "Used"),
  /** Voided by finance before it was used (lost, stolen); no exit accepts it. */
  VOIDED("已作废", "Voided"),
  /** Not used, and its last valid day has passed. */
  EXPIRED("已过期", "Expired");

  private final String chinese;
  private final String english;

  VoucherStatus(String chinese, String english) {
    this.chinese = chinese;
    this.english = english;
  }

  public String chinese() {
    return chinese;
  }

  public String english() {
    return english;
  }
}
