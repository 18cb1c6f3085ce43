package org.parkgate.simulator.lane;

import org.parkgate.device.modbus.ExceptionCode;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.site.BarrierIoMap;

/**
 * The lane's Modbus I/O module as a slave sees requests: coils drive the barrier, discrete inputs
 * report loops, limits and fault per the lane's {@link BarrierIoMap}. It has eight coils and eight
 * inputs (more if the map needs them) and no registers, like a small DIO module; anything else gets
 * the exception a real module would send.
 */
public final class BarrierIoModule {
  private final SimLane lane;
  private final BarrierIoMap map;
  private final int coilCount;
  private final int inputCount;

  public BarrierIoModule(SimLane lane) {
    this.lane = lane;
    this.map = lane.config().ioMap();
    this.coilCount = roundUpTo8(Math.max(map.openCoil(), map.closeCoil()) + 1);
    this.inputCount = roundUpTo8(map.firstInput() + map.inputCount());
  }

  public ModbusResponse handle(ModbusRequest request) {
    if (request instanceof ModbusRequest.ReadCoils r) {
      return readBits(request, r.address(), r.quantity(), coilCount, this::coil);
    }
    if (request instanceof ModbusRequest.ReadDiscreteInputs r) {
      return readBits(request, r.address(), r.quantity(), inputCount, this::input);
    }
    if (request instanceof ModbusRequest.WriteSingleCoil w) {
      if (w.address() >= coilCount) {
        return error(request, ExceptionCode.ILLEGAL_DATA_ADDRESS);
      }
      writeCoil(w.address(), w.on());
      return new ModbusResponse.WriteSingleCoilEcho(w.address(), w.on());
    }
    if (request instanceof ModbusRequest.WriteMultipleCoils w) {
      boolean[] values = w.values();
      if (w.address() + values.length > coilCount) {
        return error(request, ExceptionCode.ILLEGAL_DATA_ADDRESS);
      }
      for (int i = 0; i < values.length; i++) {
        writeCoil(w.address() + i, values[i]);
      }
      return new ModbusResponse.WriteMultipleEcho(w.functionCode(), w.address(), values.length);
    }
    return error(request, ExceptionCode.ILLEGAL_FUNCTION);
  }

  private interface Bit {
    boolean at(int address);
  }

  private static ModbusResponse readBits(
      ModbusRequest request, int address, int quantity, int size, Bit bit) {
    if (quantity < 1 || quantity > 2000) {
      return error(request, ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    if (address + quantity > size) {
      return error(request, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    boolean[] bits = new boolean[quantity];
    for (int i = 0; i < quantity; i++) {
      bits[i] = bit.at(address + i);
    }
    return new ModbusResponse.ReadBits(request.functionCode(), bits);
  }

  private void writeCoil(int address, boolean on) {
    boolean open = address == map.openCoil();
    if (!open && address != map.closeCoil()) {
      return; // a spare output with nothing wired to it
    }
    if (!on) {
      lane.barrier().coilOff(open);
    } else if (open) {
      lane.commandOpen();
    } else {
      lane.commandClose();
    }
  }

  private boolean coil(int address) {
    if (address == map.openCoil()) {
      return lane.barrier().openCoil();
    }
    return address == map.closeCoil() && lane.barrier().closeCoil();
  }

  private boolean input(int address) {
    if (address == map.armingLoopInput()) {
      return lane.armingLoop();
    }
    if (address == map.safetyLoopInput()) {
      return lane.safetyLoop();
    }
    if (address == map.openLimitInput()) {
      return lane.barrier().openLimit();
    }
    if (address == map.closedLimitInput()) {
      return lane.barrier().closedLimit();
    }
    return address == map.faultInput() && lane.barrier().fault();
  }

  private static ModbusResponse error(ModbusRequest request, ExceptionCode code) {
    return new ModbusResponse.Exception(request.functionCode(), code);
  }

  private static int roundUpTo8(int n) {
    return (n + 7) / 8 * 8;
  }
}
