package org.parkgate.controller.central;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parkgate.controller.site.ArrearsElsewhere;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What plates owe at the operator's other car parks, asked of head office every {@code
 * arrearsEvery} on a thread and connection of its own and kept in memory, so an exit quote reads it
 * without waiting. While head office cannot be reached the last answer stays (and is said in the
 * log); before the first answer nothing is known and nothing is flagged.
 */
public final class CentralArrears implements ArrearsElsewhere, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CentralArrears.class);

  private final String siteId;
  private final SiteConfig.Central settings;
  private final String password;
  private final Thread thread;
  private volatile Map<String, List<Owed>> byPlate = Map.of();
  private volatile Instant asked;
  private volatile boolean running = true;
  private String lastProblem;

  private CentralArrears(String siteId, SiteConfig.Central settings, String password) {
    this.siteId = siteId;
    this.settings = settings;
    this.password = password;
    this.thread = new Thread(this::run, "central arrears");
    this.thread.setDaemon(true);
  }

  /** Starts asking head office for site {@code siteId}; {@code password} is the role's. */
  static CentralArrears start(String siteId, SiteConfig.Central settings, String password) {
    CentralArrears a = new CentralArrears(siteId, settings, password);
    a.thread.start();
    return a;
  }

  @Override
  public List<Owed> of(String plate) {
    return byPlate.getOrDefault(plate, List.of());
  }

  /** When head office last answered, or null before it first did. */
  public Instant asked() {
    return asked;
  }

  private void run() {
    while (running) {
      try (Connection db = connect()) {
        while (running) {
          Map<String, List<Owed>> now = ask(db);
          if (!now.keySet().equals(byPlate.keySet())) {
            log.info("central: {} plate(s) owe at other car parks", now.size());
          }
          byPlate = now;
          asked = Instant.now();
          if (lastProblem != null) {
            log.info("central: arrears elsewhere known again");
            lastProblem = null;
          }
          Thread.sleep(settings.arrearsEvery().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
          log.warn("central: cannot ask head office what plates owe elsewhere: {}", e.getMessage());
          lastProblem = String.valueOf(e.getMessage());
        }
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
    return CentralDb.login(settings, password, siteId + " arrears");
  }

  private Map<String, List<Owed>> ask(Connection db) throws SQLException {
    Map<String, List<Owed>> plates = new HashMap<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT plate, site_id, site_name, owed_minor, currency, since"
                + " FROM central.arrears_elsewhere(?)")) {
      p.setString(1, siteId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          plates
              .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(
                  new Owed(
                      r.getString(2),
                      r.getString(3),
                      Money.of(r.getLong(4), r.getString(5)),
                      r.getTimestamp(6).toInstant()));
        }
      }
    }
    plates.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(plates);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
