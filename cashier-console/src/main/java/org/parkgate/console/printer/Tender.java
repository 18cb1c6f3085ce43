package org.parkgate.console.printer;

import java.util.Optional;

/** How a payment was made, in the booth's words; only cash opens the drawer. */
public enum Tender {
  CASH("cash", "现金", "Cash"),
  CARD("card", "银行卡", "Card"),
  MOBILE("mobile", "移动支付", "Mobile");

  private final String code;
  private final String chinese;
  private final String english;

  Tender(String code, String chinese, String english) {
    this.code = code;
    this.chinese = chinese;
    this.english = english;
  }

  public String label() {
    return chinese + " " + english;
  }

  /** The tender of a ledger payment's {@code method} ("cash", ...). */
  public static Optional<Tender> of(String method) {
    for (Tender t : values()) {
      if (t.code.equalsIgnoreCase(method)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
