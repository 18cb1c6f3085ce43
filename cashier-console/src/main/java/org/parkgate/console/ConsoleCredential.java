package org.parkgate.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The secret this console proves itself with in its hello, made by the controller when the console
 * is enrolled and kept in a file readable by the console only.
 */
public final class ConsoleCredential {
  /** A credential file holds one short line; anything this large is not one. */
  static final int MAX_BYTES = 4096;

  private ConsoleCredential() {}

  /** Where the credential is kept when no --credential-file is given. */
  public static Path defaultFile(Path dataDir, String consoleId) {
    return dataDir.resolve("console").resolve(consoleId + ".credential");
  }

  /**
   * The credential in {@code file}, trimmed.
   *
   * @throws IOException naming the file, what is wrong, and the command that makes it
   */
  public static String read(Path file, String consoleId) throws IOException {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw problem(file, consoleId, "is not a credential file (over " + MAX_BYTES + " bytes)");
      }
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      throw problem(file, consoleId, "does not exist");
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("console credential file")) {
        throw e;
      }
      throw problem(file, consoleId, "cannot be read (" + e + ")");
    }
    if (text.isEmpty()) {
      throw problem(file, consoleId, "is empty");
    }
    return text;
  }

  private static IOException problem(Path file, String consoleId, String what) {
    return new IOException(
        "console credential file "
            + file
            + " "
            + what
            + "; enroll this console with the controller to make it: ./parking consoles add "
            + consoleId
            + " --credential-file "
            + file);
  }
}
