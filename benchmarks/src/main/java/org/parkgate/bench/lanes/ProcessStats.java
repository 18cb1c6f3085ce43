package org.parkgate.bench.lanes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Another process's CPU from Linux's /proc (utime and stime, in clock ticks), its threads' CPU by
 * name, its GC time from the JDK's jstat, and the machine's load.
 */
final class ProcessStats {
  private final long pid;
  private final long hz;

  ProcessStats(long pid) {
    this.pid = pid;
    this.hz = clockTicks();
  }

  record Cpu(double totalSeconds, Map<String, Double> threadSeconds) {}

  record Machine(long busyTicks, long allTicks) {}

  /** User plus system CPU of the whole process, and of its threads summed by thread name. */
  Cpu cpu() {
    Path proc = Path.of("/proc", Long.toString(pid));
    double total = ticks(read(proc.resolve("stat"))) / (double) hz;
    Map<String, Double> threads = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
      for (Path task : tasks.toList()) {
        String stat = read(task.resolve("stat"));
        if (stat.isEmpty()) {
          continue; // the thread ended
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // Pool threads differ only in their numbers: sum them as one kind.
        threads.merge(name.replaceAll("[-#]?\\d+$", ""), ticks(stat) / (double) hz, Double::sum);
      }
    } catch (IOException e) {
      // The process is gone; its total is what there is.
    }
    return new Cpu(total, threads);
  }

  /** Total GC time of the process in seconds (jstat's GCT), or NaN when jstat cannot tell. */
  double gcSeconds() {
    try {
      Process p = new ProcessBuilder(jstat(), "-gcutil", Long.toString(pid)).start();
      List<String> lines =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
      p.waitFor();
      if (lines.size() < 2) {
        return Double.NaN;
      }
      List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
      String[] values = lines.get(1).trim().split("\\s+");
      return Double.parseDouble(values[header.indexOf("GCT")]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /** Every CPU of the machine: ticks busy (not idle or waiting for I/O) and in all. */
  static Machine machine() {
    String cpu = read(Path.of("/proc/stat")).lines().findFirst().orElse("cpu");
    long[] t = Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
    long all = Arrays.stream(t).limit(8).sum();
    long idle = t.length > 4 ? t[3] + t[4] : 0;
    return new Machine(all - idle, all);
  }

  /** The 1, 5 and 15-minute load averages as uptime prints them. */
  static String loadAverage() {
    String[] f = read(Path.of("/proc/loadavg")).trim().split("\\s+");
    return f.length >= 3 ? f[0] + ", " + f[1] + ", " + f[2] : "?";
  }

  private static long ticks(String stat) {
    if (stat.isEmpty()) {
      return 0;
    }
    // Fields after the name: state is field 3, utime 14 and stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  private static String jstat() {
    Path inJdk = Path.of(System.getProperty("java.home"), "bin", "jstat");
    return Files.isExecutable(inJdk) ? inJdk.toString() : "jstat";
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
