package org.parkgate.bench.report;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.parkgate.site.IncidentKind;

/** Free passes, manual lifts, lost cards and incidents, a few a day, with their decisions. */
final class RegisterRows extends YearRows {
  private static final String[] PASS_REASONS = {"救护车 · ambulance", "警车 · police", "消防车 · fire"};
  private static final IncidentKind[] INCIDENT_KINDS = {
    IncidentKind.TAILGATING,
    IncidentKind.CLASS_MISMATCH,
    IncidentKind.PLATE_MISMATCH,
    IncidentKind.PASSBACK_VIOLATION,
    IncidentKind.BARRIER_STUCK,
    IncidentKind.CARD_NOT_TAKEN,
    IncidentKind.LEFT_UNPAID,
    IncidentKind.LOST_CARD
  };

  RegisterRows(YearStays s) {
    super(s);
  }

  void write() throws SQLException {
    long pass = 0;
    long lift = 0;
    long lost = 0;
    long incident = 0;
    try (PreparedStatement p =
            db.prepareStatement(
                "INSERT INTO free_passes(pass_no, lane, stay_id, card, plate, fee_minor,"
                    + " currency, reason, asked_by, request_id, asked_at)"
                    + " VALUES (?, ?, ?, NULL, ?, ?, 'CNY', ?, ?, ?, ?)");
        PreparedStatement pd =
            db.prepareStatement(
                "INSERT INTO free_pass_decisions(pass_no, approved, decided_by, note,"
                    + " request_id, decided_at) VALUES (?, ?, ?, NULL, ?, ?)");
        PreparedStatement ml =
            db.prepareStatement(
                "INSERT INTO manual_lifts(lift_no, lane, stay_id, due_minor, currency, reason,"
                    + " lifted_by, request_id, lifted_at) VALUES (?, ?, NULL, ?, 'CNY', ?,"
                    + " 'supervisor1', ?, ?)");
        PreparedStatement lc =
            db.prepareStatement(
                "INSERT INTO lost_cards(lost_card_no, lane, stay_id, matched, card, plate,"
                    + " entry_plate, exit_plate, vehicle_class, colour, driver_name, phone,"
                    + " id_number, circumstances, parking_minor, replacement_minor, currency,"
                    + " fee_lines, approval, registered_by, shift_no, request_id, registered_at)"
                    + " VALUES (?, ?, ?, 1, NULL, ?, ?, ?, 'car', '白 · white', '张三',"
                    + " '13800000000', '440300199001011234', '遗失 · lost', ?, 5000, 'CNY',"
                    + " ?, 'finance', ?, NULL, ?, ?)");
        PreparedStatement ld =
            db.prepareStatement(
                "INSERT INTO lost_card_decisions(lost_card_no, approved, stay_id, decided_by,"
                    + " role, note, request_id, decided_at)"
                    + " VALUES (?, 1, ?, 'finance1', 'FINANCE', NULL, ?, ?)");
        PreparedStatement in =
            db.prepareStatement(
                "INSERT INTO incidents(incident_id, kind, lane, card, plate, detail, at)"
                    + " VALUES (?, ?, ?, NULL, NULL, ?, ?)");
        PreparedStatement ir =
            db.prepareStatement(
                "INSERT INTO incident_resolutions(incident_id, note, resolved_by, console_id,"
                    + " request_id, resolved_at) VALUES (?, '已处理 · handled', 'supervisor1',"
                    + " 'office', ?, ?)")) {
      for (int d = 0; d < days; d++) {
        long dayStart = first().plusDays(d).atStartOfDay(zone).toEpochSecond();
        int dayFirst = firstEnteredAfter(dayStart);
        int dayEnd = firstEnteredAfter(dayStart + 86400);
        for (int n = 0; n < 10 + random.nextInt(11); n++) {
          int i = dayFirst + random.nextInt(Math.max(1, dayEnd - dayFirst));
          if (exited[i] == 0 || exited[i] >= yearEnd - 3600) {
            continue;
          }
          pass++;
          long at = exited[i] - 60;
          p.setLong(1, pass);
          p.setString(2, exitLane(i));
          p.setLong(3, i + 1);
          p.setString(4, plateText(plate[i]));
          p.setLong(5, fee[i]);
          p.setString(6, PASS_REASONS[random.nextInt(PASS_REASONS.length)]);
          p.setString(7, cashier(shiftIndex(i, at)));
          p.setString(8, "pass-" + pass);
          p.setString(9, at(at));
          p.executeUpdate();
          int outcome = random.nextInt(20);
          if (outcome < 19) {
            pd.setLong(1, pass);
            pd.setInt(2, outcome < 18 ? 1 : 0);
            pd.setString(3, "supervisor" + (random.nextInt(3) + 1));
            pd.setString(4, "decide-" + pass);
            pd.setString(5, at(at + 40));
            pd.executeUpdate();
          }
        }
        for (int n = 0; n < 2; n++) {
          lift++;
          ml.setLong(1, lift);
          ml.setString(2, "exit-" + (random.nextInt(exitLanes) + 1));
          ml.setLong(3, 500 + random.nextInt(20) * 100);
          ml.setString(4, "道闸故障抬杆 · barrier fault, lifted by hand");
          ml.setString(5, "lift-" + lift);
          ml.setString(6, at(dayStart + 7 * 3600 + random.nextInt(14 * 3600)));
          ml.executeUpdate();
        }
        for (int n = 0; n < 3; n++) {
          int i = dayFirst + random.nextInt(Math.max(1, dayEnd - dayFirst));
          if (exited[i] == 0 || exited[i] >= yearEnd - 3600) {
            continue;
          }
          lost++;
          long at = exited[i] - 600;
          String pl = plateText(plate[i]);
          lc.setLong(1, lost);
          lc.setString(2, exitLane(i));
          lc.setLong(3, i + 1);
          lc.setString(4, pl);
          lc.setString(5, pl);
          lc.setString(6, pl);
          lc.setLong(7, fee[i]);
          lc.setString(8, "停车费 · parking\t" + fee[i] + "\n工本费 · card fee\t5000");
          lc.setString(9, cashier(shiftIndex(i, at)));
          lc.setString(10, "lost-" + lost);
          lc.setString(11, at(at));
          lc.executeUpdate();
          ld.setLong(1, lost);
          ld.setLong(2, i + 1);
          ld.setString(3, "lost-decide-" + lost);
          ld.setString(4, at(at + 120));
          ld.executeUpdate();
        }
        for (int n = 0; n < 30 + random.nextInt(21); n++) {
          incident++;
          long at = dayStart + random.nextInt(86400);
          boolean entry = random.nextBoolean();
          in.setLong(1, incident);
          in.setString(2, INCIDENT_KINDS[random.nextInt(INCIDENT_KINDS.length)].name());
          in.setString(
              3,
              entry
                  ? "entry-" + (random.nextInt(entryLanes) + 1)
                  : "exit-" + (random.nextInt(exitLanes) + 1));
          in.setString(4, "bench");
          in.setString(5, at(at));
          in.executeUpdate();
          if (random.nextInt(5) < 4 && at + 600 < yearEnd) {
            ir.setLong(1, incident);
            ir.setString(2, "resolve-" + incident);
            ir.setString(3, at(at + 600));
            ir.executeUpdate();
          }
        }
      }
    }
    System.out.printf(
        "report bench: %,d free passes, %,d manual lifts, %,d lost cards, %,d incidents%n",
        pass, lift, lost, incident);
  }
}
