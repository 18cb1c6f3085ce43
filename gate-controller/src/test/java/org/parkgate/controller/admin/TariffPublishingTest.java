package org.parkgate.controller.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.TariffVersions;
import org.parkgate.controller.site.TariffBook;

/** {@code tariff publish|versions|show} against a real ledger file, as an operator types them. */
class TariffPublishingTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Path DEMO = ROOT.resolve("config/tariffs/demo-hourly.yaml");
  static final Instant NOW = Instant.parse("2027-01-09T02:00:00Z"); // 10:00 in Shanghai

  @TempDir Path dir;
  private Path db;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void controllerStartedOnce() throws Exception {
    db = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(db, "demo")) {
      TariffBook.open(ledger, DEMO, NOW.minusSeconds(3600));
    }
  }

  private int run(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--db");
    all.add(db.toString());
    return new TariffMain(
            Clock.fixed(NOW, ZoneOffset.UTC),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path demoAt(String price) throws Exception {
    Path file = dir.resolve("demo-" + price + ".yaml");
    Files.writeString(
        file, Files.readString(DEMO).replace("price: \"3.00\"", "price: \"" + price + "\""));
    return file;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void publishRecordsTheNextVersionInForceFromTheTimeGiven() throws Exception {
    Path file = demoAt("5.00");
    assertEquals(
        0, run("publish", file.toString(), "--by", "finance1", "--from", "2027-01-10T00:00"));
    assertTrue(out().contains("tariff version 2 published: demo-hourly"), out());
    assertTrue(out().contains("in force from 2027-01-10 00:00:00 +08:00, by finance1"), out());
    try (Ledger ledger = Ledger.open(db, "demo")) {
      TariffVersions.Version v2 = new TariffVersions(ledger).all().get(1);
      assertEquals(Instant.parse("2027-01-09T16:00:00Z"), v2.inForceFrom());
      assertEquals(Files.readString(file), v2.body(), "the text as published");
      assertEquals(TariffVersions.sha256(Files.readString(file)), v2.sha256());
    }
    assertTrue(LedgerVerifier.verify(db, Optional.empty()).ok());

    out.reset();
    assertEquals(0, run("versions"));
    String[] lines = out().split("\n");
    assertTrue(lines[1].startsWith("*       1  demo-hourly"), out());
    assertTrue(
        lines[2].startsWith("        2  demo-hourly"), "not in force until tomorrow\n" + out());
    assertTrue(lines[2].endsWith("finance1"), out());

    out.reset();
    assertEquals(0, run("show", "2"));
    assertEquals(Files.readString(file), out());
    err.reset();
    assertEquals(
        1,
        new TariffMain(Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(out), new PrintStream(err))
            .run(List.of("versions", "--db", dir.resolve("typo.db").toString())));
    assertTrue(err().startsWith("tariff: no ledger at "), err());
    assertFalse(Files.exists(dir.resolve("typo.db")), "reading makes no ledger");
    out.reset();
    assertEquals(0, run("show", "2"));
    assertEquals(Files.readString(file), out());
  }

  @Test
  void whatCannotBePublishedIsRefusedWithOneLineAndNothingWritten() throws Exception {
    assertEquals(1, run("publish", DEMO.toString(), "--by", "finance1"));
    assertTrue(err().contains("is version 1 already"), err());

    Path hkd = dir.resolve("hkd.yaml");
    Files.writeString(hkd, Files.readString(DEMO).replace("currency: CNY", "currency: HKD"));
    err.reset();
    assertEquals(1, run("publish", hkd.toString(), "--by", "finance1"));
    assertTrue(err().contains("charges in HKD but the site's ledger is in CNY"), err());

    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "id: x\nname: [unclosed\n");
    err.reset();
    assertEquals(1, run("publish", broken.toString(), "--by", "finance1"));
    assertTrue(err().startsWith("tariff: " + broken + ": line 2 column 16: not valid YAML"), err());

    err.reset();
    assertEquals(2, run("publish", demoAt("4.00").toString(), "--by", "x", "--from", "yesterday"));
    assertTrue(err().contains("--from: 'yesterday' is not a date-time"), err());
    err.reset();
    assertEquals(2, run("publish", demoAt("4.00").toString()));
    assertTrue(err().contains("--by is needed"), err());
    err.reset();
    assertEquals(
        1, run("publish", demoAt("4.00").toString(), "--by", "x", "--from", "2027-01-09T09:00"));
    assertTrue(err().contains("before it is published"), err());
    err.reset();
    assertEquals(2, run("publish", demoAt("4.00").toString(), "--by", "x", "--format", "csv"));
    assertTrue(err().contains("--format is not an option of publish"), err());
    try (Ledger ledger = Ledger.open(db, "demo")) {
      assertEquals(1, new TariffVersions(ledger).latestNumber(), "nothing was written");
    }
  }

  @Test
  void previewComparesWithTheVersionInForceInTheLedger() throws Exception {
    assertEquals(0, run("publish", demoAt("5.00").toString(), "--by", "finance1"));
    out.reset();
    // Against the ledger's version in force (5.00 an hour), not the site file's 3.00.
    assertEquals(0, run("preview", demoAt("6.00").toString(), "--date", "2027-01-11"));
    String twoHours =
        out()
            .lines()
            .filter(l -> l.strip().startsWith("2 h"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(out()));
    assertTrue(twoHours.contains("10.00") && twoHours.contains("12.00"), out());
  }
}
