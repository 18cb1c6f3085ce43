package org.parkgate.fee;

/**
 * The words on fee lines, in the language the tariff asks for: booth staff and drivers in China
 * read Chinese (see the glossary), integrators and foreign sites English, and a bilingual booth
 * both, Chinese first.
 */
final class Wording {

  enum Language {
    EN,
    ZH,
    ZH_EN
  }

  static final Wording ENGLISH = new Wording(Language.EN);

  private final Language language;

  Wording(Language language) {
    this.language = language;
  }

  /**
   * The same thing said in Chinese and in English, given as the tariff wants it; both as the booth
   * writes a sentence in both ("中文 · English"), so a booth page set to one language shows its half.
   */
  String say(String zh, String en) {
    return switch (language) {
      case EN -> en;
      case ZH -> zh;
      case ZH_EN -> zh + " · " + en;
    };
  }

  static String zhDuration(long seconds) {
    return LocalText.duration(seconds, "天", "小时", "分钟", "秒");
  }

  String dailyMaximum(String amount, boolean rolling) {
    return say(
        dailyMaximum(amount, rolling, Language.ZH), dailyMaximum(amount, rolling, Language.EN));
  }

  /** The daily maximum in one given language, for phrases that quote it. */
  String dailyMaximum(String amount, boolean rolling, Language in) {
    if (in == Language.ZH) {
      return (rolling ? "每24小时封顶" : "每日封顶") + amount;
    }
    return (rolling ? "maximum per 24h " : "daily maximum ") + amount;
  }

  String dayRate(String price, long after, boolean rolling, boolean chargeableOnly) {
    return say(
        (rolling ? "24小时内" : "当日")
            + (chargeableOnly ? "计费时长" : "停车")
            + "超过"
            + zhDuration(after)
            + "按"
            + price
            + "收费",
        "day rate "
            + price
            + (chargeableOnly ? " when chargeable time is over " : " when parked over ")
            + LocalText.duration(after)
            + (rolling ? " in 24h" : " in a day"));
  }

  String graceFree(long grace) {
    return grace > 0
        ? say(
            zhDuration(grace) + "免费时长内，免费",
            "free: within the " + LocalText.duration(grace) + " grace period")
        : say("未停车，免费", "free: no time parked");
  }

  String graceDeducted(long grace) {
    return say(
        "前" + zhDuration(grace) + "免费时长不计费",
        "free: the first " + LocalText.duration(grace) + " grace period, not charged");
  }

  String timeVoucher(String code, long time) {
    return say(
        "优惠券" + code + "：免" + zhDuration(time) + "停车费",
        "voucher " + code + ": " + LocalText.duration(time) + " free parking");
  }

  String percentVoucher(String code, String percent) {
    return say("优惠券" + code + "：减" + percent + "%", "voucher " + code + ": " + percent + "% off");
  }

  String amountVoucher(String code, String amount) {
    return say("优惠券" + code + "：减" + amount, "voucher " + code + ": " + amount + " off");
  }

  String freeVoucher(String code) {
    return say("免费券" + code, "voucher " + code + ": free stay");
  }

  String replacementFee() {
    return say("遗失卡工本费", "lost card: card replacement fee");
  }

  String paidAtPayStation(String when, long exitGrace, boolean within) {
    String zhGrace = zhDuration(exitGrace);
    String enGrace = LocalText.duration(exitGrace);
    return say(
        when + "已缴费，" + (within ? zhGrace + "内出场" : "超过" + zhGrace + "出场"),
        "paid at pay station "
            + when
            + (within ? ", left within the " : ", left after the ")
            + enGrace
            + " exit grace");
  }

  String rollingDay(String from) {
    return say(from + "起24小时", "24h from " + from);
  }

  String dayFrom(String date, String time) {
    return say(date + " " + time + "起", date + " from " + time);
  }
}
