package org.parkgate.controller.report;

import java.io.PrintStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parkgate.api.Said;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.MonthlyClose;
import org.parkgate.controller.ledger.MonthlyClosure;

/**
 * Closes a month (月结) on the command line:
 *
 * <pre>
 *   close-month --month YYYY-MM [--db FILE] [--site FILE] [--zone Z] [--by WHO]
 * </pre>
 *
 * Exit status: 0 closed, 1 refused (closed already, a month before it still open, a day without a
 * Z-report: the line names it) or the ledger could not be written, 2 bad arguments.
 */
public final class CloseMonthMain {
  static final String USAGE =
      "usage: close-month --month YYYY-MM [--db FILE] [--site FILE] [--zone Z] [--by WHO]";

  private CloseMonthMain() {}

  public static void main(String[] args) {
    System.exit(
        run(
            List.of(args),
            System.out,
            System.err,
            org.parkgate.time.SharedClock.forMain("close-month")));
  }

  static int run(List<String> args, PrintStream out, PrintStream err, Clock clock) {
    Map<String, String> o = new java.util.HashMap<>();
    List<String> known = List.of("--month", "--db", "--site", "--zone", "--by");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!known.contains(a)) {
        err.println(
            "close-month: "
                + Said.of("未知参数 '" + a + "'", "unknown argument '" + a + "'")
                + "; "
                + USAGE);
        return 2;
      }
      if (i + 1 >= args.size()) {
        err.println("close-month: " + Said.of(a + " 需要一个值", a + " needs a value"));
        return 2;
      }
      o.put(a, args.get(++i));
    }
    if (!o.containsKey("--month")) {
      err.println(
          "close-month: "
              + Said.of("需要 --month YYYY-MM", "--month YYYY-MM is needed")
              + "; "
              + USAGE);
      return 2;
    }
    YearMonth month;
    try {
      month = YearMonth.parse(o.get("--month"));
    } catch (DateTimeException e) {
      err.println(
          "close-month: "
              + Said.of(
                  "--month '" + o.get("--month") + "' 不是月份（如 2026-11）",
                  "--month '" + o.get("--month") + "' is not a month such as 2026-11"));
      return 2;
    }
    LedgerSite site;
    try {
      site =
          LedgerSite.of(
              Optional.ofNullable(o.get("--db")),
              Optional.ofNullable(o.get("--site")),
              Optional.ofNullable(o.get("--zone")));
    } catch (LedgerSite.BadInput e) {
      err.println("close-month: " + e.getMessage());
      return 2;
    }
    String by = o.getOrDefault("--by", System.getProperty("user.name", "finance"));
    try (Ledger ledger = Ledger.open(site.file(), "")) {
      MonthlyClosure.Outcome outcome =
          new MonthlyClosure(ledger, site.zoneIn(ledger), site.currencyIn(ledger), clock)
              .close(month, by);
      if (outcome instanceof MonthlyClosure.Refused r) {
        err.println("close-month: " + r.reason());
        return 1;
      }
      MonthlyClose m = ((MonthlyClosure.Closed) outcome).close();
      out.println(
          Said.of(
              "月结 第"
                  + m.closeNo()
                  + "号 "
                  + m.month()
                  + "：日结 "
                  + m.firstZ()
                  + ".."
                  + m.lastZ()
                  + "，收款 "
                  + m.payments()
                  + " 笔 "
                  + m.gross()
                  + "，冲正 "
                  + m.reversals()
                  + " 笔 "
                  + m.reversed()
                  + "，净收入 "
                  + m.net(),
              "monthly close no. "
                  + m.closeNo()
                  + " "
                  + m.month()
                  + ": Z-reports "
                  + m.firstZ()
                  + ".."
                  + m.lastZ()
                  + " ("
                  + m.days()
                  + " days), "
                  + m.payments()
                  + " payments "
                  + m.gross()
                  + ", "
                  + m.reversals()
                  + " reversals "
                  + m.reversed()
                  + ", net "
                  + m.net()));
      out.println(
          "账本链头 · ledger chain head at closing: link "
              + m.chainLink()
              + " sha256 "
              + m.chainHead());
      return 0;
    } catch (LedgerException e) {
      err.println(
          "close-month: " + Said.of("无法写入账本", "cannot write the ledger") + ": " + e.getMessage());
      return 1;
    }
  }
}
