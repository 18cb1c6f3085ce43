package org.parkgate.report;

/** A filter a report request may carry; each {@link ReportKind} says which apply to it. */
public enum Filter {
  LANE("--lane", "车道", "lane"),
  CASHIER("--cashier", "收费员", "cashier"),
  TENDER("--tender", "支付方式", "tender"),
  CLASS("--class", "车型", "vehicle class");

  private final String option;
  private final String zh;
  private final String en;

  Filter(String option, String zh, String en) {
    this.option = option;
    this.zh = zh;
    this.en = en;
  }

  /** The command-line option that sets it. */
  public String option() {
    return option;
  }

  public String zh() {
    return zh;
  }

  public String en() {
    return en;
  }
}
