package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ReprintShiftReport;
import org.parkgate.api.ConsoleCommand.ResolveIncident;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.IncidentResolutions;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.ShiftSheets;

/**
 * What the booth does about incidents and shift reports: resolving an incident with a note (before
 * a shift may close), and printing a closed shift's report again as a recorded copy.
 */
final class IncidentCommands {
  static final int MAX_NOTE = 200;

  private IncidentCommands() {}

  /** An incident resolved, once, with a note of 1-200 characters, in the session's name. */
  static final class Resolve implements CommandHandler<ResolveIncident> {
    private final IncidentResolutions resolutions;

    Resolve(IncidentResolutions resolutions) {
      this.resolutions = resolutions;
    }

    @Override
    public Class<ResolveIncident> type() {
      return ResolveIncident.class;
    }

    @Override
    public Set<Role> roles() {
      return ShiftClosing.CASH_TAKERS;
    }

    @Override
    public Decision handle(ResolveIncident cmd, Session actor, Instant now) {
      String note = cmd.note() == null ? "" : cmd.note().strip();
      if (note.isEmpty() || note.length() > MAX_NOTE) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "处理异常事件须填写 1-" + MAX_NOTE + " 个字的备注说明处理情况，不是 " + note.length() + " 个字",
                "resolving an incident needs a note of 1-"
                    + MAX_NOTE
                    + " characters saying what was done, not "
                    + note.length()));
      }
      if (cmd.incidentNo() <= 0) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "异常事件号应为 1 或以上，不是 " + cmd.incidentNo(),
                "an incident number is 1 or more, not " + cmd.incidentNo()));
      }
      Optional<Incidents.Incident> incident = resolutions.incident(cmd.incidentNo());
      if (incident.isEmpty()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of("没有异常事件 #" + cmd.incidentNo(), "no incident #" + cmd.incidentNo()));
      }
      Optional<IncidentResolutions.Resolution> earlier = resolutions.resolution(cmd.incidentNo());
      if (earlier.isPresent()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "异常事件 #"
                    + cmd.incidentNo()
                    + " 已由 "
                    + earlier.get().by()
                    + " 处理："
                    + earlier.get().note(),
                "incident #"
                    + cmd.incidentNo()
                    + " was resolved already by "
                    + earlier.get().by()
                    + ": "
                    + earlier.get().note()));
      }
      IncidentResolutions.Resolution r =
          resolutions.resolve(
              cmd.requestId(), incident.get(), note, actor.username(), actor.consoleId(), now);
      return Decision.done(
          cmd,
          new Answer.IncidentResolved(
              r.incidentNo(), r.lane(), r.kind(), r.note(), r.by(), r.at()));
    }
  }

  /** A closed shift's report printed again, marked as a copy and recorded first. */
  static final class ReprintReport implements CommandHandler<ReprintShiftReport> {
    private final ShiftClosing closing;

    ReprintReport(ShiftClosing closing) {
      this.closing = closing;
    }

    @Override
    public Class<ReprintShiftReport> type() {
      return ReprintShiftReport.class;
    }

    @Override
    public Set<Role> roles() {
      return Set.of(Role.CASHIER, Role.SUPERVISOR, Role.FINANCE);
    }

    @Override
    public Decision handle(ReprintShiftReport cmd, Session actor, Instant now) {
      if (cmd.shiftNo() <= 0) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "班次号应为 1 或以上，不是 " + cmd.shiftNo(),
                "a shift number is 1 or more, not " + cmd.shiftNo()));
      }
      Optional<ShiftSheets.Reprint> r =
          closing.sheets.reprint(
              cmd.requestId(),
              cmd.shiftNo(),
              actor.consoleId(),
              actor.username(),
              now,
              closing.covered(actor.consoleId()));
      if (r.isEmpty()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "班次 " + cmd.shiftNo() + " 尚未交班：没有交班报表可打印",
                "shift " + cmd.shiftNo() + " has not closed: no report to print"));
      }
      return Decision.done(
          cmd,
          new Answer.ShiftReportCopy(
              r.get().reprintNo(), r.get().copyNo(), r.get().by(), r.get().at(), r.get().sheet()));
    }
  }
}
