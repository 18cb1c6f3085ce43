package org.parkgate.controller.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.parkgate.api.Said;
import org.parkgate.api.Tender;
import org.parkgate.controller.central.CentralReports;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.report.Report;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportWriter;

/**
 * The finance reports on the command line:
 *
 * <pre>
 *   report KIND --from DATE --to DATE [--lane L] [--cashier C] [--tender T] [--class K]
 *          [--format text|csv|xlsx|json] [--encoding utf-8|gb18030] [--db FILE] [--site FILE]
 *          [--zone Z] [--layout FILE] [--out FILE]
 *   report central-takings|central-arrears|central-shifts|central-exemptions --central URL
 *          --from DATE --to DATE [--site S]...
 *          [--user U] [--password-file FILE] [--format ...] [--encoding ...] [--out FILE]
 * </pre>
 *
 * Every KIND is described in docs/reports.md; the head-office kinds ({@link ReportKind#headOffice})
 * read head office's PostgreSQL ({@code --central}, as {@code --user} or {@code PGUSER}, with the
 * password in {@code --password-file} or {@code PGPASSWORD}) instead of a ledger, over the sites
 * given with {@code --site} (every site when none), and are described in docs/central-reports.md.
 * Exit status: 0 written, 1 the ledger or head office's database could not be read or the file
 * written, 2 bad arguments (one line saying which, nothing written).
 */
public final class ReportMain {
  static final String USAGE =
      "usage: report KIND --from YYYY-MM-DD --to YYYY-MM-DD [--lane L] [--cashier C] [--tender T]"
          + " [--class K] [--format text|csv|xlsx|json] [--encoding utf-8|gb18030] [--db FILE]"
          + " [--site FILE] [--zone Z] [--layout FILE] [--out FILE]; report"
          + " central-takings|central-arrears|central-shifts|central-exemptions --central URL"
          + " --from YYYY-MM-DD --to YYYY-MM-DD"
          + " [--site S]... [--user U] [--password-file FILE] [--format ...] [--out FILE]";

  private ReportMain() {}

  public static void main(String[] args) {
    System.exit(
        run(
            List.of(args),
            System.out,
            System.err,
            org.parkgate.time.SharedClock.forMain("report")));
  }

  static int run(List<String> args, PrintStream out, PrintStream err, Clock clock) {
    return run(args, out, err, clock, System.getenv());
  }

