package org.parkgate.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the system's processes, started for real, with its output kept for assertions and logs.
 */
final class RunningProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private RunningProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(() -> pump(log), name + "-output");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  static RunningProcess start(String name, Path logDir, List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Path log = logDir.resolve(name + ".log");
    Files.deleteIfExists(log);
    return new RunningProcess(name, p, log);
  }

  /**
   * The JIT option the tests start the simulator, the console and the one-shot admin and audit
   * commands with: the quick compiler only. These processes live seconds to a minute and spend most
   * of their processor time starting; the full compiler's work would not pay for itself within
   * their lives, and on a 2-core machine it is taken from the processes the test is timing. The
   * controller keeps the JVM's defaults: its password checks (PBKDF2) and chain hashes run several
   * times slower without the full compiler. The bytecode is the product's own either way; the
   * benchmarks (docs/benchmarks.md) run everything with the JVM's defaults, as a site does.
   */
  static final String QUICK_START = "-XX:TieredStopAtLevel=1";

  /** Starts a packaged application jar with the test's own JVM, the quick compiler only. */
  static RunningProcess startJar(String name, Path logDir, Path jar, String... args)
      throws IOException {
    return startJar(name, logDir, jar, List.of(QUICK_START), args);
  }

  /** Starts a packaged application jar with the test's own JVM and {@code options}. */
  static RunningProcess startJar(
      String name, Path logDir, Path jar, List<String> options, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(options);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return start(name, logDir, command);
  }

  private void pump(Path log) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
        Files.writeString(
            log,
            line + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      // The process ended; its output so far is kept.
    }
  }

  /** Waits for a line containing {@code text}; fails with the output so far if it does not come. */
  String awaitLine(String text, Duration timeout) throws InterruptedException {
    return awaitLine(text, 1, timeout);
  }

  /** Waits for the {@code nth} line containing {@code text} (1 is the first). */
  String awaitLine(String text, int nth, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int seen = 0;
      int found = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (lines.get(seen).contains(text) && ++found == nth) {
            return lines.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && seen == lines.size() && !reader.isAlive())) {
          throw new AssertionError(
              name
                  + " never printed '"
                  + text
                  + "'"
                  + (nth > 1 ? " " + nth + " times" : "")
                  + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                  + "; output:\n"
                  + output());
        }
        lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
      }
    }
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout);
    }
    // The output is read to its end before anyone looks at it.
    reader.join(5_000);
    return process.exitValue();
  }

  /**
   * Kills the process as a power cut would (SIGKILL: no shutdown hook, no flush) and waits for it
   * to be gone.
   */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL");
    }
  }

  /** Asks the process to stop as Ctrl-C would (SIGTERM), and insists if it does not. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(name + " did not stop within 15 s of SIGTERM");
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
