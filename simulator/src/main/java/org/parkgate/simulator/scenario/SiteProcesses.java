package org.parkgate.simulator.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parkgate.time.SharedClock;

/**
 * The three real processes of a site, started from their packaged jars as {@code ./parking demo}
 * starts them (simulator, then the controller once the booth console is enrolled, then the
 * console), each logging to its own file in the run's folder.
 */
final class SiteProcesses implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(60);

  private final Path root;
  private final SiteCopy site;
  private final Path logs;
  private final List<String> simulatorOptions;
  private final List<Process> started = new ArrayList<>();
  private final java.util.Map<String, Process> byName = new java.util.LinkedHashMap<>();

  /** The shared clock file every process keeps its time by, or null for the system clock. */
  private final Path clock;

  /**
   * With {@code clock} the shared clock file (null: the system clock) and {@code simulatorOptions}
   * on the simulator's command line (a recording's).
   */
  SiteProcesses(Path root, SiteCopy site, Path logs, Path clock, List<String> simulatorOptions) {
    this.root = root;
    this.site = site;
    this.logs = logs;
    this.clock = clock;
    this.simulatorOptions = List.copyOf(simulatorOptions);
  }

  void start() throws IOException, InterruptedException {
    Files.createDirectories(logs);
    List<String> simulator = new ArrayList<>(List.of("-jar", jar("simulator").toString()));
    simulator.addAll(simulatorOptions);
    // The booth console is enrolled and the controller started while the simulator starts: the
    // controller connects to each device as it listens.
    launch("simulator", simulator.toArray(String[]::new));
    admin("ConsolesMain", "ensure", site.boothId(), "--site", site.file().toString());
    launch("gate-controller", "-jar", jar("gate-controller").toString());
    awaitReady("simulator", "simulator ready");
    awaitReady("gate-controller", "controller ready");
    launch("cashier-console", "-jar", jar("cashier-console").toString());
    awaitReady("cashier-console", "console ready");
  }

  /**
   * Registers season cards (card to vehicle class) valid from the day before {@code from} to the
   * day after {@code to} in the site's zone, all at once as {@code ./parking season import} does,
   * by the scenario.
   */
  void seasonCards(
      Map<String, String> cards,
      java.time.ZoneId zone,
      java.time.Instant from,
      java.time.Instant to)
      throws IOException, InterruptedException {
    if (cards.isEmpty()) {
      return;
    }
    java.time.LocalDate first = java.time.LocalDate.ofInstant(from, zone).minusDays(1);
    java.time.LocalDate last = java.time.LocalDate.ofInstant(to, zone).plusDays(1);
    // One file, one command, one transaction, as an office imports a month's passes.
    StringBuilder csv = new StringBuilder("card,holder,class,from,to\n");
    for (Map.Entry<String, String> c : cards.entrySet()) {
      csv.append(c.getKey())
          .append(",Scenario holder ")
          .append(c.getKey())
          .append(',')
          .append(c.getValue())
          .append(',')
          .append(first)
          .append(',')
          .append(last)
          .append('\n');
    }
    Path file = logs.getParent().resolve("season-cards.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    controllerMain(
        "org.parkgate.controller.site.CredentialsMain",
        "season",
        "import",
        file.toString(),
        "--by",
        "scenario",
        "--db",
        site.ledger().toString());
  }

  /** Enrols a console of the scenario's own with the controller; its credential. */
  String enrol(String consoleId) throws IOException, InterruptedException {
    Path file = logs.getParent().resolve("credentials").resolve(consoleId);
    admin(
        "ConsolesMain",
        "add",
        consoleId,
        "--credential-file",
        file.toString(),
        "--by",
        "scenario",
        "--site",
        site.file().toString());
    return Files.readString(file).strip();
  }

  Path logs() {
    return logs;
  }

  private Path jar(String module) throws IOException {
    Path jar = root.resolve(module + "/target/" + module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IOException("no " + jar + ": build first (mvn -B -DskipTests package)");
    }
    return jar;
  }

  /** The java command, with the shared clock when the run has one. */
  private List<String> java() {
    List<String> java =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (clock != null) {
      java.add("-D" + SharedClock.PROPERTY + "=" + clock);
    }
    return java;
  }

  private void launch(String name, String... args) throws IOException {
    List<String> command = java();
    command.add("-Xmx256m");
    command.addAll(List.of(args));
    command.addAll(List.of("--site", site.file().toString()));
    Path log = logs.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(p);
    byName.put(name, p);
  }

  /** Waits for {@code name}'s log to say {@code ready}. */
  private void awaitReady(String name, String ready) throws IOException, InterruptedException {
    Process p = byName.get(name);
    Path log = logs.resolve(name + ".log");
    long deadline = System.nanoTime() + READY.toNanos();
    while (!Files.readString(log, StandardCharsets.UTF_8).contains(ready)) {
      if (!p.isAlive()) {
        throw new IOException(
            name + " exited with " + p.exitValue() + " while starting; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(name + " not ready after " + READY.toSeconds() + " s; see " + log);
      }
      Thread.sleep(50);
    }
  }

  private void admin(String main, String... args) throws IOException, InterruptedException {
    controllerMain("org.parkgate.controller.admin." + main, args);
  }

  private void controllerMain(String main, String... args)
      throws IOException, InterruptedException {
    List<String> command = java();
    command.addAll(List.of("-cp", jar("gate-controller").toString(), main));
    command.addAll(List.of(args));
    Path log = logs.resolve("admin.log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          main.substring(main.lastIndexOf('.') + 1) + " " + args[0] + " failed; see " + log);
    }
  }

  /** The processes that stopped on their own since they started, each with its exit status. */
  List<String> exited() {
    List<String> out = new ArrayList<>();
    byName.forEach(
        (name, p) -> {
          if (!p.isAlive()) {
            out.add(
                name
                    + " exited with "
                    + p.exitValue()
                    + " during the run; see "
                    + logs.resolve(name + ".log"));
          }
        });
    return out;
  }

  /** Stops the processes as Ctrl-C would, newest first, insisting after 15 s. */
  @Override
  public void close() throws InterruptedException {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).destroy();
    }
    for (Process p : started) {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
