package org.parkgate.controller.device;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.parkgate.api.Said;
import org.parkgate.controller.device.link.DeviceLink;
import org.parkgate.controller.device.link.LinkStatus;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.site.CameraConfig;
import org.parkgate.site.LaneConfig;
import org.parkgate.wire.LinkCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lane's plate camera: each good recognition goes to the lane ({@code LaneRunner::deliver}) as
 * {@link LaneEvent.PlateRead}. The camera is online from its first frame on a connection until the
 * connection drops or it misses {@link CameraInitializer#SILENT_AFTER} heartbeats.
 */
final class CameraUnit {
  private static final Logger log = LoggerFactory.getLogger(CameraUnit.class);

  /**
   * Reads the camera is less sure of than this (0-100) are dropped: a wrong plate on a stay costs
   * more (a mismatch at the exit, a wrong unpaid balance) than no plate, which the lane handles.
   */
  static final int MIN_CONFIDENCE = 60;

  /** How often the controller sends a heartbeat; the camera answers each one. */
  static final Duration HEARTBEAT = Duration.ofSeconds(2);

  private final String laneId;
  private final CameraConfig camera;
  private final Consumer<LaneEvent> lane;
  private final DeviceHealth health;
  private final DeviceLink link;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder lowConfidence = new LongAdder();
  private final LongAdder wrongCamera = new LongAdder();

  CameraUnit(
      LaneConfig config,
      Consumer<LaneEvent> lane,
      EventLoop loop,
      DeviceHealth health,
      Duration heartbeat) {
    this.laneId = config.id();
    this.camera = config.camera();
    this.lane = lane;
    this.health = health;
    String name = config.id() + " camera";
    LinkCounters counters = new LinkCounters();
    this.link =
        new DeviceLink(
            name,
            camera.address(),
            loop,
            counters,
            new CameraInitializer(
                name, config.id(), heartbeat, counters, this::received, health::offline),
            ch -> {},
            health::offline);
  }

  void start() {
    link.start();
  }

  LinkStatus status() {
    return link.status();
  }

  /** Recognitions passed to the lane. */
  long delivered() {
    return delivered.sum();
  }

  /** Recognitions dropped for a confidence below {@link #MIN_CONFIDENCE}. */
  long lowConfidence() {
    return lowConfidence.sum();
  }

  /** Recognitions dropped because they carried another camera's id. */
  long wrongCamera() {
    return wrongCamera.sum();
  }

  private void received(CameraMessage message) {
    if (message instanceof CameraMessage.Heartbeat h) {
      health.online(Said.of("收到心跳：" + h.sender(), "heartbeat from " + h.sender()));
      return;
    }
    CameraMessage.Recognition r = (CameraMessage.Recognition) message;
    health.online(Said.of("收到识别结果：" + r.camera(), "recognition from " + r.camera()));
    if (!r.camera().equals(camera.id())) {
      wrongCamera.increment();
      log.warn(
          "{}: plate {} from camera '{}' dropped: this lane's camera is '{}' (wrong cabling?)",
          laneId,
          r.plate(),
          r.camera(),
          camera.id());
      return;
    }
    if (r.confidence() < MIN_CONFIDENCE) {
      lowConfidence.increment();
      log.info(
          "{}: plate {} dropped, confidence {} below {} ({} low-confidence reads so far)",
          laneId,
          r.plate(),
          r.confidence(),
          MIN_CONFIDENCE,
          lowConfidence.sum());
      return;
    }
    delivered.increment();
    log.info(
        "{}: plate {} read ({}, {} plate, confidence {})",
        laneId,
        r.plate(),
        r.vehicleClass().wire(),
        r.colour().wire(),
        r.confidence());
    lane.accept(
        new LaneEvent.PlateRead(
            new Sighting(r.plate(), r.vehicleClass().wire(), r.colour().wire())));
  }

  void stop() {
    link.close();
  }
}
