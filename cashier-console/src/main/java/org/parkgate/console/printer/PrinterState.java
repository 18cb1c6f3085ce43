package org.parkgate.console.printer;

/** The booth printer's state as the booth shows it; every one but READY and NONE is an alarm. */
public enum PrinterState {
  NONE("未配置打印机", "No receipt printer configured", false),
  CONNECTING("正在连接打印机", "Connecting to the printer", true),
  READY("打印机就绪", "Printer ready", false),
  OFFLINE("打印机离线", "Printer offline", true),
  PAPER_OUT("打印机缺纸", "Printer out of paper", true),
  COVER_OPEN("打印机盖未关", "Printer cover open", true),
  DRAWER_OPEN("钱箱未关", "Cash drawer open", true);

  private final String chinese;
  private final String english;
  private final boolean alarm;

  PrinterState(String chinese, String english, boolean alarm) {
    this.chinese = chinese;
    this.english = english;
    this.alarm = alarm;
  }

  public String text() {
    return chinese + " · " + english;
  }

  public boolean alarm() {
    return alarm;
  }
}
