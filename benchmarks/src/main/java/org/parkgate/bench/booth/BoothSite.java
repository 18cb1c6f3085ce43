package org.parkgate.bench.booth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;

/**
 * The whole system as a booth with many exits runs it: the simulator, the gate-controller and the
 * cashier-console, each from its packaged jar as its own process, on loopback ports of their own;
 * exit lanes only, their cards' stays entered in the ledger beforehand, two hours ago, so that each
 * owes a fee.
 */
final class BoothSite implements AutoCloseable {
  static final String SITE_ID = "booth-bench";
  static final String CASHIER = "bench-cashier";
  static final String PASSWORD = "bench-cashier-password";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY = Duration.ofSeconds(60);

  final Path dir;
  final Path root;
  final int exits;
  final int cardsPerLane;
  final int controlPort;
  final int httpPort;
  private final Path site;
  private final List<Process> processes = new ArrayList<>();
  private final boolean split;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * A site of {@code exits} exit lanes in {@code dir}; with {@code split}, its processes each on
   * their side's core ({@link Cores}).
   */
  BoothSite(Path root, Path dir, int exits, int cardsPerLane, boolean split) throws IOException {
    this.root = root;
    this.split = split;
    this.dir = dir;
    this.exits = exits;
    this.cardsPerLane = cardsPerLane;
    int[] p = freePorts(4 + 3 * exits);
    controlPort = p[0];
    int consolePort = p[1];
    httpPort = p[2];
    StringBuilder lanes = new StringBuilder();
    for (int i = 0; i < exits; i++) {
      lanes.append(
          """
            - {id: %s, kind: exit, barrier: {address: "tcp://127.0.0.1:%d", unit: %d},
               cardReader: {address: "tcp://127.0.0.1:%d"}, display: {address: "tcp://127.0.0.1:%d"}}
          """
              .formatted(lane(i), p[4 + 3 * i], i + 1, p[5 + 3 * i], p[6 + 3 * i]));
    }
    site = dir.resolve("site.yaml");
    Files.writeString(
        site,
        """
        site: {id: %s, name: Booth bench, zone: Asia/Shanghai, currency: CNY, tariff: "%s"}
        lanes:
        %sbooths:
          - {id: booth-%d, printer: {address: "tcp://127.0.0.1:%d"}}
        controller: {consolePort: %d, dataDir: data, pollInterval: 50ms}
        console: {httpPort: %d, controllerUrl: "ws://127.0.0.1:%d/console"}
        simulator: {controlPort: %d, barrierTravel: 300ms}
        """
            .formatted(
                SITE_ID,
                root.resolve("config/tariffs/demo-hourly.yaml"),
                lanes,
                httpPort,
                p[3],
                consolePort,
                httpPort,
                consolePort,
                controlPort));
  }

  static String lane(int i) {
    return "exit-%02d".formatted(i + 1);
  }

  /** The n-th card of lane i: ten hex digits, as every reader protocol takes them. */
  static String card(int lane, int n) {
    return "%02X%08X".formatted(lane + 1, n);
  }

  /** Enters every card's stay two hours ago and adds the cashier; before the controller starts. */
  void seed() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Instant entered = Instant.now().minus(Duration.ofHours(2));
    try (Ledger ledger = Ledger.open(data.resolve("ledger.db"), SITE_ID)) {
      Stays stays = new Stays(ledger);
      for (int l = 0; l < exits; l++) {
        for (int n = 0; n < cardsPerLane; n++) {
          stays.recordEntry("entry-bench", card(l, n), entered);
        }
      }
      new Accounts(ledger)
          .add(
              CASHIER,
              "Bench cashier",
              Role.CASHIER,
              new PasswordHasher().hash(PASSWORD),
              false,
              "bench",
              Instant.now());
    }
    run(
        jar("gate-controller"),
        "org.parkgate.controller.admin.ConsolesMain",
        "ensure",
        "booth-" + httpPort,
        "--site",
        site.toString());
  }

  /** Starts the three processes, each once the one before is ready. */
  void start() throws Exception {
    start("simulator", "simulator ready", Cores.SITE);
    start("gate-controller", "controller ready", Cores.SITE);
    Path log = start("cashier-console", "console ready", Cores.BOOTH);
    await(log, "controller link: welcomed by site");
  }

  private Path start(String module, String ready, int cpu) throws Exception {
    Path log = dir.resolve(module + ".log");
    List<String> command = new ArrayList<>(Cores.on(split ? cpu : -1));
    command.addAll(
        List.of(java(), "-Xmx256m", "-jar", jar(module).toString(), "--site", site.toString()));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    await(log, ready);
    return log;
  }

  private void await(Path log, String line) throws Exception {
    long deadline = System.nanoTime() + READY.toNanos();
    while (!Files.readString(log).contains(line)) {
      if (System.nanoTime() > deadline || processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("no '" + line + "' in " + log + " (see that log)");
      }
      Thread.sleep(50);
    }
  }

  private void run(Path jar, String main, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", jar.toString(), main));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(main + " failed: " + out);
    }
  }

  private Path jar(String module) {
    Path jar = root.resolve(module + "/target/" + module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no " + jar + ": build first (mvn -B -q package -DskipTests)");
    }
    return jar;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  // --- the simulator's control interface (docs/simulator.md)

  JsonNode sim(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + r.body());
    }
    return JSON.readTree(r.body());
  }

  JsonNode printer() throws Exception {
    return sim("GET", "/booths/booth-" + httpPort + "/printer", null);
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
