package org.parkgate.controller.site;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a lane's request reaches the site: each runs on the ledger thread, in one
 * transaction, through the handler for its type. A fault completes the request's future
 * exceptionally and rolls back everything it wrote.
 */
public final class LaneDesk {
  private static final Logger log = LoggerFactory.getLogger(LaneDesk.class);

  private final Ledger ledger;
  private final ExecutorService ledgerThread;
  private final Clock clock;
  private final Map<Class<?>, LaneHandler<?, ?>> handlers = new HashMap<>();

  public LaneDesk(
      Ledger ledger,
      ExecutorService ledgerThread,
      Clock clock,
      AccessControl access,
      ExitDesk exits,
      Stays stays) {
    this(
        ledger,
        ledgerThread,
        clock,
        List.of(
            new Admit(access, exits),
            new PriceExit(access, exits),
            new CloseStay(exits, stays, access),
            new CloseStay.Passed(stays),
            new FileIncident(exits.incidents())));
  }

  /** Refuses to start if a request type has no handler. */
  LaneDesk(Ledger ledger, ExecutorService ledgerThread, Clock clock, List<LaneHandler<?, ?>> list) {
    this.ledger = ledger;
    this.ledgerThread = ledgerThread;
    this.clock = clock;
    for (LaneHandler<?, ?> h : list) {
      handlers.put(h.type(), h);
    }
    for (Class<?> type : LaneRequest.class.getPermittedSubclasses()) {
      if (!handlers.containsKey(type)) {
        throw new IllegalStateException("no handler for " + type.getSimpleName());
      }
    }
  }

  /** Runs the request; the future completes, on the ledger thread, once it has committed. */
  public <A> CompletableFuture<A> submit(LaneRequest<A> request) {
    @SuppressWarnings("unchecked")
    LaneHandler<LaneRequest<A>, A> handler =
        (LaneHandler<LaneRequest<A>, A>) handlers.get(request.getClass());
    return CompletableFuture.supplyAsync(
        () -> ledger.atomically(() -> handler.handle(request, clock.instant())), ledgerThread);
  }

  /** Records an incident nobody waits on: the lane has moved on, so a fault is only logged. */
  public void report(LaneRequest.IncidentReport r) {
    log.warn(
        "{}: incident {} card={} plate={} {}", r.lane(), r.kind(), r.card(), r.plate(), r.detail());
    submit(r)
        .exceptionally(
            e -> {
              log.error("{}: incident {} not recorded: {}", r.lane(), r.kind(), e.getMessage());
              return null;
            });
  }
}
