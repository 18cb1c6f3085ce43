package org.parkgate.controller.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ListExemptions;
import org.parkgate.api.FreePassEntry;
import org.parkgate.api.ManualLiftEntry;
import org.parkgate.api.Refusal;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.ManualLifts;
import org.parkgate.controller.ledger.Stays;

/**
 * The exemption register for a span of the site's days, for supervisors and finance: every free
 * pass asked, with who asked, who decided and the fee it would waive, and every barrier lifted by
 * hand. Reads only, so not kept.
 */
final class ExemptionRegister extends RegisterReader<ListExemptions> {

  /**
   * The most lines of each kind one answer carries, reasons and notes of 200 characters included,
   * so it stays inside one console message; the totals say when there are more.
   */
  static final int LISTED = 25;

  private final FreePasses passes;
  private final ManualLifts lifts;
  private final Stays stays;
  private final ZoneId zone;

  ExemptionRegister(Ledger ledger, ZoneId zone) {
    super(ListExemptions.class, SUPERVISOR_OR_FINANCE);
    this.passes = new FreePasses(ledger);
    this.lifts = new ManualLifts(ledger);
    this.stays = new Stays(ledger);
    this.zone = zone;
  }

  @Override
  public Decision handle(ListExemptions cmd, Session actor, Instant now) {
    RegisterDays days = RegisterDays.of(cmd.from(), cmd.to(), now, zone);
    if (days.problem() != null) {
      return Decision.refused(cmd, Refusal.INVALID, days.problem());
    }
    LocalDate from = days.from();
    LocalDate to = days.to();
    Instant start = days.start();
    Instant end = days.end();
    List<FreePasses.Pass> asked = passes.between(start, end);
    List<ManualLifts.Lift> lifted = lifts.between(start, end);
    return Decision.done(
        cmd,
        new Answer.ExemptionRegister(
            from,
            to,
            asked.stream().limit(LISTED).map(this::entry).toList(),
            asked.size(),
            lifted.stream().limit(LISTED).map(ExemptionRegister::entry).toList(),
            lifted.size()));
  }

  private FreePassEntry entry(FreePasses.Pass p) {
    var d = p.decision();
    return new FreePassEntry(
        p.passNo(),
        p.lane(),
        p.stayId(),
        p.card(),
        p.plate(),
        stays.enteredAt(p.stayId()).orElse(null),
        p.fee(),
        p.reason(),
        p.askedBy(),
        p.askedAt(),
        d.map(FreePasses.Decision::approved).orElse(null),
        d.map(FreePasses.Decision::decidedBy).orElse(null),
        d.map(FreePasses.Decision::note).orElse(null),
        d.map(FreePasses.Decision::decidedAt).orElse(null));
  }

  private static ManualLiftEntry entry(ManualLifts.Lift l) {
    return new ManualLiftEntry(
        l.liftNo(), l.lane(), l.stayId(), l.due(), l.reason(), l.by(), l.at());
  }
}
