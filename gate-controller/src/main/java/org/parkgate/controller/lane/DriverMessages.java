package org.parkgate.controller.lane;

import java.util.List;
import org.parkgate.money.Money;

/** What the lane display tells the driver, in Chinese and English (see GLOSSARY). */
final class DriverMessages {
  private DriverMessages() {}

  static List<String> welcome() {
    return List.of("欢迎光临 Welcome", "");
  }

  static List<String> takeCard() {
    return List.of("请取卡 Please take your card", "");
  }

  static List<String> driveIn() {
    return List.of("请入场 Please drive in", "");
  }

  static List<String> insertCard() {
    return List.of("请插卡 Please insert your card", "");
  }

  static List<String> feeDue(Money due) {
    return List.of(
        "停车费 Fee " + due.toDecimalString() + " " + due.currency().getCurrencyCode(),
        "请到收费亭缴费 Please pay at the booth");
  }

  static List<String> thankYou() {
    return List.of("谢谢 Thank you", "一路平安 Drive safely");
  }

  static List<String> refused(String reason) {
    return List.of("请联系收费员 Please see the cashier", reason);
  }
}
