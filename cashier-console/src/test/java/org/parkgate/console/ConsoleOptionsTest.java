package org.parkgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** --printer: a booth's receipt printer on the command line, or none. */
class ConsoleOptionsTest {
  private static final String SITE = "../config/sites/demo.yaml";

  @Test
  void aTcpOrSerialPrinterOrNoneIsTaken() {
    assertEquals(
        "serial:/dev/ttyUSB0?baud=19200",
        ConsoleOptions.parse(
                new String[] {"--site", SITE, "--printer", "serial:/dev/ttyUSB0?baud=19200"})
            .printer());
    assertEquals(
        "tcp://10.0.0.21:9100",
        ConsoleOptions.parse(new String[] {"--site", SITE, "--printer", "tcp://10.0.0.21:9100"})
            .printer());
    assertEquals(
        "none", ConsoleOptions.parse(new String[] {"--site", SITE, "--printer", "none"}).printer());
    assertNull(ConsoleOptions.parse(new String[] {"--site", SITE}).printer());
  }

  @Test
  void aPrinterTheConsoleCannotDriveIsRefusedSayingWhy() {
    assertEquals(
        "--printer: 'local:p': a printer is on tcp://host:port or serial:/dev/...",
        assertThrows(
                IllegalArgumentException.class,
                () -> ConsoleOptions.parse(new String[] {"--site", SITE, "--printer", "local:p"}))
            .getMessage());
    String baud =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ConsoleOptions.parse(
                        new String[] {"--site", SITE, "--printer", "serial:/dev/ttyS0?baud=7"}))
            .getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(baud.startsWith("--printer: "), baud);
    org.junit.jupiter.api.Assertions.assertTrue(baud.contains("baud=7 is not one of"), baud);
    assertEquals(
        "--printer: 'tcp://printer' needs a host and a port 1-65535, e.g. tcp://10.0.0.5:4001",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ConsoleOptions.parse(
                        new String[] {"--site", SITE, "--printer", "tcp://printer"}))
            .getMessage());
    assertEquals(
        "--printer needs a value",
        assertThrows(
                IllegalArgumentException.class,
                () -> ConsoleOptions.parse(new String[] {"--site", SITE, "--printer"}))
            .getMessage());
  }
}
