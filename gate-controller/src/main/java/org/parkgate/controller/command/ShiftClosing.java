package org.parkgate.controller.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.parkgate.api.CashCount;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.api.ShiftSheet;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.IncidentResolutions;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.ShiftSheets;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.site.BoothConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.site.SiteConfig;

/**
 * What closing a shift asks, whether by {@code CloseShift} or at a handover: the drawer counted by
 * note and coin, IC cards and receipts counted, and no incident raised on the booth's lanes since
 * the shift opened left unresolved. A booth's lanes are those its site file names; a booth that
 * names none (or a console that is no booth) looks after every lane.
 */
final class ShiftClosing {
  static final Set<Role> CASH_TAKERS = Set.of(Role.CASHIER, Role.SUPERVISOR);

  /** The most IC cards or receipts one count may hold. */
  static final long MAX_ITEMS = 100_000;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  final Shifts shifts;
  final ShiftSheets sheets;
  final IncidentResolutions resolutions;
  final Currency currency;
  private final SiteConfig site;

  ShiftClosing(
      Shifts shifts, ShiftSheets sheets, IncidentResolutions resolutions, SiteConfig site) {
    this.shifts = shifts;
    this.sheets = sheets;
    this.resolutions = resolutions;
    this.currency = site.currency();
    this.site = site;
  }

  static ShiftSheets sheets(org.parkgate.controller.ledger.Ledger ledger, SiteConfig site) {
    return new ShiftSheets(
        ledger,
        site.lanes().stream()
            .filter(l -> l.kind() == LaneKind.EXIT)
            .map(l -> l.id())
            .collect(Collectors.toSet()));
  }

  /**
   * Closes the open shift of {@code actor} with the blind count they gave at their console, the
   * sheet covering the lanes their booth covers.
   */
  ShiftSheet close(
      String requestId, Session actor, Instant now, CashCount counted, Long cards, Long receipts) {
    return sheets.close(
        shifts,
        requestId,
        actor.username(),
        now,
        counted,
        cards,
        receipts,
        covered(actor.consoleId()));
  }

  /** The lanes whose incidents the person at {@code consoleId} answers for. */
  Predicate<String> covered(String consoleId) {
    Optional<BoothConfig> booth = site.booth(consoleId);
    return booth.isPresent() ? booth.get()::covers : lane -> true;
  }

  /** What is wrong with a drawer count ({@code what}, said in both), or empty. */
  Optional<String> countProblem(CashCount count, String what) {
    if (count == null) {
      return Optional.of(
          Said.of(
              "请按面额清点钱箱后交班（空钱箱记为 0 张）",
              "count the drawer by note and coin to close the shift (an empty drawer counts as"
                  + " no pieces)"));
    }
    return count
        .problem(currency)
        .map(p -> Said.after(Said.zh(what) + "：", Said.en(what) + ": ", p));
  }

  /**
   * What is wrong with counts of IC cards and receipts, or empty; both or neither unless required.
   */
  static Optional<String> itemProblem(Long cards, Long receipts, boolean required) {
    if (cards == null && receipts == null && !required) {
      return Optional.empty();
    }
    if (cards == null || receipts == null) {
      return Optional.of(
          Said.of(
              "请同时清点IC卡和收据（没有时填 0）",
              "count the IC cards and the receipts too (0 when there are none)"));
    }
    if (cards < 0 || cards > MAX_ITEMS || receipts < 0 || receipts > MAX_ITEMS) {
      return Optional.of(
          Said.of(
              "IC卡 " + cards + "，收据 " + receipts + "：每项数量为 0-" + MAX_ITEMS,
              "IC cards " + cards + ", receipts " + receipts + ": each count is 0-" + MAX_ITEMS));
    }
    return Optional.empty();
  }

  /**
   * Why shift {@code open} cannot close now: the incidents raised on the booth's lanes since it
   * opened that nobody resolved, by number; empty when there are none.
   */
  Optional<String> openIncidents(String consoleId, Shifts.Open open, ZoneId zone) {
    Predicate<String> covered = covered(consoleId);
    List<Incidents.Incident> unresolved =
        resolutions.unresolvedSince(open.openedAt()).stream()
            .filter(i -> covered.test(i.lane()))
            .toList();
    if (unresolved.isEmpty()) {
      return Optional.empty();
    }
    String listed =
        unresolved.stream()
            .map(
                i ->
                    "#"
                        + i.id()
                        + " "
                        + i.kind()
                        + " "
                        + i.lane()
                        + " "
                        + TIME.format(i.at().atZone(zone)))
            .collect(Collectors.joining(", "));
    return Optional.of(
        Said.of(
            "班次 " + open.shiftNo() + " 交班前请为每个异常事件填写处理备注：" + listed,
            "resolve each incident with a note before closing shift "
                + open.shiftNo()
                + ": "
                + unresolved.stream()
                    .map(
                        i ->
                            "#"
                                + i.id()
                                + " "
                                + i.kind()
                                + " at "
                                + i.lane()
                                + " "
                                + TIME.format(i.at().atZone(zone)))
                    .collect(Collectors.joining(", "))));
  }
}
