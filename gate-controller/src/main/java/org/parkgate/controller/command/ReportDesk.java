package org.parkgate.controller.command;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand.ShowReport;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.report.JournalLayout;
import org.parkgate.controller.report.Reports;
import org.parkgate.report.Report;
import org.parkgate.report.ReportRequest;
import org.parkgate.site.LaneConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A finance report for finance and supervisors, computed as {@code ./parking report} computes it
 * but on a reader connection of its own, off the ledger thread ({@link OffLedger}): a month of
 * traffic takes a few hundred milliseconds to read, which the lanes must never wait for.
 */
final class ReportDesk implements OffLedger<ShowReport> {
  private static final Logger log = LoggerFactory.getLogger(ReportDesk.class);

  private final Ledger ledger;
  private final java.time.ZoneId zone;
  private final Currency currency;
  private final Clock clock;
  private final Set<String> lanes;
  private final java.nio.file.Path journalLayout;

  /** {@code journalLayout} is the site's journal layout file, null for the default layout. */
  ReportDesk(
      Ledger ledger,
      java.time.ZoneId zone,
      Currency currency,
      Clock clock,
      java.util.List<LaneConfig> lanes,
      java.nio.file.Path journalLayout) {
    this.journalLayout = journalLayout;
    this.ledger = ledger;
    this.zone = zone;
    this.currency = currency;
    this.clock = clock;
    this.lanes = lanes.stream().map(LaneConfig::id).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Class<ShowReport> type() {
    return ShowReport.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.FINANCE, Role.SUPERVISOR);
  }

  @Override
  public CommandResult read(ShowReport cmd, Session actor, Instant now) {
    String id = cmd.requestId();
    ReportRequest request = cmd.request();
    java.util.Optional<CommandResult> refused = refusal(id, request, actor, lanes);
    if (refused.isPresent()) {
      return refused.get();
    }
    long started = System.nanoTime();
    Report report;
    try (Ledger reader = ledger.reader()) {
      // Read at each report: an edited layout is taken without a restart.
      report =
          new Reports(reader, zone, currency, clock, JournalLayout.at(journalLayout))
              .compute(request);
    } catch (IllegalArgumentException e) {
      return CommandResult.refused(id, Refusal.INVALID, e.getMessage());
    } catch (LedgerException e) {
      return CommandResult.refused(id, Refusal.NOT_NOW, e.getMessage());
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    CommandResult result = CommandResult.ok(id, new Answer.ReportShown(report));
    int size = ApiJson.write(result).length();
    log.info(
        "report {} {}..{} for {}: {} rows in {} ms, {} characters",
        request.kind().code(),
        request.from(),
        request.to(),
        actor.username(),
        report.rows().size(),
        millis,
        size);
    if (size > ApiJson.MAX_ANSWER_BYTES) {
      return CommandResult.refused(
          id,
          Refusal.INVALID,
          Said.of(
              "报表太大（" + report.rows().size() + " 行）：请缩短期间或加筛选",
              "the report is too large ("
                  + report.rows().size()
                  + " rows): ask for fewer days or add a filter"));
    }
    return result;
  }

  /**
   * Why {@code actor} may not have {@code request}: missing, a kind their role does not read, days
   * or filters the report cannot be computed for, a lane the site does not have; empty when none.
   */
  static java.util.Optional<CommandResult> refusal(
      String id, ReportRequest request, Session actor, Set<String> lanes) {
    if (request == null) {
      return java.util.Optional.of(
          CommandResult.refused(
              id, Refusal.INVALID, Said.of("未说明要哪张报表", "the report request is missing")));
    }
    if (!request.kind().readableBy(actor.role())) {
      return java.util.Optional.of(
          CommandResult.refused(
              id,
              Refusal.FORBIDDEN,
              Said.of(
                  actor.role().chinese() + "不能查看" + request.kind().zh(),
                  actor.role().english().toLowerCase()
                      + " may not read "
                      + request.kind().code())));
    }
    var problem = request.problem();
    if (problem.isPresent()) {
      return java.util.Optional.of(CommandResult.refused(id, Refusal.INVALID, problem.get()));
    }
    if (request.lane() != null && !lanes.contains(request.lane())) {
      return java.util.Optional.of(
          CommandResult.refused(
              id,
              Refusal.INVALID,
              Said.of(
                  "没有车道 '" + request.lane() + "'",
                  "no lane '" + request.lane() + "' (one of " + String.join(", ", lanes) + ")")));
    }
    return java.util.Optional.empty();
  }
}
