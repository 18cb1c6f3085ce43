package org.parkgate.controller.command;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Countersigned;
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
  private final CommandHandlers handlers;
  private final Admission admission;

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
    this.handlers = new CommandHandlers(site, clock, gate, sessions, throttle);
    this.admission = new Admission(gate, requests, handlers, clock);
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
                      ? CompletableFuture.completedFuture(admission.unknown(c, command))
                      : !gate.stillEnrolled(c)
                          ? CompletableFuture.completedFuture(
                              admission.noLongerEnrolled(c, command))
                          : gate.login(c, login, ledgerThread))
          .thenCompose(f -> f);
    }
    if (command instanceof ConsoleCommand.HandOverShift h) {
      return onLedger(() -> handOver(c, h)).thenCompose(f -> f);
    }
    if (command instanceof Countersigned signed && signed.approver() != null) {
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
    return onLedger(() -> admission.admit(c, cmd, null))
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
      ConsoleConnection c, ConsoleCommand.Acting cmd, Countersigned signed) {
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
        incoming -> handlers.handover().withVerified(cmd.requestId(), incoming, () -> run(c, cmd)));
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
    return onLedger(() -> admission.unknown(c, requestId));
  }

  private CommandResult run(ConsoleConnection c, ConsoleCommand.Acting cmd) {
    return run(c, cmd, null);
  }

  /** Runs {@code cmd}; {@code approver}, when not null, acts instead of the session's person. */
  private CommandResult run(
      ConsoleConnection c, ConsoleCommand.Acting cmd, Accounts.Account approver) {
    String id = cmd.requestId();
    @SuppressWarnings("unchecked")
    CommandHandler<ConsoleCommand.Acting> handler =
        (CommandHandler<ConsoleCommand.Acting>) handlers.get(cmd.getClass());
    String type = cmd.getClass().getSimpleName();
    try {
      // Admitted and decided in one transaction: what admits the command (console, request id,
      // session) is read under the write lock the handler takes anyway, not each on its own.
      Decision decision =
          ledger.atomically(
              () -> {
                Admission.Admitted admitted = admission.admit(c, cmd, approver);
                if (admitted.refusal() != null) {
                  return Decision.of(admitted.refusal());
                }
                Session who = admitted.who();
                Instant now = admitted.now();
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

  private <T> CompletableFuture<T> onLedger(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, ledgerThread);
  }
}
