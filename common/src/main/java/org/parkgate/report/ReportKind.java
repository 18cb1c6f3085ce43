package org.parkgate.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Role;

/**
 * Every finance report, by the name the command line and the API use ({@code shifts}, {@code
 * z-reports}, ...), with its title in both languages, the filters that apply to it and the roles
 * that may read it. Documented one by one in docs/reports.md.
 */
public enum ReportKind {
  SHIFTS("shifts", "班次报表", "Shifts", EnumSet.of(Filter.CASHIER)),
  Z_REPORTS("z-reports", "日结报表", "Daily Z-reports", EnumSet.noneOf(Filter.class)),
  MONTHLY_CLOSE("monthly-close", "月结报表", "Monthly close", EnumSet.noneOf(Filter.class)),
  PAYMENTS_BY_TENDER("payments-by-tender", "按支付方式收款", "Payments by tender", Filters.PAYMENT),
  PAYMENTS_BY_LANE("payments-by-lane", "按车道收款", "Payments by lane", Filters.PAYMENT),
  PAYMENTS_BY_CASHIER("payments-by-cashier", "按收费员收款", "Payments by cashier", Filters.PAYMENT),
  PAYMENTS_BY_HOUR("payments-by-hour", "按时段收款", "Payments by hour of day", Filters.PAYMENT),
  REVERSALS("reversals", "冲正记录", "Reversals", Filters.PAYMENT),
  EXEMPTIONS("exemptions", "免费放行与手动抬杆", "Free passes and manual lifts", EnumSet.of(Filter.LANE)),
  VOUCHERS("vouchers", "优惠券发放与使用", "Vouchers issued and redeemed", EnumSet.noneOf(Filter.class)),
  LOST_CARDS("lost-cards", "遗失卡登记", "Lost cards", EnumSet.of(Filter.LANE)),
  ARREARS("arrears", "欠费车辆", "Arrears by plate", EnumSet.of(Filter.LANE)),
  INCIDENTS("incidents", "异常事件统计", "Incidents by kind and lane", EnumSet.of(Filter.LANE)),
  OCCUPANCY("occupancy", "在场车辆", "Occupancy by hour", EnumSet.noneOf(Filter.class)),
  DWELL("dwell", "停车时长分布", "Dwell time distribution", EnumSet.of(Filter.LANE, Filter.CLASS)),
  REVENUE_BY_HOUR("revenue-by-hour", "逐时收入", "Revenue by hour", Filters.PAYMENT),
  REVENUE_BY_DAY("revenue-by-day", "逐日收入", "Revenue by day", Filters.PAYMENT),
  JOURNAL("journal", "记账凭证", "Accounting journal", EnumSet.noneOf(Filter.class)),
  // Head office's, over every site's ledger as replicated to the central database.
  CENTRAL_TAKINGS(
      "central-takings", "各站逐日收入", "Takings by site and day", EnumSet.noneOf(Filter.class)),
  CENTRAL_ARREARS(
      "central-arrears", "各站欠费车辆", "Arrears by plate across sites", EnumSet.noneOf(Filter.class)),
  CENTRAL_SHIFTS("central-shifts", "各站班次", "Shifts across sites", EnumSet.noneOf(Filter.class)),
  CENTRAL_EXEMPTIONS(
      "central-exemptions",
      "各站免费放行与手动抬杆",
      "Free passes, free exits and manual lifts across sites",
      EnumSet.noneOf(Filter.class));

  private final String code;
  private final String zh;
  private final String en;
  private final Set<Filter> filters;

  ReportKind(String code, String zh, String en, Set<Filter> filters) {
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.filters = Set.copyOf(filters);
  }

  /** The name on the command line and in docs/reports.md. */
  public String code() {
    return code;
  }

  public String zh() {
    return zh;
  }

  public String en() {
    return en;
  }

  /** The title in both languages, {@code "中文 · English"}. */
  public String title() {
    return zh + " · " + en;
  }

  /** The filters that narrow this report; any other is refused, never ignored. */
  public Set<Filter> filters() {
    return filters;
  }

  /**
   * True for head office's reports, computed from the central database across sites ({@code
   * --central}) rather than from one site's ledger: a controller and its console do not offer them.
   */
  public boolean headOffice() {
    return this == CENTRAL_TAKINGS
        || this == CENTRAL_ARREARS
        || this == CENTRAL_SHIFTS
        || this == CENTRAL_EXEMPTIONS;
  }

  /** Who may read it: finance and supervisors read every report. */
  public Set<Role> readers() {
    return EnumSet.of(Role.FINANCE, Role.SUPERVISOR);
  }

  public boolean readableBy(Role role) {
    return readers().contains(role);
  }

  /** The kind named {@code text} ({@code payments-by-tender}, or the enum name), any case. */
  public static Optional<ReportKind> of(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (ReportKind k : values()) {
      if (k.code.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Every kind's code, comma-separated, for usage lines. */
  public static String codes() {
    StringBuilder out = new StringBuilder();
    for (ReportKind k : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(k.code);
    }
    return out.toString();
  }

  private static final class Filters {
    static final Set<Filter> PAYMENT = EnumSet.allOf(Filter.class);
  }
}
