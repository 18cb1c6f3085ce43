package org.parkgate.controller.ledger;

import java.util.List;

/**
 * The hashed columns, in order, of the chained tables of who may use the consoles, and what they
 * asked. The first is the row id. A migration that adds a column to one of these tables adds it
 * here too, and the canonical form's version with it.
 */
final class AccessColumns {
  private AccessColumns() {}

  static final List<String> ACCOUNTS =
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
          "recorded_at");

  static final List<String> CONSOLES =
      List.of(
          "row_id",
          "console_id",
          "action",
          "credential_hash",
          "roles",
          "enabled",
          "by_whom",
          "recorded_at");

  static final List<String> REQUESTS =
      List.of(
          "row_id",
          "request_id",
          "console_id",
          "username",
          "command",
          "result_json",
          "recorded_at");

  static final List<String> SECURITY_EVENTS =
      List.of("row_id", "kind", "console_id", "username", "source", "detail", "recorded_at");
}
