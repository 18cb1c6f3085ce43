package org.parkgate.controller.device.modbus;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuRequest;

/**
 * Function codes 01, 02, 03, 05, 06, 15 and 16 as calls on a bus's {@link ModbusMaster}, with typed
 * answers. A future fails with {@link ModbusException} when the slave answers with an exception
 * response or with a response that does not fit the request, and as the master's do when it does
 * not answer at all. Reads are polls, writes are commands (sent first).
 */
public final class ModbusClient {
  private final ModbusMaster master;

  public ModbusClient(ModbusMaster master) {
    this.master = master;
  }

  /** FC 01. */
  public CompletableFuture<boolean[]> readCoils(int unit, int address, int quantity) {
    return readBits(
        unit,
        new ModbusRequest.ReadCoils(address, quantity),
        quantity,
        master.settings().retries());
  }

  /** FC 02. */
  public CompletableFuture<boolean[]> readDiscreteInputs(int unit, int address, int quantity) {
    return readDiscreteInputs(unit, address, quantity, master.settings().retries());
  }

  /** FC 02 with its own number of retries (0 to probe a unit known to be offline). */
  public CompletableFuture<boolean[]> readDiscreteInputs(
      int unit, int address, int quantity, int retries) {
    return readBits(
        unit, new ModbusRequest.ReadDiscreteInputs(address, quantity), quantity, retries);
  }

  /** FC 03. */
  public CompletableFuture<int[]> readHoldingRegisters(int unit, int address, int quantity) {
    ModbusRequest request = new ModbusRequest.ReadHoldingRegisters(address, quantity);
    return call(
        unit,
        request,
        ModbusMaster.Priority.POLL,
        master.settings().retries(),
        r ->
            r instanceof ModbusResponse.ReadRegisters regs && regs.values().length == quantity
                ? regs.values()
                : null);
  }

  /** FC 05. */
  public CompletableFuture<Void> writeSingleCoil(int unit, int address, boolean on) {
    ModbusRequest request = new ModbusRequest.WriteSingleCoil(address, on);
    return write(unit, request, r -> r.equals(new ModbusResponse.WriteSingleCoilEcho(address, on)));
  }

  /** FC 06. */
  public CompletableFuture<Void> writeSingleRegister(int unit, int address, int value) {
    ModbusRequest request = new ModbusRequest.WriteSingleRegister(address, value);
    return write(
        unit, request, r -> r.equals(new ModbusResponse.WriteSingleRegisterEcho(address, value)));
  }

  /** FC 15. */
  public CompletableFuture<Void> writeMultipleCoils(int unit, int address, boolean[] values) {
    ModbusRequest request = new ModbusRequest.WriteMultipleCoils(address, values);
    return write(
        unit,
        request,
        r ->
            r.equals(
                new ModbusResponse.WriteMultipleEcho(
                    org.parkgate.device.modbus.FunctionCode.WRITE_MULTIPLE_COILS,
                    address,
                    values.length)));
  }

  /** FC 16. */
  public CompletableFuture<Void> writeMultipleRegisters(int unit, int address, int[] values) {
    ModbusRequest request = new ModbusRequest.WriteMultipleRegisters(address, values);
    return write(
        unit,
        request,
        r ->
            r.equals(
                new ModbusResponse.WriteMultipleEcho(
                    org.parkgate.device.modbus.FunctionCode.WRITE_MULTIPLE_REGISTERS,
                    address,
                    values.length)));
  }

  private CompletableFuture<boolean[]> readBits(
      int unit, ModbusRequest request, int quantity, int retries) {
    // The wire carries whole bytes: a module answers 8 bits for 5 asked. Fewer is a fault.
    return call(
        unit,
        request,
        ModbusMaster.Priority.POLL,
        retries,
        r ->
            r instanceof ModbusResponse.ReadBits bits && bits.bits().length >= quantity
                ? Arrays.copyOf(bits.bits(), quantity)
                : null);
  }

  private CompletableFuture<Void> write(
      int unit, ModbusRequest request, java.util.function.Predicate<ModbusResponse> echoes) {
    return call(
            unit,
            request,
            ModbusMaster.Priority.COMMAND,
            master.settings().retries(),
            r -> echoes.test(r) ? Boolean.TRUE : null)
        .thenApply(ok -> null);
  }

  /** {@code accept} returns the typed answer, or null for a response that does not fit. */
  private <T> CompletableFuture<T> call(
      int unit,
      ModbusRequest request,
      ModbusMaster.Priority priority,
      int retries,
      Function<ModbusResponse, T> accept) {
    return master
        .send(new RtuRequest(unit, request), priority, retries)
        .thenApply(
            response -> {
              if (response instanceof ModbusResponse.Exception e) {
                String code =
                    org.parkgate.device.modbus.ExceptionCode.from(e.exceptionCode())
                        .map(Enum::name)
                        .orElse("vendor code");
                throw new CompletionException(
                    new ModbusException(
                        String.format(
                            "unit %d refused %s: exception %02X %s",
                            unit, request.functionCode(), e.exceptionCode(), code),
                        e.exceptionCode()));
              }
              T typed = accept.apply(response);
              if (typed == null) {
                throw new CompletionException(
                    new ModbusException(
                        "unit " + unit + " answered " + request + " with " + response, -1));
              }
              return typed;
            });
  }
}
