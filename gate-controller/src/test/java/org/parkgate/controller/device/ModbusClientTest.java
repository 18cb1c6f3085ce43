package org.parkgate.controller.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkgate.controller.device.modbus.LineTiming;
import org.parkgate.controller.device.modbus.ModbusBus;
import org.parkgate.controller.device.modbus.ModbusClient;
import org.parkgate.controller.device.modbus.ModbusException;
import org.parkgate.controller.device.modbus.ModbusMaster;
import org.parkgate.device.modbus.ExceptionCode;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.site.SerialSettings;

/** The bus master against in-process slaves, through the same pipeline as a serial port or TCP. */
class ModbusClientTest {
  private MultiThreadIoEventLoopGroup io;
  private FakeModbusSlaves slaves;
  private ModbusBus bus;

  @BeforeEach
  void start() throws Exception {
    io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    slaves = new FakeModbusSlaves(1, 2, 3);
  }

  private ModbusClient connect(Duration timeout, int retries, LineTiming timing) throws Exception {
    bus =
        new ModbusBus(
            slaves.address,
            (EventLoop) io.next(),
            new ModbusMaster.Settings(timeout, retries, timing));
    bus.start();
    RecordingServices.await("bus connected", 2_000, bus::connected);
    return bus.client();
  }

  @AfterEach
  void stop() throws Exception {
    if (bus != null) {
      bus.close();
    }
    slaves.close();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(3, TimeUnit.SECONDS);
  }

  @Test
  void everyFunctionCodeReadsOrWritesTheModule() throws Exception {
    ModbusClient client = connect(Duration.ofMillis(200), 1, LineTiming.NONE);
    get(client.writeSingleCoil(2, 3, true)); // 05
    get(client.writeMultipleCoils(2, 5, new boolean[] {true, false, true})); // 15
    assertArrayEquals(
        new boolean[] {false, true, false, true, false, true},
        get(client.readCoils(2, 2, 6))); // 01
    get(client.writeSingleRegister(2, 0, 0xBEEF)); // 06
    get(client.writeMultipleRegisters(2, 1, new int[] {1, 65535})); // 16
    assertArrayEquals(
        new int[] {0xBEEF, 1, 65535}, get(client.readHoldingRegisters(2, 0, 3))); // 03
    slaves.unit(2).inputs[4] = true;
    assertArrayEquals(
        new boolean[] {false, true, false}, get(client.readDiscreteInputs(2, 3, 3))); // 02
    assertArrayEquals(new boolean[6], get(client.readCoils(1, 2, 6)), "unit 1 is another module");
  }

  @Test
  void anExceptionResponseReachesTheCallerWithItsCode() throws Exception {
    ModbusClient client = connect(Duration.ofMillis(200), 1, LineTiming.NONE);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> get(client.readCoils(1, 30, 5)));
    ModbusException refused = assertInstanceOf(ModbusException.class, e.getCause());
    assertEquals(ExceptionCode.ILLEGAL_DATA_ADDRESS, refused.standardCode().orElseThrow());
    assertEquals(
        "unit 1 refused READ_COILS: exception 02 ILLEGAL_DATA_ADDRESS", refused.getMessage());
    assertTrue(get(client.readCoils(1, 0, 1)).length == 1, "the bus goes on after an exception");
  }

  @Test
  void onlyOneRequestIsOnTheBusAtATime() throws Exception {
    ModbusClient client = connect(Duration.ofMillis(500), 0, LineTiming.NONE);
    slaves.unit(1).delayMs = 15;
    List<CompletableFuture<boolean[]>> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(client.readDiscreteInputs(1 + i % 2, 0, 5));
    }
    for (CompletableFuture<boolean[]> f : all) {
      get(f);
    }
    List<FakeModbusSlaves.Exchange> seen = new ArrayList<>(slaves.exchanges);
    seen.sort(Comparator.comparingLong(FakeModbusSlaves.Exchange::receivedNanos));
    assertEquals(8, seen.size());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(
          seen.get(i).receivedNanos() >= seen.get(i - 1).answeredNanos(),
          "request " + i + " was sent before request " + (i - 1) + " was answered");
    }
  }

  @Test
  void aUnitThatDoesNotAnswerIsAskedAgainThenTheRequestFails() throws Exception {
    ModbusClient client = connect(Duration.ofMillis(60), 2, LineTiming.NONE);
    slaves.unit(3).silent = true;
    long start = System.nanoTime();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> get(client.readDiscreteInputs(3, 0, 5)));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertEquals(
        3, slaves.exchanges.stream().filter(x -> x.unit() == 3).count(), "one try and two retries");
    assertTrue(tookMs >= 180 && tookMs < 1_000, "three timeouts of 60 ms took " + tookMs + " ms");
    assertArrayEquals(
        new boolean[5], get(client.readDiscreteInputs(1, 0, 5)), "the other units still answer");
  }

  @Test
  void anAnswerThatFailsItsCrcIsDroppedCountedAndNeverTaken() throws Exception {
    // Retries, so a busy machine that misses one short timeout still sees the resynchronised
    // answer; a bad frame fails every try alike.
    ModbusClient client = connect(Duration.ofMillis(60), 2, LineTiming.NONE);
    slaves.unit(1).inputs[0] = true;
    slaves.unit(1).badCrc = true;
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> get(client.readDiscreteInputs(1, 0, 5)));
    assertInstanceOf(
        TimeoutException.class, e.getCause(), "a bad frame must not be taken as the answer");
    assertTrue(bus.counters().badFrames() >= 1, bus.counters().toString());
    slaves.unit(1).badCrc = false;
    slaves.noise(new byte[] {0x00, (byte) 0xFF, 0x01, 0x02});
    assertArrayEquals(
        new boolean[] {true, false},
        get(client.readDiscreteInputs(1, 0, 2)),
        "resynchronised after noise");
  }

  @Test
  void commandsOvertakeWaitingPolls() throws Exception {
    ModbusClient client = connect(Duration.ofMillis(500), 0, LineTiming.NONE);
    slaves.unit(1).delayMs = 20;
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(client.readDiscreteInputs(1, 0, 5));
    }
    all.add(client.writeSingleCoil(1, 0, true));
    for (CompletableFuture<?> f : all) {
      get(f);
    }
    List<FakeModbusSlaves.Exchange> seen = new ArrayList<>(slaves.exchanges);
    seen.sort(Comparator.comparingLong(FakeModbusSlaves.Exchange::receivedNanos));
    assertInstanceOf(
        ModbusRequest.WriteSingleCoil.class,
        seen.get(1).request(),
        "the write waits only for the poll already on the wire: " + seen);
  }

  @Test
  void onASerialLineEveryRequestWaitsThreeAndAHalfCharactersOfSilence() throws Exception {
    SerialSettings baud9600 = SerialSettings.DEFAULT;
    ModbusClient client = connect(Duration.ofMillis(500), 0, LineTiming.of(baud9600));
    for (int i = 0; i < 6; i++) {
      get(client.readDiscreteInputs(1 + i % 2, 0, 5));
    }
    List<FakeModbusSlaves.Exchange> seen = new ArrayList<>(slaves.exchanges);
    for (int i = 1; i < seen.size(); i++) {
      long silence = seen.get(i).receivedNanos() - seen.get(i - 1).answeredNanos();
      assertTrue(
          silence >= baud9600.interFrameGapNanos(),
          "only " + silence / 1000 + " µs between frames");
    }
  }
}
