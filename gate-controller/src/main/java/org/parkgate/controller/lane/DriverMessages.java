package org.parkgate.controller.lane;

import java.util.List;
import org.parkgate.money.Money;

/** What the lane display tells the driver, in Chinese and English (see GLOSSARY). */
final class DriverMessages {
  private DriverMessages() {}

  static List<DisplayText> welcome() {
    return List.of(DisplayText.of("欢迎光临", "Welcome"), DisplayText.EMPTY);
  }

  static List<DisplayText> takeCard() {
    return List.of(DisplayText.of("请取卡", "Please take your card"), DisplayText.EMPTY);
  }

  static List<DisplayText> driveIn() {
    return List.of(DisplayText.of("请入场", "Please drive in"), DisplayText.EMPTY);
  }

  static List<DisplayText> insertCard() {
    return List.of(DisplayText.of("请插卡", "Please insert your card"), DisplayText.EMPTY);
  }

  static List<DisplayText> feeDue(Money due) {
    String amount = due.toDecimalString() + " " + due.currency().getCurrencyCode();
    return List.of(
        new DisplayText("停车费 " + amount, "Fee " + amount, "停车费 Fee " + amount),
        DisplayText.of("请到收费亭缴费", "Please pay at the booth"));
  }

  static List<DisplayText> thankYou() {
    return List.of(DisplayText.of("谢谢", "Thank you"), DisplayText.of("一路平安", "Drive safely"));
  }

  /** A card refused: what the driver should do, never the reason kept for the cashier. */
  static List<DisplayText> refused(DriverNotice notice) {
    DisplayText seeCashier = DisplayText.of("请联系收费员", "Please see the cashier");
    return switch (notice == null ? DriverNotice.SEE_CASHIER : notice) {
      case SEE_CASHIER -> List.of(seeCashier, DisplayText.EMPTY);
      case CARD_NOT_ACCEPTED ->
          List.of(seeCashier, DisplayText.of("此卡不能使用", "This card cannot be used"));
      case SEASON_NOT_VALID -> List.of(seeCashier, DisplayText.of("月卡无效", "Season card not valid"));
      case PLATE_NOT_ON_CARD ->
          List.of(seeCashier, DisplayText.of("车牌与月卡不符", "Plate not on this card"));
      case ALREADY_INSIDE -> List.of(seeCashier, DisplayText.of("此卡已在场内", "Card already inside"));
      case NO_ENTRY -> List.of(seeCashier, DisplayText.of("无入场记录", "No entry on this card"));
      case FULL -> fullSeasonCardsOnly();
      case LANE_CLOSED -> laneClosed();
    };
  }

  /** Exit in free-exit mode: nothing to pay, the card still closes the stay. */
  static List<DisplayText> freeExit() {
    return List.of(
        DisplayText.of("免费放行", "Free exit"), DisplayText.of("请插卡出场", "Insert your card to leave"));
  }

  /** Entry, idle, when the site told the lane how many spaces are free. */
  static List<DisplayText> welcome(int free) {
    return List.of(
        DisplayText.of("欢迎光临", "Welcome"),
        new DisplayText("空位 " + free, free + " spaces free", "空位 " + free + " spaces free"));
  }

  /** Entry when the site is full: casual parkers are not let in; season cards still are. */
  static List<DisplayText> fullSeasonCardsOnly() {
    return List.of(
        DisplayText.of("车位已满", "Car park full"), DisplayText.of("仅限月卡", "Season cards only"));
  }

  static List<DisplayText> laneClosed() {
    return List.of(
        DisplayText.of("车道关闭", "Lane closed"),
        DisplayText.of("请使用其他车道", "Please use another lane"));
  }

  static List<DisplayText> driveThrough() {
    return List.of(DisplayText.of("请通行", "Please drive through"), DisplayText.EMPTY);
  }

  static List<DisplayText> cardNotTaken() {
    return List.of(
        DisplayText.of("请取卡", "Please take your card"),
        DisplayText.of("需要帮助请按键", "Press for help"));
  }

  static List<DisplayText> callForHelp() {
    return List.of(
        DisplayText.of("道闸故障", "Barrier fault"), DisplayText.of("请按键求助", "Please call for help"));
  }

  static List<DisplayText> outOfService() {
    return List.of(DisplayText.of("暂停服务", "Out of service"), DisplayText.of("请稍候", "Please wait"));
  }
}
