package org.parkgate.controller;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.parkgate.config.ConfigException;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.fee.TariffException;

/**
 * {@code gate-controller --site FILE [--data DIR]}: runs one car park's lanes until stopped. Exits
 * 2 on a bad argument or configuration, 1 when it cannot start, each with one line why.
 */
public final class ControllerMain {
  private static final String USAGE = "usage: gate-controller --site FILE [--data DIR]";

  private ControllerMain() {}

  public static void main(String[] args) {
    Path site = null;
    Path data = null;
    List<String> a = Arrays.asList(args);
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      switch (arg) {
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return;
        }
        case "--site", "--data" -> {
          if (i + 1 >= a.size()) {
            fail(2, arg + " needs a value; " + USAGE);
          }
          Path value = Path.of(a.get(++i));
          if (arg.equals("--site")) {
            site = value;
          } else {
            data = value;
          }
        }
        default -> fail(2, "unknown argument '" + arg + "'; " + USAGE);
      }
    }
    if (site == null) {
      fail(2, "--site is required; " + USAGE);
    }
    java.time.Clock clock = org.parkgate.time.SharedClock.forMain("gate-controller");
    try {
      GateController controller = GateController.start(site, data, clock);
      Runtime.getRuntime().addShutdownHook(new Thread(controller::close, "shutdown"));
      System.out.println("console API certificate " + controller.consoleCertificate());
      System.out.println(
          "site public key (ledger anchors; keep a copy off this machine for ./parking verify"
              + " --key): "
              + controller.sitePublicKey());
      var demo = controller.demoLoginsInUse();
      if (!demo.isEmpty()) {
        System.out.println(
            "demo logins (change them before real use: ./parking users passwd NAME):");
        for (var d : demo) {
          System.out.printf(
              "  %-12s / %-18s %s%n",
              d.username(), d.password(), d.role().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      System.out.println("controller ready: console API at " + controller.consoleUrl());
    } catch (ConfigException | TariffException e) {
      fail(2, e.getMessage());
    } catch (LedgerException | StartupException e) {
      fail(1, e.getMessage());
    }
  }

  private static void fail(int code, String message) {
    System.err.println("gate-controller: " + message);
    System.exit(code);
  }
}
