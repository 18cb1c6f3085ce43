package org.parkgate.controller.central;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.site.SiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the ledger's links, in order, to head office ({@code central:} in the site file,
 * docs/central.md). Runs on a thread of its own with its own read-only ledger connection and its
 * own database connection, so no lane and no console ever waits on it: while head office cannot be
 * reached the links wait in the ledger, and once it can they go in batches from the newest link
 * head office holds, which is asked at every (re)connection, so nothing is sent twice or skipped
 * across restarts of either side. Before it ships, it checks that head office's newest link is this
 * ledger's link of that number; if not, or if head office refuses a link, it ships nothing more and
 * says so in the log until the cause is dealt with.
 */
public final class Replicator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Replicator.class);

  /** How often a caught-up shipper looks for new links. */
  static final long IDLE_MILLIS = 100;

  private final Ledger reader;
  private final String siteId;
  private final SiteConfig.Central settings;
  private final String password;
  private final Clock clock;
  private final Thread thread;
  private final AtomicReference<Status> status;
  private CentralArrears arrears;
  private volatile boolean running = true;
  private Connection db;
  private String lastProblem;

  /**
   * What the shipper knows: the newest link head office holds (-1 before it was first asked), when
   * a link last went, and why it is not shipping (null when it is, or is caught up).
   */
  public record Status(long centralLink, Instant lastShipped, String problem) {}

  private Replicator(
      Ledger reader, String siteId, SiteConfig.Central settings, String password, Clock clock) {
    this.reader = reader;
    this.siteId = siteId;
    this.settings = settings;
    this.password = password;
    this.clock = clock;
    this.status = new AtomicReference<>(new Status(-1, null, null));
    this.thread = new Thread(this::run, "central");
    this.thread.setDaemon(true);
  }

  /**
   * Starts shipping {@code ledger}'s links for site {@code siteId}; takes a reader of its own.
   *
   * @throws IllegalArgumentException when the password file cannot be read
   */
  public static Replicator start(
      Ledger ledger, String siteId, SiteConfig.Central settings, Clock clock) {
    String password = password(settings);
    Replicator r = new Replicator(ledger.reader(), siteId, settings, password, clock);
    r.thread.start();
    log.info("central: shipping the ledger to {} as {}", settings.url(), settings.user());
    if (settings.arrearsElsewhere()) {
      r.arrears = CentralArrears.start(siteId, settings, password);
    }
    return r;
  }

  private static String password(SiteConfig.Central settings) {
    try {
      List<String> lines = Files.readAllLines(settings.passwordFile(), StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        throw new IllegalArgumentException(
            "central.passwordFile " + settings.passwordFile() + " is empty");
      }
      return lines.get(0).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "central.passwordFile " + settings.passwordFile() + " cannot be read: " + e, e);
    }
  }

  /** What plates owe at other sites, when the site asks (arrearsElsewhere); else null. */
  public CentralArrears arrears() {
    return arrears;
  }

  public Status status() {
    return status.get();
  }

  private void run() {
    long after = -1;
    while (running) {
      try {
        if (db == null) {
          db = connect();
          after = checkedHead();
          status.set(new Status(after, status.get().lastShipped(), null));
          problem(null);
        }
        List<ChainLinks.Link> links = ChainLinks.after(reader, after, settings.batch());
        if (links.isEmpty()) {
          Thread.sleep(IDLE_MILLIS);
          continue;
        }
        Shipped shipped = append(links);
        if (shipped.refusedLink() != null) {
          throw new Refused(
              "head office refused link "
                  + shipped.refusedLink()
                  + " ("
                  + shipped.kind()
                  + "): "
                  + shipped.reason());
        }
        after = links.get(links.size() - 1).link();
        status.set(new Status(after, clock.instant(), null));
        problem(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | Refused | RuntimeException e) {
        problem(e.getMessage());
        status.set(
            new Status(status.get().centralLink(), status.get().lastShipped(), e.getMessage()));
        disconnect();
        try {
          Thread.sleep(settings.retry().toMillis());
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    Connection c = CentralDb.login(settings, password, siteId);
    c.setAutoCommit(true);
    return c;
  }

  /**
   * Head office's newest link for this site, once this ledger's link of that number is found to be
   * the same; otherwise a refusal to ship.
   */
  private long checkedHead() throws SQLException, Refused {
    long link;
    String hash;
    try (PreparedStatement p = db.prepareStatement("SELECT link, hash FROM central.head(?)")) {
      p.setString(1, siteId);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        link = r.getLong(1);
        hash = r.getString(2);
      }
    }
    if (link == 0) {
      return 0;
    }
    String mine = ChainLinks.hashOf(reader, link);
    if (mine == null) {
      throw new Refused(
          "head office holds link "
              + link
              + " of site "
              + siteId
              + " but this ledger ends before it: is this the site's ledger? nothing shipped");
    }
    if (!mine.equals(hash)) {
      throw new Refused(
          "head office's link "
              + link
              + " of site "
              + siteId
              + " differs from this ledger's: the two have parted; nothing shipped");
    }
    return link;
  }

  private record Shipped(int added, int already, Long refusedLink, String kind, String reason) {}

  private Shipped append(List<ChainLinks.Link> links) throws SQLException {
    int n = links.size();
    Long[] numbers = new Long[n];
    String[] tables = new String[n];
    Long[] rows = new Long[n];
    String[] canonicals = new String[n];
    String[] hashes = new String[n];
    for (int i = 0; i < n; i++) {
      ChainLinks.Link l = links.get(i);
      numbers[i] = l.link();
      tables[i] = l.table();
      rows[i] = l.rowId();
      canonicals[i] = l.canonical();
      hashes[i] = l.hash();
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT added, already, refused_link, kind, reason"
                + " FROM central.append(?, ?, ?, ?, ?, ?)")) {
      Array a = db.createArrayOf("bigint", numbers);
      Array b = db.createArrayOf("text", tables);
      Array c = db.createArrayOf("bigint", rows);
      Array d = db.createArrayOf("text", canonicals);
      Array e = db.createArrayOf("text", hashes);
      p.setString(1, siteId);
      p.setArray(2, a);
      p.setArray(3, b);
      p.setArray(4, c);
      p.setArray(5, d);
      p.setArray(6, e);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        int added = r.getInt(1);
        int already = r.getInt(2);
        long refused = r.getLong(3);
        Long refusedLink = r.wasNull() ? null : refused;
        return new Shipped(added, already, refusedLink, r.getString(4), r.getString(5));
      }
    }
  }

  /** Logs a problem once, and once when it is gone. */
  private void problem(String problem) {
    if (problem == null) {
      if (lastProblem != null) {
        log.info("central: shipping again (was: {})", lastProblem);
      }
    } else if (!problem.equals(lastProblem)) {
      log.warn("central: not shipping: {}", problem);
    }
    lastProblem = problem;
  }

  private void disconnect() {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // the connection is gone either way
      }
      db = null;
    }
  }

  @Override
  public void close() {
    running = false;
    if (arrears != null) {
      arrears.close();
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    disconnect();
    reader.close();
  }

  /** Head office refused what was shipped, or the two ledgers disagree. */
  private static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }
}
