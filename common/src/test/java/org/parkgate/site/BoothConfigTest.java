package org.parkgate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.config.ConfigException;

/** booths[]: each booth's id and receipt printer, checked like the lanes' devices. */
class BoothConfigTest {
  private static final String SITE =
      "site: {id: s, zone: Asia/Shanghai, currency: CNY, tariff: t.yaml}\n"
          + "lanes:\n"
          + "  - {id: x, kind: exit, barrier: {address: 'tcp://h:1'}, cardReader: {address:"
          + " 'tcp://h:2'}, display: {address: 'tcp://h:3'}}\n";

  @TempDir Path dir;

  @Test
  void boothsAndTheirPrintersAreRead() throws Exception {
    SiteConfig site =
        load(
            SITE
                + "booths:\n"
                + "  - {id: booth-1, printer: {address: 'tcp://10.0.0.21:9100'}}\n"
                + "  - {id: office}\n");
    assertEquals(
        new DeviceAddress.Tcp("10.0.0.21", 9100), site.booth("booth-1").orElseThrow().printer());
    assertTrue(site.booth("office").orElseThrow().printer() == null);
    assertTrue(load(SITE).booths().isEmpty(), "no booths: no printers");
  }

  @Test
  void aBoothLooksAfterTheLanesItNamesOrEveryLane() throws Exception {
    SiteConfig site = load(SITE + "booths:\n  - {id: booth-1, lanes: ' x '}\n  - {id: office}\n");
    BoothConfig booth = site.booth("booth-1").orElseThrow();
    assertEquals(java.util.List.of("x"), booth.lanes());
    assertTrue(booth.covers("x"));
    assertTrue(!booth.covers("y"), "not a lane it names");
    assertTrue(site.booth("office").orElseThrow().covers("y"), "none named: every lane");
    assertEquals(
        "site.yaml: booths[0].lanes: no lane 'y' on this site",
        error(SITE + "booths: [{id: b, lanes: 'x, y'}]\n"));
  }

  @Test
  void mistakesAreNamed() throws Exception {
    assertEquals(
        "site.yaml: booths[1].id: booth 'b' is defined twice",
        error(SITE + "booths: [{id: b}, {id: b}]\n"));
    assertEquals(
        "site.yaml: booths[0].id: 'a b' must be 1-32 letters, digits, '-' or '_'",
        error(SITE + "booths: [{id: 'a b'}]\n"));
    String clash = error(SITE + "booths: [{id: b, printer: {address: 'tcp://h:3'}}]\n");
    assertTrue(clash.contains("booths[0].printer.address"), clash);
    assertTrue(clash.contains("is already lane x's display"), clash);
    String bad = error(SITE + "booths: [{id: b, printer: {address: 'lpt1'}}]\n");
    assertTrue(bad.contains("neither tcp://host:port nor serial:"), bad);
    String unknown = error(SITE + "booths: [{id: b, drawer: yes}]\n");
    assertTrue(unknown.contains("drawer"), unknown);
  }

  private SiteConfig load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return SiteConfigLoader.load(file);
  }

  private String error(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file))
        .getMessage()
        .replace(file.toString(), "site.yaml");
  }
}
