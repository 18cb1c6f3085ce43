package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.site.BarrierIoMap;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.CardProtocol;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/** The runner on a virtual-time loop: timers, incidents, the published mode. */
class LaneRunnerTest {
  private final EmbeddedChannel loop = new EmbeddedChannel();
  private final RecordingDevices devices = new RecordingDevices();
  private final List<String> incidents = new ArrayList<>();
  private final List<ConsoleEvent> published = new ArrayList<>();

  private LaneRunner runner(LaneKind kind) {
    return runner(kind, LaneTimings.DEFAULTS);
  }

  private LaneRunner runner(LaneKind kind, LaneTimings timings) {
    loop.freezeTime();
    DeviceAddress none = new DeviceAddress.Local("unused");
    LaneRunner runner =
        new LaneRunner(
            new LaneConfig(
                "lane-1",
                kind,
                "lane-1",
                none,
                1,
                BarrierIoMap.DEFAULT,
                none,
                CardProtocol.ASCII,
                none,
                null),
            loop.eventLoop(),
            new LaneRunner.LaneServices() {
              @Override
              public CompletableFuture<LaneEvent> recordEntry(String l, String c, Sighting v) {
                return new CompletableFuture<>();
              }

              @Override
              public CompletableFuture<LaneEvent> quoteExit(String l, String c, Sighting v) {
                return new CompletableFuture<>();
              }

              @Override
              public void reportIncident(String l, IncidentKind k, String card, String detail) {
                incidents.add(l + " " + k + " " + detail);
              }

              @Override
              public CompletableFuture<Void> recordExit(String l, long stayId) {
                return CompletableFuture.completedFuture(null);
              }

              @Override
              public void publish(String l, LongFunction<ConsoleEvent> event) {
                published.add(event.apply(published.size() + 1));
              }

              @Override
              public Instant now() {
                return Instant.EPOCH;
              }
            },
            timings);
    runner.attach(devices);
    return runner;
  }

  private void advance(Duration d) {
    loop.advanceTimeBy(d.toMillis(), TimeUnit.MILLISECONDS);
    loop.runScheduledPendingTasks();
  }

  @Test
  void aCardNotTakenIsReportedToTheSiteWhenItsTimerRunsOut() {
    LaneRunner runner = runner(LaneKind.ENTRY);
    runner.deliver(new LaneEvent.Inputs(LaneScript.CLOSED_ARMED));
    assertEquals(List.of("issue"), devices.actions());
    advance(Duration.ofSeconds(29));
    assertTrue(incidents.isEmpty(), "reported early: " + incidents);
    advance(Duration.ofSeconds(1));
    assertEquals(1, incidents.size(), incidents.toString());
    assertTrue(incidents.get(0).startsWith("lane-1 CARD_NOT_TAKEN"), incidents.toString());
    assertEquals(both(DriverMessages.cardNotTaken()), devices.display());
  }

  @Test
  void theSiteSetsHowLongACardMayWaitAtTheMouth() {
    LaneRunner runner =
        runner(
            LaneKind.ENTRY,
            LaneTimings.of(
                new org.parkgate.site.SiteConfig.LaneTimeouts(
                    Duration.ofSeconds(45), Duration.ofSeconds(8), Duration.ofSeconds(3))));
    runner.deliver(new LaneEvent.Inputs(LaneScript.CLOSED_ARMED));
    advance(Duration.ofSeconds(44));
    assertTrue(incidents.isEmpty(), "reported early: " + incidents);
    advance(Duration.ofSeconds(1));
    assertTrue(incidents.get(0).startsWith("lane-1 CARD_NOT_TAKEN"), incidents.toString());
  }

  @Test
  void aBarrierThatNeverOpensIsReportedStuckAfterItsTravelTime() {
    LaneRunner runner = runner(LaneKind.ENTRY);
    runner.deliver(new LaneEvent.Inputs(LaneScript.CLOSED_EMPTY));
    runner.deliver(new LaneEvent.ModeSet(LaneMode.HELD_OPEN));
    assertEquals(List.of("open"), devices.actions());
    advance(LaneTimings.DEFAULTS.barrierTravel());
    assertEquals(1, incidents.size(), incidents.toString());
    assertTrue(incidents.get(0).contains("BARRIER_STUCK"), incidents.toString());
    assertEquals(both(DriverMessages.callForHelp()), devices.display());
  }

  @Test
  void theLaneStatusCarriesTheModeAndChangesWithIt() {
    LaneRunner runner = runner(LaneKind.EXIT);
    runner.deliver(new LaneEvent.Inputs(LaneScript.CLOSED_EMPTY));
    runner.deliver(new LaneEvent.ModeSet(LaneMode.CLOSED));
    ConsoleEvent.LaneStatus last = (ConsoleEvent.LaneStatus) published.get(published.size() - 1);
    assertEquals(LaneMode.CLOSED, last.mode());
    assertEquals(LaneKind.EXIT, last.kind());
    assertEquals(LaneState.IDLE, last.state());
    assertEquals(BarrierPosition.CLOSED, last.barrier());
    assertEquals(both(DriverMessages.laneClosed()), last.display());
    int before = published.size();
    runner.deliver(new LaneEvent.ModeSet(LaneMode.FREE_EXIT));
    last = (ConsoleEvent.LaneStatus) published.get(published.size() - 1);
    assertEquals(before + 1, published.size());
    assertEquals(LaneMode.FREE_EXIT, last.mode());
  }

  @Test
  void aCardWithNoVehicleIsRefusedAfterTheHold() {
    LaneRunner runner = runner(LaneKind.EXIT);
    runner.deliver(new LaneEvent.Inputs(LaneScript.CLOSED_EMPTY));
    runner.deliver(new LaneEvent.CardRead("C1"));
    advance(LaneTimings.DEFAULTS.cardHold());
    assertTrue(
        published.stream()
            .anyMatch(e -> e instanceof ConsoleEvent.CardRejected r && r.card().equals("C1")),
        published.toString());
  }

  /** What a display speaking both languages shows. */
  private static List<String> both(List<DisplayText> rows) {
    return DisplayText.in(rows, org.parkgate.site.Language.BOTH);
  }
}
