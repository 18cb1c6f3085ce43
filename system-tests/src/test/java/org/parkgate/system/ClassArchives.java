package org.parkgate.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Class-data sharing for the processes the tests start: the first process of each kind writes the
 * classes it loaded to an archive as it exits, and later ones map that archive instead of loading
 * and checking each class again (about a third of a start's processor time). Every test starts
 * three or four JVMs and a few one-shot commands, on a 2-core machine. The archives live in a
 * folder of this test JVM's own, so they always match the jars under test; a JVM that cannot use
 * one starts as without it, and says nothing (the tests read the processes' output).
 */
final class ClassArchives {
  private static final String QUIET = "-Xlog:cds*=off";

  private static Path dir;

  /** The process writing each kind's archive, until it has exited. */
  private static final Map<String, ProcessHandle> writers = new HashMap<>();

  private ClassArchives() {}

  /**
   * The JVM options for a process of {@code kind} (a module, or its one-shot commands): the archive
   * once one is written; else, unless another process is writing it, those that write it.
   */
  static synchronized List<String> options(String kind) {
    Path archive = folder().resolve(kind + ".jsa");
    ProcessHandle writer = writers.get(kind);
    if (writer != null && !writer.isAlive() && Files.isRegularFile(archive)) {
      return List.of(QUIET, "-XX:SharedArchiveFile=" + archive);
    }
    if (writer != null && writer.isAlive()) {
      return List.of();
    }
    return List.of(QUIET, "-XX:ArchiveClassesAtExit=" + archive);
  }

  /**
   * Notes the process started with {@code options(kind)}: if they write the archive, it is that
   * kind's writer (a writer killed before it wrote one leaves the next process to write it).
   */
  static synchronized void started(String kind, List<String> options, ProcessHandle process) {
    if (options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="))) {
      writers.put(kind, process);
    }
  }

  private static Path folder() {
    if (dir == null) {
      try {
        dir = SystemFixture.scratchFolder("class-archives-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
