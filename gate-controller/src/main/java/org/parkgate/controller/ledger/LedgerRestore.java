package org.parkgate.controller.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Puts a backup back in place of the ledger: only a copy that verifies, only while no controller
 * runs on the ledger, and the ledger it replaces is kept beside it (never deleted), renamed with
 * the time.
 */
public final class LedgerRestore {
  /** What was restored, what was set aside, and the restored ledger's verification. */
  public record Restored(Path ledger, Path setAside, LedgerVerifier.Result result) {}

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC);

  private LedgerRestore() {}

  /**
   * Restores {@code backup} as {@code ledger}.
   *
   * @throws LedgerException if the backup does not verify (naming why), a controller runs on the
   *     ledger, or a file cannot be moved or written; nothing is changed then
   */
  public static Restored restore(Path backup, Path ledger, Instant now) {
    LedgerVerifier.Result checked = LedgerVerifier.verify(backup, Optional.empty());
    if (!checked.ok()) {
      throw new LedgerException("refused: " + checked.summary());
    }
    try (ControllerLock lock = ControllerLock.take(ledger)) {
      Path aside = null;
      if (Files.exists(ledger)) {
        aside = ledger.resolveSibling(ledger.getFileName() + ".replaced-" + STAMP.format(now));
        Files.move(ledger, aside);
        for (String suffix : new String[] {"-wal", "-shm"}) {
          Path extra = ledger.resolveSibling(ledger.getFileName() + suffix);
          if (Files.exists(extra)) {
            Files.move(extra, aside.resolveSibling(aside.getFileName() + suffix));
          }
        }
      }
      OwnerOnly.createFile(ledger);
      try (InputStream in = Files.newInputStream(backup);
          OutputStream out = Files.newOutputStream(ledger, StandardOpenOption.TRUNCATE_EXISTING)) {
        in.transferTo(out);
      }
      try (FileChannel sync = FileChannel.open(ledger, StandardOpenOption.WRITE)) {
        sync.force(true);
      }
      return new Restored(ledger, aside, LedgerVerifier.verify(ledger, Optional.empty()));
    } catch (IOException e) {
      throw new LedgerException(
          "restore of " + backup + " to " + ledger + " failed: " + e.getMessage(), e);
    }
  }
}
