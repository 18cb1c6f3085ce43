package org.parkgate.bench.booth;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which processor a process of the run may use, for {@code --split 1}: the booth PC's processes
 * (the cashier-console and Chromium) on one core, the site's (simulator, gate-controller and the
 * bench itself, which plays the lanes and the cashier's hands) on the other, as a booth PC and a
 * site server would each have their own. Linux's {@code taskset}.
 */
final class Cores {
  /** The core the site's processes run on. */
  static final int SITE = 0;

  /** The core the booth PC's processes run on. */
  static final int BOOTH = 1;

  private Cores() {}

  /** The words that start a command on {@code cpu} only; none when {@code cpu} is negative. */
  static List<String> on(int cpu) {
    return cpu < 0 ? List.of() : List.of("taskset", "-c", Integer.toString(cpu));
  }

  /** Moves the running process {@code pid}, every thread of it, onto {@code cpu}. */
  static void move(long pid, int cpu) throws Exception {
    Process p =
        new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(pid))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("taskset could not move process " + pid + ": " + out);
    }
  }

  /**
   * Moves every process this JVM started whose program is Chromium or its driver onto {@code cpu}:
   * the browser, its zygotes (the renderers they start later inherit the core) and the renderers
   * already running.
   */
  static int moveBrowser(int cpu) throws Exception {
    int moved = 0;
    for (ProcessHandle h : ProcessHandle.current().descendants().toList()) {
      String command = h.info().command().orElse("");
      if (command.contains("chrom")) {
        move(h.pid(), cpu);
        moved++;
      }
    }
    return moved;
  }
}
