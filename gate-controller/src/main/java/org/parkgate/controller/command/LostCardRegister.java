package org.parkgate.controller.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ListLostCards;
import org.parkgate.api.LostCardEntry;
import org.parkgate.api.Refusal;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;

/**
 * The lost-card register for a span of the site's days, for supervisors and finance: it carries the
 * drivers' personal details, so cashiers and admins do not read it. Reads only, so not kept.
 */
public final class LostCardRegister extends RegisterReader<ListLostCards> {

  private final LostCards register;
  private final ZoneId zone;

  LostCardRegister(Ledger ledger, ZoneId zone) {
    super(ListLostCards.class, SUPERVISOR_OR_FINANCE);
    this.register = new LostCards(ledger);
    this.zone = zone;
  }

  @Override
  public Decision handle(ListLostCards cmd, Session actor, Instant now) {
    RegisterDays days = RegisterDays.of(cmd.from(), cmd.to(), now, zone);
    if (days.problem() != null) {
      return Decision.refused(cmd, Refusal.INVALID, days.problem());
    }
    LocalDate from = days.from();
    LocalDate to = days.to();
    return Decision.done(
        cmd, new Answer.LostCardRegister(from, to, read(register, zone, from, to)));
  }

  /** The register lines for the site's days {@code from} to {@code to}, both included. */
  public static List<LostCardEntry> read(
      LostCards lostCards, ZoneId zone, LocalDate from, LocalDate to) {
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    return lostCards.between(start, end).stream().map(r -> entry(lostCards, r)).toList();
  }

  /** As {@link #read}, each entry handed to {@code each} as it is read, none kept. */
  public static void each(
      LostCards lostCards,
      ZoneId zone,
      LocalDate from,
      LocalDate to,
      java.util.function.Consumer<LostCardEntry> each) {
    lostCards.eachBetween(
        from.atStartOfDay(zone).toInstant(),
        to.plusDays(1).atStartOfDay(zone).toInstant(),
        r -> each.accept(entry(lostCards, r)));
  }

  private static LostCardEntry entry(LostCards lostCards, LostCards.Registered r) {
    long stay = r.releasedStay();
    String receipt = stay > 0 ? lostCards.receiptFor(stay, r.registeredAt()).orElse(null) : null;
    var d = r.decision();
    return new LostCardEntry(
        r.lostCardNo(),
        r.lane(),
        stay,
        r.matched(),
        r.card() != null ? r.card() : stay > 0 ? LostCardDesk.standInCard(r.lostCardNo()) : null,
        r.form(),
        r.entryPlate(),
        r.exitPlate(),
        r.parkingFee(),
        r.replacementFee(),
        r.due(),
        r.registeredBy(),
        r.registeredAt(),
        r.status(),
        d.map(LostCards.Decision::decidedBy).orElse(null),
        d.map(LostCards.Decision::at).orElse(null),
        d.map(LostCards.Decision::note).orElse(null),
        receipt);
  }
}
