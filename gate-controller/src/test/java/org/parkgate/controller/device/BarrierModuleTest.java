package org.parkgate.controller.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.device.RecordingServices.await;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkgate.controller.device.modbus.ModbusBuses;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.RecordingDevices;
import org.parkgate.site.BarrierIoMap;
import org.parkgate.site.CardProtocol;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneState;

/** Two lanes' barrier modules on one bus (units 1 and 2), each online or offline on its own. */
class BarrierModuleTest {
  private MultiThreadIoEventLoopGroup io;
  private FakeModbusSlaves slaves;
  private ModbusBuses buses;
  private final RecordingServices services = new RecordingServices();
  private BarrierModule north;
  private BarrierModule south;

  @BeforeEach
  void start() throws Exception {
    io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    slaves = new FakeModbusSlaves(1, 2);
    slaves.unit(1).inputs[3] = true; // both barriers down
    slaves.unit(2).inputs[3] = true;
    buses = new ModbusBuses();
    north = module("north", 1);
    south = module("south", 2);
    await(
        "both modules answering",
        2_000,
        () -> services.online("north", "barrier") && services.online("south", "barrier"));
  }

  private BarrierModule module(String lane, int unit) {
    DeviceAddress none = new DeviceAddress.Local("unused-" + lane);
    LaneConfig config =
        new LaneConfig(
            lane,
            LaneKind.ENTRY,
            lane,
            slaves.address,
            unit,
            BarrierIoMap.DEFAULT,
            none,
            CardProtocol.ASCII,
            none,
            null);
    EventLoop loop = (EventLoop) io.next();
    LaneRunner runner = new LaneRunner(config, loop, services);
    runner.attach(new RecordingDevices());
    BarrierModule m =
        new BarrierModule(
            config,
            runner,
            buses.bus(slaves.address, loop),
            Duration.ofMillis(50),
            new DeviceHealth(lane, "barrier", services));
    m.start();
    return m;
  }

  @AfterEach
  void stop() throws Exception {
    north.stop();
    south.stop();
    buses.close();
    slaves.close();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aVehicleOnTheArmingLoopReachesTheLaneWithinAPollCycleOrTwo() throws Exception {
    slaves.unit(2).inputs[3] = true; // closed limit
    slaves.unit(2).inputs[0] = true; // arming loop
    long ms = await("south sees the vehicle", 1_000, () -> services.vehiclePresent("south"));
    assertTrue(ms < 200, "took " + ms + " ms with a 50 ms poll");
    assertFalse(services.vehiclePresent("north"), "unit 1's inputs are not unit 2's");
  }

  @Test
  void aModuleThatFallsSilentIsOfflineWithinThreeSecondsWhileTheOtherLaneIsStillServed()
      throws Exception {
    slaves.unit(2).silent = true;
    long silentAt = System.nanoTime();
    slaves.unit(1).inputs[3] = true;
    slaves.unit(1).inputs[0] = true;
    long served = await("north still polled", 1_000, () -> services.vehiclePresent("north"));
    assertTrue(served < 400, "north waited " + served + " ms behind the silent module");
    await("south offline", 3_000, () -> services.offline("south", "barrier"));
    long offlineMs = (System.nanoTime() - silentAt) / 1_000_000;
    assertTrue(offlineMs >= 1_900 && offlineMs < 3_000, "offline after " + offlineMs + " ms");
    assertTrue(services.online("north", "barrier"), "north is not touched by south's silence");

    slaves.unit(1).inputs[0] = false;
    long again =
        await(
            "north polled while south is offline", 1_000, () -> !services.vehiclePresent("north"));
    assertTrue(again < 400, "north waited " + again + " ms while south is offline");

    slaves.unit(2).silent = false;
    long back = await("south back online", 2_000, () -> services.online("south", "barrier"));
    assertTrue(back < 1_500, "back online after " + back + " ms");
  }

  @Test
  void aLaneWhoseModuleGoesSilentStartsAgainAndReadsItsInputsWhenItAnswers() throws Exception {
    await("south idle", 1_000, () -> services.laneState("south") == LaneState.IDLE);
    slaves.unit(2).silent = true;
    await("power loss reported", 3_000, () -> services.asked.contains("south incident POWER_LOST"));
    await("south starting", 1_000, () -> services.laneState("south") == LaneState.STARTING);
    // The inputs are as they were: the lane must still be handed them to leave STARTING.
    slaves.unit(2).silent = false;
    await(
        "power restored reported",
        2_000,
        () -> services.asked.contains("south incident POWER_RESTORED"));
    await("south idle again", 1_000, () -> services.laneState("south") == LaneState.IDLE);
    assertTrue(
        !services.asked.contains("north incident POWER_LOST"),
        "north's module answered throughout: " + services.asked);
  }

  @Test
  void inputsInAFrameThatFailsItsCrcNeverMoveTheLane() throws Exception {
    slaves.unit(1).badCrc = true;
    slaves.unit(1).inputs[3] = true;
    slaves.unit(1).inputs[0] = true;
    // Polled until five frames with a bad CRC have come in: none of them may move the lane.
    await("five bad frames", 5_000, () -> buses.status().get(0).badFrames() >= 5);
    assertFalse(services.vehiclePresent("north"), "a vehicle taken from a frame with a bad CRC");
    slaves.unit(1).badCrc = false;
    await(
        "north sees the vehicle once frames are good",
        1_000,
        () -> services.vehiclePresent("north"));
  }

  @Test
  void openingPulsesTheOpenCoilOnThenOff() throws Exception {
    south.open();
    await("coil 0 switched off again", 1_000, () -> slaves.unit(2).writes.size() == 2);
    assertEquals(List.of("coil 0 on", "coil 0 off"), slaves.unit(2).writes);
    assertTrue(slaves.unit(1).writes.isEmpty(), "unit 1 was not commanded");
  }

  @Test
  void aCoilWriteWhoseAnswersAreLostIsAskedAgainAndTheModuleStaysOnline() throws Exception {
    // Every answer is damaged: the write is carried out, but the controller cannot know it.
    slaves.unit(2).badCrc = true;
    south.open();
    int oneRound = 1 + org.parkgate.controller.device.modbus.ModbusBus.RETRIES;
    await(
        "coil 0 written again after the client's own retries",
        2_000,
        () -> slaves.unit(2).writes.stream().filter("coil 0 on"::equals).count() > oneRound);
    slaves.unit(2).badCrc = false;
    await("coil 0 switched off again", 1_500, () -> slaves.unit(2).writes.contains("coil 0 off"));
    assertFalse(
        services.offline("south", "barrier"),
        "a module whose answers were lost for under two seconds was reported offline");
    assertFalse(
        services.asked.contains("south incident POWER_LOST"),
        "lost answers to a write taken for lost power: " + services.asked);
  }

  @Test
  void aDroppedLinkIsReportedAtOnceAndTheBusReconnectsByItself() throws Exception {
    slaves.disconnect();
    long ms =
        await(
            "both offline",
            1_000,
            () -> services.offline("north", "barrier") && services.offline("south", "barrier"));
    assertTrue(ms < 300, "reported after " + ms + " ms");
    await(
        "both back online",
        3_000,
        () -> services.online("north", "barrier") && services.online("south", "barrier"));
    assertTrue(slaves.connected());
  }
}
