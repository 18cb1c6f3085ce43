package org.parkgate.console;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.parkgate.config.ConfigException;
import org.parkgate.console.auth.PasswordHasher;
import org.parkgate.console.auth.UserStore;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;
import org.parkgate.tls.Fingerprint;

/**
 * {@code java -jar cashier-console.jar --site config/sites/demo.yaml [--users FILE] [--port N]
 * [--controller ws[s]://host:port/console] [--controller-fingerprint sha256:HEX] [--console-id
 * ID]}, or {@code --hash-password}.
 */
public final class ConsoleMain {
  private static final String USAGE =
      "usage: cashier-console --site FILE [--users FILE] [--port N] [--controller ws[s]://HOST:PORT/console]\n"
          + "                      [--controller-fingerprint sha256:HEX] [--console-id ID]\n"
          + "       cashier-console --hash-password   (reads a password on stdin, prints its hash for the users file)";

  private ConsoleMain() {}

  public static void main(String[] args) throws Exception {
    ConsoleOptions options;
    try {
      options = ConsoleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("cashier-console: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.hashPassword()) {
      hashPassword();
      return;
    }
    SiteConfig site;
    try {
      site = SiteConfigLoader.load(options.site());
    } catch (ConfigException e) {
      System.err.println("cashier-console: " + e.getMessage());
      System.exit(2);
      return;
    }
    SiteConfig.ConsoleSettings configured = site.console();
    SiteConfig.ConsoleSettings settings =
        new SiteConfig.ConsoleSettings(
            configured.bindHost(),
            options.port() != null ? options.port() : configured.httpPort(),
            options.controllerUrl() != null ? options.controllerUrl() : configured.controllerUrl(),
            options.controllerFingerprint() != null
                ? Fingerprint.parse(options.controllerFingerprint())
                : configured.controllerFingerprint(),
            configured.plainOffLoopback(),
            configured.https(),
            configured.dataDir());
    Path users =
        options.users() != null ? options.users() : settings.dataDir().resolve("users.yaml");
    String consoleId =
        options.consoleId() != null ? options.consoleId() : "booth-" + settings.httpPort();

    CashierConsole console;
    try {
      console = CashierConsole.start(site, settings, users, consoleId);
    } catch (IllegalArgumentException e) {
      System.err.println("cashier-console: " + e.getMessage());
      System.exit(2);
      return;
    } catch (PortInUseException e) {
      System.err.println("cashier-console: " + e.getMessage());
      System.exit(3);
      return;
    } catch (Exception e) {
      System.err.println("cashier-console: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    // SIGINT and SIGTERM run shutdown hooks: close sockets and the controller link in order.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  console.close();
                  System.out.println("cashier-console: stopped");
                  stopped.countDown();
                },
                "console-shutdown"));

    printDemoLogins(console.users(), users);
    String host = settings.bindHost().equals("0.0.0.0") ? "127.0.0.1" : settings.bindHost();
    System.out.println(
        "cashier-console: site " + site.id() + ", controller " + settings.controllerUrl());
    if (console.boothCertificate() != null) {
      System.out.println("cashier-console: booth certificate " + console.boothCertificate());
    }
    System.out.println(
        "cashier-console: console ready at "
            + (settings.https() ? "https://" : "http://")
            + host
            + ":"
            + console.httpPort()
            + "/");
    System.out.flush();
    stopped.await();
  }

  private static void printDemoLogins(UserStore store, Path usersFile) {
    var demo = store.demoLoginsInUse();
    if (demo.isEmpty()) {
      return;
    }
    System.out.println(
        "cashier-console: demo logins (from " + usersFile + "; change them before real use):");
    for (UserStore.DemoLogin d : demo) {
      System.out.printf(
          "  %-12s / %-18s %s%n",
          d.username(), d.password(), d.role().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static void hashPassword() throws Exception {
    String password;
    if (System.console() != null) {
      char[] typed = System.console().readPassword("password: ");
      password = typed == null ? "" : new String(typed);
    } else {
      password =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    if (password == null || password.length() < 8) {
      System.err.println("cashier-console: a password needs at least 8 characters");
      System.exit(2);
    }
    System.out.println(new PasswordHasher().hash(password));
  }
}
