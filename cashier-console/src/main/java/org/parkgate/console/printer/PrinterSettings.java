package org.parkgate.console.printer;

import java.time.Duration;

/**
 * How the console drives its printer.
 *
 * @param poll how often the printer's status is asked (DLE EOT 1, 2 and 4)
 * @param answerTimeout a printer that has not answered within this is offline, and the link is
 *     opened again
 * @param maxWaiting printouts kept while the printer cannot print; beyond it the oldest is dropped
 */
public record PrinterSettings(Duration poll, Duration answerTimeout, int maxWaiting) {
  public static final PrinterSettings DEFAULT =
      new PrinterSettings(Duration.ofMillis(500), Duration.ofSeconds(2), 20);

  public PrinterSettings {
    if (poll.isNegative() || poll.isZero() || answerTimeout.compareTo(poll) < 0) {
      throw new IllegalArgumentException("poll must be positive and answerTimeout at least poll");
    }
    if (maxWaiting < 1) {
      throw new IllegalArgumentException("maxWaiting must be at least 1");
    }
  }
}
