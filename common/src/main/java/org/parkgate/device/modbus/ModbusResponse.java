package org.parkgate.device.modbus;

import java.util.Arrays;

/** A Modbus response PDU, normal or exception. */
public sealed interface ModbusResponse {

  /** The request's function code this answers (without the exception bit). */
  int functionCode();

  /**
   * Coils (FC 01) or discrete inputs (FC 02). The wire carries whole bytes, so a decoded response
   * has {@code byteCount * 8} bits; the caller takes the quantity it asked for. Encoding pads the
   * last byte with zeros.
   */
  record ReadBits(FunctionCode fc, boolean[] bits) implements ModbusResponse {
    public ReadBits {
      if (fc != FunctionCode.READ_COILS && fc != FunctionCode.READ_DISCRETE_INPUTS) {
        throw new IllegalArgumentException(fc + " does not read bits");
      }
      if (bits.length < 1 || bits.length > Fields.MAX_READ_BITS) {
        throw new IllegalArgumentException(
            "read 1-" + Fields.MAX_READ_BITS + " bits, not " + bits.length);
      }
      bits = bits.clone();
    }

    @Override
    public boolean[] bits() {
      return bits.clone();
    }

    /** Bit {@code i} (0 = the first address asked for). */
    public boolean bit(int i) {
      return bits[i];
    }

    @Override
    public int functionCode() {
      return fc.code();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ReadBits r && r.fc == fc && Arrays.equals(r.bits, bits);
    }

    @Override
    public int hashCode() {
      return 31 * fc.hashCode() + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
      return "ReadBits[fc=" + fc + ", bits=" + Fields.bits(bits) + "]";
    }
  }

  /** Holding registers (FC 03). */
  record ReadRegisters(int[] values) implements ModbusResponse {
    public ReadRegisters {
      if (values.length < 1 || values.length > Fields.MAX_READ_REGISTERS) {
        throw new IllegalArgumentException(
            "read 1-" + Fields.MAX_READ_REGISTERS + " registers, not " + values.length);
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
    public int functionCode() {
      return FunctionCode.READ_HOLDING_REGISTERS.code();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ReadRegisters r && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "ReadRegisters[values=" + Arrays.toString(values) + "]";
    }
  }

  record WriteSingleCoilEcho(int address, boolean on) implements ModbusResponse {
    public WriteSingleCoilEcho {
      Fields.check16("address", address);
    }

    @Override
    public int functionCode() {
      return FunctionCode.WRITE_SINGLE_COIL.code();
    }
  }

  record WriteSingleRegisterEcho(int address, int value) implements ModbusResponse {
    public WriteSingleRegisterEcho {
      Fields.check16("address", address);
      Fields.check16("value", value);
    }

    @Override
    public int functionCode() {
      return FunctionCode.WRITE_SINGLE_REGISTER.code();
    }
  }

  /** The answer to FC 15 or FC 16: where and how many were written. */
  record WriteMultipleEcho(FunctionCode fc, int address, int quantity) implements ModbusResponse {
    public WriteMultipleEcho {
      if (fc != FunctionCode.WRITE_MULTIPLE_COILS && fc != FunctionCode.WRITE_MULTIPLE_REGISTERS) {
        throw new IllegalArgumentException(fc + " is not a multiple write");
      }
      Fields.check16("address", address);
      Fields.check16("quantity", quantity);
    }

    @Override
    public int functionCode() {
      return fc.code();
    }
  }

  /**
   * An exception response: {@code functionCode} is the request's code (the wire carries it with
   * 0x80 added), {@code exceptionCode} one of {@link ExceptionCode} or a vendor's own.
   */
  record Exception(int functionCode, int exceptionCode) implements ModbusResponse {
    public Exception {
      if (functionCode < 1 || functionCode > 0x7F) {
        throw new IllegalArgumentException("function code " + functionCode + " is outside 1-127");
      }
      if (exceptionCode < 0 || exceptionCode > 0xFF) {
        throw new IllegalArgumentException("exception code " + exceptionCode + " is outside 0-255");
      }
    }

    public Exception(FunctionCode fc, ExceptionCode code) {
      this(fc.code(), code.code());
    }
  }
}
