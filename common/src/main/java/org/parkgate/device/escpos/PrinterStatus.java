package org.parkgate.device.escpos;

/**
 * A receipt printer's state as its real-time status bytes ({@code DLE EOT n}) tell it. Each answer
 * is one byte with bits 1 and 4 set and bits 0 and 7 clear (Epson's fixed pattern, {@code
 * 0xx1xx10}); the other bits, by request:
 *
 * <pre>
 * n=1 printer      bit 2 drawer kick-out connector pin 3 high (drawer open), bit 3 offline
 * n=2 offline      bit 2 cover open, bit 3 paper fed by the feed button, bit 5 stopped at paper
 *                  end, bit 6 an error
 * n=3 error        bit 3 autocutter error, bit 5 unrecoverable error, bit 6 recoverable error
 * n=4 paper        bits 2 and 3 roll near its end, bits 5 and 6 roll at its end
 * </pre>
 *
 * Pin 3 reads high while the drawer is open with the usual wiring (the drawer's switch closes to
 * ground when the drawer shuts); docs/hardware.md says how to check a drawer.
 */
public record PrinterStatus(
    boolean offline,
    boolean coverOpen,
    boolean paperEnd,
    boolean paperNearEnd,
    boolean error,
    boolean drawerOpen) {

  /** Online, paper in, cover shut, drawer shut. */
  public static final PrinterStatus READY =
      new PrinterStatus(false, false, false, false, false, false);

  private static final int FIXED = 0x12;
  private static final int FIXED_MASK = 0x93;

  /** True for a byte that can be a status answer. */
  public static boolean isReply(int b) {
    return (b & FIXED_MASK) == FIXED;
  }

  /** The byte a printer in this state answers to {@code kind}. */
  public int reply(StatusKind kind) {
    int b = FIXED;
    switch (kind) {
      case PRINTER -> {
        b |= drawerOpen ? 0x04 : 0;
        b |= offline ? 0x08 : 0;
      }
      case OFFLINE_CAUSE -> {
        b |= coverOpen ? 0x04 : 0;
        b |= paperEnd ? 0x20 : 0;
        b |= error ? 0x40 : 0;
      }
      case ERROR_CAUSE -> b |= error ? 0x40 : 0;
      case PAPER -> {
        b |= paperNearEnd || paperEnd ? 0x0C : 0;
        b |= paperEnd ? 0x60 : 0;
      }
    }
    return b;
  }

  /** This state with what {@code reply} to {@code kind} says in place of what it knew. */
  public PrinterStatus with(StatusKind kind, int reply) {
    if (!isReply(reply)) {
      throw new IllegalArgumentException(String.format("0x%02X is no status byte", reply));
    }
    return switch (kind) {
      case PRINTER ->
          new PrinterStatus(
              (reply & 0x08) != 0, coverOpen, paperEnd, paperNearEnd, error, (reply & 0x04) != 0);
      case OFFLINE_CAUSE ->
          new PrinterStatus(
              offline,
              (reply & 0x04) != 0,
              (reply & 0x20) != 0,
              paperNearEnd,
              (reply & 0x40) != 0,
              drawerOpen);
      case ERROR_CAUSE ->
          new PrinterStatus(
              offline, coverOpen, paperEnd, paperNearEnd, (reply & 0x60) != 0, drawerOpen);
      case PAPER ->
          new PrinterStatus(
              offline, coverOpen, (reply & 0x60) != 0, (reply & 0x0C) != 0, error, drawerOpen);
    };
  }

  /** True when the printer can print now. */
  public boolean canPrint() {
    return !offline && !coverOpen && !paperEnd && !error;
  }
}
