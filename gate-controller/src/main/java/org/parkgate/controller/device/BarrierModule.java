package org.parkgate.controller.device;

import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.parkgate.api.Said;
import org.parkgate.controller.device.modbus.ModbusBus;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.site.BarrierIoMap;
import org.parkgate.site.LaneConfig;

/**
 * A lane's barrier and loops behind a Modbus RTU I/O module on a (possibly shared) bus: polls the
 * discrete inputs every poll interval, hands changes to the lane, and pulses the open and close
 * coils. Runs on the bus's event loop; it is offline or online on its own, whatever the other
 * modules on the bus do.
 */
final class BarrierModule {
  /** How long a coil stays on for a pulse: modules that latch need it switched off again. */
  static final Duration PULSE = Duration.ofMillis(300);

  /**
   * A module is reported offline once it has not answered for this long (a lost link is reported at
   * once). Shorter would flap on one slow answer; consoles must hear within 3 s.
   */
  static final Duration OFFLINE_AFTER = Duration.ofSeconds(2);

  /** How often the offline limit is checked, whatever the bus is busy with. */
  static final Duration WATCH = Duration.ofMillis(200);

  /**
   * An offline module is asked only this often, once, without retries: its timeouts would otherwise
   * take the bus from the modules that still answer.
   */
  static final Duration PROBE_OFFLINE = Duration.ofSeconds(1);

  private final LaneConfig config;
  private final BarrierIoMap map;
  private final LaneRunner lane;
  private final ModbusBus bus;
  private final Duration pollInterval;
  private final DeviceHealth health;
  private volatile BarrierInputs last;
  private long lastAnswerNanos;
  private long lastProbeNanos;
  private boolean answering;
  private boolean polling;
  private ScheduledFuture<?> poller;
  private ScheduledFuture<?> watch;

  BarrierModule(
      LaneConfig config,
      LaneRunner lane,
      ModbusBus bus,
      Duration pollInterval,
      DeviceHealth health) {
    this.config = config;
    this.map = config.ioMap();
    this.lane = lane;
    this.bus = bus;
    this.pollInterval = pollInterval;
    this.health = health;
    health.listen(
        (online, detail, outFor) -> {
          if (online) {
            lane.deliver(new LaneEvent.BarrierOnline(outFor));
          } else {
            // The lane starts again when the module is back: hand it the first inputs read then.
            last = null;
            lane.deliver(new LaneEvent.BarrierOffline(detail));
          }
        });
  }

  void start() {
    bus.onDown(
        why -> {
          answering = false;
          health.offline(why);
        });
    bus.loop()
        .execute(
            () -> {
              lastAnswerNanos = System.nanoTime();
              poller =
                  bus.loop()
                      .scheduleWithFixedDelay(
                          this::poll, 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
              watch =
                  bus.loop()
                      .scheduleWithFixedDelay(
                          this::watch, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
            });
  }

  void open() {
    pulse(map.openCoil());
  }

  void close() {
    pulse(map.closeCoil());
  }

  private void pulse(int coil) {
    long since = System.nanoTime();
    write(
        coil,
        true,
        since,
        () ->
            bus.loop()
                .schedule(
                    () -> write(coil, false, System.nanoTime(), () -> {}),
                    PULSE.toMillis(),
                    TimeUnit.MILLISECONDS));
  }

  /**
   * Writes one coil, asking again while the module has not been silent for {@link #OFFLINE_AFTER}:
   * an answer lost on a noisy line does not mean the module is gone (the write may well have been
   * carried out), and writing a coil to the state it has is harmless. Silent for longer, the module
   * is offline, as when it stops answering polls.
   */
  private void write(int coil, boolean on, long since, Runnable then) {
    bus.client()
        .writeSingleCoil(config.barrierUnit(), coil, on)
        .whenComplete(
            (ok, e) -> {
              if (e == null) {
                then.run();
              } else if (bus.connected() && System.nanoTime() - since < OFFLINE_AFTER.toNanos()) {
                bus.loop().execute(() -> write(coil, on, since, then));
              } else {
                health.offline(
                    Said.of(
                        "线圈 " + coil + (on ? " 置位" : " 复位") + "未写入：" + rootMessage(e),
                        "coil "
                            + coil
                            + (on ? " on" : " off")
                            + " not written: "
                            + rootMessage(e)));
              }
            });
  }

  private void poll() {
    if (polling || !bus.connected()) {
      return;
    }
    long now = System.nanoTime();
    if (!answering) {
      if (now - lastProbeNanos < PROBE_OFFLINE.toNanos() && lastProbeNanos != 0) {
        return;
      }
      lastProbeNanos = now;
    }
    polling = true;
    int retries = answering ? bus.master().settings().retries() : 0;
    bus.client()
        .readDiscreteInputs(config.barrierUnit(), map.firstInput(), map.inputCount(), retries)
        .whenComplete(
            (bits, error) -> {
              polling = false;
              if (error == null) {
                lastAnswerNanos = System.nanoTime();
                answering = true;
                health.online(Said.of("应答正常", "answering"));
                inputs(bits);
              } else if (answering
                  && System.nanoTime() - lastAnswerNanos >= OFFLINE_AFTER.toNanos()) {
                offline(rootMessage(error));
              }
            });
  }

  private void watch() {
    if (System.nanoTime() - lastAnswerNanos >= OFFLINE_AFTER.toNanos()) {
      offline(
          Said.of(
              OFFLINE_AFTER.toMillis() + " 毫秒无应答",
              "no answer for " + OFFLINE_AFTER.toMillis() + " ms"));
    }
  }

  private void offline(String why) {
    answering = false;
    health.offline(
        Said.after(
            "模块 " + config.barrierUnit() + "（" + config.barrier() + "）：",
            "unit " + config.barrierUnit() + " on " + config.barrier() + ": ",
            why));
  }

  private void inputs(boolean[] bits) {
    int base = map.firstInput();
    BarrierInputs now =
        new BarrierInputs(
            bits[map.armingLoopInput() - base],
            bits[map.safetyLoopInput() - base],
            bits[map.openLimitInput() - base],
            bits[map.closedLimitInput() - base],
            bits[map.faultInput() - base]);
    if (!now.equals(last)) {
      last = now;
      lane.deliver(new LaneEvent.Inputs(now));
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  void stop() {
    bus.loop()
        .execute(
            () -> {
              if (poller != null) {
                poller.cancel(false);
              }
              if (watch != null) {
                watch.cancel(false);
              }
            });
  }
}
