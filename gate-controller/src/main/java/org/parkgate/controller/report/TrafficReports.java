package org.parkgate.controller.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.List;
import org.parkgate.report.Cell;
import org.parkgate.report.ChartRole;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.ReportRequest;

/** Vehicles rather than money: how full the car park was, and how long vehicles stayed. */
final class TrafficReports {
  /** Dwell bands, as upper bounds in seconds (the last open-ended). */
  private static final long[] BANDS = {
    15 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 72 * 3600, Long.MAX_VALUE
  };

  private static final String[] BAND_NAMES = {
    "0-15分钟 · 0-15 min",
    "15分钟-1小时 · 15 min-1 h",
    "1-2小时 · 1-2 h",
    "2-4小时 · 2-4 h",
    "4-8小时 · 4-8 h",
    "8-24小时 · 8-24 h",
    "1-3天 · 1-3 days",
    "3天以上 · over 3 days"
  };

  private TrafficReports() {}

  /**
   * Each hour of the period: vehicles that entered and left in it, and how many were inside at its
   * end (every entry recorded before then less every exit).
   */
  static Table occupancy(Connection db, Period period) throws SQLException {
    long start = period.start().getEpochSecond();
    long[] inside = new long[1];
    Query.run(
        db,
        "SELECT (SELECT COUNT(*) FROM entries WHERE CAST(strftime('%s', entered_at) AS INTEGER) < ?)"
            + " - (SELECT COUNT(*) FROM exits WHERE CAST(strftime('%s', exited_at) AS INTEGER) < ?)",
        r -> inside[0] = r.getLong(1),
        start,
        start);
    List<ZonedDateTime> hours = period.hours();
    long[][] moves = new long[hours.size()][2];
    // Each hour's movements counted on the index of V17, one short range per hour (no sort of a
    // year's six million movements): hour i is [start + 3600 i, start + 3600 (i + 1)).
    String entered = "CAST(strftime('%s', entered_at) AS INTEGER)";
    String exited = "CAST(strftime('%s', exited_at) AS INTEGER)";
    Query.run(
        db,
        "WITH RECURSIVE h(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM h WHERE i + 1 < ?2)"
            + " SELECT i, (SELECT COUNT(*) FROM entries WHERE "
            + entered
            + " >= ?1 + i * 3600 AND "
            + entered
            + " < ?1 + (i + 1) * 3600), (SELECT COUNT(*) FROM exits WHERE "
            + exited
            + " >= ?1 + i * 3600 AND "
            + exited
            + " < ?1 + (i + 1) * 3600) FROM h",
        r -> {
          moves[r.getInt(1)][0] = r.getLong(2);
          moves[r.getInt(1)][1] = r.getLong(3);
        },
        start,
        (long) hours.size());
    Table t =
        new Table(
            Column.of("hour", ColumnType.TIME, "时段起", "Hour from").plotted(ChartRole.AXIS),
            Column.count("entries", "入场", "Entries"),
            Column.count("exits", "出场", "Exits"),
            Column.count("inside", "时段末在场", "Inside at hour end").plotted(ChartRole.SERIES));
    long peak = inside[0];
    for (int i = 0; i < hours.size(); i++) {
      inside[0] += moves[i][0] - moves[i][1];
      peak = Math.max(peak, inside[0]);
      t.add(
          Cell.time(hours.get(i)), Cell.of(moves[i][0]), Cell.of(moves[i][1]), Cell.of(inside[0]));
    }
    t.totalsRow(Table.TOTAL, "inside", Cell.of(inside[0]));
    t.notes.add("期间最高在场 " + peak + " 辆 · peak inside " + peak + " vehicles");
    return t;
  }

  /** Stays that ended in the period, by how long they lasted. */
  static Table dwell(Connection db, ReportRequest req, Period period) throws SQLException {
    long[] count = new long[BANDS.length];
    long[] seconds = new long[BANDS.length];
    // Each stay's length as the ledger kept it at exit (stay_lengths, V19: the exit's whole second
    // less the entry's, never below zero), read on its key by when the stay ended, one integer a
    // stay, and banded here: over a year (3 million stays) about 0.5 s, where a GROUP BY sorts
    // them (about 1.1 s) and sixteen conditional sums in one row cost about 1.7 s.
    StringBuilder sql =
        new StringBuilder(
            "SELECT l.seconds FROM stay_lengths l"
                // joined only to filter: SQLite keeps an unused join, a look-up per stay
                + (req.lane() != null ? " JOIN exits x ON x.stay_id = l.stay_id" : "")
                + (req.vehicleClass() != null
                    ? " LEFT JOIN entry_credentials e ON e.stay_id = l.stay_id"
                    : "")
                + " WHERE l.exited_s >= ? AND l.exited_s < ?");
    List<Object> args =
        new java.util.ArrayList<>(
            List.of(period.start().getEpochSecond(), period.end().getEpochSecond()));
    if (req.lane() != null) {
      sql.append(" AND x.lane = ?");
      args.add(req.lane());
    }
    if (req.vehicleClass() != null) {
      sql.append(" AND e.vehicle_class = ?");
      args.add(req.vehicleClass());
    }
    Query.run(
        db,
        sql.toString(),
        r -> {
          long stay = r.getLong(1);
          int b = 0;
          while (stay >= BANDS[b]) {
            b++;
          }
          count[b]++;
          seconds[b] += stay;
        },
        args.toArray());
    long all = 0;
    long allSeconds = 0;
    for (int b = 0; b < BANDS.length; b++) {
      all += count[b];
      allSeconds += seconds[b];
    }
    Table t =
        new Table(
            Column.text("band", "停车时长", "Dwell time").plotted(ChartRole.AXIS),
            Column.count("stays", "车次", "Stays").plotted(ChartRole.SERIES),
            Column.of("share", ColumnType.PERCENT, "占比", "Share"),
            Column.of("average", ColumnType.DURATION, "平均时长", "Average"));
    for (int b = 0; b < BANDS.length; b++) {
      t.add(
          Cell.text(BAND_NAMES[b]),
          Cell.of(count[b]),
          Cell.percent(count[b], all),
          Cell.of(count[b] == 0 ? 0 : seconds[b] / count[b]));
    }
    t.totalsRow(
        Table.TOTAL,
        "share",
        Cell.percent(all, all),
        "average",
        Cell.of(all == 0 ? 0 : allSeconds / all));
    t.notes.add("按出场时间计入期间 · stays counted in the period they ended");
    return t;
  }
}
