package org.parkgate.controller.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The running controller's claim on its ledger: an OS lock on {@code ledger.db.controller}, held
 * while it runs and gone with the process however it ends. A second controller on the same ledger
 * is refused, and so is a restore over a ledger a controller is using.
 */
public final class ControllerLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ControllerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static Path file(Path ledger) {
    return ledger.resolveSibling(ledger.getFileName() + ".controller");
  }

  /**
   * Takes the lock for {@code ledger}.
   *
   * @throws LedgerException if another controller holds it, or it cannot be taken
   */
  public static ControllerLock take(Path ledger) {
    Path file = file(ledger);
    try {
      OwnerOnly.createFile(file);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new LedgerException(
            "another controller is running on " + ledger + " (it holds " + file + ")");
      }
      return new ControllerLock(channel, lock);
    } catch (IOException e) {
      throw new LedgerException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether a controller holds {@code ledger} now. */
  public static boolean held(Path ledger) {
    try (ControllerLock free = take(ledger)) {
      return false;
    } catch (LedgerException e) {
      return e.getMessage().startsWith("another controller");
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the process ends soon; the OS drops the lock with it
    }
  }
}
