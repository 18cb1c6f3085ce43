package org.parkgate.simulator.scenario;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parkgate.money.Money;

/**
 * What a run left in its ledger, read with SQL: payments and reversals (count and amount), payments
 * by tender, entries, exits and incidents by kind. A replay matches its recording when these are
 * the same.
 */
record LedgerTotals(
    String currency,
    Tally payments,
    Tally reversals,
    Map<String, Tally> byTender,
    long entries,
    long exits,
    Map<String, Long> incidents) {

  /** How many, and their amount in minor units. */
  record Tally(long count, long minor) {}

  LedgerTotals {
    byTender = new TreeMap<>(byTender);
    incidents = new TreeMap<>(incidents);
  }

  static LedgerTotals read(Path ledger, Currency currency) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + ledger + "?mode=ro")) {
      Tally payments = tally(db, "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM payments");
      Tally reversals = tally(db, "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM reversals");
      Map<String, Tally> byTender = new TreeMap<>();
      // A payment with no tender row was exact cash (the ledger's own rule, migration V7).
      try (Statement s = db.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT COALESCE(t.tender, 'cash'), COUNT(*), SUM(p.amount_minor)"
                      + " FROM payments p LEFT JOIN payment_tenders t"
                      + " ON t.payment_id = p.payment_id GROUP BY 1")) {
        while (r.next()) {
          byTender.put(r.getString(1), new Tally(r.getLong(2), r.getLong(3)));
        }
      }
      Map<String, Long> incidents = new TreeMap<>();
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery("SELECT kind, COUNT(*) FROM incidents GROUP BY kind")) {
        while (r.next()) {
          incidents.put(r.getString(1), r.getLong(2));
        }
      }
      return new LedgerTotals(
          currency.getCurrencyCode(),
          payments,
          reversals,
          byTender,
          tally(db, "SELECT COUNT(*), 0 FROM entries").count(),
          tally(db, "SELECT COUNT(*), 0 FROM exits").count(),
          incidents);
    }
  }

  private static Tally tally(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? new Tally(r.getLong(1), r.getLong(2)) : new Tally(0, 0);
    }
  }

  /**
   * Each figure with its name, in a fixed order: "payments" = "8 totalling 45.00 CNY", "payments by
   * cash", "reversals", "entries", "exits", "incidents LOST_CARD".
   */
  Map<String, String> figures(Iterable<String> tenders, Iterable<String> kinds) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("payments", show(payments));
    for (String t : tenders) {
      out.put("payments by " + t, show(byTender.getOrDefault(t, new Tally(0, 0))));
    }
    out.put("reversals", show(reversals));
    out.put("entries", Long.toString(entries));
    out.put("exits", Long.toString(exits));
    for (String k : kinds) {
      out.put("incidents " + k, Long.toString(incidents.getOrDefault(k, 0L)));
    }
    return out;
  }

  private String show(Tally t) {
    return t.count()
        + " totalling "
        + Money.of(t.minor(), Currency.getInstance(currency)).toDecimalString()
        + " "
        + currency;
  }

  /**
   * Each figure that differs between {@code recorded} and {@code replayed}, one line each:
   * "payments by cash: recorded 5 totalling 25.00 CNY, replayed 4 totalling 20.00 CNY"; empty when
   * they match.
   */
  static List<String> differences(LedgerTotals recorded, LedgerTotals replayed) {
    if (!recorded.currency.equals(replayed.currency)) {
      return List.of("currency: recorded " + recorded.currency + ", replayed " + replayed.currency);
    }
    TreeSet<String> tenders = new TreeSet<>(recorded.byTender.keySet());
    tenders.addAll(replayed.byTender.keySet());
    TreeSet<String> kinds = new TreeSet<>(recorded.incidents.keySet());
    kinds.addAll(replayed.incidents.keySet());
    Map<String, String> was = recorded.figures(tenders, kinds);
    Map<String, String> now = replayed.figures(tenders, kinds);
    List<String> out = new ArrayList<>();
    was.forEach(
        (name, value) -> {
          if (!value.equals(now.get(name))) {
            out.add(name + ": recorded " + value + ", replayed " + now.get(name));
          }
        });
    return out;
  }
}
