package org.parkgate.bench.central;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.parkgate.controller.central.CentralSchema;
import org.parkgate.controller.central.CentralViews;
import org.parkgate.controller.central.PgCluster;
import org.parkgate.controller.central.Replicator;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;

/**
 * Head office replication, measured (docs/benchmarks.md, "Head office"): a real PostgreSQL test
 * cluster on this machine and real SQLite ledgers, each shipped by the controller's own {@link
 * Replicator}.
 *
 * <ul>
 *   <li><b>Lag</b>: {@code --sites} sites (default 10) each record payments at {@code --rate} a
 *       second (default 10: 100 a second in all) for {@code --seconds} (default 60), each payment
 *       its own transaction as at a booth (the entry before it, a stay of its own). A payment's lag
 *       is from its commit at the site to head office's {@code received_at} of its last link (both
 *       on this machine's clock).
 *   <li><b>Catch-up</b>: one site writes {@code --backlog} links (default 50,000) while head office
 *       is not asked, then its shipper starts; timed until head office holds them all.
 * </ul>
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.parkgate.bench.central.CentralBench \
 *       [--sites 10] [--rate 10] [--seconds 60] [--backlog 50000] [--batch 500]
 * </pre>
 */
public final class CentralBench {
  private static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");

  private CentralBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> o =
        new HashMap<>(
            Map.of("sites", 10, "rate", 10, "seconds", 60, "backlog", 50_000, "batch", 500));
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!o.containsKey(key)) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      o.put(key, Integer.parseInt(args[i + 1]));
    }
    System.out.println("options: " + o);
    Path dir = Files.createTempDirectory("centralbench");
    try (PgCluster pg = PgCluster.create()) {
      try (Connection db = pg.superuser()) {
        CentralSchema.install(db);
        CentralViews.install(db);
      }
      lag(pg, dir, o.get("sites"), o.get("rate"), o.get("seconds"), o.get("batch"));
      catchUp(pg, dir, o.get("backlog"), o.get("batch"));
    }
  }

  private static SiteConfig.Central site(PgCluster pg, Path dir, String id, int batch)
      throws Exception {
    String password = "bench-" + id + "-password";
    try (Connection db = pg.superuser()) {
      CentralSchema.addSite(db, id, "Site " + id, "Asia/Shanghai", "CNY", password, "bench");
    }
    Path pw = dir.resolve(id + ".password");
    Files.writeString(pw, password + "\n");
    return new SiteConfig.Central(
        pg.url(), CentralSchema.roleOf(id), pw, batch, Duration.ofMillis(200));
  }

  private static void lag(PgCluster pg, Path dir, int sites, int rate, int seconds, int batch)
      throws Exception {
    Map<String, Map<Long, Instant>> committed = new ConcurrentHashMap<>();
    List<Thread> writers = new ArrayList<>();
    List<Ledger> ledgers = new ArrayList<>();
    List<Replicator> shippers = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int s = 1; s <= sites; s++) {
      String id = String.format("site%02d", s);
      Ledger ledger = Ledger.open(dir.resolve(id + ".db"), id);
      ledgers.add(ledger);
      shippers.add(Replicator.start(ledger, id, site(pg, dir, id, batch), Clock.systemUTC()));
      Map<Long, Instant> mine = new ConcurrentHashMap<>();
      committed.put(id, mine);
      Thread w =
          new Thread(
              () -> {
                try {
                  go.await();
                  Stays stays = new Stays(ledger);
                  Payments payments = new Payments(ledger);
                  long periodNanos = 1_000_000_000L / rate;
                  long start = System.nanoTime();
                  for (int i = 0; i < rate * seconds; i++) {
                    long due = start + i * periodNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    Instant at = T0.plusSeconds(i);
                    Stay stay = stays.recordEntry("entry-1", id + "-" + i, at);
                    payments.recordPayment(
                        id + "-pay-" + i,
                        stay.stayId(),
                        "exit-1",
                        Money.of(500, "CNY"),
                        "cashier1",
                        at.plusSeconds(60));
                    mine.put(ChainLinks.head(ledger).link(), Instant.now());
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "writer " + id);
      writers.add(w);
      w.start();
    }
    long began = System.nanoTime();
    go.countDown();
    for (Thread w : writers) {
      w.join();
    }
    double wrote = (System.nanoTime() - began) / 1e9;
    // Every site's last link at head office.
    for (int s = 0; s < sites; s++) {
      long head = ChainLinks.head(ledgers.get(s)).link();
      Replicator r = shippers.get(s);
      long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (r.status().centralLink() < head && System.nanoTime() < until) {
        Thread.sleep(10);
      }
    }
    List<Long> lags = new ArrayList<>();
    try (Connection db = pg.superuser();
        PreparedStatement p =
            db.prepareStatement(
                "SELECT link, received_at FROM central.links WHERE site_id = ? AND link = ANY(?)")) {
      for (Map.Entry<String, Map<Long, Instant>> e : committed.entrySet()) {
        p.setString(1, e.getKey());
        p.setArray(2, db.createArrayOf("bigint", e.getValue().keySet().toArray(new Long[0])));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            Instant at = e.getValue().get(r.getLong(1));
            Instant received = r.getTimestamp(2).toInstant();
            lags.add(Duration.between(at, received).toNanos());
          }
        }
      }
    }
    shippers.forEach(Replicator::close);
    ledgers.forEach(Ledger::close);
    long[] l = lags.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(l);
    int payments = sites * rate * seconds;
    System.out.printf(
        "lag: %d sites x %d payments a second for %d s (%d payments, %.1f a second achieved),"
            + " %d measured: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        sites,
        rate,
        seconds,
        payments,
        payments / wrote,
        l.length,
        pct(l, 0.50),
        pct(l, 0.90),
        pct(l, 0.99),
        l[l.length - 1] / 1e6);
  }

  private static void catchUp(PgCluster pg, Path dir, int backlog, int batch) throws Exception {
    String id = "backlog";
    SiteConfig.Central settings = site(pg, dir, id, batch);
    try (Ledger ledger = Ledger.open(dir.resolve(id + ".db"), id)) {
      long t = System.nanoTime();
      int i = 0;
      while (ChainLinks.head(ledger).link() < backlog) {
        int from = i;
        ledger.atomically(
            () -> {
              Stays stays = new Stays(ledger);
              Payments payments = new Payments(ledger);
              for (int k = from; k < from + 200; k++) {
                Instant at = T0.plusSeconds(k);
                Stay stay = stays.recordEntry("entry-1", "B" + k, at);
                payments.recordPayment(
                    "bpay-" + k, stay.stayId(), "exit-1", Money.of(500, "CNY"), "c1", at);
                stays.recordExit(stay.stayId(), "exit-1", at.plusSeconds(90));
              }
              return null;
            });
        i += 200;
      }
      long head = ChainLinks.head(ledger).link();
      System.out.printf(
          "backlog: %d links written (a day offline) in %.1f s%n",
          head, (System.nanoTime() - t) / 1e9);
      long start = System.nanoTime();
      try (Replicator r = Replicator.start(ledger, id, settings, Clock.systemUTC())) {
        while (r.status().centralLink() < head) {
          Thread.sleep(5);
        }
      }
      double took = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "catch-up: %d links shipped and verified by head office in %.1f s (%.0f links a second)%n",
          head, took, head / took);
    }
  }

  private static double pct(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
