package org.parkgate.bench.lanes;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.parkgate.bench.hardware.DeviceServers;

/** What {@link PeakLanesBench} prints at the end of a run. */
final class Report {
  private Report() {}

  static void print(
      PeakOptions o,
      List<PeakLane> lanes,
      Window window,
      Cashier cashier,
      PeakLanesBench.Snapshot before,
      PeakLanesBench.Snapshot after,
      double maxTenSecondCores) {
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    System.out.println();
    System.out.printf(
        "measured window %.1f s, load average at its start %s, at its end %s%n",
        seconds, before.loadAverage(), after.loadAverage());
    System.out.println("console API link of the booth client: " + cashier.link);
    System.out.printf(
        "vehicles: %d offered in the window, %d of them let through (%.1f%%), %d barrier opens in"
            + " the window (%.1f per second); %d still waiting at the end, longest queue at a lane %d%n",
        window.offered.get(),
        window.served.get(),
        100.0 * window.served.get() / Math.max(1, window.offered.get()),
        window.openedInWindow.get(),
        window.openedInWindow.get() / seconds,
        lanes.stream().mapToInt(PeakLane::waiting).sum(),
        lanes.stream().mapToInt(l -> l.maxQueue).max().orElse(0));
    latency("entry: card taken -> open coil", window.entry);
    latency("exit, nothing owed: card line -> open coil", window.freeExit);
    latency("exit, fee due: card line -> ExitPending at the console", window.owingExit);
    latency("exit, fee due: payment sent -> open coil", window.payToOpen);
    latency(
        "vehicle arrives (queue included) -> open coil, entries and free exits",
        window.arrivalToOpen);

    double cores =
        (after.controller().totalSeconds() - before.controller().totalSeconds()) / seconds;
    double benchCores = (after.benchCpuNanos() - before.benchCpuNanos()) / 1e9 / seconds;
    int cpus = Runtime.getRuntime().availableProcessors();
    ProcessStats.Machine m0 = before.machine();
    ProcessStats.Machine m1 = after.machine();
    double machine =
        (m1.busyTicks() - m0.busyTicks()) / (double) Math.max(1, m1.allTicks() - m0.allTicks());
    System.out.printf(
        "controller process CPU: %.1f%% of one core, %.1f%% of the machine's %d; busiest 10 s: %.1f%% of one core%n",
        cores * 100, cores * 100 / cpus, cpus, maxTenSecondCores * 100);
    System.out.printf(
        "controller GC: %.3f s in the window (%.2f%% of it)%n",
        after.controllerGcSeconds() - before.controllerGcSeconds(),
        100 * (after.controllerGcSeconds() - before.controllerGcSeconds()) / seconds);
    System.out.printf(
        "this JVM (fake devices and console): %.1f%% of one core; whole machine busy %.1f%%"
            + " (everything on it, other users' work included)%n",
        benchCores * 100, machine * 100);
    System.out.println("controller threads by CPU in the window (% of one core):");
    Map<String, Double> t0 = before.controller().threadSeconds();
    after.controller().threadSeconds().entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - t0.getOrDefault(e.getKey(), 0.0)))
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(8)
        .forEach(
            e -> System.out.printf("  %-16s %5.1f%%%n", e.getKey(), e.getValue() / seconds * 100));

    long closesOverCar = lanes.stream().mapToLong(l -> l.barrier.closesOverCar()).sum();
    long again =
        lanes.stream()
            .filter(l -> l instanceof PeakLane.Exit)
            .mapToLong(l -> ((PeakLane.Exit) l).presentedAgain)
            .sum();
    long stray =
        lanes.stream()
            .filter(l -> l instanceof PeakLane.Entry)
            .mapToLong(l -> ((PeakLane.Entry) l).strayIssues)
            .sum();
    System.out.printf(
        "safety: %d close coils written while a vehicle was on the safety loop (must be 0)%n",
        closesOverCar);
    System.out.printf(
        "exit cards presented again after 3 s without a decision: %d; ISSUE with no vehicle waiting: %d;"
            + " cards rejected: %d; console commands refused: %d; fees shown: %d; console events: %d%n",
        again,
        stray,
        cashier.cardsRejected.get(),
        cashier.refusals.get(),
        cashier.feesShown.get(),
        cashier.events.get());
    if (window.inFlight() > 0) {
      System.out.printf(
          "%d cards read in the window still had no decision %d s after it:%n",
          window.inFlight(), PeakLane.DRAIN.toSeconds());
      lanes.stream().filter(l -> l.busy).limit(20).forEach(l -> System.out.println("  " + l));
    }
    if (lanes.stream().anyMatch(l -> l instanceof PeakLane.Exit e && e.outOfCards)) {
      System.out.println("some exit lanes ran out of seeded cards: raise the count");
    }
  }

  private static void latency(String what, Collection<Long> samples) {
    long[] ns = samples.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "%s, %d samples: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        what,
        ns.length,
        DeviceServers.pct(ns, 50),
        DeviceServers.pct(ns, 95),
        DeviceServers.pct(ns, 99),
        ns.length == 0 ? 0 : ns[ns.length - 1] / 1e6);
  }
}
