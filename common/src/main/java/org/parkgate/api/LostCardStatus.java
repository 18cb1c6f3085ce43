package org.parkgate.api;

/** Where a registered lost card stands on its way to the barrier. */
public enum LostCardStatus {
  /** The site needs no approval: the fee was asked at the lane when registered. */
  NO_APPROVAL_NEEDED("无需批准", "No approval needed"),
  /** Waiting for a supervisor or finance; nothing is asked at the lane yet. */
  AWAITING_APPROVAL("待批准", "Awaiting approval"),
  /** Approved: the fee is asked at the lane, and the barrier lifts once it is paid. */
  APPROVED("已批准", "Approved"),
  /** Refused: nothing is asked at the lane; the cashier may register the loss again. */
  REFUSED("已拒绝", "Refused");

  private final String chinese;
  private final String english;

  LostCardStatus(String chinese, String english) {
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
