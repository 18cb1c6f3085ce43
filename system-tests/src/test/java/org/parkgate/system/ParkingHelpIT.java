package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./parking} subcommand answers {@code --help} (and {@code -h}) with its own usage and
 * exit status 0, whatever else is on the line, and does nothing else. The subcommands are read from
 * {@code ./parking help}, so one added there is checked here too.
 */
class ParkingHelpIT {
  private static final Pattern COMMAND = Pattern.compile("^  ([a-z]+)(?: |$)");

  @TempDir Path dir;

  private RunningProcess parking(String name, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(SystemFixture.ROOT.resolve("parking").toString()));
    command.addAll(List.of(args));
    return RunningProcess.start(name, dir, command);
  }

  private Set<String> subcommands() throws Exception {
    RunningProcess help = parking("help", "help");
    assertEquals(0, help.waitFor(Duration.ofSeconds(30)), help.output());
    Set<String> names = new LinkedHashSet<>();
    for (String line : help.output().split("\n")) {
      Matcher m = COMMAND.matcher(line);
      if (m.find() && !m.group(1).equals("help")) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void everySubcommandAnswersHelpWithItsUsage() throws Exception {
    Set<String> names = subcommands();
    assertTrue(
        names.containsAll(
            List.of(
                "demo",
                "test",
                "fee",
                "verify",
                "backup",
                "zreport",
                "season",
                "blacklist",
                "users",
                "consoles",
                "tariff",
                "central",
                "incidents",
                "lostcards")),
        "the subcommands listed: " + names);
    for (String name : names) {
      for (String flag : List.of("--help", "-h")) {
        RunningProcess p = parking(name + flag, name, flag);
        int code = p.waitFor(Duration.ofSeconds(60));
        String out = p.output();
        assertEquals(0, code, "./parking " + name + " " + flag + " exited " + code + ":\n" + out);
        assertTrue(
            out.startsWith("usage: ./parking " + name),
            "./parking " + name + " " + flag + " shows its usage:\n" + out);
        assertTrue(!out.contains("parking: building"), name + " built nothing:\n" + out);
      }
    }
    // After other arguments too, and without starting anything.
    RunningProcess late = parking("verify-late", "verify", "no-such.db", "--help");
    assertEquals(0, late.waitFor(Duration.ofSeconds(30)), late.output());
    assertTrue(late.output().startsWith("usage: ./parking verify"), late.output());
  }
}
