package org.parkgate.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.parkgate.config.ConfigException;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;
import org.parkgate.tls.Fingerprint;

/**
 * {@code java -jar cashier-console.jar --site config/sites/demo.yaml [--port N] [--controller
 * ws[s]://host:port/console] [--controller-fingerprint sha256:HEX] [--console-id ID]
 * [--credential-file FILE] [--printer tcp://HOST:PORT|serial:/dev/...|none]}. Accounts live in the
 * controller; the console holds only its own enrolled credential.
 */
public final class ConsoleMain {
  private static final String USAGE =
      "usage: cashier-console --site FILE [--port N] [--controller ws[s]://HOST:PORT/console]"
          + " [--controller-fingerprint sha256:HEX] [--console-id ID] [--credential-file FILE]"
          + " [--printer tcp://HOST:PORT|serial:/dev/...|none]";

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
    String consoleId =
        options.consoleId() != null ? options.consoleId() : "booth-" + settings.httpPort();
    Path credentialFile =
        options.credentialFile() != null
            ? options.credentialFile()
            : ConsoleCredential.defaultFile(site.controller().dataDir(), consoleId);
    String credential;
    try {
      credential = ConsoleCredential.read(credentialFile, consoleId);
    } catch (IOException e) {
      System.err.println("cashier-console: " + e.getMessage());
      System.exit(2);
      return;
    }

    CashierConsole console;
    try {
      org.parkgate.site.DeviceAddress printer =
          options.printer() == null
              ? site.booth(consoleId).map(b -> b.printer()).orElse(null)
              : options.printer().equals(ConsoleOptions.NO_PRINTER)
                  ? null
                  : org.parkgate.site.DeviceAddress.parse(options.printer());
      console =
          CashierConsole.start(
              site,
              settings,
              consoleId,
              credential,
              printer,
              org.parkgate.console.printer.PrinterSettings.DEFAULT);
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

    String host = settings.bindHost().equals("0.0.0.0") ? "127.0.0.1" : settings.bindHost();
    System.out.println(
        "cashier-console: site "
            + site.id()
            + ", console "
            + consoleId
            + ", controller "
            + settings.controllerUrl());
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
}
