package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.parkgate.device.modbus.ExceptionCode;
import org.parkgate.device.modbus.FunctionCode;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.wire.FrameTesting;

/** A Modbus master built from our codecs drives the simulated barrier over real TCP. */
class BarrierModuleTest extends SimulatorFixture {

  /** Arming loop, safety loop, open limit, closed limit, fault (the default map). */
  private static boolean[] inputs(TestModbusMaster master, int unit) throws Exception {
    RtuResponse r = master.send(new RtuRequest(unit, new ModbusRequest.ReadDiscreteInputs(0, 5)));
    return Arrays.copyOf(((ModbusResponse.ReadBits) r.response()).bits(), 5);
  }

  private static boolean[] coils(TestModbusMaster master) throws Exception {
    RtuResponse r = master.send(new RtuRequest(1, new ModbusRequest.ReadCoils(0, 2)));
    return Arrays.copyOf(((ModbusResponse.ReadBits) r.response()).bits(), 2);
  }

  @Test
  void openCoilLiftsTheBarrierAfterItsTravelTimeAndCloseCoilLowersIt() throws Exception {
    try (TestModbusMaster master = new TestModbusMaster(site.entryBarrier)) {
      assertArrayEquals(new boolean[] {false, false, false, true, false}, inputs(master, 1));

      RtuResponse echo = master.send(new RtuRequest(1, new ModbusRequest.WriteSingleCoil(0, true)));
      assertEquals(new RtuResponse(1, new ModbusResponse.WriteSingleCoilEcho(0, true)), echo);
      assertArrayEquals(
          new boolean[] {false, false, false, false, false},
          inputs(master, 1),
          "closed limit drops at once");
      assertArrayEquals(
          new boolean[] {true, false}, coils(master), "the pulsed coil reads ON while moving");
      assertEquals("opening", control.lane("entry-1").at("/barrier/position").asText());

      await("open limit", () -> control.lane("entry-1").at("/barrier/openLimit").asBoolean());
      assertArrayEquals(new boolean[] {false, false, true, false, false}, inputs(master, 1));
      assertArrayEquals(
          new boolean[] {false, false}, coils(master), "coils reset when the arm arrives");

      master.send(new RtuRequest(1, new ModbusRequest.WriteSingleCoil(1, true)));
      assertEquals("closing", control.lane("entry-1").at("/barrier/position").asText());
      await("closed limit", () -> control.lane("entry-1").at("/barrier/closedLimit").asBoolean());
    }
  }

  @Test
  void loopsShowOnTheInputsAsTheVehicleArrivesAndDrivesThrough() throws Exception {
    try (TestModbusMaster master = new TestModbusMaster(site.exitBarrier)) {
      control.post("/lanes/exit-1/vehicle/arrive", "{\"plate\":\"京A12345\"}");
      assertArrayEquals(new boolean[] {true, false, false, true, false}, inputs(master, 7));
      master.send(
          new RtuRequest(7, new ModbusRequest.WriteMultipleCoils(0, new boolean[] {true, false})));
      await("open", () -> control.lane("exit-1").at("/barrier/position").asText().equals("open"));

      ControlClient.Reply drive =
          control.post("/lanes/exit-1/vehicle/drive", "{\"dwellMs\": 400, \"wait\": false}");
      assertEquals(200, drive.status());
      assertTrue(inputs(master, 7)[1], "safety loop occupied while driving");
      await("vehicle cleared", () -> !control.lane("exit-1").at("/loops/safety").asBoolean());
      assertArrayEquals(new boolean[] {false, false, true, false, false}, inputs(master, 7));
      assertEquals(0, control.lane("exit-1").at("/safetyViolations").asInt());
    }
  }

  @Test
  void closingOnAVehicleIsObeyedButCountedAsASafetyViolation() throws Exception {
    try (TestModbusMaster master = new TestModbusMaster(site.entryBarrier)) {
      control.post("/lanes/entry-1/vehicle/arrive", null);
      master.send(new RtuRequest(1, new ModbusRequest.WriteSingleCoil(0, true)));
      await("open", () -> control.lane("entry-1").at("/barrier/openLimit").asBoolean());
      control.post("/lanes/entry-1/vehicle/drive", "{\"dwellMs\": 1000, \"wait\": false}");
      master.send(new RtuRequest(1, new ModbusRequest.WriteSingleCoil(1, true)));
      assertEquals("closing", control.lane("entry-1").at("/barrier/position").asText());
      assertEquals(1, control.lane("entry-1").at("/safetyViolations").asInt());
    }
  }

  @Test
  void answersLikeARealModuleToRequestsItCannotServe() throws Exception {
    try (TestModbusMaster master = new TestModbusMaster(site.entryBarrier)) {
      assertEquals(
          new ModbusResponse.Exception(
              FunctionCode.READ_DISCRETE_INPUTS, ExceptionCode.ILLEGAL_DATA_ADDRESS),
          master.send(new RtuRequest(1, new ModbusRequest.ReadDiscreteInputs(4, 5))).response());
      assertEquals(
          new ModbusResponse.Exception(
              FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.ILLEGAL_FUNCTION),
          master.send(new RtuRequest(1, new ModbusRequest.ReadHoldingRegisters(0, 1))).response());
      assertEquals(
          new ModbusResponse.Exception(FunctionCode.READ_COILS, ExceptionCode.ILLEGAL_DATA_VALUE),
          master.send(new RtuRequest(1, new ModbusRequest.ReadCoils(0, 0))).response());
    }
  }

  @Test
  void otherUnitsGetNoAnswerAndNoiseIsSkipped() throws Exception {
    try (TestModbusMaster master = new TestModbusMaster(site.entryBarrier)) {
      master.sendRawNoReply(FrameTesting.hex("02 02 00 00 00 05 B8 3A")); // unit 2: another slave's
      assertTrue(master.silentFor(300));
      RtuResponse r =
          master.sendRaw(
              FrameTesting.concat(
                  FrameTesting.hex("FF FF 00"), FrameTesting.hex("01 02 00 00 00 05 B8 09")));
      assertEquals(1, r.unit());
      assertEquals(3, control.lane("entry-1").at("/barrier/link/droppedBytes").asInt());
      assertEquals(1, control.lane("entry-1").at("/barrier/link/badFrames").asInt());
      assertEquals(2, control.lane("entry-1").at("/barrier/link/framesIn").asInt());
    }
  }

  @Test
  void aSecondClientIsServedAndOneLeavingDoesNotStopTheModule() throws Exception {
    try (TestModbusMaster first = new TestModbusMaster(site.entryBarrier)) {
      try (TestModbusMaster second = new TestModbusMaster(site.entryBarrier)) {
        assertTrue(inputs(second, 1)[3]);
        assertTrue(inputs(first, 1)[3]);
        await(
            "two clients", () -> control.lane("entry-1").at("/barrier/link/clients").asInt() == 2);
      }
      assertTrue(inputs(first, 1)[3]);
      await("one client", () -> control.lane("entry-1").at("/barrier/link/clients").asInt() == 1);
    }
  }
}
