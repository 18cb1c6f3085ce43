package org.parkgate.controller;

import io.netty.channel.DefaultEventLoop;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.RecordingDevices;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.LaneState;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * A site on a real ledger file in a test's folder, with its exit-1 lane running on recording
 * devices and the command pipeline behind a {@link Desk}: what tests of the booth's work at one
 * exit act on. Vehicles come to the exit with a card whose entry is recorded straight in the
 * ledger.
 */
final class ExitLaneSite implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final BarrierInputs CLOSED_ARMED = new BarrierInputs(true, false, false, true, false);

  final Ledger ledger;
  final SiteService site;
  final LaneRunner exit;
  final Desk desk;
  private final ExecutorService ledgerThread;
  private final DefaultEventLoop loop;

  private ExitLaneSite(
      Ledger ledger,
      ExecutorService ledgerThread,
      DefaultEventLoop loop,
      SiteService site,
      LaneRunner exit,
      Desk desk) {
    this.ledger = ledger;
    this.ledgerThread = ledgerThread;
    this.loop = loop;
    this.site = site;
    this.exit = exit;
    this.desk = desk;
  }

  /** The demo site (config/sites/demo.yaml: 15 min free, then 3.00 per started hour). */
  static SiteConfig demo() throws Exception {
    return SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
  }

  /** {@code config} started at {@code clock}'s now on a ledger in {@code dir}. */
  static ExitLaneSite open(Path dir, SiteConfig config, Clock clock) throws Exception {
    Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ExecutorService ledgerThread = Executors.newSingleThreadExecutor();
    DefaultEventLoop loop = new DefaultEventLoop();
    SiteService site =
        new SiteService(
            config,
            TariffBook.open(ledger, config.tariff(), clock.instant()),
            ledger,
            clock,
            ledgerThread,
            new ConsoleHub());
    LaneRunner exit = site.addLane(config.lane("exit-1").orElseThrow(), loop);
    exit.attach(new RecordingDevices());
    return new ExitLaneSite(ledger, ledgerThread, loop, site, exit, new Desk(site, clock));
  }

  /** A vehicle that entered at {@code entry} presents {@code card} at exit-1; its stay id. */
  long waitingToPay(String card, Instant entry) throws Exception {
    long stayId = new Stays(ledger).recordEntry("entry-1", card, entry).stayId();
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    exit.deliver(new LaneEvent.CardRead(card));
    awaitState(LaneState.AWAITING_PAYMENT);
    return stayId;
  }

  /** The paid vehicle drives over the loops as a car does, and the lane is idle again. */
  void drivesOut() throws Exception {
    awaitState(LaneState.OPENING);
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(true, false, true, false, false)));
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(true, true, true, false, false)));
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(false, true, true, false, false)));
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(false, false, true, false, false)));
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(false, false, false, true, false)));
    awaitState(LaneState.IDLE);
  }

  /** Holds the lane's thread until the returned hold is closed: nothing reaches the lane. */
  Hold holdLane() throws Exception {
    return hold(loop);
  }

  /** Holds the ledger thread until the returned hold is closed. */
  Hold holdLedger() throws Exception {
    return hold(ledgerThread);
  }

  /** A thread held by a task of the test's, let go on close. */
  interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  /** Holds {@code thread} (a lane's loop, the ledger thread) until the returned hold is closed. */
  static Hold hold(java.util.concurrent.Executor thread) throws Exception {
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    thread.execute(
        () -> {
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    if (!held.await(5, TimeUnit.SECONDS)) {
      throw new AssertionError("the thread to hold never came free");
    }
    return release::countDown;
  }

  /** Waits until the ledger thread has done what was handed to it so far. */
  void settle() throws Exception {
    ledgerThread.submit(() -> null).get();
  }

  LaneState state() throws Exception {
    return loop.submit(() -> exit.lane().state()).get();
  }

  /** What exit-1 asks of the vehicle waiting there. */
  Money due() throws Exception {
    return loop.submit(() -> exit.lane().due()).get();
  }

  void awaitState(LaneState state) throws Exception {
    for (int i = 0; i < 500; i++) {
      if (state() == state) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("lane never reached " + state + "; it is " + state());
  }

  @Override
  public void close() throws Exception {
    desk.close();
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }
}
