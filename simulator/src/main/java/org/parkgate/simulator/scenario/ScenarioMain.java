package org.parkgate.simulator.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.time.SharedClock;

/**
 * {@code ./parking scenario run FILE [--site FILE] [--keep]}: starts simulator, controller and
 * console on free ports in a fresh folder, runs the scenario against them and prints its summary.
 * Exit status 0 when every expectation holds, 1 when one fails (or a step could not be done, or the
 * site would not start), 2 for a bad file or arguments.
 */
public final class ScenarioMain {
  static final String USAGE = "usage: ./parking scenario run FILE [--site FILE] [--keep]";

  private ScenarioMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path file = null;
    Path site = null;
    boolean keep = false;
    if (args.length == 0 || !args[0].equals("run")) {
      err.println(
          args.length == 0
              ? USAGE
              : "scenario: unknown command '" + args[0] + "' (commands: run)\n" + USAGE);
      return 2;
    }
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--site" -> {
          if (i + 1 >= args.length) {
            err.println("scenario: --site needs a file\n" + USAGE);
            return 2;
          }
          site = Path.of(args[++i]);
        }
        case "--keep" -> keep = true;
        case "--help", "-h" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          if (args[i].startsWith("-") || file != null) {
            err.println("scenario: unknown argument '" + args[i] + "'\n" + USAGE);
            return 2;
          }
          file = Path.of(args[i]);
        }
      }
    }
    if (file == null) {
      err.println("scenario: which scenario file?\n" + USAGE);
      return 2;
    }
    Scenario scenario;
    try {
      scenario = ScenarioFile.read(file, site);
    } catch (ScenarioException e) {
      err.println("scenario: " + e.getMessage());
      return 2;
    }
    Path root = Path.of(System.getProperty("parkgate.root", ".")).toAbsolutePath().normalize();
    return execute(scenario, root, keep, out, err);
  }

  static int execute(Scenario scenario, Path root, boolean keep, PrintStream out, PrintStream err) {
    Path dir;
    try {
      dir = Files.createTempDirectory("parking-scenario-");
    } catch (IOException e) {
      err.println("scenario: cannot make a folder for the run: " + e.getMessage());
      return 1;
    }
    boolean passed = false;
    SiteProcesses processes = null;
    Thread stopper = null;
    try {
      SiteCopy site =
          SiteCopy.write(scenario.site(), scenario.tariff(), scenario.pace().barrierTravel(), dir);
      SharedClock clock = null;
      Instant start = Instant.now();
      if (scenario.time().stepped()) {
        start = scenario.time().start() != null ? scenario.time().start() : start;
        clock = SharedClock.create(dir.resolve("clock"), start, scenario.time().rate());
      }
      processes =
          new SiteProcesses(
              root, site, dir.resolve("logs"), clock == null ? null : dir.resolve("clock"));
      SiteProcesses toStop = processes;
      stopper =
          new Thread(
              () -> {
                try {
                  toStop.close();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      Runtime.getRuntime().addShutdownHook(stopper);
      out.printf(
          "scenario %s: site %s, %d steps; starting simulator, gate-controller and"
              + " cashier-console (logs in %s)%n",
          scenario.name(), site.siteId(), scenario.steps().size(), processes.logs());
      processes.start();
      String credential = processes.enrol("scenario-runner");
      SimControl sim = new SimControl(site.controlPort());
      try (ConsoleLink link =
          ConsoleLink.connect(site.consolePort(), "scenario-runner", credential)) {
        ScenarioRun run = new ScenarioRun(scenario, sim, link);
        Instant lastStep = start.plus(scenario.steps().get(scenario.steps().size() - 1).at());
        processes.seasonCards(run.seasonCardClasses(), site.zone(), start, lastStep);
        Pacer pacer;
        long realStart = System.nanoTime();
        if (clock == null) {
          out.println("scenario: running the timeline in real time");
          pacer = Pacer.realTime();
        } else {
          out.println(
              "scenario: running the timeline on a stepped clock from "
                  + start.atZone(site.zone()).toOffsetDateTime()
                  + " (the site's time jumps to each step while nothing is under way"
                  + (scenario.time().rate() > 1
                      ? " and runs " + scenario.time().rate() + " times as fast while it is)"
                      : ")"));
          SharedClock shared = clock;
          pacer = Pacer.stepped(shared, start, () -> run.quiet(sim));
        }
        run.run(pacer);
        Duration took = pacer.elapsed();
        if (clock != null) {
          out.printf(
              "scenario: the site's clock ran from %s to %s (%d jumps) in %ds of real time%n",
              start.atZone(site.zone()).toOffsetDateTime(),
              clock.instant().atZone(site.zone()).toOffsetDateTime().withNano(0),
              clock.jumps(),
              Duration.ofNanos(System.nanoTime() - realStart).toSeconds());
        }
        // The controller announces a departure once the vehicle has cleared the loops: let the
        // last of them arrive before counting.
        long drivenOut = run.drivenOut.get();
        link.await(
            () ->
                link.events().stream().filter(ConsoleEvent.VehicleLeft.class::isInstance).count()
                        >= drivenOut
                    ? java.util.Optional.of(true)
                    : java.util.Optional.empty(),
            Duration.ofSeconds(10));
        run.failures.addAll(processes.exited());
        Summary summary = Summary.of(scenario, run, link, sim, site.ledger(), took);
        summary.print(out);
        passed = summary.passed();
      }
    } catch (Exception e) {
      err.println("scenario: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    } finally {
      if (processes != null) {
        try {
          processes.close();
          Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (InterruptedException | IllegalStateException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (passed && !keep) {
      delete(dir);
    } else {
      out.println("scenario: the run's site, ledger and logs are kept in " + dir);
    }
    return passed ? 0 : 1;
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is no failure of the run.
    }
  }
}
