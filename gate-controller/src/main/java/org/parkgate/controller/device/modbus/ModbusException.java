package org.parkgate.controller.device.modbus;

import java.util.Optional;
import org.parkgate.device.modbus.ExceptionCode;

/**
 * A slave answered a request with a Modbus exception response (function code + 0x80), or with a
 * response that does not fit the request.
 */
public final class ModbusException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exceptionCode;

  ModbusException(String message, int exceptionCode) {
    super(message);
    this.exceptionCode = exceptionCode;
  }

  /** The exception code the slave sent, or -1 when the response simply did not fit the request. */
  public int exceptionCode() {
    return exceptionCode;
  }

  /** The standard code, when the slave sent one the standard names. */
  public Optional<ExceptionCode> standardCode() {
    return ExceptionCode.from(exceptionCode);
  }
}
