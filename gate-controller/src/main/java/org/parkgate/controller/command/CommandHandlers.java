package org.parkgate.controller.command;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.auth.LoginThrottle;
import org.parkgate.controller.auth.SessionTable;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.ledger.Shifts;

/**
 * The handler of every command a person gives at a console, one for each kind, built once for the
 * site: a command kind with no handler stops the controller at start rather than at the booth.
 */
final class CommandHandlers {
  private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
  private final Handover handover;

  CommandHandlers(
      SiteService site,
      Clock clock,
      Gatekeeper gate,
      SessionTable sessions,
      LoginThrottle throttle) {
    Ledger ledger = site.ledger();
    Shifts shifts = new Shifts(ledger);
    SecurityEvents security = gate.security();
    org.parkgate.money.Money limit = site.site().cash().drawerLimit();
    ShiftClosing closing =
        new ShiftClosing(
            shifts,
            ShiftClosing.sheets(ledger, site.site()),
            new org.parkgate.controller.ledger.IncidentResolutions(ledger),
            site.site());
    this.handover = new Handover(closing, ledger, site.site().zone(), limit);
    register(
        List.of(
            new PayAtExit(ledger, site.exits(), site.lanes(), site.site().zone(), limit),
            new Reverse(ledger, security),
            new SetMode(site.exits().modes(), site.lanes()),
            new ResetCard(site.access(), site.exits(), site.lanes()),
            new ShiftCommands.Open(shifts, site.tariffs().currency(), limit),
            new ShiftCommands.Close(closing, site.site().zone()),
            new ShiftCommands.Drop(shifts, site.tariffs().currency(), limit),
            new Find(site.finder(), site.lanes()),
            new PayAtStation(
                ledger, site.access(), site.tariffs().currency(), site.site().zone(), limit),
            new FreePassCommands.Ask(ledger, site.exits(), site.lanes()),
            new FreePassCommands.Decide(ledger, site.exits(), site.lanes(), security),
            new VoucherAtExit(
                ledger,
                site.exits(),
                site.access(),
                site.tariffs(),
                site.site().zone(),
                site.lanes()),
            new LiftByHand(ledger, site.lanes()),
            new DrawerCommands.Open(ledger),
            new DrawerCommands.Reprint(ledger),
            new AccountCommands.End(sessions),
            new AccountCommands.Unlock(gate.accounts(), throttle),
            new LostCardReport(lostCards(site), shifts),
            new LostCardVerdict(lostCards(site), security),
            new LostCardRegister(ledger, site.site().zone()),
            new IncidentCommands.Resolve(closing.resolutions),
            handover,
            new IncidentCommands.ReprintReport(closing),
            new VoucherRegister.Batches(ledger, site.tariffs()),
            new VoucherRegister.Issue(ledger, site.tariffs(), site.site().zone()),
            new VoucherRegister.Show(ledger, site.site().zone()),
            new VoucherRegister.VoidCode(ledger, site.site().zone()),
            new ExemptionRegister(ledger, site.site().zone()),
            new ReportDesk(
                ledger,
                site.site().zone(),
                site.tariffs().currency(),
                clock,
                site.site().lanes(),
                site.site().controller().journalLayout()),
            new ExportDesk(
                ledger,
                site.site().zone(),
                site.tariffs().currency(),
                clock,
                site.site().lanes(),
                site.site().controller().journalLayout())));
  }

  /** The handler of {@code type}, or null for a command the pipeline answers itself. */
  CommandHandler<?> get(Class<?> type) {
    return handlers.get(type);
  }

  /** The handover's handler, which also takes the incoming cashier's checked account. */
  Handover handover() {
    return handover;
  }

  private static LostCardDesk lostCards(SiteService site) {
    return new LostCardDesk(
        site.ledger(),
        site.exits(),
        site.access(),
        site.tariffs(),
        site.lanes(),
        site.site().lostCardApproval());
  }

  private void register(List<CommandHandler<?>> list) {
    for (CommandHandler<?> h : list) {
      handlers.put(h.type(), h);
    }
    for (Class<?> type : ConsoleCommand.Acting.class.getPermittedSubclasses()) {
      if (!handlers.containsKey(type)) {
        throw new IllegalStateException("no handler for " + type.getSimpleName());
      }
    }
  }
}
