package org.parkgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCredentialTest {
  @TempDir Path dir;

  @Test
  void theCredentialIsReadTrimmedFromTheDefaultPlaceUnderTheDataDirectory() throws Exception {
    Path file = ConsoleCredential.defaultFile(dir, "booth-1");
    assertEquals(dir.resolve("console").resolve("booth-1.credential"), file);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "  s3cret-of-booth-1\n");
    assertEquals("s3cret-of-booth-1", ConsoleCredential.read(file, "booth-1"));
  }

  @Test
  void aMissingOrEmptyFileNamesTheFileAndTheCommandThatMakesIt() throws Exception {
    Path missing = dir.resolve("booth-2.credential");
    IOException e =
        assertThrows(IOException.class, () -> ConsoleCredential.read(missing, "booth-2"));
    assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    assertTrue(
        e.getMessage().contains("./parking consoles add booth-2 --credential-file " + missing),
        e.getMessage());

    Path empty = Files.writeString(dir.resolve("empty.credential"), " \n");
    IOException blank = assertThrows(IOException.class, () -> ConsoleCredential.read(empty, "b"));
    assertTrue(blank.getMessage().contains(empty + " is empty"), blank.getMessage());

    IOException folder = assertThrows(IOException.class, () -> ConsoleCredential.read(dir, "b"));
    assertTrue(folder.getMessage().contains("cannot be read"), folder.getMessage());
  }
}
