package org.parkgate.console.booth;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.auth.Session;
import org.parkgate.console.printer.ReceiptOutput;

/**
 * The booth's desks, each for one family of the page's actions, built together so that they share
 * one memory of the commands sent ({@link SentCommands}): a page's retry resends the first command,
 * and a request id already used for another action is refused, whichever desk it reaches. The
 * registers keep their own memory.
 */
public final class BoothDesks {
  private final Function<ConsoleCommand, CompletableFuture<CommandResult>> controller;
  private final CashDesk cash;
  private final ShiftDesk shifts;
  private final LostCardDesk lostCards;
  private final ExemptionDesk exemptions;
  private final SupervisorDesk supervisor;
  private final RegisterDesk registers;

  /**
   * {@code controller} sends a command and completes with its one result; receipts, shift reports
   * and the drawer go to {@code output}, headed with {@code siteName}.
   */
  public BoothDesks(
      BrowserHub hub,
      Function<ConsoleCommand, CompletableFuture<CommandResult>> controller,
      String siteName,
      ReceiptOutput output) {
    this.controller = controller;
    SentCommands sent = new SentCommands(controller);
    ExitActions exits = new ExitActions(sent, hub);
    this.cash = new CashDesk(hub, sent, siteName, output);
    this.shifts = new ShiftDesk(hub, controller, sent, siteName, output);
    this.lostCards = new LostCardDesk(hub, sent);
    this.exemptions = new ExemptionDesk(sent, exits);
    this.supervisor = new SupervisorDesk(hub, sent, exits);
    this.registers = new RegisterDesk(controller);
  }

  /** Payments and receipts at the exit, the drawer, reprints and reversals. */
  public CashDesk cash() {
    return cash;
  }

  /** The booth's shifts: float, cash drops, close, handover, incidents and shift reports. */
  public ShiftDesk shifts() {
    return shifts;
  }

  /** Lost cards: the search for a stay, the report, the decision and the register. */
  public LostCardDesk lostCards() {
    return lostCards;
  }

  /** Vouchers and free passes. */
  public ExemptionDesk exemptions() {
    return exemptions;
  }

  /** Lane modes, anti-passback resets and barriers lifted by hand. */
  public SupervisorDesk supervisor() {
    return supervisor;
  }

  /** The voucher and exemption registers, for finance and supervisors. */
  public RegisterDesk registers() {
    return registers;
  }

  /** Ends the person's controller session (logout, or a browser session the console ended). */
  public CompletableFuture<CommandResult> logout(Session session) {
    return controller.apply(
        new ConsoleCommand.Logout("logout-" + UUID.randomUUID(), session.token()));
  }
}
