package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.money.Money;

class LedgerBackupTest {
  @TempDir Path dir;

  @Test
  void aBackupTakenWhileLanesWriteVerifiesAndHoldsEverythingAcknowledgedBeforeIt()
      throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger acknowledged = new AtomicInteger();
      Thread lanes =
          new Thread(
              () -> {
                for (int i = 1; !stop.get(); i++) {
                  Stay s = new Stays(ledger).recordEntry("entry-1", "C" + i, Fixtures.T0);
                  new Payments(ledger)
                      .recordPayment(
                          "p" + i,
                          s.stayId(),
                          "exit-1",
                          Money.of(100, "CNY"),
                          "cashier1",
                          Fixtures.T0);
                  acknowledged.set(i);
                }
              });
      lanes.start();
      while (acknowledged.get() < 20) {
        Thread.sleep(5);
      }
      int before = acknowledged.get();
      LedgerVerifier.Result copy = LedgerBackup.copy(file, dir.resolve("backup.db"));
      int after = acknowledged.get();
      stop.set(true);
      lanes.join();
      assertTrue(copy.ok(), copy.summary());
      assertTrue(
          copy.receipts() >= before && copy.receipts() <= after + 1,
          copy.receipts()
              + " receipts in the copy; "
              + before
              + " acknowledged before the backup, "
              + after
              + " after");
      assertTrue(after > before, "the lanes kept writing during the backup");
    }
    assertTrue(Fixtures.verify(file).ok());
  }

  @Test
  void anExistingDestinationIsNeverOverwritten() throws Exception {
    Path file = Fixtures.populated(dir, 1);
    Path dest = Files.writeString(dir.resolve("taken.db"), "keep me");
    LedgerException e = assertThrows(LedgerException.class, () -> LedgerBackup.copy(file, dest));
    assertEquals(
        "backup destination " + dest + " already exists; choose a new file name", e.getMessage());
    assertEquals("keep me", Files.readString(dest));
  }

  @Test
  void aBackupIsReadableByItsOwnerOnly() throws Exception {
    Path file = Fixtures.populated(dir, 1);
    Path dest = dir.resolve("copy.db");
    assertTrue(LedgerBackup.copy(file, dest).ok());
    assertEquals(
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(dest));
  }
}
