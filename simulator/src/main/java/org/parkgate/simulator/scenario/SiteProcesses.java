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

  SiteProcesses(Path root, SiteCopy site, Path logs) {
    this(root, site, logs, List.of());
  }

  /** With {@code simulatorOptions} on the simulator's command line (a recording's). */
  SiteProcesses(Path root, SiteCopy site, Path logs, List<String> simulatorOptions) {
    this.root = root;
    this.site = site;
    this.logs = logs;
    this.simulatorOptions = List.copyOf(simulatorOptions);
  }

  void start() throws IOException, InterruptedException {
    Files.createDirectories(logs);
    List<String> simulator = new ArrayList<>(List.of("-jar", jar("simulator").toString()));
    simulator.addAll(simulatorOptions);
    launch("simulator", "simulator ready", simulator.toArray(String[]::new));
    admin("ConsolesMain", "ensure", site.boothId(), "--site", site.file().toString());
    launch("gate-controller", "controller ready", "-jar", jar("gate-controller").toString());
    launch("cashier-console", "console ready", "-jar", jar("cashier-console").toString());
  }

  /**
   * Registers season cards (card to vehicle class) valid from yesterday to tomorrow in the site's
   * zone, as {@code ./parking season add} does, by the scenario.
   */
  void seasonCards(Map<String, String> cards, java.time.ZoneId zone)
      throws IOException, InterruptedException {
    java.time.LocalDate today = java.time.LocalDate.now(zone);
    for (Map.Entry<String, String> c : cards.entrySet()) {
      controllerMain(
          "org.parkgate.controller.site.CredentialsMain",
          "season",
          "add",
          c.getKey(),
          "--holder",
          "Scenario holder " + c.getKey(),
          "--from",
          today.minusDays(1).toString(),
          "--to",
          today.plusDays(1).toString(),
          "--class",
          c.getValue(),
          "--by",
          "scenario",
          "--db",
          site.ledger().toString());
    }
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

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void launch(String name, String ready, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
    command.addAll(List.of(args));
    command.addAll(List.of("--site", site.file().toString()));
    Path log = logs.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(p);
    byName.put(name, p);
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
    List<String> command =
        new ArrayList<>(List.of(java(), "-cp", jar("gate-controller").toString(), main));
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
