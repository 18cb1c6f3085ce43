package org.parkgate.controller.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.device.RecordingServices.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.device.camera.CameraCodec;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.PlateColour;
import org.parkgate.device.camera.VehicleClass;
import org.parkgate.site.BarrierIoMap;
import org.parkgate.site.CameraConfig;
import org.parkgate.site.CardProtocol;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.wire.FrameTesting;

/** The controller's plate camera driver against a camera on an in-process link. */
class CameraUnitTest {
  private static final Duration BEAT = Duration.ofMillis(100);

  private final RecordingServices services = new RecordingServices();
  private final List<LaneEvent> delivered = new CopyOnWriteArrayList<>();
  private final EventLoop loop = new DefaultEventLoop();
  private FakeCamera camera;
  private CameraUnit unit;

  @BeforeEach
  void start() throws Exception {
    camera = new FakeCamera("cam-north");
    DeviceAddress none = new DeviceAddress.Local("unused");
    LaneConfig config =
        new LaneConfig(
            "north",
            LaneKind.ENTRY,
            "north",
            none,
            1,
            BarrierIoMap.DEFAULT,
            none,
            CardProtocol.ASCII,
            none,
            new CameraConfig(camera.address, "cam-north"));
    unit =
        new CameraUnit(
            config, delivered::add, loop, new DeviceHealth("north", "camera", services), BEAT);
    unit.start();
    await("the camera answering", 3_000, () -> services.online("north", "camera"));
  }

  @AfterEach
  void stop() throws Exception {
    unit.stop();
    camera.close();
    loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static CameraMessage.Recognition read(String camera, String plate, int confidence) {
    return new CameraMessage.Recognition(
        camera,
        plate,
        VehicleClass.CAR,
        PlateColour.BLUE,
        confidence,
        Instant.parse("2026-11-26T11:26:00Z"));
  }

  @Test
  void aGoodReadReachesTheLaneWithItsChinesePlateClassAndColour() throws Exception {
    assertTrue(camera.heartbeatsFrom("north") >= 1, "the controller greets the camera");
    camera.send(
        new CameraMessage.Recognition(
            "cam-north", "沪A12345", VehicleClass.TRUCK, PlateColour.YELLOW, 97, null));
    await("the plate at the lane", 2_000, () -> !delivered.isEmpty());
    assertEquals(
        List.of(new LaneEvent.PlateRead(new Sighting("沪A12345", "truck", "yellow"))), delivered);
    assertEquals(
        "收到心跳：cam-north · heartbeat from cam-north", services.device("north", "camera").detail());
  }

  @Test
  void lowConfidenceReadsAndAnotherCamerasReadsAreDroppedAndCounted() throws Exception {
    camera.send(read("cam-north", "沪A11111", CameraUnit.MIN_CONFIDENCE - 1));
    camera.send(read("cam-south", "沪A22222", 99));
    camera.send(read("cam-north", "沪A33333", CameraUnit.MIN_CONFIDENCE));
    await("the last read", 2_000, () -> !delivered.isEmpty());
    assertEquals(
        List.of(new LaneEvent.PlateRead(new Sighting("沪A33333", "car", "blue"))), delivered);
    assertEquals(1, unit.lowConfidence());
    assertEquals(1, unit.wrongCamera());
    assertEquals(1, unit.delivered());
  }

  @Test
  void noiseAndABadCheckCostOnlyTheDamagedFrame() throws Exception {
    byte[] damaged = CameraCodec.encode(read("cam-north", "沪A44444", 90));
    damaged[12] ^= 0x01;
    camera.sendBytes(
        FrameTesting.concat(
            FrameTesting.hex("00 02 FF"),
            damaged,
            CameraCodec.encode(read("cam-north", "粤B55555", 90))));
    await("the good read", 2_000, () -> !delivered.isEmpty());
    assertEquals(
        List.of(new LaneEvent.PlateRead(new Sighting("粤B55555", "car", "blue"))), delivered);
    assertEquals(1, unit.status().badFrames());
    assertTrue(services.online("north", "camera"));
  }

  @Test
  void aSilentCameraGoesOfflineAndComesBackWhenItAnswersAgain() throws Exception {
    camera.silent = true;
    await("the silent camera offline", 3_000, () -> services.offline("north", "camera"));
    assertEquals(
        CameraInitializer.SILENT_AFTER * BEAT.toMillis()
            + " 毫秒无心跳 · silent: no heartbeat for "
            + CameraInitializer.SILENT_AFTER * BEAT.toMillis()
            + " ms",
        services.device("north", "camera").detail());
    camera.silent = false;
    await("the camera back online", 3_000, () -> services.online("north", "camera"));
  }

  @Test
  void aDroppedConnectionIsReportedAndReconnected() throws Exception {
    camera.hangUp();
    await("the camera offline", 2_000, () -> services.offline("north", "camera"));
    await("the camera back online", 3_000, () -> services.online("north", "camera"));
    camera.send(read("cam-north", "沪A66666", 80));
    await("a read after reconnecting", 2_000, () -> delivered.size() == 1);
  }
}
