package org.parkgate.device.escpos;

/**
 * What a receipt printer made of the commands it received: lines of text with their style, QR
 * codes, cuts, drawer pulses, and the status requests it answered. {@link PrintedReader} makes
 * these from {@link EscPosCommand}s.
 */
public sealed interface Printed {

  /** A printed line, with the alignment, emphasis and character size it was printed in. */
  record Line(String text, Alignment alignment, boolean bold, int width, int height)
      implements Printed {
    /** A plain left-aligned line. */
    public static Line plain(String text) {
      return new Line(text, Alignment.LEFT, false, 1, 1);
    }
  }

  /** A QR code printed, with its data as UTF-8 text. */
  record QrCode(String payload) implements Printed {}

  /** The paper cut: the end of a document. */
  record Cut(boolean partial) implements Printed {}

  /** A pulse to open the cash drawer. */
  record DrawerPulse(int pin, int onMillis, int offMillis) implements Printed {}

  /** A real-time status request, answered at once whatever else the printer is doing. */
  record StatusAsked(StatusKind kind) implements Printed {}
}
