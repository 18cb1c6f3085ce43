package org.parkgate.controller.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The ledger tables whose every row joins the hash chain, with the columns that are hashed, in
 * order. The first column is the row id. A migration that adds a column to one of these tables must
 * add it here too, and the canonical form's version with it.
 */
public enum ChainedTable {
  ENTRIES("entries", List.of("stay_id", "card", "lane", "entered_at")),
  // An exit's row id is its stay's, so exits are not written in row-id order.
  EXITS("exits", List.of("stay_id", "lane", "exited_at"), false),
  PAYMENTS(
      "payments",
      List.of(
          "payment_id",
          "receipt_seq",
          "receipt_no",
          "stay_id",
          "lane",
          "amount_minor",
          "currency",
          "method",
          "cashier",
          "request_id",
          "paid_at")),
  EVENTS("events", List.of("seq", "recorded_at", "lane", "json")),
  REVERSALS(
      "reversals",
      List.of(
          "reversal_id",
          "payment_id",
          "amount_minor",
          "currency",
          "supervisor",
          "reason",
          "request_id",
          "reversed_at")),
  ZREPORTS(
      "zreports",
      List.of(
          "z_no",
          "business_day",
          "zone",
          "payments",
          "gross_minor",
          "first_receipt",
          "last_receipt",
          "reversals",
          "reversed_minor",
          "net_minor",
          "currency",
          "chain_link",
          "chain_head",
          "closed_at")),
  SHIFT_OPENS(
      "shift_opens",
      List.of("shift_no", "cashier", "opened_at", "after_payment", "after_reversal", "request_id")),
  // A shift's row id is its number, given at opening; shifts close in any order.
  SHIFTS(
      "shifts",
      List.of(
          "shift_no",
          "cashier",
          "opened_at",
          "closed_at",
          "last_payment",
          "last_reversal",
          "payments",
          "first_receipt",
          "last_receipt",
          "reversals",
          "chain_link",
          "chain_head",
          "request_id"),
      false),
  SHIFT_TOTALS(
      "shift_totals",
      List.of(
          "total_id",
          "shift_no",
          "currency",
          "payments",
          "paid_minor",
          "reversals",
          "reversed_minor")),
  SEASON_CARDS(
      "season_cards",
      List.of(
          "row_id",
          "card",
          "action",
          "holder",
          "plates",
          "vehicle_class",
          "valid_from",
          "valid_to",
          "issued_by",
          "recorded_at")),
  BLACKLIST(
      "blacklist",
      List.of("row_id", "kind", "value", "action", "reason", "entered_by", "recorded_at")),
  PASSBACK(
      "passback",
      List.of(
          "row_id",
          "card",
          "kind",
          "stay_id",
          "lane",
          "by_whom",
          "reason",
          "request_id",
          "recorded_at")),
  ENTRY_CREDENTIALS("entry_credentials", List.of("stay_id", "vehicle_class", "plate", "season")),
  INCIDENTS("incidents", List.of("incident_id", "kind", "lane", "card", "plate", "detail", "at")),
  LANE_MODE_CHANGES(
      "lane_mode_changes",
      List.of("change_id", "lane", "mode", "changed_by", "reason", "request_id", "changed_at")),
  WAIVERS(
      "waivers",
      List.of(
          "waiver_id", "stay_id", "lane", "amount_minor", "currency", "change_id", "waived_at")),
  SIGHTINGS(
      "sightings",
      List.of(
          "sighting_id",
          "stay_id",
          "lane",
          "direction",
          "plate",
          "vehicle_class",
          "colour",
          "seen_at")),
  UNPAID_BALANCES(
      "unpaid_balances",
      List.of(
          "balance_id",
          "plate",
          "stay_id",
          "lane",
          "amount_minor",
          "currency",
          "reason",
          "recorded_at")),
  SETTLEMENTS(
      "settlements",
      List.of(
          "settlement_id", "balance_id", "payment_id", "amount_minor", "currency", "settled_at")),
  ACCOUNTS(
      "accounts",
      List.of(
          "row_id",
          "username",
          "action",
          "display_name",
          "role",
          "password_hash",
          "demo",
          "enabled",
          "locked",
          "by_whom",
          "reason",
          "recorded_at")),
  CONSOLES(
      "consoles",
      List.of(
          "row_id",
          "console_id",
          "action",
          "credential_hash",
          "roles",
          "enabled",
          "by_whom",
          "recorded_at")),
  REQUESTS(
      "requests",
      List.of(
          "row_id",
          "request_id",
          "console_id",
          "username",
          "command",
          "result_json",
          "recorded_at")),
  SECURITY_EVENTS(
      "security_events",
      List.of("row_id", "kind", "console_id", "username", "source", "detail", "recorded_at")),
  FREE_PASSES(
      "free_passes",
      List.of(
          "pass_no",
          "lane",
          "stay_id",
          "card",
          "plate",
          "fee_minor",
          "currency",
          "reason",
          "asked_by",
          "request_id",
          "asked_at")),
  FREE_PASS_DECISIONS(
      "free_pass_decisions",
      List.of("pass_no", "approved", "decided_by", "note", "request_id", "decided_at"),
      false),
  VOUCHER_BATCHES(
      "voucher_batches",
      List.of(
          "batch_no",
          "issuer",
          "kind",
          "count",
          "valid_from",
          "valid_to",
          "note",
          "issued_by",
          "issued_at")),
  VOUCHERS("vouchers", List.of("voucher_id", "code", "batch_no")),
  VOUCHER_REDEMPTIONS(
      "voucher_redemptions",
      List.of(
          "voucher_id",
          "stay_id",
          "lane",
          "due_before",
          "due_after",
          "currency",
          "cashier",
          "request_id",
          "redeemed_at"),
      false),
  VOUCHER_VOIDS("voucher_voids", List.of("voucher_id", "voided_by", "reason", "voided_at"), false),
  MANUAL_LIFTS(
      "manual_lifts",
      List.of(
          "lift_no",
          "lane",
          "stay_id",
          "due_minor",
          "currency",
          "reason",
          "lifted_by",
          "request_id",
          "lifted_at")),
  DRAWER_OPENINGS(
      "drawer_openings",
      List.of("opening_id", "console_id", "opened_by", "reason", "request_id", "opened_at")),
  RECEIPT_REPRINTS(
      "receipt_reprints",
      List.of(
          "reprint_id", "payment_id", "console_id", "printed_by", "request_id", "reprinted_at")),
  PAYMENT_TENDERS(
      "payment_tenders",
      List.of(
          "payment_id",
          "shift_no",
          "tender",
          "currency",
          "tendered_minor",
          "change_minor",
          "reference")),
  SHIFT_FLOATS(
      "shift_floats", List.of("shift_no", "currency", "float_minor", "pieces", "request_id")),
  // Written when a shift closes, and shifts close in any order.
  SHIFT_COUNTS(
      "shift_counts",
      List.of(
          "shift_no",
          "currency",
          "float_minor",
          "cash_in_minor",
          "change_minor",
          "reversed_minor",
          "dropped_minor",
          "expected_minor",
          "counted_minor",
          "variance_minor",
          "pieces"),
      false),
  SHIFT_TENDER_TOTALS(
      "shift_tender_totals",
      List.of("total_id", "shift_no", "tender", "currency", "payments", "taken_minor")),
  CASH_DROPS(
      "cash_drops",
      List.of(
          "drop_id",
          "shift_no",
          "currency",
          "amount_minor",
          "by_whom",
          "request_id",
          "dropped_at")),
  LOST_CARDS(
      "lost_cards",
      List.of(
          "lost_card_no",
          "lane",
          "stay_id",
          "matched",
          "card",
          "plate",
          "entry_plate",
          "exit_plate",
          "vehicle_class",
          "colour",
          "driver_name",
          "phone",
          "id_number",
          "circumstances",
          "parking_minor",
          "replacement_minor",
          "currency",
          "fee_lines",
          "approval",
          "registered_by",
          "shift_no",
          "request_id",
          "registered_at")),
  LOST_CARD_DECISIONS(
      "lost_card_decisions",
      List.of(
          "lost_card_no",
          "approved",
          "stay_id",
          "decided_by",
          "role",
          "note",
          "request_id",
          "decided_at"),
      false),
  // Written when a shift closes, and shifts close in any order.
  SHIFT_ITEM_COUNTS(
      "shift_item_counts",
      List.of(
          "shift_no", "expected_cards", "counted_cards", "expected_receipts", "counted_receipts"),
      false),
  // An incident's row id; incidents are resolved in any order.
  INCIDENT_RESOLUTIONS(
      "incident_resolutions",
      List.of("incident_id", "note", "resolved_by", "console_id", "request_id", "resolved_at"),
      false),
  HANDOVERS(
      "handovers",
      List.of(
          "handover_id",
          "closed_shift",
          "opened_shift",
          "from_cashier",
          "to_cashier",
          "console_id",
          "request_id",
          "handed_at")),
  SHIFT_REPORT_REPRINTS(
      "shift_report_reprints",
      List.of("reprint_id", "shift_no", "console_id", "printed_by", "request_id", "reprinted_at")),
  // A passage's row id is its stay's; two entry lanes' vehicles pass in any order.
  ENTRY_PASSAGES("entry_passages", List.of("stay_id", "lane", "passed_at"), false),
  MONTHLY_CLOSES(
      "monthly_closes",
      List.of(
          "close_no",
          "month",
          "zone",
          "first_z",
          "last_z",
          "days",
          "payments",
          "gross_minor",
          "reversals",
          "reversed_minor",
          "net_minor",
          "currency",
          "closed_by",
          "chain_link",
          "chain_head",
          "closed_at")),
  ANCHORS(
      "anchors",
      List.of(
          "anchor_no",
          "chain_link",
          "chain_head",
          "reason",
          "public_key",
          "signature",
          "signed_at"));

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
