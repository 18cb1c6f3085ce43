package org.parkgate.controller.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;

class CredentialsMainTest {
  @TempDir Path dir;
  private Path db;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void ledger() {
    db = dir.resolve("ledger.db");
    Ledger.open(db, "demo").close();
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(db.toString());
    return new CredentialsMain(
            new MutableClock(Instant.parse("2027-01-09T02:00:00Z")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void aSeasonCardIsAddedRenewedCancelledAndListedAndTheLedgerStillVerifies() {
    assertEquals(
        0,
        run(
            "season",
            "add",
            "5EA5011001",
            "--holder",
            "Li Wei",
            "--from",
            "2027-01-01",
            "--to",
            "2027-01-31",
            "--by",
            "office1",
            "--plate",
            "沪A 12345",
            "--plate",
            "沪A54321"),
        err());
    assertEquals(
        "added 5EA5011001  Li Wei  car  2027-01-01..2027-01-31  plates 沪A12345,沪A54321"
            + "  (add by office1, 2027-01-09T02:00:00Z)",
        out());
    assertEquals(0, run("season", "renew", "5EA5011001", "--to", "2027-02-28", "--by", "o2"));
    assertTrue(out().startsWith("renewed 5EA5011001  Li Wei  car  2027-01-01..2027-02-28"), out());
    assertEquals(0, run("season", "list"));
    assertTrue(out().endsWith("1 season cards"), out());
    assertEquals(0, run("season", "cancel", "5EA5011001", "--by", "o3"));
    assertTrue(out().contains("CANCELLED"), out());
    assertEquals(1, run("season", "renew", "5EA5011001", "--to", "2027-03-31", "--by", "o2"));
    assertTrue(err().contains("was cancelled on"), err());
    assertEquals(
        0,
        run(
            "season",
            "add",
            "5EA5011001",
            "--holder",
            "Wang Fang",
            "--from",
            "2027-02-01",
            "--to",
            "2027-02-28",
            "--by",
            "office1",
            "--class",
            "truck"));
    assertTrue(LedgerVerifier.verify(db, java.util.Optional.empty()).ok());
  }

  @Test
  void theBlacklistIsAddedToListedAndRemovedFrom() {
    assertEquals(
        0, run("blacklist", "add", "plate", "沪C 66666", "--reason", "fines", "--by", "s1"));
    assertEquals("blacklisted plate 沪C66666 (fines, by s1)", out());
    assertEquals(1, run("blacklist", "add", "plate", "沪C66666", "--reason", "again", "--by", "s1"));
    assertTrue(
        err().startsWith("blacklist add: plate 沪C66666 is blacklisted (fines) since"), err());
    assertEquals(0, run("blacklist", "list"));
    assertTrue(out().endsWith("1 blacklisted"), out());
    assertEquals(
        0, run("blacklist", "remove", "plate", "沪C66666", "--reason", "paid", "--by", "s2"));
    assertEquals(
        1, run("blacklist", "remove", "card", "00A1B2C3D4", "--reason", "x", "--by", "s2"));
    assertEquals("blacklist remove: card 00A1B2C3D4 is not blacklisted", err());
  }

  @Test
  void badArgumentsAreNamedAndChangeNothing() {
    String[][] cases = {
      {"season", "add", "5EA5011001", "--holder", "L", "--from", "2027-01-01", "--by", "o"},
      {
        "season",
        "add",
        "5EA5011001",
        "--holder",
        "L",
        "--from",
        "2027-13-01",
        "--to",
        "2027-01-31",
        "--by",
        "o"
      },
      {
        "season",
        "add",
        "5EA5011001",
        "--holder",
        "L",
        "--from",
        "2027-02-01",
        "--to",
        "2027-01-31",
        "--by",
        "o"
      },
      {
        "season",
        "add",
        "5EA-01",
        "--holder",
        "L",
        "--from",
        "2027-01-01",
        "--to",
        "2027-01-31",
        "--by",
        "o"
      },
      {
        "season",
        "add",
        "5EA5011001",
        "--holder",
        "L",
        "--from",
        "2027-01-01",
        "--to",
        "2027-01-31",
        "--by",
        "o",
        "--class",
        "Big Truck"
      },
      {"season", "add", "5EA5011001", "--holdr", "L"},
      {"season", "renew", "5EA5011001", "--to", "2027-01-31", "--by", "o"},
      {"season", "extend", "5EA5011001"},
      {"season", "list", "extra"},
      {"blacklist", "add", "van", "X", "--reason", "r", "--by", "s"},
      {"blacklist", "add", "card", "00A1B2C3D4", "--by", "s"},
      {"blacklist", "add", "card", "00A1B2C3D4", "--reason", "r", "--by", "s", "--by", "t"},
      {"parking", "add"},
    };
    String[] expected = {
      "parking: --to is needed;",
      "parking: --from '2027-13-01' is not a date such as 2027-01-31;",
      "season add: a season card's last day 2027-01-31 is before its first 2027-02-01",
      "parking: card number '5EA-01' must be 1-32 letters or digits;",
      "parking: --class 'Big Truck' is not a vehicle class such as car or truck;",
      "parking: unknown option '--holdr' (this command takes --by, --class, --from, --holder, --plate, --to, --db);",
      "season renew: card 5EA5011001 is no season card",
      "parking: unknown season command 'extend' (add, renew, cancel, list, import);",
      "parking: season list takes no arguments;",
      "parking: 'van' is not card or plate;",
      "parking: --reason is needed;",
      "parking: --by is given twice;",
      "parking: unknown command 'parking';",
    };
    for (int i = 0; i < cases.length; i++) {
      int status = run(cases[i]);
      assertTrue(err().startsWith(expected[i]), String.join(" ", cases[i]) + " -> " + err());
      assertEquals(expected[i].startsWith("parking:") ? 2 : 1, status, err());
    }
    run("season", "list");
    assertEquals("0 season cards", out(), "nothing was written");
    run("blacklist", "list");
    assertEquals("0 blacklisted", out());
  }

  @Test
  void aMissingLedgerIsNotCreated() {
    Path none = dir.resolve("nowhere/ledger.db");
    int status =
        new CredentialsMain(
                new MutableClock(Instant.EPOCH),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(List.of("season", "list", "--db", none.toString()));
    assertEquals(2, status);
    assertTrue(err().startsWith("parking: no ledger at " + none), err());
    assertTrue(!none.toFile().exists());
  }

  private Path csv(String text) throws java.io.IOException {
    Path f = dir.resolve("passes.csv");
    java.nio.file.Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void aFileOfSeasonCardsIsImportedInOneGoAndTheLedgerStillVerifies() throws Exception {
    Path f =
        csv(
            "\uFEFFcard,holder,class,from,to,plates\n"
                + "5EA5011001,王芳,car,2027-01-01,2027-01-31,沪A12345;沪B67890\n"
                + "5EA5011002,\"Li, Wei\",van,2027-01-01,2027-03-31,\n"
                + "\n"
                + "5EA5011003,Office pool,,2027-01-01,2027-01-31,\n");
    assertEquals(0, run("season", "import", f.toString(), "--by", "office"), err());
    assertTrue(out().endsWith("imported 3 season cards from " + f), out());
    assertEquals(0, run("season", "list"));
    String list = out();
    assertTrue(
        list.contains("5EA5011001  王芳  car  2027-01-01..2027-01-31  plates 沪A12345,沪B67890"), list);
    assertTrue(list.contains("5EA5011002  Li, Wei  van  2027-01-01..2027-03-31  plates any"), list);
    assertTrue(list.contains("5EA5011003  Office pool  car"), list);
    assertTrue(list.endsWith("3 season cards"), list);
    assertTrue(LedgerVerifier.verify(db, java.util.Optional.empty()).ok());
  }

  @Test
  void aBadFileNamesItsLineAndAddsNothing() throws Exception {
    String header = "card,holder,class,from,to\n";
    String good = "5EA5011001,A Holder,car,2027-01-01,2027-01-31\n";
    record Case(String text, String says) {}
    for (Case c :
        List.of(
            new Case(
                header + good + "5EA5011002,B,car,2027-02-01,2027-01-31\n",
                "passes.csv:3: to 2027-01-31 is before from 2027-02-01 (a card's last day)"),
            new Case(header + good + good, "passes.csv:3: card 5EA5011001 is in the file twice"),
            new Case(
                header + good + "5EA-01,B,car,2027-01-01,2027-01-31\n",
                "passes.csv:3: card '5EA-01' must be 1-32 letters or digits"),
            new Case(
                header + good + "5EA5011002,B,car,2027-01-01,31/01/2027\n",
                "passes.csv:3: to '31/01/2027' is not a date such as 2027-01-31"),
            new Case(
                header + good + "5EA5011002,B,car\n", "passes.csv:3: 3 columns, the header has 5"),
            new Case(
                "card,holder,from,to\n" + good,
                "passes.csv:1: no column 'class' (the header is card,holder,class,from,to[,plates])"),
            new Case(header, "passes.csv: no season cards under the header"))) {
      Path f = csv(c.text());
      assertEquals(2, run("season", "import", f.toString(), "--by", "office"), c.says());
      assertTrue(
          err().startsWith("parking: " + f + c.says().substring("passes.csv".length())), err());
      assertEquals(0, run("season", "list"));
      assertEquals("0 season cards", out(), c.says());
    }
    // Not UTF-8 (a sheet saved as GB2312): named, nothing added.
    Path gb = dir.resolve("passes.csv");
    java.nio.file.Files.write(
        gb, (header + "5EA5011001,王芳,car,2027-01-01,2027-01-31\n").getBytes("GB2312"));
    assertEquals(2, run("season", "import", gb.toString(), "--by", "office"));
    assertTrue(err().contains("not UTF-8 text (save the sheet as CSV UTF-8)"), err());
  }

  @Test
  void oneCardTheLedgerRefusesAddsNoneOfTheFile() throws Exception {
    assertEquals(
        0,
        run(
            "season",
            "add",
            "5EA5011002",
            "--holder",
            "Already",
            "--from",
            "2027-01-01",
            "--to",
            "2027-01-31",
            "--by",
            "office"));
    Path f =
        csv(
            "card,holder,class,from,to\n"
                + "5EA5011001,A,car,2027-01-01,2027-01-31\n"
                + "5EA5011002,B,car,2027-01-01,2027-01-31\n");
    assertEquals(1, run("season", "import", f.toString(), "--by", "office"));
    assertTrue(err().contains("card 5EA5011002 is already a season card (held by Already"), err());
    assertEquals(0, run("season", "list"));
    assertTrue(out().endsWith("1 season cards"), out());
    assertTrue(!out().contains("5EA5011001"), out());
  }
}
