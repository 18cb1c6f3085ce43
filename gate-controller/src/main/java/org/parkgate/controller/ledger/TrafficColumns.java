package org.parkgate.controller.ledger;

import java.util.List;

/**
 * The hashed columns, in order, of the chained tables of the vehicles' entries, exits and
 * sightings, the cards and plates let in or refused, and what happened at the lanes. The first is
 * the row id. A migration that adds a column to one of these tables adds it here too, and the
 * canonical form's version with it.
 */
final class TrafficColumns {
  private TrafficColumns() {}

  static final List<String> ENTRIES = List.of("stay_id", "card", "lane", "entered_at");

  static final List<String> EXITS = List.of("stay_id", "lane", "exited_at");

  static final List<String> EVENTS = List.of("seq", "recorded_at", "lane", "json");

  static final List<String> SEASON_CARDS =
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
          "recorded_at");

  static final List<String> BLACKLIST =
      List.of("row_id", "kind", "value", "action", "reason", "entered_by", "recorded_at");

  static final List<String> PASSBACK =
      List.of(
          "row_id",
          "card",
          "kind",
          "stay_id",
          "lane",
          "by_whom",
          "reason",
          "request_id",
          "recorded_at");

  static final List<String> ENTRY_CREDENTIALS =
      List.of("stay_id", "vehicle_class", "plate", "season");

  static final List<String> INCIDENTS =
      List.of("incident_id", "kind", "lane", "card", "plate", "detail", "at");

  static final List<String> LANE_MODE_CHANGES =
      List.of("change_id", "lane", "mode", "changed_by", "reason", "request_id", "changed_at");

  static final List<String> SIGHTINGS =
      List.of(
          "sighting_id",
          "stay_id",
          "lane",
          "direction",
          "plate",
          "vehicle_class",
          "colour",
          "seen_at");

  static final List<String> FREE_PASSES =
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
          "asked_at");

  static final List<String> FREE_PASS_DECISIONS =
      List.of("pass_no", "approved", "decided_by", "note", "request_id", "decided_at");

  static final List<String> MANUAL_LIFTS =
      List.of(
          "lift_no",
          "lane",
          "stay_id",
          "due_minor",
          "currency",
          "reason",
          "lifted_by",
          "request_id",
          "lifted_at");

  static final List<String> LOST_CARDS =
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
          "registered_at");

  static final List<String> LOST_CARD_DECISIONS =
      List.of(
          "lost_card_no",
          "approved",
          "stay_id",
          "decided_by",
          "role",
          "note",
          "request_id",
          "decided_at");

  static final List<String> INCIDENT_RESOLUTIONS =
      List.of("incident_id", "note", "resolved_by", "console_id", "request_id", "resolved_at");

  static final List<String> ENTRY_PASSAGES = List.of("stay_id", "lane", "passed_at");
}
