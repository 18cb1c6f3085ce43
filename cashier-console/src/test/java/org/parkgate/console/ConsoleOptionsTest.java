package org.parkgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** --printer: a booth's receipt printer on the command line, or none. */
class ConsoleOptionsTest {
  private static final String SITE = "../config/sites/demo.yaml";

  @Test
  void aTcpPrinterOrNoneIsTaken() {
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
        "--printer: 'serial:/dev/ttyUSB0': the console drives printers on tcp://host:port",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ConsoleOptions.parse(
                        new String[] {"--site", SITE, "--printer", "serial:/dev/ttyUSB0"}))
            .getMessage());
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
