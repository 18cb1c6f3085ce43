package org.parkgate.console;

import java.nio.file.Files;
import java.nio.file.Path;

/** The command line, checked: every mistake is an IllegalArgumentException saying which. */
record ConsoleOptions(
    Path site,
    Integer port,
    String controllerUrl,
    String controllerFingerprint,
    String consoleId,
    Path credentialFile,
    String printer) {

  /** {@code --printer none}: this booth has no printer, whatever the site file says. */
  static final String NO_PRINTER = "none";

  static ConsoleOptions parse(String[] args) {
    Path site = null;
    Integer port = null;
    String controller = null;
    String consoleId = null;
    Path credential = null;
    String fingerprint = null;
    String printer = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--site" -> site = Path.of(value(args, ++i, arg));
        case "--controller" -> controller = value(args, ++i, arg);
        case "--controller-fingerprint" -> fingerprint = value(args, ++i, arg);
        case "--console-id" -> consoleId = value(args, ++i, arg);
        case "--credential-file" -> credential = Path.of(value(args, ++i, arg));
        case "--printer" -> {
          printer = value(args, ++i, arg);
          if (!printer.equals(NO_PRINTER)) {
            try {
              if (org.parkgate.site.DeviceAddress.parse(printer)
                  instanceof org.parkgate.site.DeviceAddress.Local) {
                throw new IllegalArgumentException(
                    "'" + printer + "': a printer is on tcp://host:port or serial:/dev/...");
              }
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("--printer: " + e.getMessage());
            }
          }
        }
        case "--port" -> {
          String v = value(args, ++i, arg);
          try {
            port = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            port = -1;
          }
          if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535, not '" + v + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    if (site == null) {
      throw new IllegalArgumentException("--site FILE is required");
    }
    if (!Files.isRegularFile(site)) {
      throw new IllegalArgumentException("site file not found: " + site);
    }
    if (fingerprint != null) {
      try {
        org.parkgate.tls.Fingerprint.parse(fingerprint);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--controller-fingerprint: " + e.getMessage());
      }
    }
    return new ConsoleOptions(site, port, controller, fingerprint, consoleId, credential, printer);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
