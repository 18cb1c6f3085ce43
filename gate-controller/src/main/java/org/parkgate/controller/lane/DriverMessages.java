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

  /** Entry, idle, when the site told the lane how many spaces are free. */
  static List<String> welcome(int free) {
    return List.of("欢迎光临 Welcome", "空位 " + free + " spaces free");
  }

  /** Entry when the site is full: casual parkers are not let in; season cards still are. */
  static List<String> fullSeasonCardsOnly() {
    return List.of("车位已满 Car park full", "仅限月卡 Season cards only");
  }

  static List<String> laneClosed() {
    return List.of("车道关闭 Lane closed", "请使用其他车道 Please use another lane");
  }

  static List<String> driveThrough() {
    return List.of("请通行 Please drive through", "");
  }

  static List<String> cardNotTaken() {
    return List.of("请取卡 Please take your card", "需要帮助请按键 Press for help");
  }

  static List<String> callForHelp() {
    return List.of("道闸故障 Barrier fault", "请按键求助 Please call for help");
  }

  static List<String> outOfService() {
    return List.of("暂停服务 Out of service", "请稍候 Please wait");
  }
}
