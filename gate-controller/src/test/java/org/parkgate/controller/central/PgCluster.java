package org.parkgate.controller.central;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server in a temporary cluster for a test: Debian's {@code initdb} and {@code
 * pg_ctl} (the {@code postgresql} package, which {@code ./parking test} installs), listening on a
 * free loopback port with password (SCRAM) authentication; its superuser is {@code postgres} with
 * password {@link #SUPERUSER_PASSWORD}. Run as root, the server runs as the {@code postgres} user,
 * as PostgreSQL requires. {@link #kill()} ends it as a power cut would; {@link #start()} brings it
 * back on the same files and port.
 */
public final class PgCluster implements AutoCloseable {
  public static final String SUPERUSER_PASSWORD = "central-test-superuser";

  private final Path dir;
  private final Path bin;
  private final int port;
  private final boolean asPostgres;

  private PgCluster(Path dir, Path bin, int port, boolean asPostgres) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /**
   * The first cluster this JVM made, stopped cleanly with its database made: later clusters are
   * copies of its files, not each a new {@code initdb} (which is most of a cluster's start).
   */
  private static Path template;

  /** Makes a new cluster and starts it, with a database {@code parkgate} owned by the superuser. */
  public static PgCluster create() throws IOException, InterruptedException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path made = template(bin, root);
    Path dir = Files.createTempDirectory("pgcluster");
    if (root) {
      run(List.of("chown", "postgres:", dir.toString()), dir, false);
    }
    PgCluster c = new PgCluster(dir, bin, freePort(), root);
    run(List.of("cp", "-a", made.toString(), c.data().toString()), dir, root);
    c.start();
    return c;
  }

  private static synchronized Path template(Path bin, boolean root)
      throws IOException, InterruptedException {
    if (template != null) {
      return template;
    }
    Path dir = Files.createTempDirectory("pgtemplate");
    Path pw = dir.resolve("superuser.pw");
    Files.writeString(pw, SUPERUSER_PASSWORD + "\n", StandardCharsets.UTF_8);
    if (root) {
      run(List.of("chown", "-R", "postgres:", dir.toString()), dir, false);
    }
    PgCluster c = new PgCluster(dir, bin, freePort(), root);
    c.pg(
        "initdb",
        "-D",
        c.data().toString(),
        "-U",
        "postgres",
        "--pwfile=" + pw,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync");
    c.start();
    try (Connection db = c.superuser("postgres")) {
      db.createStatement().execute("CREATE DATABASE parkgate");
    } catch (SQLException e) {
      throw new IOException("cannot create database parkgate: " + e.getMessage(), e);
    }
    c.stop();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    template = c.data();
    return template;
  }

  /** Where Debian puts the newest installed PostgreSQL's server programs. */
  static Path binaries() throws IOException {
    String forced = System.getenv("PARKGATE_PG_BIN");
    if (forced != null && !forced.isBlank()) {
      return Path.of(forced);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    throw new IOException(
        "no PostgreSQL server found under /usr/lib/postgresql: install the postgresql package"
            + " (./parking test does)");
  }

  public int port() {
    return port;
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/parkgate";
  }

  public Connection superuser() throws SQLException {
    return superuser("parkgate");
  }

  private Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", SUPERUSER_PASSWORD);
  }

  public void start() throws IOException, InterruptedException {
    pg(
        "pg_ctl",
        "-D",
        data().toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir,
        "start");
  }

  /** Ends the server at once, as a power cut would: no checkpoint, no goodbye to clients. */
  public void kill() throws IOException, InterruptedException {
    Path pid = data().resolve("postmaster.pid");
    if (!Files.exists(pid)) {
      return;
    }
    String first = Files.readAllLines(pid).get(0).trim();
    run(List.of("kill", "-9", first), dir, false);
    for (int i = 0; i < 600 && ProcessHandle.of(Long.parseLong(first)).isPresent(); i++) {
      Thread.sleep(10);
    }
    // The children go with the postmaster; pg_ctl start recovers from the WAL.
    Files.deleteIfExists(pid);
  }

  public void stop() throws IOException, InterruptedException {
    if (Files.exists(data().resolve("postmaster.pid"))) {
      pg("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
    }
  }

  public String serverLog() throws IOException {
    Path log = dir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      kill();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left in the temporary folder.
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private void pg(String program, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(bin.resolve(program).toString());
    cmd.addAll(List.of(args));
    run(cmd, dir, asPostgres);
  }

  private static void run(List<String> cmd, Path dir, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    Path out = Files.createTempFile("pgcluster", ".out");
    try {
      Process p =
          new ProcessBuilder(full)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", full) + ": no answer in 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", full) + " failed (" + p.exitValue() + "): " + Files.readString(out));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
