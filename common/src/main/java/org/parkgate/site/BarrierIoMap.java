package org.parkgate.site;

/**
 * Where a barrier's signals sit on its Modbus RTU I/O module. The default map is the one the
 * simulator emulates and {@code docs/hardware.md} documents: coil 0 pulses the barrier open, coil 1
 * pulses it closed; discrete inputs 0-4 are arming loop, safety loop, open limit, closed limit and
 * fault.
 */
public record BarrierIoMap(
    int openCoil,
    int closeCoil,
    int armingLoopInput,
    int safetyLoopInput,
    int openLimitInput,
    int closedLimitInput,
    int faultInput) {

  public static final BarrierIoMap DEFAULT = new BarrierIoMap(0, 1, 0, 1, 2, 3, 4);

  /** Inputs are read in one request starting at the lowest input address. */
  public int firstInput() {
    return Math.min(
        Math.min(
            Math.min(armingLoopInput, safetyLoopInput), Math.min(openLimitInput, closedLimitInput)),
        faultInput);
  }

  public int inputCount() {
    int last =
        Math.max(
            Math.max(
                Math.max(armingLoopInput, safetyLoopInput),
                Math.max(openLimitInput, closedLimitInput)),
            faultInput);
    return last - firstInput() + 1;
  }
}
