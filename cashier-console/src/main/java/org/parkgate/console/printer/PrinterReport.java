package org.parkgate.console.printer;

/**
 * What the booth shows of its printer: its state, where it is, how many printouts wait for it and
 * how many were given up because the queue was full.
 */
public record PrinterReport(PrinterState state, String address, int waiting, long dropped) {
  public static final PrinterReport NONE = new PrinterReport(PrinterState.NONE, null, 0, 0);
}
