package org.parkgate.device.modbus;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/**
 * Encodes and decodes the protocol data unit (function code and data) that RTU frames carry between
 * unit address and CRC; kept apart so Modbus TCP could wrap the same PDUs later. Decoders assume
 * the caller has already checked the frame's length and CRC.
 */
final class ModbusPdu {
  private static final int COIL_ON = 0xFF00;
  private static final int COIL_OFF = 0x0000;

  private ModbusPdu() {}

  static byte[] encode(ModbusRequest request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    out.write(request.functionCode().code());
    if (request instanceof ModbusRequest.ReadCoils r) {
      short16(out, r.address());
      short16(out, r.quantity());
    } else if (request instanceof ModbusRequest.ReadDiscreteInputs r) {
      short16(out, r.address());
      short16(out, r.quantity());
    } else if (request instanceof ModbusRequest.ReadHoldingRegisters r) {
      short16(out, r.address());
      short16(out, r.quantity());
    } else if (request instanceof ModbusRequest.WriteSingleCoil w) {
      short16(out, w.address());
      short16(out, w.on() ? COIL_ON : COIL_OFF);
    } else if (request instanceof ModbusRequest.WriteSingleRegister w) {
      short16(out, w.address());
      short16(out, w.value());
    } else if (request instanceof ModbusRequest.WriteMultipleCoils w) {
      boolean[] values = w.values();
      short16(out, w.address());
      short16(out, values.length);
      byte[] packed = packBits(values);
      out.write(packed.length);
      out.writeBytes(packed);
    } else if (request instanceof ModbusRequest.WriteMultipleRegisters w) {
      int[] values = w.values();
      short16(out, w.address());
      short16(out, values.length);
      out.write(values.length * 2);
      for (int v : values) {
        short16(out, v);
      }
    }
    return out.toByteArray();
  }

  static byte[] encode(ModbusResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    if (response instanceof ModbusResponse.Exception e) {
      out.write(e.functionCode() | 0x80);
      out.write(e.exceptionCode());
      return out.toByteArray();
    }
    out.write(response.functionCode());
    if (response instanceof ModbusResponse.ReadBits r) {
      byte[] packed = packBits(r.bits());
      out.write(packed.length);
      out.writeBytes(packed);
    } else if (response instanceof ModbusResponse.ReadRegisters r) {
      int[] values = r.values();
      out.write(values.length * 2);
      for (int v : values) {
        short16(out, v);
      }
    } else if (response instanceof ModbusResponse.WriteSingleCoilEcho w) {
      short16(out, w.address());
      short16(out, w.on() ? COIL_ON : COIL_OFF);
    } else if (response instanceof ModbusResponse.WriteSingleRegisterEcho w) {
      short16(out, w.address());
      short16(out, w.value());
    } else if (response instanceof ModbusResponse.WriteMultipleEcho w) {
      short16(out, w.address());
      short16(out, w.quantity());
    }
    return out.toByteArray();
  }

  /** Decodes a request whose function code byte is at {@code pdu}. */
  static ModbusRequest decodeRequest(FunctionCode fc, ByteBuf buf, int pdu) {
    int address = buf.getUnsignedShort(pdu + 1);
    int word = buf.getUnsignedShort(pdu + 3);
    return switch (fc) {
      case READ_COILS -> new ModbusRequest.ReadCoils(address, word);
      case READ_DISCRETE_INPUTS -> new ModbusRequest.ReadDiscreteInputs(address, word);
      case READ_HOLDING_REGISTERS -> new ModbusRequest.ReadHoldingRegisters(address, word);
      case WRITE_SINGLE_COIL -> new ModbusRequest.WriteSingleCoil(address, word == COIL_ON);
      case WRITE_SINGLE_REGISTER -> new ModbusRequest.WriteSingleRegister(address, word);
      case WRITE_MULTIPLE_COILS ->
          new ModbusRequest.WriteMultipleCoils(address, unpackBits(buf, pdu + 6, word));
      case WRITE_MULTIPLE_REGISTERS ->
          new ModbusRequest.WriteMultipleRegisters(address, registers(buf, pdu + 6, word));
    };
  }

  /** Decodes a normal (not exception) response whose function code byte is at {@code pdu}. */
  static ModbusResponse decodeResponse(FunctionCode fc, ByteBuf buf, int pdu) {
    return switch (fc) {
      case READ_COILS, READ_DISCRETE_INPUTS -> {
        int byteCount = buf.getUnsignedByte(pdu + 1);
        yield new ModbusResponse.ReadBits(fc, unpackBits(buf, pdu + 2, byteCount * 8));
      }
      case READ_HOLDING_REGISTERS ->
          new ModbusResponse.ReadRegisters(
              registers(buf, pdu + 2, buf.getUnsignedByte(pdu + 1) / 2));
      case WRITE_SINGLE_COIL ->
          new ModbusResponse.WriteSingleCoilEcho(
              buf.getUnsignedShort(pdu + 1), buf.getUnsignedShort(pdu + 3) == COIL_ON);
      case WRITE_SINGLE_REGISTER ->
          new ModbusResponse.WriteSingleRegisterEcho(
              buf.getUnsignedShort(pdu + 1), buf.getUnsignedShort(pdu + 3));
      case WRITE_MULTIPLE_COILS, WRITE_MULTIPLE_REGISTERS ->
          new ModbusResponse.WriteMultipleEcho(
              fc, buf.getUnsignedShort(pdu + 1), buf.getUnsignedShort(pdu + 3));
    };
  }

  /** Whether a write-single-coil value is one the protocol allows (FF00 on, 0000 off). */
  static boolean isCoilValue(int word) {
    return word == COIL_ON || word == COIL_OFF;
  }

  /** Bits packed eight to a byte, the first bit in the least significant position. */
  static byte[] packBits(boolean[] bits) {
    byte[] packed = new byte[(bits.length + 7) / 8];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        packed[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return packed;
  }

  private static boolean[] unpackBits(ByteBuf buf, int index, int count) {
    boolean[] bits = new boolean[count];
    for (int i = 0; i < count; i++) {
      bits[i] = (buf.getUnsignedByte(index + i / 8) & (1 << (i % 8))) != 0;
    }
    return bits;
  }

  private static int[] registers(ByteBuf buf, int index, int count) {
    int[] values = new int[count];
    for (int i = 0; i < count; i++) {
      values[i] = buf.getUnsignedShort(index + 2 * i);
    }
    return values;
  }

  private static void short16(ByteArrayOutputStream out, int value) {
    out.write(value >> 8);
    out.write(value);
  }
}
