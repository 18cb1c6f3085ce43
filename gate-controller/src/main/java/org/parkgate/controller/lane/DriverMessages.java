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

  /** A card refused: what the driver should do, never the reason kept for the cashier. */
  static List<String> refused(DriverNotice notice) {
    String seeCashier = "请联系收费员 Please see the cashier";
    return switch (notice == null ? DriverNotice.SEE_CASHIER : notice) {
      case SEE_CASHIER -> List.of(seeCashier, "");
      case CARD_NOT_ACCEPTED -> List.of(seeCashier, "此卡不能使用 This card cannot be used");
      case SEASON_NOT_VALID -> List.of(seeCashier, "月卡无效 Season card not valid");
      case PLATE_NOT_ON_CARD -> List.of(seeCashier, "车牌与月卡不符 Plate not on this card");
      case ALREADY_INSIDE -> List.of(seeCashier, "此卡已在场内 Card already inside");
      case NO_ENTRY -> List.of(seeCashier, "无入场记录 No entry on this card");
      case FULL -> fullSeasonCardsOnly();
      case LANE_CLOSED -> laneClosed();
    };
  }

  /** Exit in free-exit mode: nothing to pay, the card still closes the stay. */
  static List<String> freeExit() {
    return List.of("免费放行 Free exit", "请插卡出场 Insert your card to leave");
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
