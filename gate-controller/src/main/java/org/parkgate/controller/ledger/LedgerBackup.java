package org.parkgate.controller.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * An online copy of a ledger that lanes keep writing to: {@code VACUUM INTO} copies one read
 * transaction's snapshot (WAL lets writers carry on meanwhile) into a new single file, which is
 * then synced to disk and verified like any ledger.
 */
public final class LedgerBackup {
  private LedgerBackup() {}

  /** A rotated backup: the copy written and its verification, and the older copies removed. */
  public record Rotated(Path written, LedgerVerifier.Result result, List<Path> removed) {}

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final java.util.regex.Pattern ROTATED =
      java.util.regex.Pattern.compile("ledger-\\d{8}-\\d{6}Z\\.db");

  /**
   * Copies {@code source} into {@code folder} as {@code ledger-YYYYMMDD-HHMMSSZ.db} (UTC, the time
   * {@code now}), verifies it, and only then removes the oldest of the folder's rotated copies
   * beyond the newest {@code keep}. A copy that fails verification removes nothing.
   */
  public static Rotated rotate(Path source, Path folder, int keep, Instant now) {
    if (keep < 1) {
      throw new IllegalArgumentException("--keep must be at least 1");
    }
    if (!Files.isDirectory(folder)) {
      throw new LedgerException("backup folder " + folder + " does not exist");
    }
    Path dest = folder.resolve("ledger-" + STAMP.format(now) + ".db");
    LedgerVerifier.Result result = copy(source, dest);
    List<Path> removed = new ArrayList<>();
    if (!result.ok()) {
      return new Rotated(dest, result, removed);
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> rotated =
          files
              .filter(f -> ROTATED.matcher(f.getFileName().toString()).matches())
              .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
              .toList();
      for (Path old : rotated.subList(Math.min(keep, rotated.size()), rotated.size())) {
        Files.delete(old);
        removed.add(old);
      }
    } catch (IOException e) {
      throw new LedgerException(
          "backup " + dest + " verified, but older copies could not be removed: " + e.getMessage(),
          e);
    }
    return new Rotated(dest, result, removed);
  }

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
