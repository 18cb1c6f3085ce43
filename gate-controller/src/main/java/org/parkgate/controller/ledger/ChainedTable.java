package org.parkgate.controller.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The ledger tables whose every row joins the hash chain, with the columns that are hashed, in
 * order ({@link CashColumns}, {@link TrafficColumns}, {@link AccessColumns}). The first column is
 * the row id. A migration that adds a column to one of these tables must add it there too, and the
 * canonical form's version with it.
 */
public enum ChainedTable {
  ENTRIES("entries", TrafficColumns.ENTRIES),
  // An exit's row id is its stay's, so exits are not written in row-id order.
  EXITS("exits", TrafficColumns.EXITS, false),
  PAYMENTS("payments", CashColumns.PAYMENTS),
  EVENTS("events", TrafficColumns.EVENTS),
  REVERSALS("reversals", CashColumns.REVERSALS),
  ZREPORTS("zreports", CashColumns.ZREPORTS),
  SHIFT_OPENS("shift_opens", CashColumns.SHIFT_OPENS),
  // A shift's row id is its number, given at opening; shifts close in any order.
  SHIFTS("shifts", CashColumns.SHIFTS, false),
  SHIFT_TOTALS("shift_totals", CashColumns.SHIFT_TOTALS),
  SEASON_CARDS("season_cards", TrafficColumns.SEASON_CARDS),
  BLACKLIST("blacklist", TrafficColumns.BLACKLIST),
  PASSBACK("passback", TrafficColumns.PASSBACK),
  ENTRY_CREDENTIALS("entry_credentials", TrafficColumns.ENTRY_CREDENTIALS),
  INCIDENTS("incidents", TrafficColumns.INCIDENTS),
  LANE_MODE_CHANGES("lane_mode_changes", TrafficColumns.LANE_MODE_CHANGES),
  WAIVERS("waivers", CashColumns.WAIVERS),
  SIGHTINGS("sightings", TrafficColumns.SIGHTINGS),
  UNPAID_BALANCES("unpaid_balances", CashColumns.UNPAID_BALANCES),
  SETTLEMENTS("settlements", CashColumns.SETTLEMENTS),
  ACCOUNTS("accounts", AccessColumns.ACCOUNTS),
  CONSOLES("consoles", AccessColumns.CONSOLES),
  REQUESTS("requests", AccessColumns.REQUESTS),
  SECURITY_EVENTS("security_events", AccessColumns.SECURITY_EVENTS),
  FREE_PASSES("free_passes", TrafficColumns.FREE_PASSES),
  FREE_PASS_DECISIONS("free_pass_decisions", TrafficColumns.FREE_PASS_DECISIONS, false),
  VOUCHER_BATCHES("voucher_batches", CashColumns.VOUCHER_BATCHES),
  VOUCHERS("vouchers", CashColumns.VOUCHERS),
  VOUCHER_REDEMPTIONS("voucher_redemptions", CashColumns.VOUCHER_REDEMPTIONS, false),
  VOUCHER_VOIDS("voucher_voids", CashColumns.VOUCHER_VOIDS, false),
  MANUAL_LIFTS("manual_lifts", TrafficColumns.MANUAL_LIFTS),
  DRAWER_OPENINGS("drawer_openings", CashColumns.DRAWER_OPENINGS),
  RECEIPT_REPRINTS("receipt_reprints", CashColumns.RECEIPT_REPRINTS),
  PAYMENT_TENDERS("payment_tenders", CashColumns.PAYMENT_TENDERS),
  SHIFT_FLOATS("shift_floats", CashColumns.SHIFT_FLOATS),
  // Written when a shift closes, and shifts close in any order.
  SHIFT_COUNTS("shift_counts", CashColumns.SHIFT_COUNTS, false),
  SHIFT_TENDER_TOTALS("shift_tender_totals", CashColumns.SHIFT_TENDER_TOTALS),
  CASH_DROPS("cash_drops", CashColumns.CASH_DROPS),
  LOST_CARDS("lost_cards", TrafficColumns.LOST_CARDS),
  LOST_CARD_DECISIONS("lost_card_decisions", TrafficColumns.LOST_CARD_DECISIONS, false),
  // Written when a shift closes, and shifts close in any order.
  SHIFT_ITEM_COUNTS("shift_item_counts", CashColumns.SHIFT_ITEM_COUNTS, false),
  // An incident's row id; incidents are resolved in any order.
  INCIDENT_RESOLUTIONS("incident_resolutions", TrafficColumns.INCIDENT_RESOLUTIONS, false),
  HANDOVERS("handovers", CashColumns.HANDOVERS),
  SHIFT_REPORT_REPRINTS("shift_report_reprints", CashColumns.SHIFT_REPORT_REPRINTS),
  // A passage's row id is its stay's; two entry lanes' vehicles pass in any order.
  ENTRY_PASSAGES("entry_passages", TrafficColumns.ENTRY_PASSAGES, false),
  MONTHLY_CLOSES("monthly_closes", CashColumns.MONTHLY_CLOSES),
  ANCHORS("anchors", CashColumns.ANCHORS),
  TARIFF_VERSIONS("tariff_versions", CashColumns.TARIFF_VERSIONS),
  // A payment's row id; written with the payment.
  PAYMENT_TARIFFS("payment_tariffs", CashColumns.PAYMENT_TARIFFS);

  ChainedTable(String table, List<String> columns) {
    this(table, columns, true);
  }

  private final String table;
  private final List<String> columns;
  private final boolean writtenInRowIdOrder;

  ChainedTable(String table, List<String> columns, boolean writtenInRowIdOrder) {
    this.table = table;
    this.columns = columns;
    this.writtenInRowIdOrder = writtenInRowIdOrder;
  }

  /** True when each new row gets a higher row id than every row before it. */
  boolean writtenInRowIdOrder() {
    return writtenInRowIdOrder;
  }

  public String table() {
    return table;
  }

  public List<String> columns() {
    return columns;
  }

  /** The hashed columns of every row, oldest first. */
  String selectAll() {
    return "SELECT "
        + String.join(", ", columns)
        + " FROM "
        + table
        + " ORDER BY "
        + columns.get(0);
  }

  String selectOne() {
    return "SELECT "
        + String.join(", ", columns)
        + " FROM "
        + table
        + " WHERE "
        + columns.get(0)
        + " = ?";
  }

  /** True when the ledger has this table (a ledger not yet migrated lacks the later ones). */
  boolean existsIn(java.sql.Connection db) throws java.sql.SQLException {
    try (java.sql.PreparedStatement p =
        db.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      p.setString(1, table);
      try (java.sql.ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  public static Optional<ChainedTable> of(String table) {
    for (ChainedTable t : values()) {
      if (t.table.equals(table)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
