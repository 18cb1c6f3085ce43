package org.parkgate.device.modbus;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.Parse;

/** Finds slave response frames, normal or exception, on a byte stream (what a master reads). */
public final class RtuResponseParser implements FrameParser<RtuResponse> {

  @Override
  public Parse<RtuResponse> parse(ByteBuf in) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (available < 2) {
      return Parse.needMore();
    }
    int unit = in.getUnsignedByte(start);
    if (unit < 1 || unit > 247) {
      return Parse.invalid("unit " + unit + " is outside 1-247");
    }
    int code = in.getUnsignedByte(start + 1);
    Optional<FunctionCode> fc = FunctionCode.from(code & 0x7F);
    if (fc.isEmpty()) {
      return Parse.invalid(String.format("unknown function code 0x%02X", code));
    }
    boolean exception = (code & 0x80) != 0;
    int length;
    if (exception) {
      length = 5;
    } else if (fc.get().code() <= FunctionCode.READ_HOLDING_REGISTERS.code()) {
      if (available < 3) {
        return Parse.needMore();
      }
      int byteCount = in.getUnsignedByte(start + 2);
      String problem = readByteCountProblem(fc.get(), byteCount);
      if (problem != null) {
        return Parse.invalid(problem);
      }
      length = 5 + byteCount;
    } else {
      length = 8;
    }
    if (available < length) {
      return Parse.needMore();
    }
    String crc = RtuFrames.crcProblem(in, length);
    if (crc != null) {
      return Parse.invalid(crc);
    }
    ModbusResponse response =
        exception
            ? new ModbusResponse.Exception(code & 0x7F, in.getUnsignedByte(start + 2))
            : ModbusPdu.decodeResponse(fc.get(), in, start + 1);
    return Parse.frame(new RtuResponse(unit, response), length);
  }

  private static String readByteCountProblem(FunctionCode fc, int byteCount) {
    if (fc == FunctionCode.READ_HOLDING_REGISTERS) {
      int max = Fields.MAX_READ_REGISTERS * 2;
      return byteCount >= 2 && byteCount <= max && byteCount % 2 == 0
          ? null
          : "byte count " + byteCount + " is not an even 2-" + max;
    }
    int max = (Fields.MAX_READ_BITS + 7) / 8;
    return byteCount >= 1 && byteCount <= max
        ? null
        : "byte count " + byteCount + " is outside 1-" + max;
  }

  @Override
  public int maxFrameLength() {
    return Fields.MAX_RTU_FRAME;
  }
}
