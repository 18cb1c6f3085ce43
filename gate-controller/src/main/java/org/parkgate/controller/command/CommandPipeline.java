package org.parkgate.controller.command;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.auth.LoginThrottle;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.auth.SessionTable;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.Requests;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.ledger.Shifts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a console's command reaches the site. Every command runs on the ledger thread, in one
 * transaction, in these steps: the console must have proved it is enrolled; a request id seen
 * before returns the first result kept in the ledger (whatever restarted since); the session names
 * who acts; the handler's roles must include theirs; the handler decides and appends; the result is
 * kept with the request id; the transaction commits; then the lanes hear of it and the events go
 * out.
 */
public final class CommandPipeline {
  private static final Logger log = LoggerFactory.getLogger(CommandPipeline.class);

  private final Ledger ledger;
  private final ExecutorService ledgerThread;
  private final Clock clock;
  private final Gatekeeper gate;
  private final Requests requests;
  private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
  private final Handover handover;

  /**
   * Where {@link OffLedger} commands read, one at a time, so a report never holds the ledger
   * thread; a short queue, and a console asking for more is told to try again.
   */
  private final ExecutorService reportThread =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(8),
          r -> {
            Thread t = new Thread(r, "reports");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
          });

  public CommandPipeline(
      SiteService site,
      Clock clock,
      org.parkgate.site.SiteConfig.Sessions rules,
      Executor passwordChecks) {
    this.ledger = site.ledger();
    this.ledgerThread = site.ledgerThread();
    this.clock = clock;
    SessionTable sessions = new SessionTable(rules);
    LoginThrottle throttle = new LoginThrottle();
    this.gate =
        new Gatekeeper(site, sessions, throttle, new PasswordHasher(), passwordChecks, clock);
    this.requests = new Requests(ledger);
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
            new ShiftCommands.Open(shifts, site.tariff().currency(), limit),
            new ShiftCommands.Close(closing, site.site().zone()),
            new ShiftCommands.Drop(shifts, site.tariff().currency(), limit),
            new Find(site.finder(), site.lanes()),
            new PayAtStation(ledger, site.access(), site.tariff(), site.site().zone(), limit),
            new FreePassCommands.Ask(ledger, site.exits(), site.lanes()),
            new FreePassCommands.Decide(ledger, site.exits(), site.lanes(), security),
            new VoucherAtExit(
                ledger,
                site.exits(),
                site.access(),
                site.tariff(),
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
            new VoucherRegister.Batches(ledger, site.tariff()),
            new VoucherRegister.Issue(ledger, site.tariff(), site.site().zone()),
            new VoucherRegister.Show(ledger, site.site().zone()),
            new VoucherRegister.VoidCode(ledger, site.site().zone()),
            new ExemptionRegister(ledger, site.site().zone()),
            new ReportDesk(
                ledger, site.site().zone(), site.tariff().currency(), clock, site.site().lanes())));
  }

  private static LostCardDesk lostCards(SiteService site) {
    return new LostCardDesk(
        site.ledger(),
        site.exits(),
        site.access(),
        site.tariff(),
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

  /**
   * Takes one command from a console connection. The future completes, on the ledger thread, with
   * the result to send back, or null when the answer was sent already (a welcome). After a refused
   * connection ({@link ConsoleConnection#refused()}) the result is the last thing to send.
   */
  public CompletableFuture<CommandResult> accept(ConsoleConnection c, ConsoleCommand command) {
    if (command instanceof ConsoleCommand.Hello hello) {
      return onLedger(() -> gate.hello(c, hello));
    }
    if (command instanceof ConsoleCommand.Login login) {
      return onLedger(
              () ->
                  !c.authenticated()
                      ? CompletableFuture.completedFuture(unknown(c, command))
                      : !gate.stillEnrolled(c)
                          ? CompletableFuture.completedFuture(noLongerEnrolled(c, command))
                          : gate.login(c, login, ledgerThread))
          .thenCompose(f -> f);
    }
    if (command instanceof ConsoleCommand.HandOverShift h) {
      return onLedger(() -> handOver(c, h)).thenCompose(f -> f);
    }
    if (command instanceof ConsoleCommand.Countersigned signed && signed.approver() != null) {
      return onLedger(() -> countersigned(c, (ConsoleCommand.Acting) command, signed))
          .thenCompose(f -> f);
    }
    if (handlers.get(command.getClass()) instanceof OffLedger<?> reader) {
      return offLedger(c, (ConsoleCommand.Acting) command, reader);
    }
    return onLedger(() -> run(c, (ConsoleCommand.Acting) command));
  }

  /**
   * A read-only command that may take long: admitted on the ledger thread as every command is, then
   * read on the reports thread.
   */
  private CompletableFuture<CommandResult> offLedger(
      ConsoleConnection c, ConsoleCommand.Acting cmd, OffLedger<?> handler) {
    @SuppressWarnings("unchecked")
    OffLedger<ConsoleCommand.Acting> reader = (OffLedger<ConsoleCommand.Acting>) handler;
    String type = cmd.getClass().getSimpleName();
    return onLedger(() -> admit(c, cmd, null))
        .thenCompose(
            admitted -> {
              if (admitted.refusal() != null) {
                return CompletableFuture.completedFuture(admitted.refusal());
              }
              try {
                return CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return reader.read(cmd, admitted.who(), admitted.now());
                      } catch (RuntimeException e) {
                        log.error("{} {} failed", type, cmd.requestId(), e);
                        return CommandResult.refused(
                            cmd.requestId(),
                            Refusal.NOT_RECORDED,
                            Said.of("未完成：" + e.getMessage(), "not done: " + e.getMessage()));
                      }
                    },
                    reportThread);
              } catch (java.util.concurrent.RejectedExecutionException e) {
                return CompletableFuture.completedFuture(
                    CommandResult.refused(
                        cmd.requestId(),
                        Refusal.NOT_NOW,
                        Said.of(
                            "报表排队已满，请稍后再试", "too many reports asked at once: try again shortly")));
              }
            });
  }

  /** Stops the reports thread; reports asked for after this are refused. */
  public void close() {
    reportThread.shutdownNow();
  }

  /**
   * A command another person confirms at this console (a supervisor approving at the cashier's
   * booth): their password checked as a login checks it, then the command run in their name and
   * role, the console's session still required.
   */
  private CompletableFuture<CommandResult> countersigned(
      ConsoleConnection c, ConsoleCommand.Acting cmd, ConsoleCommand.Countersigned signed) {
    return withPassword(
        c,
        cmd,
        signed.approver().username(),
        signed.approver().password(),
        signed.source(),
        approver -> run(c, cmd, approver));
  }

  /**
   * A handover: the incoming cashier's password checked as a login checks it, then the command run
   * as any other with that account.
   */
  private CompletableFuture<CommandResult> handOver(
      ConsoleConnection c, ConsoleCommand.HandOverShift cmd) {
    return withPassword(
        c,
        cmd,
        cmd.incomingUsername(),
        cmd.incomingPassword(),
        cmd.source(),
        incoming -> handover.withVerified(cmd.requestId(), incoming, () -> run(c, cmd)));
  }

  /**
   * Runs {@code then} with the account whose password a person typed at this console, checked as a
   * login from {@code source} checks it (off the ledger thread). A retry of a command done, an
   * unknown console or an ended session are answered without a password check.
   */
  private CompletableFuture<CommandResult> withPassword(
      ConsoleConnection c,
      ConsoleCommand.Acting cmd,
      String username,
      String password,
      String source,
      java.util.function.Function<Accounts.Account, CommandResult> then) {
    if (!c.authenticated()
        || requests.find(cmd.requestId()).isPresent()
        || gate.session(cmd.session(), clock.instant()).isEmpty()) {
      return CompletableFuture.completedFuture(run(c, cmd));
    }
    return gate.passwords()
        .check(c, cmd.requestId(), username, password, source, ledgerThread)
        .thenApply(
            checked ->
                checked.refusal() != null ? checked.refusal() : then.apply(checked.account()));
  }

  /** A message from a connection that has not proved which console it is: its last. */
  public CompletableFuture<CommandResult> refuseUnknown(ConsoleConnection c, String requestId) {
    return onLedger(() -> gate.refuseConsole(c, requestId, null, HELLO_FIRST));
  }

  private static final String HELLO_FIRST = Said.of("收费台须先登记连接", "say hello first");

  private CommandResult unknown(ConsoleConnection c, ConsoleCommand command) {
    return gate.refuseConsole(c, command.requestId(), null, HELLO_FIRST);
  }

  private CommandResult noLongerEnrolled(ConsoleConnection c, ConsoleCommand command) {
    return gate.refuseConsole(
        c,
        command.requestId(),
        c.consoleId(),
        Said.of(
            "收费台 '" + c.consoleId() + "' 已不再登记",
            "console '" + c.consoleId() + "' is no longer enrolled"));
  }

  private CommandResult run(ConsoleConnection c, ConsoleCommand.Acting cmd) {
    return run(c, cmd, null);
  }

  /**
   * Who may run {@code cmd}, or why not: the console enrolled, the request id new (a retry of a
   * kept command gets its first result), a live session, and a role the handler takes. A refusal of
   * the role is recorded as a security event. On the ledger thread.
   */
  private Admitted admit(
      ConsoleConnection c, ConsoleCommand.Acting cmd, Accounts.Account approver) {
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
  private record Admitted(Session who, Instant now, CommandResult refusal) {
    static Admitted no(CommandResult refusal) {
      return new Admitted(null, null, refusal);
    }
  }

  /** Runs {@code cmd}; {@code approver}, when not null, acts instead of the session's person. */
  private CommandResult run(
      ConsoleConnection c, ConsoleCommand.Acting cmd, Accounts.Account approver) {
    Admitted admitted = admit(c, cmd, approver);
    if (admitted.refusal() != null) {
      return admitted.refusal();
    }
    String id = cmd.requestId();
    @SuppressWarnings("unchecked")
    CommandHandler<ConsoleCommand.Acting> handler =
        (CommandHandler<ConsoleCommand.Acting>) handlers.get(cmd.getClass());
    String type = cmd.getClass().getSimpleName();
    Session who = admitted.who();
    Instant now = admitted.now();
    try {
      Decision decision =
          ledger.atomically(
              () -> {
                Decision d = handler.handle(cmd, who, now);
                // What was done is kept; a refusal changed nothing, and the same request may be
                // tried again once the site allows it.
                if (handler.kept() && d.result().ok()) {
                  requests.keep(
                      id, c.consoleId(), who.username(), type, ApiJson.write(d.result()), now);
                }
                // Only once committed may a barrier lift or a lane change its mode.
                ledger.onCommit(d.afterCommit());
                return d;
              });
      try {
        return decision.sent().apply(decision.result());
      } catch (RuntimeException e) {
        log.warn("{} {}: answer sent without its after-commit figures", type, id, e);
        return decision.result();
      }
    } catch (LedgerException e) {
      return CommandResult.refused(id, Refusal.NOT_NOW, e.getMessage());
    } catch (RuntimeException e) {
      log.error("{} {} not recorded", type, id, e);
      return CommandResult.refused(
          id,
          Refusal.NOT_RECORDED,
          Said.of("未记录：" + e.getMessage(), "not recorded: " + e.getMessage()));
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

  private <T> CompletableFuture<T> onLedger(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, ledgerThread);
  }
}
