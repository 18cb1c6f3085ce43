package org.parkgate.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./parking fee} starts on a short class path from a class-data-sharing archive (see the
 * script's fee_fast); whatever state that archive is in, it prints exactly what the plain {@code
 * java -cp gate-controller.jar} command prints, to the byte, with the same exit status. Not timed:
 * docs/benchmarks.md measures the start-up.
 */
class FeeStartIT {

  private static final Path ROOT = SystemFixture.ROOT;
  private static final Path ARCHIVE = ROOT.resolve("gate-controller/target/fee.jsa");

  @TempDir static Path dir;

  private record Result(int status, String out, String err) {}

  private static List<List<String>> cases() throws IOException {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "id: t\ncurrency: CNY\nrules: [a, b\n");
    return List.of(
        List.of(
            "--tariff",
            "config/tariffs/city-centre.yaml",
            "--entry",
            "2027-01-09T10:00",
            "--exit",
            "2027-01-09T12:01"),
        List.of(
            "--tariff",
            "config/tariffs/china-typical.yaml",
            "--entry",
            "2027-01-09T10:00",
            "--exit",
            "2027-01-12T08:30",
            "--lost"),
        List.of(
            "--tariff",
            "config/tariffs/mall.yaml",
            "--entry",
            "2027-01-09T10:00",
            "--exit",
            "2027-01-09T15:00",
            "--class",
            "truck",
            "--voucher",
            "SHOP2H",
            "--voucher",
            "HALF"),
        List.of(
            "--tariff",
            "config/tariffs/versions-london.yaml",
            "--entry",
            "2027-03-31T22:00",
            "--exit",
            "2027-04-01T09:00Z"),
        List.of(
            "--tariff",
            "config/tariffs/day-night.yaml",
            "--entry",
            "2027-01-01T08:00",
            "--exit",
            "2027-01-31T08:00"),
        List.of(
            "--tariff",
            "config/tariffs/city-centre.yaml",
            "--zone",
            "America/New_York",
            "--entry",
            "2027-03-14T02:30",
            "--exit",
            "2027-03-14T05:00"),
        List.of("--tariff", "config/tariffs/nope.yaml", "--entry", "x", "--exit", "y"),
        List.of("--tariff", broken.toString(), "--entry", "x", "--exit", "y"),
        List.of("--tarif", "config/tariffs/city-centre.yaml"));
  }

  @BeforeAll
  static void buildAndArchiveOnce() throws Exception {
    // The first run builds what is missing and makes the archive; neither is what is compared.
    script(cases().get(0), 600);
  }

  @Test
  void theScriptPrintsWhatThePlainJavaCommandPrints() throws Exception {
    assertTrue(Files.size(ARCHIVE) > 0, "the first run leaves an archive for the next ones");
    for (List<String> args : cases()) {
      assertEquals(plain(args), script(args, 120), String.join(" ", args));
    }
  }

  @Test
  void aBrokenStaleOrMissingArchiveChangesNothing() throws Exception {
    List<String> args = cases().get(1);
    Result expected = plain(args);
    Files.delete(ARCHIVE); // the JVM writes archives read-only
    Files.write(ARCHIVE, "not an archive".getBytes(UTF_8));
    assertEquals(expected, script(args, 120), "a broken archive");
    Files.delete(ARCHIVE);
    assertEquals(expected, script(args, 120), "no archive: one is made on the way");
    assertTrue(Files.size(ARCHIVE) > 0, "a fresh archive");
    Files.setLastModifiedTime(ARCHIVE, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
    assertEquals(expected, script(args, 120), "an archive older than the jars is made again");
    assertTrue(
        Files.getLastModifiedTime(ARCHIVE)
            .toInstant()
            .isAfter(Instant.parse("2001-01-01T00:00:00Z")),
        "the stale archive was replaced");
    assertEquals(expected, script(args, 120), "the remade archive");
    // A jar swapped for a copy older than the archive: the script keeps the archive, the JVM
    // finds it no longer matches and says nothing about it.
    Path jar;
    try (Stream<Path> jars = Files.list(ROOT.resolve("gate-controller/target/lib"))) {
      jar = jars.filter(j -> j.getFileName().toString().startsWith("snakeyaml-")).findFirst().get();
    }
    FileTime was = Files.getLastModifiedTime(jar);
    try {
      Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
      assertEquals(expected, script(args, 120), "an archive its jars no longer match");
    } finally {
      Files.setLastModifiedTime(jar, was);
    }
  }

  private static Result script(List<String> args, int seconds) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("parking").toString(), "fee"));
    command.addAll(args);
    return run(command, seconds);
  }

  private static Result plain(List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-cp",
                "gate-controller/target/gate-controller.jar",
                "org.parkgate.fee.cli.FeeCli"));
    command.addAll(args);
    return run(command, 120);
  }

  private static Result run(List<String> command, int seconds) throws Exception {
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> all(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> all(p.getErrorStream()));
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + seconds + " s");
    }
    return new Result(p.exitValue(), new String(out.get(), UTF_8), new String(err.get(), UTF_8));
  }

  private static byte[] all(java.io.InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
