package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Events against the rows they announce: each payment was announced by exactly one {@code
 * payment-recorded} event and each reversal by one {@code payment-reversed}, in the order they were
 * written, with the same receipt, amount and people. A payment deleted with its chain link but not
 * its event, or an event added for a payment never made, is named here even when the chain and the
 * numbering look whole.
 */
final class EventCheck {
  private EventCheck() {}

  static void check(Connection db, List<String> problems) throws SQLException {
    pair(
        db,
        problems,
        "payment",
        "SELECT receipt_no, amount_minor, currency, lane, cashier, stay_id FROM payments"
            + " ORDER BY payment_id",
        "payment-recorded",
        "SELECT seq, json_extract(json, '$.receiptNo'), json_extract(json, '$.amount.minor'),"
            + " json_extract(json, '$.amount.currency'), json_extract(json, '$.lane'),"
            + " json_extract(json, '$.cashier'), json_extract(json, '$.stayId') FROM events"
            + " WHERE json LIKE '{\"type\":\"payment-recorded\"%' ORDER BY seq");
    pair(
        db,
        problems,
        "reversal",
        "SELECT p.receipt_no, v.amount_minor, v.currency, p.lane, v.supervisor, v.reason"
            + " FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
            + " ORDER BY v.reversal_id",
        "payment-reversed",
        "SELECT seq, json_extract(json, '$.receiptNo'), -json_extract(json, '$.amount.minor'),"
            + " json_extract(json, '$.amount.currency'), json_extract(json, '$.lane'),"
            + " json_extract(json, '$.supervisor'), json_extract(json, '$.reason') FROM events"
            + " WHERE json LIKE '{\"type\":\"payment-reversed\"%' ORDER BY seq");
  }

  /**
   * Walks the rows and their events side by side; the first row without its event, event without
   * its row, or pair that differs is the problem.
   */
  private static void pair(
      Connection db,
      List<String> problems,
      String what,
      String rowsSql,
      String eventType,
      String eventsSql)
      throws SQLException {
    try (Statement s1 = db.createStatement();
        Statement s2 = db.createStatement();
        ResultSet rows = s1.executeQuery(rowsSql);
        ResultSet events = s2.executeQuery(eventsSql)) {
      while (true) {
        boolean row = rows.next();
        boolean event = events.next();
        if (!row && !event) {
          return;
        }
        if (!event) {
          problems.add(
              "events: "
                  + what
                  + " of receipt "
                  + rows.getString(1)
                  + " has no "
                  + eventType
                  + " event: the event was deleted, or the "
                  + what
                  + " added behind the ledger's back");
          return;
        }
        if (!row) {
          problems.add(
              "events: event seq "
                  + events.getLong(1)
                  + " announces a "
                  + what
                  + " of receipt "
                  + events.getString(2)
                  + " the ledger does not hold: the "
                  + what
                  + " was deleted, or the event forged");
          return;
        }
        for (int c = 1; c <= 6; c++) {
          if (!Objects.equals(text(rows.getObject(c)), text(events.getObject(c + 1)))) {
            problems.add(
                "events: event seq "
                    + events.getLong(1)
                    + " ("
                    + eventType
                    + " of receipt "
                    + events.getString(2)
                    + ") does not match the "
                    + what
                    + " of receipt "
                    + rows.getString(1)
                    + " written in its place: the "
                    + what
                    + " or the event was changed, deleted or added");
            return;
          }
        }
      }
    }
  }

  /** Numbers compared as numbers whichever type SQLite gave them. */
  private static String text(Object value) {
    if (value instanceof Number n) {
      return Long.toString(Math.round(n.doubleValue()));
    }
    return value == null ? null : value.toString();
  }
}
