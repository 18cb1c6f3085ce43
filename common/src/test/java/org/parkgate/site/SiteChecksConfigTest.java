package org.parkgate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.config.ConfigException;

/** The site file's {@code checks} section: exit checks against what the camera saw at entry. */
class SiteChecksConfigTest {
  private static final String SITE =
      "site: {id: s, zone: Asia/Shanghai, currency: CNY, tariff: t.yaml}\n"
          + "lanes:\n"
          + "  - {id: x, kind: exit, barrier: {address: 'tcp://h:1'}, cardReader: {address: 'tcp://h:2'}, display: {address: 'tcp://h:3'}}\n";

  @TempDir Path dir;

  private SiteConfig load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return SiteConfigLoader.load(file);
  }

  private String error(String yaml) {
    return assertThrows(ConfigException.class, () -> load(yaml))
        .getMessage()
        .replace(dir.resolve("site.yaml").toString(), "site.yaml");
  }

  @Test
  void aTicketIsSuspectAfter72HoursUnlessTheSiteSaysOtherwise() throws Exception {
    assertEquals(Duration.ofHours(72), load(SITE).checks().ticketSwapAfter());
    assertEquals(
        Duration.ofDays(7),
        load(SITE + "checks: { ticketSwapAfter: 7d }\n").checks().ticketSwapAfter());
  }

  @Test
  void aBadChecksKeyIsRefusedByName() {
    assertEquals(
        "site.yaml: checks.ticketSwap: unknown key (known keys: ticketSwapAfter)",
        error(SITE + "checks: { ticketSwap: 72h }\n"));
    assertEquals(
        "site.yaml: checks.ticketSwapAfter: 'soon' is not a duration such as 500ms, 3s, 15min or PT15M",
        error(SITE + "checks: { ticketSwapAfter: soon }\n"));
    assertEquals(
        "site.yaml: checks.ticketSwapAfter: must be at least 1h, not 30min",
        error(SITE + "checks: { ticketSwapAfter: 30min }\n"));
  }
}
