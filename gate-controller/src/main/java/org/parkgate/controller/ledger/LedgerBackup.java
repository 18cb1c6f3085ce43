package org.parkgate.controller.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * An online copy of a ledger that lanes keep writing to: {@code VACUUM INTO} copies one read
 * transaction's snapshot (WAL lets writers carry on meanwhile) into a new single file, which is
 * then synced to disk and verified like any ledger.
 */
public final class LedgerBackup {
  private LedgerBackup() {}

  /** Copies {@code source} to {@code dest} (which must not exist) and verifies the copy. */
  public static LedgerVerifier.Result copy(Path source, Path dest) {
    if (!Files.isRegularFile(source)) {
      throw new LedgerException("no ledger file at " + source);
    }
    if (Files.exists(dest)) {
      throw new LedgerException(
          "backup destination " + dest + " already exists; choose a new file name");
    }
    Path parent = dest.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new LedgerException("backup destination folder " + parent + " does not exist");
    }
    try {
      // Made empty and owner-only first: the copy holds what the ledger holds.
      OwnerOnly.createFile(dest);
    } catch (java.io.IOException e) {
      throw new LedgerException("cannot create backup " + dest + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    try (Connection db = config.createConnection("jdbc:sqlite:" + source.toAbsolutePath());
        PreparedStatement p = db.prepareStatement("VACUUM INTO ?")) {
      p.setString(1, dest.toAbsolutePath().toString());
      p.executeUpdate();
    } catch (SQLException e) {
      throw new LedgerException(
          "backup of " + source + " to " + dest + " failed: " + e.getMessage(), e);
    }
    try (FileChannel out = FileChannel.open(dest, StandardOpenOption.WRITE)) {
      out.force(true);
    } catch (IOException e) {
      throw new LedgerException(
          "backup " + dest + " written but not synced to disk: " + e.getMessage(), e);
    }
    return LedgerVerifier.verify(dest, Optional.empty());
  }
}