  /**
   * As {@link #run(List, PrintStream, PrintStream, Clock)}, with {@code env} the environment PGUSER
   * and PGPASSWORD are read from.
   */
  public static int run(
      List<String> args, PrintStream out, PrintStream err, Clock clock, Map<String, String> env) {
    Parsed p;
    try {
      p = Parsed.of(args, env);
    } catch (LedgerSite.BadInput e) {
      err.println("report: " + e.getMessage());
      return 2;
    }
    if (p.central.isPresent()) {
      return central(p, p.central.get(), out, err, clock);
    }
    // CSV and XLSX are streamed from the ledger a row at a time (Reports.export), so a year's
    // register is written in constant memory; text and JSON need the whole report first.
    boolean streamed = p.format == ReportFormat.CSV || p.format == ReportFormat.XLSX;
    try (Ledger ledger = Ledger.open(p.site.file(), "")) {
      Reports reports =
          new Reports(ledger, p.site.zoneIn(ledger), p.site.currencyIn(ledger), clock, p.layout);
      Output write =
          to -> {
            if (streamed) {
              long rows = reports.export(p.request, ReportWriter.sink(p.format, p.charset, to));
              to.flush();
              return rows;
            }
            Report report = reports.compute(p.request);
            ReportWriter.write(report, p.format, p.charset, to);
            return report.rows().size();
          };
      return emit(p, write, out);
    } catch (LedgerException e) {
      err.println("report: " + Said.of("无法读取账本", "cannot read the ledger") + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(
          "report: " + Said.of("无法写出报表", "cannot write the report") + ": " + e.getMessage());
      return 1;
    }
  }

  /** A head-office report: from the central database, over the sites asked for. */
  private static int central(
      Parsed p, CentralSource source, PrintStream out, PrintStream err, Clock clock) {
    Properties props = new Properties();
    props.setProperty("user", source.user());
    source.password().ifPresent(pw -> props.setProperty("password", pw));
    props.setProperty("connectTimeout", "15");
    props.setProperty("ApplicationName", "parkgate report " + p.request.kind().code());
    try (Connection db = DriverManager.getConnection(source.url(), props)) {
      Report report = new CentralReports(db, clock).compute(p.request, p.sites);
      return emit(
          p,
          to -> {
            ReportWriter.write(report, p.format, p.charset, to);
            return report.rows().size();
          },
          out);
    } catch (IllegalArgumentException e) {
      err.println("report: " + e.getMessage());
      return 2;
    } catch (SQLException e) {
      err.println(
          "report: "
              + Said.of("无法读取总部数据库", "cannot read head office's database")
              + ": "
              + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(
          "report: " + Said.of("无法写出报表", "cannot write the report") + ": " + e.getMessage());
      return 1;
    }
  }

  /** Writes the report to standard output, or whole to {@code --out} and says so. */
  private static int emit(Parsed p, Output write, PrintStream out) throws IOException {
    if (p.out.isEmpty()) {
      write.to(out);
      return 0;
    }
    Path target = p.out.get();
    Path parent = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(parent, ".report-", ".part");
    long rows;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      rows = write.to(file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    out.println(
        Said.of(
            p.request.kind().zh() + "已写入 " + target + "（" + rows + " 行）",
            p.request.kind().code()
                + " written to "
                + target
                + " ("
                + rows
                + " rows, "
                + p.format.lowerName()
                + (p.format == ReportFormat.CSV ? ", " + p.charset.name() : "")
                + ")"));
    return 0;
  }

  /** Writes the report to a stream and says how many rows it had. */
  private interface Output {
    long to(OutputStream out) throws IOException;
  }

  /** The arguments, checked: anything wrong is one line naming it. */
  private record Parsed(
      ReportRequest request,
      ReportFormat format,
      Charset charset,
      LedgerSite site,
      Optional<Path> out,
      JournalLayout layout,
      Optional<CentralSource> central,
      List<String> sites) {

    static Parsed of(List<String> args, Map<String, String> env) throws LedgerSite.BadInput {
      if (args.isEmpty() || args.get(0).startsWith("--")) {
        throw new LedgerSite.BadInput(
            Said.of("需要报表类别", "a report KIND is needed")
                + " ("
                + ReportKind.codes()
                + "); "
                + USAGE);
      }
      ReportKind kind =
          ReportKind.of(args.get(0))
              .orElseThrow(
                  () ->
                      new LedgerSite.BadInput(
                          Said.of(
                                  "未知报表 '" + args.get(0) + "'",
                                  "unknown report '" + args.get(0) + "'")
                              + " (one of: "
                              + ReportKind.codes()
                              + ")"));
      java.util.Map<String, String> o = new java.util.HashMap<>();
      List<String> known =
          List.of(
              "--from",
              "--to",
              "--lane",
              "--cashier",
              "--tender",
              "--class",
              "--format",
              "--encoding",
              "--db",
              "--site",
              "--zone",
              "--layout",
              "--out",
              "--central",
              "--user",
              "--password-file");
      List<String> sites = new ArrayList<>();
      for (int i = 1; i < args.size(); i++) {
        String a = args.get(i);
        if (!known.contains(a)) {
          throw new LedgerSite.BadInput(
              Said.of("未知参数 '" + a + "'", "unknown argument '" + a + "'") + "; " + USAGE);
        }
        if (i + 1 >= args.size()) {
          throw new LedgerSite.BadInput(Said.of(a + " 需要一个值", a + " needs a value"));
        }
        if (kind.headOffice() && a.equals("--site")) {
          sites.add(args.get(++i)); // head office's site ids, as many as wanted
          continue;
        }
        if (o.put(a, args.get(++i)) != null) {
          throw new LedgerSite.BadInput(Said.of(a + " 重复", a + " is given twice"));
        }
      }
      LocalDate from = date("--from", o.get("--from"));
      LocalDate to = date("--to", o.get("--to"));
      Tender tender = null;
      if (o.containsKey("--tender")) {
        tender =
            Tender.of(o.get("--tender"))
                .orElseThrow(
                    () ->
                        new LedgerSite.BadInput(
                            Said.of(
                                "未知支付方式 '" + o.get("--tender") + "'",
                                "--tender '"
                                    + o.get("--tender")
                                    + "' is not cash, card or mobile")));
      }
      ReportRequest request =
          new ReportRequest(
              kind, from, to, o.get("--lane"), o.get("--cashier"), tender, o.get("--class"));
      Optional<String> problem = request.problem();
      if (problem.isPresent()) {
        throw new LedgerSite.BadInput(problem.get());
      }
      ReportFormat format = ReportFormat.TEXT;
      if (o.containsKey("--format")) {
        format =
            ReportFormat.of(o.get("--format"))
                .orElseThrow(
                    () ->
                        new LedgerSite.BadInput(
                            Said.of(
                                "未知格式 '" + o.get("--format") + "'",
                                "--format '"
                                    + o.get("--format")
                                    + "' is not text, csv, xlsx or json")));
      }
      Charset charset = StandardCharsets.UTF_8;
      if (o.containsKey("--encoding")) {
        String e = o.get("--encoding").trim().toLowerCase(java.util.Locale.ROOT);
        if (e.equals("gb18030")) {
          charset = ReportWriter.GB18030;
        } else if (!e.equals("utf-8") && !e.equals("utf8")) {
          throw new LedgerSite.BadInput(
              Said.of(
                  "未知编码 '" + o.get("--encoding") + "'",
                  "--encoding '" + o.get("--encoding") + "' is not utf-8 or gb18030"));
        }
        if (format != ReportFormat.CSV) {
          throw new LedgerSite.BadInput(
              Said.of("--encoding 只用于 csv", "--encoding applies to --format csv only"));
        }
      }
      Optional<Path> out = Optional.ofNullable(o.get("--out")).map(Path::of);
      if (format == ReportFormat.XLSX && out.isEmpty()) {
        throw new LedgerSite.BadInput(
            Said.of("xlsx 需要 --out 文件", "--format xlsx needs --out FILE.xlsx"));
      }
      if (out.isPresent() && Files.isDirectory(out.get())) {
        throw new LedgerSite.BadInput(
            Said.of("--out 是一个目录", "--out " + out.get() + " is a folder; give a file"));
      }
      if (out.isPresent()
          && out.get().toAbsolutePath().getParent() != null
          && !Files.isDirectory(out.get().toAbsolutePath().getParent())) {
        throw new LedgerSite.BadInput(
            Said.of("--out 的目录不存在", "--out " + out.get() + ": its folder does not exist"));
      }
      JournalLayout layout = JournalLayout.defaults();
      if (o.containsKey("--layout")) {
        if (kind != ReportKind.JOURNAL) {
          throw new LedgerSite.BadInput(
              Said.of("--layout 只用于 journal", "--layout applies to the journal report only"));
        }
        try {
          layout = JournalLayout.read(Path.of(o.get("--layout")));
        } catch (IllegalArgumentException e) {
          throw new LedgerSite.BadInput(e.getMessage());
        }
      }
      if (kind.headOffice()) {
        for (String only : List.of("--db", "--zone")) {
          if (o.containsKey(only)) {
            throw new LedgerSite.BadInput(
                Said.of(
                    only + " 不用于总部报表",
                    only + " does not apply to " + kind.code() + ", which reads --central"));
          }
        }
        if (!o.containsKey("--central")) {
          throw new LedgerSite.BadInput(
              Said.of(
                  kind.zh() + "需要 --central（总部数据库）",
                  kind.code()
                      + " needs --central URL (head office's database,"
                      + " jdbc:postgresql://HOST:5432/DB)"));
        }
        CentralSource central =
            CentralSource.of(o.get("--central"), o.get("--user"), o.get("--password-file"), env);
        return new Parsed(
            request, format, charset, null, out, layout, Optional.of(central), List.copyOf(sites));
      }
      for (String only : List.of("--central", "--user", "--password-file")) {
        if (o.containsKey(only)) {
          throw new LedgerSite.BadInput(
              Said.of(
                  only + " 只用于总部报表",
                  only
                      + " applies to the head-office reports only (central-takings,"
                      + " central-arrears, central-shifts, central-exemptions)"));
        }
      }
      LedgerSite site =
          LedgerSite.of(
              Optional.ofNullable(o.get("--db")),
              Optional.ofNullable(o.get("--site")),
              Optional.ofNullable(o.get("--zone")));
      return new Parsed(request, format, charset, site, out, layout, Optional.empty(), List.of());
    }

    private static LocalDate date(String option, String text) throws LedgerSite.BadInput {
      if (text == null) {
        throw new LedgerSite.BadInput(
            Said.of(option + " 必填（YYYY-MM-DD）", option + " YYYY-MM-DD is needed"));
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeException e) {
        throw new LedgerSite.BadInput(
            Said.of(
                option + " '" + text + "' 不是日期（如 2026-11-03）",
                option + " '" + text + "' is not a date such as 2026-11-03"));
      }
    }
  }
}
