package org.parkgate.device.modbus;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.Parse;

/**
 * Finds a master's request frames on a byte stream (what a slave reads). Unknown function codes
 * cannot be framed by length, so they are invalid (a real slave would not answer them either).
 */
public final class RtuRequestParser implements FrameParser<RtuRequest> {

  @Override
  public Parse<RtuRequest> parse(ByteBuf in) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (available < 2) {
      return Parse.needMore();
    }
    int unit = in.getUnsignedByte(start);
    if (unit > 247) {
      return Parse.invalid("unit " + unit + " is outside 0-247");
    }
    int code = in.getUnsignedByte(start + 1);
    Optional<FunctionCode> fc = FunctionCode.from(code);
    if (fc.isEmpty()) {
      return Parse.invalid(String.format("unknown function code 0x%02X", code));
    }
    int length = 8;
    if (fc.get() == FunctionCode.WRITE_MULTIPLE_COILS
        || fc.get() == FunctionCode.WRITE_MULTIPLE_REGISTERS) {
      if (available < 7) {
        return Parse.needMore();
      }
      int quantity = in.getUnsignedShort(start + 4);
      int byteCount = in.getUnsignedByte(start + 6);
      String problem = multipleWriteProblem(fc.get(), quantity, byteCount);
      if (problem != null) {
        return Parse.invalid(problem);
      }
      length = 9 + byteCount;
    }
    if (available < length) {
      return Parse.needMore();
    }
    String crc = RtuFrames.crcProblem(in, length);
    if (crc != null) {
      return Parse.invalid(crc);
    }
    if (fc.get() == FunctionCode.WRITE_SINGLE_COIL
        && !ModbusPdu.isCoilValue(in.getUnsignedShort(start + 4))) {
      return Parse.invalid(
          String.format(
              "coil value %04X is neither FF00 nor 0000", in.getUnsignedShort(start + 4)));
    }
    return Parse.frame(
        new RtuRequest(unit, ModbusPdu.decodeRequest(fc.get(), in, start + 1)), length);
  }

  private static String multipleWriteProblem(FunctionCode fc, int quantity, int byteCount) {
    boolean coils = fc == FunctionCode.WRITE_MULTIPLE_COILS;
    int max = coils ? Fields.MAX_WRITE_COILS : Fields.MAX_WRITE_REGISTERS;
    if (quantity < 1 || quantity > max) {
      return "quantity " + quantity + " is outside 1-" + max + " for " + fc;
    }
    int expected = coils ? (quantity + 7) / 8 : quantity * 2;
    return byteCount == expected
        ? null
        : "byte count " + byteCount + " does not match quantity " + quantity;
  }

  @Override
  public int maxFrameLength() {
    return Fields.MAX_RTU_FRAME;
  }
}
