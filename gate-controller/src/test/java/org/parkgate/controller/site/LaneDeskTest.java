package org.parkgate.controller.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.site.IncidentKind;

/** The desk runs each lane request through its handler, on the ledger thread, in one commit. */
class LaneDeskTest {
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");

  @TempDir Path dir;
  private Ledger ledger;
  private Incidents incidents;
  private final ExecutorService ledgerThread = Executors.newSingleThreadExecutor();
  private final MutableClock clock = new MutableClock(T0);
  private final List<ConsoleEvent> heard = new ArrayList<>();

  @BeforeEach
  void open() {
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledger.onCommittedEvent(heard::add);
    incidents = new Incidents(ledger);
  }

  @AfterEach
  void close() throws Exception {
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  @Test
  void refusesToStartWithARequestTypeUnhandled() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new LaneDesk(
                    ledger,
                    ledgerThread,
                    clock,
                    List.of(new Answering<>(LaneRequest.Entry.class, null))));
    assertTrue(e.getMessage().startsWith("no handler for "), e.getMessage());
  }

  @Test
  void anIncidentKeepsTheTimeItWasReportedAt() throws Exception {
    LaneDesk desk = desk(new FileIncident(incidents));
    CountDownLatch busy = new CountDownLatch(1);
    ledgerThread.execute(
        () -> {
          try {
            busy.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    desk.report(
        new LaneRequest.IncidentReport(
            "exit-1", IncidentKind.TAILGATING, "C1", null, "second vehicle", clock.instant()));
    clock.advance(Duration.ofMinutes(3)); // the ledger was busy meanwhile
    busy.countDown();
    ledgerThread.submit(() -> {}).get(5, TimeUnit.SECONDS);

    List<Incidents.Incident> recorded = incidents.between(T0.minusSeconds(1), T0.plusSeconds(600));
    assertEquals(1, recorded.size());
    assertEquals(T0, recorded.get(0).at());
    assertEquals(1, heard.size());
  }

  @Test
  void aFaultCompletesExceptionallyAndKeepsNothing() throws Exception {
    LaneHandler<LaneRequest.Entry, LaneEvent> failing =
        new Answering<LaneRequest.Entry, LaneEvent>(LaneRequest.Entry.class, null) {
          @Override
          public LaneEvent handle(LaneRequest.Entry r, Instant now) {
            incidents.record(r.lane(), IncidentKind.BLACKLISTED, r.card(), null, "barred", now);
            throw new IllegalStateException("disk gone");
          }
        };
    LaneDesk desk = desk(failing);

    CompletableFuture<LaneEvent> answer = desk.submit(new LaneRequest.Entry("entry-1", "C1", null));

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
    assertEquals("disk gone", e.getCause().getMessage());
    assertTrue(incidents.between(T0.minusSeconds(1), T0.plusSeconds(1)).isEmpty());
    assertTrue(heard.isEmpty(), "consoles heard of a rolled-back incident: " + heard);
  }

  /** A desk whose other handlers answer nothing; {@code real} replaces the one for its type. */
  private LaneDesk desk(LaneHandler<?, ?> real) {
    List<LaneHandler<?, ?>> list = new ArrayList<>();
    list.add(new Answering<>(LaneRequest.Entry.class, null));
    list.add(new Answering<>(LaneRequest.ExitQuote.class, null));
    list.add(new Answering<>(LaneRequest.Exit.class, null));
    list.add(new Answering<>(LaneRequest.Passage.class, null));
    list.add(new Answering<>(LaneRequest.IncidentReport.class, null));
    list.add(real); // registered last: the one for its type
    return new LaneDesk(ledger, ledgerThread, clock, list);
  }

  /** A handler that answers every request of its type the same. */
  private static class Answering<R extends LaneRequest<A>, A> implements LaneHandler<R, A> {
    private final Class<R> type;
    private final A answer;

    Answering(Class<R> type, A answer) {
      this.type = type;
      this.answer = answer;
    }

    @Override
    public Class<R> type() {
      return type;
    }

    @Override
    public A handle(R request, Instant now) {
      return answer;
    }
  }
}
