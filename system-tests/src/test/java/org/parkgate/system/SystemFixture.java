package org.parkgate.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.parkgate.simulator.LocalPorts;

/**
 * The whole system on loopback: simulator, gate-controller and cashier-console started from their
 * packaged jars on free ports, with a site file and data folder of the test's own.
 */
final class SystemFixture implements AutoCloseable {
  static final Path ROOT =
      Path.of(System.getProperty("parkgate.root", "..")).toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration READY = Duration.ofSeconds(40);

  private static final String SIMULATOR_READY = "simulator ready";
  private static final String CONTROLLER_READY = "controller ready";

  final Path dir;
  final Path site;
  final Path ledger;
  final int controlPort;
  final int consolePort;
  final int httpPort;

  /** The booth's receipt printer (booth-{httpPort}), emulated by the simulator. */
  final int printerPort;

  /** Where each lane's simulated devices listen: "entry-1 barrier" to its TCP port. */
  final java.util.Map<String, Integer> devicePorts = new java.util.HashMap<>();

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final List<RunningProcess> processes = new ArrayList<>();

  /** The booth pages opened on this site, closed before its processes. */
  private final List<BoothBrowser> booths = new ArrayList<>();

  SystemFixture(Path dir, String tariff) throws IOException {
    this(dir, tariff, 0, null);
  }

  /**
   * As the two-lane site, plus {@code extraExits} more exit lanes (exit-2, exit-3, ...); {@code
   * fast}, if given, is both the controller's poll interval and the barrier's travel time, for
   * tests that put many vehicles through.
   */
  SystemFixture(Path dir, String tariff, int extraExits, Duration fast) throws IOException {
    this(dir, tariff, extraExits, fast, false);
  }

  /** The two-lane site with a plate camera on each lane ("entry-1 camera", "exit-1 camera"). */
  static SystemFixture withCameras(Path dir, String tariff) throws IOException {
    return new SystemFixture(dir, tariff, 0, null, true);
  }

  private SystemFixture(Path dir, String tariff, int extraExits, Duration fast, boolean cameras)
      throws IOException {
    this.dir = dir;
    int[] p = freePorts(9 + 3 * extraExits + 3);
    printerPort = p[9 + 3 * extraExits + 2];
    String entryCamera = "";
    String exitCamera = "";
    if (cameras) {
      int c = 9 + 3 * extraExits;
      devicePorts.put("entry-1 camera", p[c]);
      devicePorts.put("exit-1 camera", p[c + 1]);
      entryCamera = ", camera: {address: \"tcp://127.0.0.1:" + p[c] + "\"}";
      exitCamera = ", camera: {address: \"tcp://127.0.0.1:" + p[c + 1] + "\"}";
    }
    controlPort = p[0];
    consolePort = p[1];
    httpPort = p[2];
    ledger = dir.resolve("data/ledger.db");
    devicePorts.put("entry-1 barrier", p[3]);
    devicePorts.put("entry-1 cardUnit", p[4]);
    devicePorts.put("entry-1 display", p[5]);
    devicePorts.put("exit-1 barrier", p[6]);
    devicePorts.put("exit-1 cardUnit", p[7]);
    devicePorts.put("exit-1 display", p[8]);
    site = dir.resolve("site.yaml");
    StringBuilder exits = new StringBuilder();
    for (int i = 0; i < extraExits; i++) {
      exits.append(
          """
            - {id: exit-%d, kind: exit, barrier: {address: "tcp://127.0.0.1:%d", unit: %d},
               cardReader: {address: "tcp://127.0.0.1:%d"}, display: {address: "tcp://127.0.0.1:%d"}}
          """
              .formatted(i + 2, p[9 + 3 * i], i + 3, p[10 + 3 * i], p[11 + 3 * i]));
    }
    String poll = fast == null ? "50ms" : fast.toMillis() + "ms";
    String travel = fast == null ? "300ms" : fast.toMillis() + "ms";
    Files.writeString(
        site,
        """
        site: {id: e2e, name: End-to-end car park, zone: Asia/Shanghai, currency: CNY, tariff: "%s"}
        lanes:
          - {id: entry-1, kind: entry, barrier: {address: "tcp://127.0.0.1:%d", unit: 1},
             cardReader: {address: "tcp://127.0.0.1:%d"}, display: {address: "tcp://127.0.0.1:%d"}%s}
          - {id: exit-1, kind: exit, barrier: {address: "tcp://127.0.0.1:%d", unit: 2},
             cardReader: {address: "tcp://127.0.0.1:%d"}, display: {address: "tcp://127.0.0.1:%d"}%s}
        %sbooths:
          - {id: booth-%d, printer: {address: "tcp://127.0.0.1:%d"}}
        controller: {consolePort: %d, dataDir: data, pollInterval: %s}
        console: {httpPort: %d}
        simulator: {controlPort: %d, barrierTravel: %s}
        """
            .formatted(
                Path.of(tariff).isAbsolute()
                    ? Path.of(tariff)
                    : ROOT.resolve("config/tariffs/" + tariff),
                p[3],
                p[4],
                p[5],
                entryCamera,
                p[6],
                p[7],
                p[8],
                exitCamera,
                exits,
                httpPort,
                printerPort,
                consolePort,
                poll,
                httpPort,
                controlPort,
                travel));
  }

