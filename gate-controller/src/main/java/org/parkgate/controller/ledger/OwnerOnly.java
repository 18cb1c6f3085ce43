package org.parkgate.controller.ledger;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that only the controller's user may read: the ledger (and so its WAL and shared-memory
 * files, which SQLite creates with the database file's mode), keys and credentials. They are
 * created with that mode, never opened to others and narrowed afterwards.
 */
public final class OwnerOnly {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnly() {}

  /** Creates {@code file} (and missing parent folders, owner-only too) if it does not exist. */
  public static void createFile(Path file) throws IOException {
    createParent(file);
    try {
      if (POSIX) {
        Files.createFile(file, attribute("rw-------"));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      // Kept as it is: an existing ledger is never re-created.
    }
  }

  /** Writes {@code text} to a new owner-only file, replacing none: refused if it exists. */
  public static void writeNew(Path file, String text) throws IOException {
    createParent(file);
    if (POSIX) {
      Files.createFile(file, attribute("rw-------"));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, text);
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      if (POSIX) {
        Files.createDirectories(parent, attribute("rwx------"));
      } else {
        Files.createDirectories(parent);
      }
    }
  }

  private static FileAttribute<?> attribute(String mode) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
  }
}
