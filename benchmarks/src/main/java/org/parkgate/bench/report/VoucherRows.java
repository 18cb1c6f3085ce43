package org.parkgate.bench.report;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/** The weekly voucher batches, their codes, and the codes redeemed at exits or voided. */
final class VoucherRows extends YearRows {
  private static final String[] ISSUERS = {"万达商场", "星巴克", "和平医院"};
  private static final String[] VOUCHER_KINDS = {"SHOP2H", "FREE"};

  VoucherRows(YearStays s) {
    super(s);
  }

  void write(long[] paymentOf) throws SQLException {
    long batch = 0;
    long voucher = 0;
    try (PreparedStatement b =
            db.prepareStatement(
                "INSERT INTO voucher_batches(batch_no, issuer, kind, count, valid_from, valid_to,"
                    + " note, issued_by, issued_at) VALUES (?, ?, ?, 200, ?, ?, NULL, 'finance1', ?)");
        PreparedStatement v =
            db.prepareStatement(
                "INSERT INTO vouchers(voucher_id, code, batch_no) VALUES (?, ?, ?)");
        PreparedStatement used =
            db.prepareStatement(
                "INSERT INTO voucher_redemptions(voucher_id, stay_id, lane, due_before,"
                    + " due_after, currency, cashier, request_id, redeemed_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'CNY', ?, ?, ?)");
        PreparedStatement voided =
            db.prepareStatement(
                "INSERT INTO voucher_voids(voucher_id, voided_by, reason, voided_at)"
                    + " VALUES (?, 'finance1', '作废 · void', ?)")) {
      int cursor = 0;
      for (int week = 0; week * 7 < days; week++) {
        LocalDate day = first().plusDays(week * 7L);
        long issued = day.atStartOfDay(zone).toEpochSecond() + 9 * 3600;
        for (String issuer : ISSUERS) {
          for (String kind : VOUCHER_KINDS) {
            batch++;
            b.setLong(1, batch);
            b.setString(2, issuer);
            b.setString(3, kind);
            b.setString(4, day.toString());
            b.setString(5, day.plusDays(30).toString());
            b.setString(6, at(issued));
            b.executeUpdate();
            for (int n = 0; n < 200; n++) {
              voucher++;
              v.setLong(1, voucher);
              v.setString(2, String.format("V%09d", voucher));
              v.setLong(3, batch);
              v.executeUpdate();
              int p = random.nextInt(100);
              if (p < 70) {
                // the next paying stay that left after the batch was issued
                cursor = Math.max(cursor, firstEnteredAfter(issued));
                while (cursor < stays && (paymentOf[cursor] == 0 || exited[cursor] == 0)) {
                  cursor++;
                }
                if (cursor >= stays) {
                  continue;
                }
                int i = cursor++;
                long before = fee[i] + (kind.equals("FREE") ? 0 : 400);
                used.setLong(1, voucher);
                used.setLong(2, i + 1);
                used.setString(3, exitLane(i));
                used.setLong(4, before);
                used.setLong(5, kind.equals("FREE") ? 0 : fee[i]);
                used.setString(6, cashier(shiftIndex(i, exited[i] - 30)));
                used.setString(7, "voucher-" + voucher);
                used.setString(8, at(exited[i] - 60));
                used.executeUpdate();
              } else if (p < 72) {
                voided.setLong(1, voucher);
                voided.setString(2, at(Math.min(yearEnd - 1, issued + 86400L * 3)));
                voided.executeUpdate();
              }
            }
          }
        }
      }
    }
  }
}
