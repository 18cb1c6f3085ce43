package org.parkgate.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parkgate.api.Said;
import org.parkgate.api.Tender;

/**
 * What a report is asked for: its kind, the days from {@code from} to {@code to} (both included,
 * whole days in the site's zone) and the filters, each null when not given.
 */
public record ReportRequest(
    ReportKind kind,
    LocalDate from,
    LocalDate to,
    String lane,
    String cashier,
    Tender tender,
    String vehicleClass) {

  /** The longest period one request covers: a year and a day. */
  public static final int MAX_DAYS = 366;

  public ReportRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    lane = blankToNull(lane);
    cashier = blankToNull(cashier);
    vehicleClass = blankToNull(vehicleClass);
  }

  public static ReportRequest of(ReportKind kind, LocalDate from, LocalDate to) {
    return new ReportRequest(kind, from, to, null, null, null, null);
  }

  public ReportRequest withLane(String lane) {
    return new ReportRequest(kind, from, to, lane, cashier, tender, vehicleClass);
  }

  public ReportRequest withCashier(String cashier) {
    return new ReportRequest(kind, from, to, lane, cashier, tender, vehicleClass);
  }

  public ReportRequest withTender(Tender tender) {
    return new ReportRequest(kind, from, to, lane, cashier, tender, vehicleClass);
  }

  public ReportRequest withVehicleClass(String vehicleClass) {
    return new ReportRequest(kind, from, to, lane, cashier, tender, vehicleClass);
  }

  /** The filters given. */
  public List<Filter> given() {
    List<Filter> out = new ArrayList<>();
    if (lane != null) {
      out.add(Filter.LANE);
    }
    if (cashier != null) {
      out.add(Filter.CASHIER);
    }
    if (tender != null) {
      out.add(Filter.TENDER);
    }
    if (vehicleClass != null) {
      out.add(Filter.CLASS);
    }
    return out;
  }

  /**
   * What is wrong with the request, said in both languages: the period backwards or too long, or a
   * filter that does not apply to its kind. Empty when it can be computed.
   */
  public Optional<String> problem() {
    if (to.isBefore(from)) {
      return Optional.of(
          Said.of("结束日期 " + to + " 早于开始日期 " + from, "--to " + to + " is before --from " + from));
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      return Optional.of(
          Said.of(
              "期间 " + days + " 天，最多 " + MAX_DAYS + " 天",
              "the period is " + days + " days, at most " + MAX_DAYS));
    }
    for (Filter f : given()) {
      if (!kind.filters().contains(f)) {
        return Optional.of(
            Said.of(
                kind.zh() + "不能按" + f.zh() + "筛选",
                kind.code() + " cannot be filtered by " + f.en() + " (" + f.option() + ")"));
      }
    }
    return Optional.empty();
  }

  /** The filters given, as a line for a report's heading; empty when none. */
  public String describeFilters() {
    List<String> parts = new ArrayList<>();
    if (lane != null) {
      parts.add("车道 lane " + lane);
    }
    if (cashier != null) {
      parts.add("收费员 cashier " + cashier);
    }
    if (tender != null) {
      parts.add("支付方式 tender " + tender.code());
    }
    if (vehicleClass != null) {
      parts.add("车型 class " + vehicleClass);
    }
    return String.join(", ", parts);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
