package org.parkgate.simulator.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.time.SharedClock;

/**
 * {@code ./parking scenario run FILE [--site FILE] [--keep] [--record DIR]}: starts simulator,
 * controller and console on free ports in a fresh folder, runs the scenario against them and prints
 * its summary; with {@code --record} it also writes the run down in DIR. Exit status 0 when every
 * expectation holds, 1 when one fails (or a step could not be done, or the site would not start), 2
 * for a bad file or arguments.
 *
 * <p>{@code ./parking scenario replay DIR [--keep]}: runs a recording again the same way and
 * compares the ledger totals with the recording's; exit 0 when they match, 1 when they differ, 2
 * for a bad recording.
 */
public final class ScenarioMain {
  static final String USAGE =
      "usage: ./parking scenario run FILE [--site FILE] [--keep] [--record DIR]\n"
          + "       ./parking scenario replay DIR [--keep]";

  private ScenarioMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    if (args.length == 0 || !(args[0].equals("run") || args[0].equals("replay"))) {
      err.println(
          args.length == 0
              ? USAGE
              : "scenario: unknown command '" + args[0] + "' (commands: run, replay)\n" + USAGE);
      return 2;
    }
    Path file = null;
    Path site = null;
    Path record = null;
    boolean keep = false;
    boolean replay = args[0].equals("replay");
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--site", "--record" -> {
          if (replay) {
            err.println("scenario: replay takes no " + args[i] + "\n" + USAGE);
            return 2;
          }
          if (i + 1 >= args.length) {
            err.println(
                "scenario: "
                    + args[i]
                    + (args[i].equals("--site") ? " needs a file" : " needs a folder")
                    + "\n"
                    + USAGE);
            return 2;
          }
          if (args[i].equals("--site")) {
            site = Path.of(args[++i]);
          } else {
            record = Path.of(args[++i]);
          }
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
      err.println(
          "scenario: "
              + (replay ? "which recording folder?" : "which scenario file?")
              + "\n"
              + USAGE);
      return 2;
    }
    Path root = Path.of(System.getProperty("parkgate.root", ".")).toAbsolutePath().normalize();
    if (replay) {
      return ScenarioReplay.replay(file, root, keep, out, err);
    }
    Scenario scenario;
    try {
      scenario = ScenarioFile.read(file, site);
      if (record != null) {
        Recording.refuseUnlessEmpty(record);
      }
    } catch (ScenarioException e) {
      err.println("scenario: " + e.getMessage());
      return 2;
    }
    if (record == null) {
      return execute(scenario, root, keep, out, err);
    }
    try {
      RecordingWriter.copyInputs(scenario, record);
    } catch (IOException e) {
      err.println("scenario: --record " + record + ": cannot write: " + e.getMessage());
      return 2;
    }
    Tape tape = new Tape(record, null, new SecureRandom().nextLong() >>> 1);
    Outcome o = execute(scenario, root, keep, tape, out, err);
    out.println(
        "scenario: recorded in "
            + record
            + " ("
            + o.actions
            + " actions, "
            + o.frames
            + " device frames); replay it with ./parking scenario replay "
            + record);
    return o.code;
  }

  /**
   * What a run records or replays: into {@code recordTo}, or from {@code replaying}, with the
   * simulator's card numbers from {@code cardSeed}.
   */
  record Tape(Path recordTo, Recording replaying, long cardSeed) {}

  /** How a run ended, and for a recording or replay what it wrote and found. */
  static final class Outcome {
    int code = 1;
    LedgerTotals totals;
    Replayer replayer;
    long actions;
    long frames;
    Path dir;
  }

  static int execute(Scenario scenario, Path root, boolean keep, PrintStream out, PrintStream err) {
    return execute(scenario, root, keep, null, out, err).code;
  }

  static Outcome execute(
      Scenario scenario, Path root, boolean keep, Tape tape, PrintStream out, PrintStream err) {
    Outcome outcome = new Outcome();
    Path dir;
    try {
      dir = Files.createTempDirectory("parking-scenario-");
    } catch (IOException e) {
      err.println("scenario: cannot make a folder for the run: " + e.getMessage());
      return outcome;
    }
    boolean passed = false;
    SiteProcesses processes = null;
    Thread stopper = null;
    Recorder recorder = null;
    String summaryText = null;
    // A recording writes into its folder; a replay keeps what it did in the run's folder.
    Path tapeDir = tape == null ? null : tape.recordTo() != null ? tape.recordTo() : dir;
    Path wireLog = dir.resolve("wire.jsonl");
    try {
      SiteCopy site =
          SiteCopy.write(scenario.site(), scenario.tariff(), scenario.pace().barrierTravel(), dir);
      SharedClock clock = null;
      Instant start = Instant.now();
      if (scenario.time().stepped()) {
        start = scenario.time().start() != null ? scenario.time().start() : start;
        clock = SharedClock.create(dir.resolve("clock"), start, scenario.time().rate());
      }
      List<String> simulatorOptions = new ArrayList<>();
      if (tape != null) {
        simulatorOptions.addAll(
            List.of(
                "--card-seed", Long.toString(tape.cardSeed()), "--wire-log", wireLog.toString()));
      }
      processes =
          new SiteProcesses(
              root,
              site,
              dir.resolve("logs"),
              clock == null ? null : dir.resolve("clock"),
              simulatorOptions);
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
        if (tape != null) {
          recorder = new Recorder(tapeDir.resolve(Recording.ACTIONS));
          Calls calls = recorder;
          if (tape.replaying() != null) {
            outcome.replayer = new Replayer(tape.replaying().actions(), recorder);
            calls = outcome.replayer;
          }
          sim.calls(calls);
          link.calls(calls);
        }
        ScenarioRun run = new ScenarioRun(scenario, sim, link);
        Instant lastStep = start.plus(scenario.steps().get(scenario.steps().size() - 1).at());
        processes.seasonCards(run.seasonCardClasses(), site.zone(), start, lastStep);
        Pacer pacer;
        long realStart = System.nanoTime();
        String replaying =
            tape != null && tape.replaying() != null
                ? "scenario: replaying the recorded actions at their offsets"
                : null;
        if (clock == null) {
          out.println(
              replaying != null ? replaying : "scenario: running the timeline in real time");
          pacer = Pacer.realTime();
        } else {
          out.println(
              (replaying != null ? replaying + ", " : "scenario: running the timeline ")
                  + "on a stepped clock from "
                  + start.atZone(site.zone()).toOffsetDateTime()
                  + " (the site's time jumps to each step while nothing is under way"
                  + (scenario.time().rate() > 1
                      ? " and runs " + scenario.time().rate() + " times as fast while it is)"
                      : ")"));
          SharedClock shared = clock;
          pacer = Pacer.stepped(shared, start, () -> run.quiet(sim));
        }
        if (recorder != null) {
          recorder.start(pacer);
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
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        summary.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        summaryText = text.toString(StandardCharsets.UTF_8);
        out.print(summaryText);
        passed = summary.passed();
        if (tape != null) {
          outcome.totals = LedgerTotals.read(site.ledger(), scenario.currency());
        }
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
    if (tape != null) {
      passed &=
          finishTape(scenario, root, tape, tapeDir, recorder, wireLog, summaryText, outcome, err);
    }
    outcome.dir = dir;
    outcome.code = passed ? 0 : 1;
    if (tape == null || tape.replaying() == null) {
      keepOrDelete(dir, keep || !passed, out);
    }
    return outcome;
  }

  static void keepOrDelete(Path dir, boolean keep, PrintStream out) {
    if (keep) {
      out.println("scenario: the run's site, ledger and logs are kept in " + dir);
    } else {
      delete(dir);
    }
  }

  /**
   * Closes the run's actions, turns the simulator's wire log into device traffic and, for a
   * recording, writes the summary, the totals and the manifest. False if it could not.
   */
  private static boolean finishTape(
      Scenario scenario,
      Path root,
      Tape tape,
      Path tapeDir,
      Recorder recorder,
      Path wireLog,
      String summaryText,
      Outcome outcome,
      PrintStream err) {
    try {
      if (recorder != null) {
        recorder.close();
        try (Stream<String> lines = Files.lines(tapeDir.resolve(Recording.ACTIONS))) {
          outcome.actions = lines.count();
        }
      }
      Instant start = recorder == null ? Instant.now() : recorder.startedAt();
      outcome.frames =
          RecordingWriter.deviceTraffic(wireLog, start, tapeDir.resolve(Recording.TRAFFIC));
      if (tape.recordTo() != null) {
        RecordingWriter.finish(
            tapeDir,
            RecordingWriter.manifest(
                scenario, tape.cardSeed(), recorder == null ? null : start, root),
            outcome.totals,
            summaryText);
      } else if (outcome.totals != null) {
        Recording.write(tapeDir.resolve(Recording.TOTALS), outcome.totals);
      }
      return true;
    } catch (IOException e) {
      err.println("scenario: cannot write the recording in " + tapeDir + ": " + e.getMessage());
      return false;
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is no failure of the run.
    }
  }
}
