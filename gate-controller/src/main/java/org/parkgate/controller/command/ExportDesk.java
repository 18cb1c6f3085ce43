package org.parkgate.controller.command;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand.ExportReportPage;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.report.JournalLayout;
import org.parkgate.controller.report.Reports;
import org.parkgate.report.Report;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportSink;
import org.parkgate.report.Row;
import org.parkgate.site.LaneConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report's export in bounded pages, for a console that writes the file as they arrive and so
 * holds one page whatever the period: each export is written by {@link Reports#export} on a reader
 * connection and one snapshot of its own, on a thread of its own that hands the rows over through a
 * queue of one page and waits while the console writes; so every page of an export is of one chain
 * head, and what it holds is a page. An export nobody asks the next page of for {@link #IDLE} ends
 * and lets its snapshot go; at most {@link #MAX_OPEN} are read at once.
 */
final class ExportDesk implements OffLedger<ExportReportPage> {
  private static final Logger log = LoggerFactory.getLogger(ExportDesk.class);

  /** Rows a page carries: a page of the widest register (shifts) is about 150 KB of JSON. */
  static final int PAGE_ROWS = 256;

  static final int MAX_OPEN = 2;
  static final Duration IDLE = Duration.ofSeconds(60);

  private final Ledger ledger;
  private final ZoneId zone;
  private final Currency currency;
  private final Clock clock;
  private final Set<String> lanes;
  private final int pageRows;
  private final java.nio.file.Path journalLayout;
  private final Map<String, Export> open = new ConcurrentHashMap<>();

  /** {@code journalLayout} is the site's journal layout file, null for the default layout. */
  ExportDesk(
      Ledger ledger,
      ZoneId zone,
      Currency currency,
      Clock clock,
      List<LaneConfig> lanes,
      java.nio.file.Path journalLayout) {
    this(ledger, zone, currency, clock, lanes, journalLayout, PAGE_ROWS);
  }

  /** With pages of {@code pageRows} rows (a test's small pages). */
  ExportDesk(
      Ledger ledger,
      ZoneId zone,
      Currency currency,
      Clock clock,
      List<LaneConfig> lanes,
      java.nio.file.Path journalLayout,
      int pageRows) {
    this.journalLayout = journalLayout;
    this.ledger = ledger;
    this.zone = zone;
    this.currency = currency;
    this.clock = clock;
    this.lanes = lanes.stream().map(LaneConfig::id).collect(Collectors.toUnmodifiableSet());
    this.pageRows = pageRows;
  }

  @Override
  public Class<ExportReportPage> type() {
    return ExportReportPage.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.FINANCE, Role.SUPERVISOR);
  }

  @Override
  public CommandResult read(ExportReportPage cmd, Session actor, Instant now) {
    String id = cmd.requestId();
    Optional<CommandResult> refused = ReportDesk.refusal(id, cmd.request(), actor, lanes);
    if (refused.isPresent()) {
      return refused.get();
    }
    String exportId;
    Export export;
    if (cmd.cursor() == null) {
      open.values().removeIf(Export::over);
      if (open.size() >= MAX_OPEN) {
        return CommandResult.refused(
            id,
            Refusal.NOT_NOW,
            Said.of(
                "已有 " + MAX_OPEN + " 个报表在导出，请稍后再试",
                MAX_OPEN + " exports are being read: try again when one is done"));
      }
      exportId = UUID.randomUUID().toString();
      export = new Export(actor.username(), cmd.request());
      open.put(exportId, export);
      export.start();
    } else {
      String[] parts = cmd.cursor().split(":", 2);
      exportId = parts[0];
      export = open.get(exportId);
      if (export == null || export.over()) {
        return CommandResult.refused(
            id,
            Refusal.INVALID,
            Said.of(
                "导出已结束或超时，请重新导出",
                "no export at cursor '"
                    + cmd.cursor()
                    + "' (it ended, or no page was asked for "
                    + IDLE.toSeconds()
                    + " s): start it again"));
      }
      if (!export.owner.equals(actor.username()) || !export.request.equals(cmd.request())) {
        return CommandResult.refused(
            id,
            Refusal.FORBIDDEN,
            Said.of("这是别人的导出", "the export at that cursor is not this person's request"));
      }
      if (parts.length != 2 || !parts[1].equals(String.valueOf(export.pages))) {
        return CommandResult.refused(
            id,
            Refusal.INVALID,
            Said.of(
                "导出的页须按顺序读取",
                "pages are read in order: the next is '" + exportId + ":" + export.pages + "'"));
      }
    }
    try {
      Answer.ReportPage page = export.page(exportId);
      if (page.next() == null) {
        open.remove(exportId);
        log.info(
            "export {} {}..{} for {}: {} pages",
            cmd.request().kind().code(),
            cmd.request().from(),
            cmd.request().to(),
            actor.username(),
            export.pages);
      }
      return CommandResult.ok(id, page);
    } catch (IllegalArgumentException e) {
      open.remove(exportId);
      return CommandResult.refused(id, Refusal.INVALID, e.getMessage());
    } catch (LedgerException | IOException e) {
      open.remove(exportId);
      return CommandResult.refused(id, Refusal.NOT_NOW, e.getMessage());
    }
  }

  /** The end of an export: its totals and notes. */
  private record End(Row totals, List<String> notes) {}

  /** Why an export stopped before its end. */
  private record Failed(RuntimeException cause) {}

  /** One export being read: its writer thread and the queue of one page between it and us. */
  private final class Export {
    final String owner;
    final ReportRequest request;
    final BlockingQueue<Object> items = new ArrayBlockingQueue<>(pageRows + 1);
    volatile boolean over;
    long pages;

    Export(String owner, ReportRequest request) {
      this.owner = owner;
      this.request = request;
    }

    boolean over() {
      return over;
    }

    void start() {
      Thread t = new Thread(this::write, "report-export");
      t.setDaemon(true);
      t.start();
    }

    /** On the export's thread: the report into the queue, on one snapshot, a row at a time. */
    private void write() {
      try (Ledger reader = ledger.reader()) {
        new Reports(reader, zone, currency, clock, JournalLayout.at(journalLayout))
            .export(
                request,
                new ReportSink() {
                  @Override
                  public void begin(Report head) throws IOException {
                    put(head);
                  }

                  @Override
                  public void row(Row row) throws IOException {
                    put(row);
                  }

                  @Override
                  public void end(Row totals, List<String> notes) throws IOException {
                    put(new End(totals, notes));
                  }
                });
      } catch (IOException e) {
        // Nobody asked for the next page: the snapshot is let go.
        over = true;
        log.info("export {} abandoned: {}", request.kind().code(), e.getMessage());
      } catch (RuntimeException e) {
        try {
          put(new Failed(e));
        } catch (IOException abandoned) {
          over = true;
        }
      }
    }

    private void put(Object item) throws IOException {
      try {
        if (!items.offer(item, IDLE.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IOException("no page asked for in " + IDLE.toSeconds() + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    /** The next page: up to a page of rows, or the rest with the end. */
    Answer.ReportPage page(String exportId) throws IOException {
      Report head = null;
      List<Row> rows = new ArrayList<>();
      while (true) {
        Object item;
        try {
          item = items.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        if (item == null) {
          over = true;
          throw new IOException("the export gave no rows in " + IDLE.toSeconds() + " s");
        } else if (item instanceof Report r) {
          head = r;
        } else if (item instanceof Row row) {
          rows.add(row);
          if (rows.size() == pageRows) {
            pages++;
            return new Answer.ReportPage(head, rows, exportId + ":" + pages, null, null);
          }
        } else if (item instanceof End end) {
          over = true;
          pages++;
          return new Answer.ReportPage(head, rows, null, end.totals(), end.notes());
        } else if (item instanceof Failed f) {
          over = true;
          throw f.cause();
        }
      }
    }
  }
}
