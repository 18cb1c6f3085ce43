package org.parkgate.controller.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/** ./parking vouchers, run by finance on a ledger file with the demo tariff. */
class VouchersMainTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final String TARIFF = ROOT.resolve("config/tariffs/demo-hourly.yaml").toString();

  @TempDir Path dir;
  final Clock clock = Clock.fixed(Instant.parse("2027-01-09T02:00:00Z"), ZoneOffset.UTC);
  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  int vouchers(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(dir.resolve("ledger.db").toString());
    return new VouchersMain(
            clock,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  String[] issue(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "issue",
                "--kind",
                "SHOP1H",
                "--issuer",
                "Cafe Lumière",
                "--count",
                "3",
                "--from",
                "2027-01-01",
                "--to",
                "2027-03-31",
                "--by",
                "finance1",
                "--tariff",
                TARIFF));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void financeIssuesABatchListsItVoidsACodeAndTheLedgerVerifies() throws Exception {
    assertEquals(0, vouchers(issue()), err());
    List<String> lines = out().lines().toList();
    assertEquals(
        "batch 1: 3 'SHOP1H' vouchers for Cafe Lumière, valid 2027-01-01 to 2027-03-31",
        lines.get(0));
    assertEquals(4, lines.size());
    String code = lines.get(1);
    assertTrue(code.matches("[2-9A-Y]{4}-[2-9A-Y]{4}-[2-9A-Y]{2}"), code);

    Path csv = dir.resolve("batch2.csv");
    assertEquals(0, vouchers(issue("--out", csv.toString())), err());
    List<String> rows = Files.readAllLines(csv);
    assertEquals("code,batch,kind,issuer,valid_from,valid_to", rows.get(0));
    assertEquals(4, rows.size());
    assertTrue(rows.get(1).endsWith(",2,SHOP1H,Cafe Lumière,2027-01-01,2027-03-31"), rows.get(1));

    assertEquals(0, vouchers("void", code.toLowerCase(), "--reason", "torn", "--by", "finance1"));
    assertEquals(0, vouchers("show", code));
    assertTrue(
        out().startsWith(code + "  voided on 2027-01-09T02:00:00Z by finance1: torn"), out());
    assertEquals(0, vouchers("list"));
    assertTrue(out().contains("3 issued, 0 used, 1 voided, 2 left"), out());
    assertEquals(0, vouchers("codes", "1"));
    assertEquals(2, out().lines().filter(l -> l.endsWith("unused")).count(), out());

    assertEquals(1, vouchers("void", code, "--reason", "again", "--by", "finance1"));
    assertEquals("vouchers: voucher " + code + " is void already\n", err());
    assertTrue(
        LedgerVerifier.verify(dir.resolve("ledger.db"), java.util.Optional.empty()).ok(),
        "the register is chained");
  }

  @Test
  void aBadRequestIsRefusedWithItsReasonAndIssuesNothing() {
    assertEquals(2, vouchers(withOption("--kind", "GOLD")));
    assertTrue(
        err()
            .startsWith(
                "vouchers: --kind: the tariff has no voucher 'GOLD' (it has: HALF, SHOP1H, STAFF)"),
        err());
    assertEquals(2, vouchers(withOption("--from", "9 Jan")));
    assertTrue(err().startsWith("vouchers: --from is a date YYYY-MM-DD, not 9 Jan"), err());
    assertEquals(2, vouchers(withOption("--count", "0")));
    assertTrue(err().startsWith("vouchers: --count is 1 to 10000, not 0"), err());
    assertEquals(2, vouchers(withOption("--to", "2026-12-31")));
    assertTrue(err().startsWith("vouchers: --to 2026-12-31 is before --from 2027-01-01"), err());
    assertEquals(
        2,
        vouchers(
            "issue",
            "--kind",
            "SHOP1H",
            "--issuer",
            "x",
            "--count",
            "1",
            "--from",
            "2027-01-01",
            "--to",
            "2027-01-02",
            "--by",
            "f"));
    assertTrue(err().startsWith("vouchers: issue needs --site FILE or --tariff FILE"), err());
    assertEquals(2, vouchers("show", "2345-6789-A0"));
    assertTrue(err().startsWith("vouchers: '0' is not in a voucher code"), err());
    assertEquals(0, vouchers("list"));
    assertEquals("no vouchers issued\n", out());
  }

  @Test
  void helpIsUsage() {
    assertEquals(0, vouchers("--help"));
    assertTrue(out().startsWith("usage: vouchers issue"), out());
  }

  private String[] withOption(String key, String value) {
    String[] args = issue();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(key)) {
        args[i + 1] = value;
      }
    }
    return args;
  }
}
