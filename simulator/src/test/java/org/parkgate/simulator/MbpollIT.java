package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A third-party Modbus master, mbpoll (Debian package), reads the simulated barrier I/O module over
 * RTU framing through a socat pty and moves the barrier with a coil write. Fails where mbpoll or
 * socat is not installed: `./parking test` installs them.
 */
class MbpollIT extends SimulatorFixture {

  private static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      assertTrue(p.waitFor(15, TimeUnit.SECONDS), "mbpoll hung: " + command);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), out);
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<String> mbpoll(Path tty, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("mbpoll", "-m", "rtu", "-a", "1", "-b", "9600", "-P", "none", "-1", "-o", "2"));
    command.addAll(List.of(args));
    command.add(tty.toString());
    return command;
  }

  @Test
  void mbpollReadsTheInputsAndItsCoilWriteOpensTheBarrier() throws Exception {
    // Not a skip: a check against a real peer that silently does nothing would prove nothing.
    assertTrue(
        installed("mbpoll") && installed("socat"),
        "mbpoll and socat are not installed; run ./parking test, which installs them");
    Path tty = dir.resolve("ttyBarrier");
    Process socat =
        new ProcessBuilder(
                "socat", "pty,raw,echo=0,link=" + tty, "tcp:127.0.0.1:" + site.entryBarrier)
            .redirectErrorStream(true)
            .start();
    try {
      await("pty", () -> Files.exists(tty));
      control.post("/lanes/entry-1/vehicle/arrive", null);

      // mbpoll numbers references from 1: -r 1 is input address 0.
      String inputs = run(mbpoll(tty, "-t", "1", "-r", "1", "-c", "5"));
      assertTrue(
          inputs.matches(
              "(?s).*\\[1]:\\s+1\\s+\\[2]:\\s+0\\s+\\[3]:\\s+0\\s+\\[4]:\\s+1\\s+\\[5]:\\s+0.*"),
          inputs);

      List<String> write = mbpoll(tty, "-t", "0", "-r", "1");
      write.add("1");
      run(write);
      await(
          "barrier open",
          () -> control.lane("entry-1").at("/barrier/position").asText().equals("open"));
      String after = run(mbpoll(tty, "-t", "1", "-r", "3", "-c", "2"));
      assertTrue(after.matches("(?s).*\\[3]:\\s+1\\s+\\[4]:\\s+0.*"), after);
    } finally {
      socat.destroy();
      socat.waitFor(5, TimeUnit.SECONDS);
      socat.destroyForcibly();
    }
  }
}
