package org.parkgate.controller.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.parkgate.config.ConfigException;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerBackup;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.LedgerRestore;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.ReceiptCode;
import org.parkgate.controller.ledger.ReceiptVerifier;
import org.parkgate.controller.ledger.ShiftReports;
import org.parkgate.controller.ledger.SiteKey;
import org.parkgate.controller.ledger.ZReport;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The ledger's audit commands, run beside (or without) a working controller:
 *
 * <pre>
 *   verify [DB] [--anchor LINK:SHA256] [--key PUBLIC]
 *                                        check integrity, hash chain, numbering and (with the
 *                                        site's public key) the signed anchors; exit 0 good, 1 bad
 *   verify-receipt CODE [--db DB]        that and the payment behind a receipt's verification code
 *   backup DEST [--db DB]                online copy, then verify the copy
 *   backup FOLDER [--db DB] [--keep N]   the same, named by the time, keeping the newest N copies
 *   restore FILE [--db DB]               a verified backup back in place, the old ledger kept
 *   zreport --site FILE [--data DIR]     close every finished business day, print its Z-report
 * </pre>
 *
 * Exit status: 0 good, 1 the ledger failed a check or the command failed, 2 bad arguments.
 */
public final class AuditMain {
  static final String USAGE =
      "usage: verify [DB] [--anchor LINK:SHA256] [--key PUBLIC] | verify-receipt CODE [--db DB] | backup DEST|FOLDER [--db DB] [--keep N] | restore FILE [--db DB] | zreport --site FILE [--data DIR]";
  static final Path DEFAULT_DB = Path.of("data/ledger.db");
  static final int DEFAULT_KEEP = 14;

  private AuditMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), org.parkgate.time.SharedClock.forMain("verify")));
  }

  static int run(List<String> args, Clock clock) {
    if (args.isEmpty()) {
      return usage("a command is needed");
    }
    Options o;
    try {
      o = Options.parse(args.subList(1, args.size()));
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try {
      return switch (args.get(0)) {
        case "verify" -> verify(o);
        case "verify-receipt" -> verifyReceipt(o);
        case "backup" -> backup(o, clock);
        case "restore" -> restore(o, clock);
        case "zreport" -> zreport(o, clock);
        default -> usage("unknown command '" + args.get(0) + "'");
      };
    } catch (LedgerException e) {
      System.err.println(args.get(0) + ": " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
  }

  private static int verify(Options o) {
    if (o.positional.size() > 1) {
      throw new IllegalArgumentException("verify takes one ledger file");
    }
    Path db = o.positional.isEmpty() ? o.db.orElse(DEFAULT_DB) : Path.of(o.positional.get(0));
    Optional<LedgerVerifier.Anchor> anchor = o.anchor.map(LedgerVerifier.Anchor::parse);
    LedgerVerifier.Result result =
        o.key.isPresent()
            ? LedgerVerifier.verify(db, anchor, publicKey(o.key.get()))
            : LedgerVerifier.verify(db, anchor);
    (result.ok() ? System.out : System.err).println(result.summary());
    return result.ok() ? 0 : 1;
  }

  /**
   * The site's public key given to {@code --key}: the line the controller prints, or a file holding
   * it (its {@code site-key.pub}).
   */
  private static java.security.PublicKey publicKey(String given) {
    Path file = Path.of(given);
    if (java.nio.file.Files.isRegularFile(file)) {
      try {
        return SiteKey.publicKey(java.nio.file.Files.readString(file));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--key: cannot read " + file + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--key: " + file + " holds " + e.getMessage());
      }
    }
    try {
      return SiteKey.publicKey(given);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--key: no such file, and " + e.getMessage());
    }
  }

  private static int verifyReceipt(Options o) {
    if (o.positional.size() != 1) {
      throw new IllegalArgumentException(
          "verify-receipt takes one verification code, as printed on the receipt (1234-ABCD-EFGH)");
    }
    ReceiptCode.Parsed code = ReceiptCode.read(o.positional.get(0));
    ReceiptVerifier.Result result = ReceiptVerifier.verify(o.db.orElse(DEFAULT_DB), code);
    (result.ok() ? System.out : System.err).println(result.summary());
    return result.ok() ? 0 : 1;
  }

  private static int backup(Options o, Clock clock) {
    if (o.positional.size() != 1) {
      throw new IllegalArgumentException("backup needs one destination file or folder");
    }
    Path dest = Path.of(o.positional.get(0));
    if (java.nio.file.Files.isDirectory(dest)) {
      return rotate(o, dest, clock);
    }
    if (o.keep.isPresent()) {
      throw new IllegalArgumentException(
          "--keep rotates copies in a folder: give an existing folder");
    }
    long started = System.nanoTime();
    LedgerVerifier.Result copy = LedgerBackup.copy(o.db.orElse(DEFAULT_DB), dest);
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (!copy.ok()) {
      System.err.println(
          "backup written to "
              + dest
              + " in "
              + ms
              + " ms but it does not verify: "
              + copy.summary());
      return 1;
    }
    System.out.println(
        "backup written to "
            + dest
            + " in "
            + ms
            + " ms and verified: "
            + copy.links()
            + " chain links, head link "
            + copy.head().link()
            + " sha256 "
            + copy.head().hash()
            + ", "
            + copy.receipts()
            + " receipts");
    return 0;
  }

  private static int rotate(Options o, Path folder, Clock clock) {
    int keep = o.keep.map(AuditMain::keep).orElse(DEFAULT_KEEP);
    LedgerBackup.Rotated r =
        LedgerBackup.rotate(o.db.orElse(DEFAULT_DB), folder, keep, clock.instant());
    if (!r.result().ok()) {
      System.err.println(
          "backup written to "
              + r.written()
              + " but it does not verify, so no older copy was removed: "
              + r.result().summary());
      return 1;
    }
    System.out.println(
        "backup written to "
            + r.written()
            + " and verified: "
            + r.result().links()
            + " chain links, head link "
            + r.result().head().link()
            + ", "
            + r.result().receipts()
            + " receipts; "
            + (r.removed().isEmpty()
                ? "no older copy removed"
                : "removed the oldest beyond " + keep + ": " + r.removed()));
    return 0;
  }

  private static int keep(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 10_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException(
        "--keep is a number of copies from 1 to 10000, not '" + text + "'");
  }

  private static int restore(Options o, Clock clock) {
    if (o.positional.size() != 1) {
      throw new IllegalArgumentException("restore needs one backup file");
    }
    Path backup = Path.of(o.positional.get(0));
    Path target = o.db.orElse(DEFAULT_DB);
    LedgerRestore.Restored r = LedgerRestore.restore(backup, target, clock.instant());
    if (!r.result().ok()) {
      System.err.println(
          "restored "
              + backup
              + " to "
              + target
              + " but it does not verify there: "
              + r.result().summary());
      return 1;
    }
    System.out.println(
        "restored "
            + backup
            + " to "
            + target
            + (r.setAside() == null ? "" : "; the ledger it replaced is kept as " + r.setAside())
            + "; "
            + r.result().summary());
    return 0;
  }

  private static int zreport(Options o, Clock clock) {
    Path siteFile =
        o.site.orElseThrow(() -> new IllegalArgumentException("zreport needs --site FILE"));
    SiteConfig site;
    try {
      site = SiteConfigLoader.load(siteFile);
    } catch (ConfigException e) {
      System.err.println("zreport: " + e.getMessage());
      return 2;
    }
    Path data = o.data.orElse(site.controller().dataDir());
    try (Ledger ledger = Ledger.open(data.resolve("ledger.db"), site.id())) {
      DailyClosure closure = new DailyClosure(ledger, site.zone(), site.currency(), clock);
      List<ZReport> made = closure.closeFinishedDays();
      ShiftReports shifts = new ShiftReports(ledger);
      made.forEach(z -> System.out.print(z.render(shifts.closedOn(z.businessDay(), z.zone()))));
      if (made.isEmpty()) {
        List<ZReport> all = closure.reports();
        System.out.println(
            all.isEmpty()
                ? "no business day has finished yet; nothing to close"
                : "every finished day is closed; the last Z-report is no. "
                    + all.get(all.size() - 1).zNo()
                    + " for "
                    + all.get(all.size() - 1).businessDay());
      }
      return 0;
    }
  }

  private static int usage(String why) {
    System.err.println("audit: " + why + "; " + USAGE);
    return 2;
  }

  /** The few options the commands take; anything else is an error, never ignored. */
  private static final class Options {
    final List<String> positional = new java.util.ArrayList<>();
    Optional<Path> db = Optional.empty();
    Optional<Path> site = Optional.empty();
    Optional<Path> data = Optional.empty();
    Optional<String> anchor = Optional.empty();
    Optional<String> key = Optional.empty();
    Optional<String> keep = Optional.empty();

    static Options parse(List<String> args) {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("--")) {
          o.positional.add(a);
          continue;
        }
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        String v = args.get(++i);
        switch (a) {
          case "--db" -> o.db = Optional.of(Path.of(v));
          case "--site" -> o.site = Optional.of(Path.of(v));
          case "--data" -> o.data = Optional.of(Path.of(v));
          case "--anchor" -> o.anchor = Optional.of(v);
          case "--key" -> o.key = Optional.of(v);
          case "--keep" -> o.keep = Optional.of(v);
          default -> throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      return o;
    }
  }
}
