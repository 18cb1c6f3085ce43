package org.parkgate.controller.ledger;

import java.util.List;

/**
 * The hashed columns, in order, of the chained tables of the money taken, reversed, waived or owed,
 * the shifts and drawers that hold it, and the closes and anchors that seal it. The first is the
 * row id. A migration that adds a column to one of these tables adds it here too, and the canonical
 * form's version with it.
 */
final class CashColumns {
  private CashColumns() {}

  static final List<String> PAYMENTS =
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
          "paid_at");

  static final List<String> REVERSALS =
      List.of(
          "reversal_id",
          "payment_id",
          "amount_minor",
          "currency",
          "supervisor",
          "reason",
          "request_id",
          "reversed_at");

  static final List<String> ZREPORTS =
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
          "closed_at");

  static final List<String> SHIFT_OPENS =
      List.of("shift_no", "cashier", "opened_at", "after_payment", "after_reversal", "request_id");

  static final List<String> SHIFTS =
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
          "request_id");

  static final List<String> SHIFT_TOTALS =
      List.of(
          "total_id",
          "shift_no",
          "currency",
          "payments",
          "paid_minor",
          "reversals",
          "reversed_minor");

  static final List<String> WAIVERS =
      List.of("waiver_id", "stay_id", "lane", "amount_minor", "currency", "change_id", "waived_at");

  static final List<String> UNPAID_BALANCES =
      List.of(
          "balance_id",
          "plate",
          "stay_id",
          "lane",
          "amount_minor",
          "currency",
          "reason",
          "recorded_at");

  static final List<String> SETTLEMENTS =
      List.of(
          "settlement_id", "balance_id", "payment_id", "amount_minor", "currency", "settled_at");

  static final List<String> VOUCHER_BATCHES =
      List.of(
          "batch_no",
          "issuer",
          "kind",
          "count",
          "valid_from",
          "valid_to",
          "note",
          "issued_by",
          "issued_at");

  static final List<String> VOUCHERS = List.of("voucher_id", "code", "batch_no");

  static final List<String> VOUCHER_REDEMPTIONS =
      List.of(
          "voucher_id",
          "stay_id",
          "lane",
          "due_before",
          "due_after",
          "currency",
          "cashier",
          "request_id",
          "redeemed_at");

  static final List<String> VOUCHER_VOIDS =
      List.of("voucher_id", "voided_by", "reason", "voided_at");

  static final List<String> DRAWER_OPENINGS =
      List.of("opening_id", "console_id", "opened_by", "reason", "request_id", "opened_at");

  static final List<String> RECEIPT_REPRINTS =
      List.of("reprint_id", "payment_id", "console_id", "printed_by", "request_id", "reprinted_at");

  static final List<String> PAYMENT_TENDERS =
      List.of(
          "payment_id",
          "shift_no",
          "tender",
          "currency",
          "tendered_minor",
          "change_minor",
          "reference");

  static final List<String> SHIFT_FLOATS =
      List.of("shift_no", "currency", "float_minor", "pieces", "request_id");

  static final List<String> SHIFT_COUNTS =
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
          "pieces");

  static final List<String> SHIFT_TENDER_TOTALS =
      List.of("total_id", "shift_no", "tender", "currency", "payments", "taken_minor");

  static final List<String> CASH_DROPS =
      List.of(
          "drop_id", "shift_no", "currency", "amount_minor", "by_whom", "request_id", "dropped_at");

  static final List<String> SHIFT_ITEM_COUNTS =
      List.of(
          "shift_no", "expected_cards", "counted_cards", "expected_receipts", "counted_receipts");

  static final List<String> HANDOVERS =
      List.of(
          "handover_id",
          "closed_shift",
          "opened_shift",
          "from_cashier",
          "to_cashier",
          "console_id",
          "request_id",
          "handed_at");

  static final List<String> SHIFT_REPORT_REPRINTS =
      List.of("reprint_id", "shift_no", "console_id", "printed_by", "request_id", "reprinted_at");

  static final List<String> MONTHLY_CLOSES =
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
          "closed_at");

  static final List<String> ANCHORS =
      List.of(
          "anchor_no",
          "chain_link",
          "chain_head",
          "reason",
          "public_key",
          "signature",
          "signed_at");

  static final List<String> TARIFF_VERSIONS =
      List.of(
          "version_no",
          "tariff_id",
          "name",
          "sha256",
          "body",
          "source",
          "in_force_from",
          "published_by",
          "published_at");

  static final List<String> PAYMENT_TARIFFS = List.of("payment_id", "version_no");
}
