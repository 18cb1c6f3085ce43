package org.parkgate.controller.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.parkgate.api.Said;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.VoucherCode;
import org.parkgate.controller.ledger.Vouchers;
import org.parkgate.fee.Tariff;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffLoader;

/**
 * The voucher register, kept by finance; each change is a chained ledger row:
 *
 * <pre>
 *   vouchers issue --kind K --issuer NAME --count N --from DATE --to DATE --by WHO
 *                  [--note TEXT] [--out FILE.csv]   a batch of single-use codes of the tariff's
 *                                                   voucher K, valid FROM to TO (site dates,
 *                                                   both included); the codes are printed, or
 *                                                   written to FILE.csv for the print shop
 *   vouchers list                                   every batch: used, voided and left
 *   vouchers codes BATCH                            a batch's codes and what became of each
 *   vouchers show CODE                              one code
 *   vouchers void CODE --reason TEXT --by WHO       a code no exit will accept (lost, stolen)
 * </pre>
 *
 * Each takes {@code --db DB} or {@code --site FILE}; {@code issue} checks K against the site's
 * tariff ({@code --site}) or {@code --tariff FILE}. Exit status: 0 done, 1 refused by the ledger, 2
 * bad arguments.
 */
public final class VouchersMain {
  static final String USAGE =
      "usage: vouchers issue --kind K --issuer NAME --count N --from YYYY-MM-DD --to YYYY-MM-DD"
          + " --by WHO [--note TEXT] [--out FILE.csv] [--tariff FILE] | vouchers list |"
          + " vouchers codes BATCH | vouchers show CODE | vouchers void CODE --reason TEXT --by"
          + " WHO (each with [--db DB] or [--site FILE])";
  private static final int MAX_TEXT = 200;

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  VouchersMain(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        new VouchersMain(org.parkgate.time.SharedClock.forMain("vouchers"), System.out, System.err)
            .run(List.of(args)));
  }

  int run(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    AdminArgs a;
    String command;
    try {
      a =
          AdminArgs.parse(
              args,
              Set.of(
                  "kind", "issuer", "count", "from", "to", "by", "note", "out", "tariff",
                  "reason"));
      command = a.word(0, "a command (issue, list, codes, show, void)");
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try {
      Tariff tariff = command.equals("issue") ? tariff(a) : null;
      try (Ledger ledger = Ledger.open(a.db(), "site")) {
        Vouchers vouchers = new Vouchers(ledger);
        return switch (command) {
          case "issue" -> issue(a, vouchers, tariff);
          case "list" -> list(a, vouchers);
          case "codes" -> codes(a, vouchers);
          case "show" -> show(a, vouchers);
          case "void" -> voidCode(a, vouchers);
          default -> usage("unknown command '" + command + "'");
        };
      }
    } catch (IllegalArgumentException e) {
      // The office's tool speaks English; a code's problem is said in both for the booth.
      return usage(Said.en(e.getMessage()));
    } catch (LedgerException e) {
      err.println("vouchers: " + e.getMessage());
      return 1;
    }
  }

  private int issue(AdminArgs a, Vouchers vouchers, Tariff tariff) {
    a.noMoreWords(1);
    String kind = a.required("kind");
    Set<String> accepted = Vouchers.kinds(tariff);
    if (!accepted.contains(kind)) {
      throw new IllegalArgumentException(
          "--kind: the tariff has no voucher '"
              + kind
              + "' (it has: "
              + (accepted.isEmpty() ? "none" : String.join(", ", accepted))
              + ")");
    }
    String issuer = text(a, "issuer");
    String by = text(a, "by");
    String note = a.option("note") == null ? null : text(a, "note");
    int count;
    try {
      count = Integer.parseInt(a.required("count"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--count is a whole number, not " + a.option("count"));
    }
    if (count < 1 || count > Vouchers.MAX_BATCH) {
      throw new IllegalArgumentException(
          "--count is 1 to " + Vouchers.MAX_BATCH + ", not " + count);
    }
    LocalDate from = date(a, "from");
    LocalDate to = date(a, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    Path file = a.option("out") == null ? null : Path.of(a.option("out"));
    if (file != null && Files.exists(file)) {
      throw new IllegalArgumentException("--out " + file + " exists; choose another file");
    }
    Vouchers.Issued issued =
        vouchers.issue(issuer, kind, count, from, to, note, by, clock.instant());
    Vouchers.Batch b = issued.batch();
    out.printf(
        "batch %d: %d '%s' vouchers for %s, valid %s to %s%n",
        b.batchNo(), b.count(), b.kind(), b.issuer(), b.validFrom(), b.validTo());
    if (file == null) {
      issued.codes().forEach(c -> out.println(VoucherCode.printed(c)));
      return 0;
    }
    StringBuilder csv = new StringBuilder("code,batch,kind,issuer,valid_from,valid_to\n");
    for (String c : issued.codes()) {
      csv.append(VoucherCode.printed(c))
          .append(',')
          .append(b.batchNo())
          .append(',')
          .append(b.kind())
          .append(',')
          .append(csvField(b.issuer()))
          .append(',')
          .append(b.validFrom())
          .append(',')
          .append(b.validTo())
          .append('\n');
    }
    try {
      Files.writeString(file, csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println(
          "vouchers: batch "
              + b.batchNo()
              + " is issued but "
              + file
              + " could not be written ("
              + e.getMessage()
              + "); print its codes with: vouchers codes "
              + b.batchNo());
      return 1;
    }
    out.println("codes written to " + file);
    return 0;
  }

  private int list(AdminArgs a, Vouchers vouchers) {
    a.noMoreWords(1);
    List<Vouchers.Summary> batches = vouchers.summaries();
    if (batches.isEmpty()) {
      out.println("no vouchers issued");
    }
    for (Vouchers.Summary s : batches) {
      Vouchers.Batch b = s.batch();
      out.printf(
          "batch %-4d %-10s %-24s valid %s to %s  %d issued, %d used, %d voided, %d left"
              + "  (by %s)%n",
          b.batchNo(),
          b.kind(),
          b.issuer(),
          b.validFrom(),
          b.validTo(),
          b.count(),
          s.used(),
          s.voided(),
          s.left(),
          b.issuedBy());
    }
    return 0;
  }

  private int codes(AdminArgs a, Vouchers vouchers) {
    String word = a.word(1, "a batch number");
    a.noMoreWords(2);
    long batch;
    try {
      batch = Long.parseLong(word);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a batch number is a whole number, not " + word);
    }
    List<Vouchers.Voucher> codes = vouchers.ofBatch(batch);
    if (codes.isEmpty()) {
      err.println("vouchers: no batch " + batch);
      return 1;
    }
    codes.forEach(v -> out.println(describe(v)));
    return 0;
  }

  private int show(AdminArgs a, Vouchers vouchers) {
    String code = VoucherCode.read(a.word(1, "a voucher code"));
    a.noMoreWords(2);
    var found = vouchers.find(code);
    if (found.isEmpty()) {
      err.println("vouchers: no voucher " + VoucherCode.printed(code) + " was issued");
      return 1;
    }
    Vouchers.Voucher v = found.get();
    out.println(describe(v));
    out.printf(
        "  batch %d: '%s' for %s, valid %s to %s%n",
        v.batch().batchNo(),
        v.batch().kind(),
        v.batch().issuer(),
        v.batch().validFrom(),
        v.batch().validTo());
    return 0;
  }

  private int voidCode(AdminArgs a, Vouchers vouchers) {
    String code = VoucherCode.read(a.word(1, "a voucher code"));
    a.noMoreWords(2);
    String reason = text(a, "reason");
    String by = text(a, "by");
    vouchers.voidCode(code, by, reason, clock.instant());
    out.println("voucher " + VoucherCode.printed(code) + " voided: no exit accepts it now");
    return 0;
  }

  private static String describe(Vouchers.Voucher v) {
    String state =
        v.redeemed()
            .map(
                r ->
                    "used at "
                        + r.lane()
                        + " for stay "
                        + r.stayId()
                        + " on "
                        + r.at()
                        + " by "
                        + r.cashier()
                        + " ("
                        + r.dueBefore()
                        + " -> "
                        + r.dueAfter()
                        + ")")
            .or(
                () ->
                    v.voided()
                        .map(x -> "voided on " + x.at() + " by " + x.by() + ": " + x.reason()))
            .orElse("unused");
    return VoucherCode.printed(v.code()) + "  " + state;
  }

  private static Tariff tariff(AdminArgs a) {
    Path file;
    if (a.option("tariff") != null) {
      file = Path.of(a.option("tariff"));
    } else if (a.site() != null) {
      file = a.site().tariff();
    } else {
      throw new IllegalArgumentException(
          "issue needs --site FILE or --tariff FILE: the voucher kind is checked against the"
              + " tariff");
    }
    try {
      return TariffLoader.load(file);
    } catch (TariffException e) {
      throw new IllegalArgumentException("tariff " + file + ": " + e.getMessage());
    }
  }

  private static String text(AdminArgs a, String key) {
    String v = a.required(key);
    if (v.length() > MAX_TEXT) {
      throw new IllegalArgumentException("--" + key + " is at most " + MAX_TEXT + " characters");
    }
    return v;
  }

  private static LocalDate date(AdminArgs a, String key) {
    String v = a.required(key);
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--" + key + " is a date YYYY-MM-DD, not " + v);
    }
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  private int usage(String why) {
    err.println("vouchers: " + why);
    err.println(USAGE);
    return 2;
  }
}
