package org.parkgate.device.modbus;

import java.util.Arrays;

/**
 * A Modbus request PDU. Addresses and values are the 16-bit fields on the wire; whether a quantity
 * is acceptable (1-2000 bits, 1-125 registers) is the slave's to answer with {@link
 * ExceptionCode#ILLEGAL_DATA_VALUE}, so the records only hold what fits the frame.
 */
public sealed interface ModbusRequest {

  FunctionCode functionCode();

  record ReadCoils(int address, int quantity) implements ModbusRequest {
    public ReadCoils {
      Fields.check16("address", address);
      Fields.check16("quantity", quantity);
    }

    @Override
    public FunctionCode functionCode() {
      return FunctionCode.READ_COILS;
    }
  }

  record ReadDiscreteInputs(int address, int quantity) implements ModbusRequest {
    public ReadDiscreteInputs {
      Fields.check16("address", address);
      Fields.check16("quantity", quantity);
    }

    @Override
    public FunctionCode functionCode() {
      return FunctionCode.READ_DISCRETE_INPUTS;
    }
  }

  record ReadHoldingRegisters(int address, int quantity) implements ModbusRequest {
    public ReadHoldingRegisters {
      Fields.check16("address", address);
      Fields.check16("quantity", quantity);
    }

    @Override
    public FunctionCode functionCode() {
      return FunctionCode.READ_HOLDING_REGISTERS;
    }
  }

  record WriteSingleCoil(int address, boolean on) implements ModbusRequest {
    public WriteSingleCoil {
      Fields.check16("address", address);
    }

    @Override
    public FunctionCode functionCode() {
      return FunctionCode.WRITE_SINGLE_COIL;
    }
  }

  record WriteSingleRegister(int address, int value) implements ModbusRequest {
    public WriteSingleRegister {
      Fields.check16("address", address);
      Fields.check16("value", value);
    }

    @Override
    public FunctionCode functionCode() {
      return FunctionCode.WRITE_SINGLE_REGISTER;
    }
  }

  /** Up to 1968 coils, the most one RTU frame carries. */
  record WriteMultipleCoils(int address, boolean[] values) implements ModbusRequest {
    public WriteMultipleCoils {
      Fields.check16("address", address);
      if (values.length < 1 || values.length > Fields.MAX_WRITE_COILS) {
        throw new IllegalArgumentException(
            "write 1-" + Fields.MAX_WRITE_COILS + " coils, not " + values.length);
      }
      values = values.clone();
    }

    @Override
    public boolean[] values() {
      return values.clone();
    }

    @Override
    public FunctionCode functionCode() {
      return FunctionCode.WRITE_MULTIPLE_COILS;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WriteMultipleCoils w
          && w.address == address
          && Arrays.equals(w.values, values);
    }

    @Override
    public int hashCode() {
      return 31 * address + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "WriteMultipleCoils[address=" + address + ", values=" + Fields.bits(values) + "]";
    }
  }

  /** Up to 123 registers, the most one RTU frame carries. */
  record WriteMultipleRegisters(int address, int[] values) implements ModbusRequest {
    public WriteMultipleRegisters {
      Fields.check16("address", address);
      if (values.length < 1 || values.length > Fields.MAX_WRITE_REGISTERS) {
        throw new IllegalArgumentException(
            "write 1-" + Fields.MAX_WRITE_REGISTERS + " registers, not " + values.length);
      }
      values = values.clone();
      for (int v : values) {
        Fields.check16("register value", v);
      }
    }

    @Override
    public int[] values() {
      return values.clone();
    }

    @Override
    public FunctionCode functionCode() {
      return FunctionCode.WRITE_MULTIPLE_REGISTERS;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WriteMultipleRegisters w
          && w.address == address
          && Arrays.equals(w.values, values);
    }

    @Override
    public int hashCode() {
      return 31 * address + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "WriteMultipleRegisters[address="
          + address
          + ", values="
          + Arrays.toString(values)
          + "]";
    }
  }
}
