package org.parkgate.fee;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the fee engine is asked: a vehicle of some class that entered and is leaving, possibly
 * without its card, with vouchers, and possibly having already paid at a pay station.
 *
 * <p>For a lost card whose entry cannot be matched, pass the exit as the entry: the lost-card rule
 * then decides the fee alone.
 *
 * @param prepaid a payment made at a pay station before driving to the exit, or null
 */
public record StayRequest(
    String vehicleClass,
    Instant entry,
    Instant exit,
    boolean lostCard,
    List<String> voucherCodes,
    Prepayment prepaid) {

  public StayRequest {
    Objects.requireNonNull(vehicleClass, "vehicleClass");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(exit, "exit");
    voucherCodes = List.copyOf(voucherCodes);
    if (exit.isBefore(entry)) {
      throw new IllegalArgumentException("exit " + exit + " is before entry " + entry);
    }
  }

  public StayRequest(
      String vehicleClass,
      Instant entry,
      Instant exit,
      boolean lostCard,
      List<String> voucherCodes) {
    this(vehicleClass, entry, exit, lostCard, voucherCodes, null);
  }

  public static StayRequest of(String vehicleClass, Instant entry, Instant exit) {
    return new StayRequest(vehicleClass, entry, exit, false, List.of(), null);
  }

  public StayRequest withExit(Instant newExit) {
    return new StayRequest(vehicleClass, entry, newExit, lostCard, voucherCodes, prepaid);
  }

  public StayRequest withLostCard() {
    return new StayRequest(vehicleClass, entry, exit, true, voucherCodes, prepaid);
  }

  public StayRequest withVouchers(List<String> codes) {
    return new StayRequest(vehicleClass, entry, exit, lostCard, codes, prepaid);
  }

  public StayRequest withPrepaid(Prepayment payment) {
    return new StayRequest(vehicleClass, entry, exit, lostCard, voucherCodes, payment);
  }
}