  /** Sets the site's language (zh, en, both) in its file; before any process starts. */
  void language(String language) throws IOException {
    String yaml = Files.readString(site);
    Files.writeString(site, yaml.replaceFirst("\"}\n", "\", language: " + language + "}\n"));
  }

  /** Sets the site's id in its file (e2e unless set); before any process starts. */
  void siteId(String id) throws IOException {
    String yaml = Files.readString(site);
    Files.writeString(site, yaml.replaceFirst("site: \\{id: e2e,", "site: {id: " + id + ","));
  }

  /** Adds top-level keys to the site file; before any process starts. */
  void addToSite(String yaml) throws IOException {
    Files.writeString(site, yaml, java.nio.file.StandardOpenOption.APPEND);
  }

  /** The ledger opened read-only, as an auditor reads it beside the running controller. */
  java.sql.Connection readOnly() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + ledger + "?mode=ro");
  }

  /** The first column of the first row {@code sql} reads from the ledger; 0 with no row. */
  long number(String sql) throws java.sql.SQLException {
    try (java.sql.Connection db = readOnly();
        java.sql.Statement s = db.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /** The first column of the first row {@code sql} reads from the ledger; null with no row. */
  String text(String sql) throws java.sql.SQLException {
    try (java.sql.Connection db = readOnly();
        java.sql.Statement s = db.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  static int[] freePorts(int n) throws IOException {
    try (LocalPorts free = new LocalPorts()) {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ports[i] = free.next();
      }
      return ports;
    }
  }

  /**
   * A new folder under system-tests/target for this test JVM's own use (templates, class archives),
   * deleted when the JVM exits.
   */
  static Path scratchFolder(String prefix) throws IOException {
    Path folder = Files.createTempDirectory(ROOT.resolve("system-tests/target"), prefix);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (var files = Files.walk(folder)) {
                    files
                        .sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
                  } catch (IOException e) {
                    // Left for mvn clean.
                  }
                }));
    return folder;
  }

  static Path jar(String module) {
    Path jar = ROOT.resolve(module + "/target/" + module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": run mvn package (./parking test does)");
    }
    return jar;
  }

  /**
   * Starts the simulator, the controller and the console, as {@code ./parking demo} does: the booth
   * console enrolled and the controller started while the simulator starts; returns the controller.
   */
  RunningProcess start() throws Exception {
    RunningProcess controller = simulatorAndController(true);
    startConsole();
    return controller;
  }

  /**
   * Starts the simulator and the controller side by side (the controller connects to each device as
   * it listens); returns the controller.
   */
  RunningProcess simulatorAndController() throws Exception {
    return simulatorAndController(false);
  }

  private RunningProcess simulatorAndController(boolean enrolBooth) throws Exception {
    RunningProcess simulator = launch("simulator");
    if (enrolBooth) {
      ensureBoothConsole();
    }
    RunningProcess controller = launch("gate-controller");
    simulator.awaitLine(SIMULATOR_READY, READY);
    controller.awaitLine(CONTROLLER_READY, READY);
    return controller;
  }

  /** A booth page in its own headless Chromium (profile {@code name}), closed with the site. */
  BoothBrowser booth(String name) throws Exception {
    BoothBrowser b = new BoothBrowser(httpPort, dir.resolve(name));
    booths.add(b);
    return b;
  }

  RunningProcess simulator() throws Exception {
    RunningProcess p = launch("simulator");
    p.awaitLine(SIMULATOR_READY, READY);
    return p;
  }

  RunningProcess controller() throws Exception {
    RunningProcess p = launch("gate-controller");
    p.awaitLine(CONTROLLER_READY, READY);
    return p;
  }

  RunningProcess console() throws Exception {
    ensureBoothConsole();
    return startConsole();
  }

  /**
   * Enrols the booth console (id booth-<httpPort>) as ./parking demo does, its credential kept
   * where the console looks for it: with the data folder on its first start, else (a restart, a
   * test's own ledger) through {@code ./parking consoles ensure}'s main.
   */
  private void ensureBoothConsole() throws Exception {
    String booth = "booth-" + httpPort;
    if (!ControllerData.seedWithConsole(site, ledger.getParent(), booth)) {
      admin("ConsolesMain", "ensure", booth, "--site", site.toString());
    }
  }

  private RunningProcess startConsole() throws Exception {
    RunningProcess console = launch("cashier-console");
    console.awaitLine("console ready", READY);
    // Logins go through the controller: until it has welcomed the console, the booth answers
    // "the controller cannot be reached".
    console.awaitLine("controller link: welcomed by site", READY);
    return console;
  }

  private final java.util.Map<String, String> credentials = new java.util.HashMap<>();

  /** Enrols a console with the controller's ledger (once per id) and returns its credential. */
  String credential(String consoleId) throws Exception {
    String known = credentials.get(consoleId);
    if (known != null) {
      return known;
    }
    ControllerData.seed(site, ledger.getParent());
    Path file = dir.resolve("credentials").resolve(consoleId);
    admin(
        "ConsolesMain",
        "add",
        consoleId,
        "--credential-file",
        file.toString(),
        "--by",
        "test",
        "--site",
        site.toString());
    String credential = Files.readString(file).strip();
    credentials.put(consoleId, credential);
    return credential;
  }

  /** Runs one of the controller's admin commands (./parking users|consoles) on this site. */
  String admin(String main, String... args) throws Exception {
    return controllerMain("org.parkgate.controller.admin." + main, args);
  }

  /** Runs one of the ledger's audit commands (./parking verify|verify-receipt|...). */
  String audit(String... args) throws Exception {
    return controllerMain("org.parkgate.controller.audit.AuditMain", args);
  }

  /**
   * The command line that runs a one-shot main class of the controller's jar (an admin or audit
   * command) with the test's own JVM and the quick compiler.
   */
  static List<String> controllerCommand(String main, String... args) {
    return controllerCommand(List.of(), main, args);
  }

  private static List<String> controllerCommand(List<String> options, String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(RunningProcess.QUICK_START);
    command.addAll(options);
    command.add("-cp");
    command.add(jar("gate-controller").toString());
    command.add(main);
    command.addAll(List.of(args));
    return command;
  }

  /** The one-shot commands' kind of process, for their shared class archive. */
  private static final String COMMANDS = "gate-controller-commands";

  /** Runs a main class of the controller's jar; its output, failing unless it exits 0. */
  private String controllerMain(String main, String... args) throws Exception {
    List<String> archive = ClassArchives.options(COMMANDS);
    Process p =
        new ProcessBuilder(controllerCommand(archive, main, args))
            .redirectErrorStream(true)
            .start();
    ClassArchives.started(COMMANDS, archive, p.toHandle());
    p.getOutputStream().close();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(main + " " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  /** A console API client enrolled as {@code consoleId}, logged in as the demo cashier. */
  ConsoleApiClient api(String consoleId, long afterSeq) throws Exception {
    return ConsoleApiClient.connect(
        http, consolePort, consoleId, credential(consoleId), afterSeq, "cashier1");
  }

  /** Starts a module's jar on this site; its log is kept per test class. */
  private RunningProcess launch(String module) throws Exception {
    // One folder per test class, so a later class does not overwrite the logs of one that failed.
    String test =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(
                frames ->
                    frames
                        .map(f -> f.getDeclaringClass().getSimpleName())
                        .filter(n -> n.endsWith("IT"))
                        .findFirst())
            .orElse("other");
    Path logs = ROOT.resolve("system-tests/target/process-logs/" + test);
    Files.createDirectories(logs);
    if (module.equals("gate-controller")) {
      ControllerData.seed(site, ledger.getParent());
    }
    List<String> archive = ClassArchives.options(module);
    List<String> options = new ArrayList<>(archive);
    // The controller with the JVM's defaults (RunningProcess.QUICK_START says why).
    if (!module.equals("gate-controller")) {
      options.add(RunningProcess.QUICK_START);
    }
    RunningProcess p =
        RunningProcess.startJar(module, logs, jar(module), options, "--site", site.toString());
    ClassArchives.started(module, archive, p.handle());
    processes.add(p);
    return p;
  }

  // --- the simulator's control interface

  JsonNode sim(String method, String path, String body) throws Exception {
    HttpResponse<String> r = simRaw(method, path, body);
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  HttpResponse<String> simRaw(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What the booth's printer printed, as the simulator decoded it (docs/simulator.md). */
  JsonNode printer() throws Exception {
    return sim("GET", "/booths/booth-" + httpPort + "/printer", null);
  }

  /** The lines of the last document printed whose text holds {@code text}, waiting for it. */
  List<String> awaitPrinted(String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      JsonNode docs = printer().path("documents");
      for (int i = docs.size() - 1; i >= 0; i--) {
        List<String> lines = new ArrayList<>();
        docs.get(i).path("lines").forEach(l -> lines.add(l.path("text").asText()));
        if (lines.stream().anyMatch(l -> l.contains(text))) {
          return lines;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("nothing printed with '" + text + "': " + docs.toPrettyString());
      }
      Thread.sleep(50);
    }
  }

  JsonNode lane(String lane) throws Exception {
    return sim("GET", "/lanes/" + lane, null);
  }

  /** Polls the simulator until the lane shows what is expected, or fails with what it shows. */
  JsonNode awaitLane(String lane, String what, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode state = lane(lane);
    while (!condition.test(state)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            lane + ": " + what + " never happened; lane is " + state.toPrettyString());
      }
      Thread.sleep(50);
      state = lane(lane);
    }
    return state;
  }

  /**
   * A car takes a card at entry-1, drives in, stays at least a second from the entry the controller
   * recorded (the fee counts whole seconds: a shorter stay is free) and presents its card at
   * exit-1; its card number.
   */
  String carAtExit() throws Exception {
    awaitLane("entry-1", "barrier closed and ready", l -> barrier(l).equals("closed"));
    sim("POST", "/lanes/entry-1/vehicle/arrive", null);
    awaitLane("entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
    String card = sim("POST", "/lanes/entry-1/card/take", null).path("card").asText();
    awaitLane("entry-1", "barrier open for the entry", l -> barrier(l).equals("open"));
    sim("POST", "/lanes/entry-1/vehicle/drive", "{\"wait\": true}");
    awaitLane("exit-1", "barrier closed and ready", l -> barrier(l).equals("closed"));
    awaitChargeable(card);
    sim("POST", "/lanes/exit-1/vehicle/arrive", null);
    sim("POST", "/lanes/exit-1/card/present", "{\"card\": \"" + card + "\"}");
    return card;
  }

  /**
   * Waits until the stay of {@code card} has lasted a whole second since the entry time the
   * controller wrote to the ledger: the exit it is to be charged at comes later still.
   */
  void awaitChargeable(String card) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    java.time.Instant entered;
    while ((entered = entered(card)) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no entry for card " + card + " in the ledger");
      }
      Thread.sleep(50);
    }
    java.time.Instant chargeable = entered.plusSeconds(1);
    java.time.Instant now;
    while ((now = java.time.Instant.now()).isBefore(chargeable)) {
      Thread.sleep(Duration.between(now, chargeable).toMillis() + 1);
    }
  }

  /** When the controller recorded the last entry with {@code card}; null before it has. */
  private java.time.Instant entered(String card) throws java.sql.SQLException {
    try (java.sql.Connection db = readOnly();
        java.sql.PreparedStatement q =
            db.prepareStatement(
                "SELECT entered_at FROM entries WHERE card = ? ORDER BY stay_id DESC LIMIT 1")) {
      q.setString(1, card);
      try (java.sql.ResultSet r = q.executeQuery()) {
        return r.next() ? java.time.Instant.parse(r.getString(1)) : null;
      }
    }
  }

  /** The address the controller uses for a lane's device, as it names it in its log. */
  String deviceAddress(String lane, String device) {
    Integer port = devicePorts.get(lane + " " + device);
    if (port == null) {
      throw new IllegalArgumentException(
          "no device " + lane + " " + device + " in the fixture's site");
    }
    return "tcp://127.0.0.1:" + port;
  }

  static String barrier(JsonNode lane) {
    return lane.path("barrier").path("position").asText();
  }

  /** Stops every process as Ctrl-C would and checks each one is gone. */
  @Override
  public void close() throws Exception {
    for (BoothBrowser b : booths) {
      b.close();
    }
    AssertionError failure = null;
    for (int i = processes.size() - 1; i >= 0; i--) {
      try {
        processes.get(i).close();
      } catch (AssertionError e) {
        failure = e;
      }
    }
    for (RunningProcess p : processes) {
      if (p.isAlive()) {
        failure = new AssertionError(p + " is still running");
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
