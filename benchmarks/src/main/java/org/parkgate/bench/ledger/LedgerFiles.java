package org.parkgate.bench.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** The generated ledger files of the ledger benches: their cards, times and bulk loading. */
final class LedgerFiles {
  private LedgerFiles() {}

  static final Instant T0 = Instant.parse("2027-01-09T00:00:00Z");

  /** Generated files are thrown away on failure, so no journal and no fsync while building them. */
  static void bulkLoading(Statement s) throws SQLException {
    s.execute("PRAGMA journal_mode=OFF");
    s.execute("PRAGMA synchronous=OFF");
    s.execute("PRAGMA cache_size=-500000");
  }

  static String card(int i) {
    return String.format("%010X", i * 2654435761L & 0xFFFFFFFFFFL);
  }

  static void deleteLedger(Path file) throws Exception {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
  }
}
