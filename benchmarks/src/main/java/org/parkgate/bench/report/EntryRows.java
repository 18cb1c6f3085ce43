package org.parkgate.bench.report;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Each stay's entry, credentials and exit, and the ledger's first event. */
final class EntryRows extends YearRows {
  private static final String[] CLASSES = {"car", "suv", "truck"};

  EntryRows(YearStays s) {
    super(s);
  }

  void write() throws SQLException {
    try (PreparedStatement entry =
            db.prepareStatement(
                "INSERT INTO entries(stay_id, card, lane, entered_at) VALUES (?, ?, ?, ?)");
        PreparedStatement cred =
            db.prepareStatement(
                "INSERT INTO entry_credentials(stay_id, vehicle_class, plate, season)"
                    + " VALUES (?, ?, ?, ?)");
        PreparedStatement exit =
            db.prepareStatement("INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, ?, ?)")) {
      for (int i = 0; i < stays; i++) {
        long id = i + 1;
        entry.setLong(1, id);
        entry.setString(2, String.format("%010X", id * 2654435761L & 0xFFFFFFFFFFL));
        entry.setString(3, entryLane(i));
        entry.setString(4, at(entered[i]));
        entry.executeUpdate();
        int c = random.nextInt(20);
        cred.setLong(1, id);
        cred.setString(2, CLASSES[c < 17 ? 0 : c < 19 ? 1 : 2]);
        cred.setString(3, plateText(plate[i]));
        cred.setInt(4, fee[i] == 0 && random.nextInt(3) == 0 ? 1 : 0);
        cred.executeUpdate();
        if (exited[i] != 0) {
          exit.setLong(1, id);
          exit.setString(2, exitLane(i));
          exit.setString(3, at(exited[i]));
          exit.executeUpdate();
        }
      }
    }
  }

  /** The ledger's first event: its first business day is the year's first. */
  void event() throws SQLException {
    try (PreparedStatement e =
        db.prepareStatement(
            "INSERT INTO events(seq, recorded_at, lane, json) VALUES (1, ?, NULL, '{}')")) {
      e.setString(1, at(yearStart));
      e.executeUpdate();
    }
  }
}
