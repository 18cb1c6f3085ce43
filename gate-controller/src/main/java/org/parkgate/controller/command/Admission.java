package org.parkgate.controller.command;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.Requests;
import org.parkgate.controller.ledger.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may run a command, or why not, decided on the ledger thread before any handler runs: the
 * console enrolled, the request id new (a retry of a kept command gets its first result), a live
 * session, and a role the handler takes.
 */
final class Admission {
  private static final Logger log = LoggerFactory.getLogger(Admission.class);

  private static final String HELLO_FIRST = Said.of("收费台须先登记连接", "say hello first");

  private final Gatekeeper gate;
  private final Requests requests;
  private final CommandHandlers handlers;
  private final Clock clock;

  Admission(Gatekeeper gate, Requests requests, CommandHandlers handlers, Clock clock) {
    this.gate = gate;
    this.requests = requests;
    this.handlers = handlers;
    this.clock = clock;
  }

  /** A message from a connection that has not proved which console it is: its last. */
  CommandResult unknown(ConsoleConnection c, String requestId) {
    return gate.refuseConsole(c, requestId, null, HELLO_FIRST);
  }

  CommandResult unknown(ConsoleConnection c, ConsoleCommand command) {
    return unknown(c, command.requestId());
  }

  CommandResult noLongerEnrolled(ConsoleConnection c, ConsoleCommand command) {
    return gate.refuseConsole(
        c,
        command.requestId(),
        c.consoleId(),
        Said.of(
            "收费台 '" + c.consoleId() + "' 已不再登记",
            "console '" + c.consoleId() + "' is no longer enrolled"));
  }

  /**
   * Who may run {@code cmd}, or why not: the console enrolled, the request id new (a retry of a
   * kept command gets its first result), a live session, and a role the handler takes. A refusal of
   * the role is recorded as a security event. On the ledger thread.
   */
  Admitted admit(ConsoleConnection c, ConsoleCommand.Acting cmd, Accounts.Account approver) {
    String id = cmd.requestId();
    if (!c.authenticated()) {
      return Admitted.no(unknown(c, cmd));
    }
    if (!gate.stillEnrolled(c)) {
      return Admitted.no(noLongerEnrolled(c, cmd));
    }
    CommandHandler<?> handler = handlers.get(cmd.getClass());
    String type = cmd.getClass().getSimpleName();
    Instant now = clock.instant();
    try {
      Optional<Requests.Kept> kept = requests.find(id);
      if (kept.isPresent()) {
        return Admitted.no(replay(c, cmd, kept.get()));
      }
      Optional<Session> actor = gate.session(cmd.session(), now);
      if (actor.isEmpty()) {
        return Admitted.no(
            CommandResult.refused(
                id,
                Refusal.NOT_LOGGED_IN,
                Said.of(
                    "未登录或登录已结束：请重新登录", "not logged in, or the session has ended: log in again")));
      }
      Session who =
          approver == null
              ? actor.get()
              : new Session(
                  null,
                  approver.username(),
                  approver.displayName(),
                  approver.role(),
                  approver.version(),
                  c.consoleId(),
                  now,
                  now);
      if (!handler.roles().contains(who.role())) {
        gate.security()
            .record(
                SecurityEvents.Kind.FORBIDDEN,
                c.consoleId(),
                who.username(),
                c.address(),
                who.role() + " may not " + type,
                now);
        return Admitted.no(
            CommandResult.refused(
                id,
                Refusal.FORBIDDEN,
                Said.of(
                    who.username() + "（" + who.role().chinese() + "）无权进行此操作",
                    who.username()
                        + " ("
                        + who.role().english().toLowerCase()
                        + ") may not do this")));
      }
      return new Admitted(who, now, null);
    } catch (LedgerException e) {
      return Admitted.no(CommandResult.refused(id, Refusal.NOT_NOW, e.getMessage()));
    } catch (RuntimeException e) {
      log.error("{} {} not recorded", type, id, e);
      return Admitted.no(
          CommandResult.refused(
              id,
              Refusal.NOT_RECORDED,
              Said.of("未记录：" + e.getMessage(), "not recorded: " + e.getMessage())));
    }
  }

  /** Who acts and when, or the refusal to send instead. */
  record Admitted(Session who, Instant now, CommandResult refusal) {
    static Admitted no(CommandResult refusal) {
      return new Admitted(null, null, refusal);
    }
  }

  /** The first result of a request seen before, to the console that sent it and no other. */
  private CommandResult replay(ConsoleConnection c, ConsoleCommand cmd, Requests.Kept kept) {
    String type = cmd.getClass().getSimpleName();
    if (!kept.consoleId().equals(c.consoleId()) || !kept.command().equals(type)) {
      return CommandResult.refused(
          cmd.requestId(),
          Refusal.REQUEST_ID_REUSED,
          Said.of(
              "请求编号 " + cmd.requestId() + " 已用于另一项操作",
              "request id " + cmd.requestId() + " was used before for another command"));
    }
    try {
      ApiMessage first = ApiJson.read(kept.resultJson());
      return (CommandResult) first;
    } catch (ApiJson.BadMessageException | ClassCastException e) {
      throw new LedgerException("kept result of " + cmd.requestId() + " unreadable: " + e, e);
    }
  }
}
