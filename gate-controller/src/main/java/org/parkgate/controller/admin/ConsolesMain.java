package org.parkgate.controller.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.ConsoleCredentials;
import org.parkgate.controller.ledger.Consoles;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.OwnerOnly;

/**
 * Enrols the consoles that may talk to the controller; each change is a chained ledger row:
 *
 * <pre>
 *   consoles add ID [--roles R,R] [--credential-file FILE] --by WHO
 *                                                        enrol (or re-enrol with a new credential)
 *                                                        for the roles that log in there (default
 *                                                        all): only they may, and the console is
 *                                                        sent only what they may see
 *   consoles ensure ID --credential-file FILE            enrol unless FILE already holds a working
 *                                                        credential of the enrolled console
 *   consoles disable ID --by WHO | consoles enable ID --by WHO
 *   consoles list
 * </pre>
 *
 * The credential is printed once, or written to FILE readable by its owner only; the ledger keeps
 * only its hash. Each takes {@code --db DB} or {@code --site FILE}. Exit status: 0 done, 1 refused
 * by the ledger, 2 bad arguments.
 */
public final class ConsolesMain {
  static final String USAGE =
      "usage: consoles add ID [--roles R,R] [--credential-file FILE] --by WHO | consoles ensure ID"
          + " [--credential-file FILE] | consoles disable|enable ID --by WHO | consoles list"
          + " (each with [--db DB] or [--site FILE])";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  ConsolesMain(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        new ConsolesMain(org.parkgate.time.SharedClock.forMain("consoles"), System.out, System.err)
            .run(List.of(args)));
  }

  int run(List<String> args) {
    AdminArgs a;
    String command;
    try {
      a = AdminArgs.parse(args, Set.of("credential-file", "by", "roles"));
      command = a.word(0, "a command (add, ensure, disable, enable, list)");
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try (Ledger ledger = Ledger.open(a.db(), "site")) {
      Consoles consoles = new Consoles(ledger);
      return switch (command) {
        case "add" -> add(a, consoles);
        case "ensure" -> ensure(a, consoles);
        case "disable", "enable" -> enable(a, consoles, command.equals("enable"));
        case "list" -> list(a, consoles);
        default -> usage("unknown command '" + command + "'");
      };
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (LedgerException e) {
      err.println("consoles: " + e.getMessage());
      return 1;
    }
  }

  private int add(AdminArgs a, Consoles consoles) {
    String id = id(a);
    String by = a.required("by");
    a.noMoreWords(2);
    String file = a.option("credential-file");
    if (file != null && Files.exists(Path.of(file))) {
      throw new IllegalArgumentException(
          file + " exists; remove it first to give console " + id + " a new credential");
    }
    String credential = ConsoleCredentials.generate();
    if (file != null) {
      write(Path.of(file), credential);
    }
    consoles.add(id, ConsoleCredentials.hash(credential), roles(a), by, clock.instant());
    if (file != null) {
      out.println("console " + id + " enrolled; its credential is in " + file);
    } else {
      out.println("console " + id + " enrolled; its credential (shown once, keep it secret):");
      out.println(credential);
    }
    return 0;
  }

  private int ensure(AdminArgs a, Consoles consoles) {
    String id = id(a);
    Path file = credentialFile(a, id);
    a.noMoreWords(2);
    var enrolled = consoles.find(id);
    if (enrolled.isPresent() && enrolled.get().enabled() && Files.isRegularFile(file)) {
      try {
        if (ConsoleCredentials.matches(
            Files.readString(file).strip(), enrolled.get().credentialHash())) {
          out.println("console " + id + " is enrolled; its credential is in " + file);
          return 0;
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
      }
    }
    if (enrolled.isPresent() && !enrolled.get().enabled()) {
      err.println("consoles: console " + id + " is disabled; enable it first");
      return 1;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot replace " + file + ": " + e.getMessage());
    }
    String credential = ConsoleCredentials.generate();
    write(file, credential);
    consoles.add(id, ConsoleCredentials.hash(credential), roles(a), "setup", clock.instant());
    out.println("console " + id + " enrolled; its credential is in " + file);
    return 0;
  }

  private int enable(AdminArgs a, Consoles consoles, boolean on) {
    String id = id(a);
    String by = a.required("by");
    a.noMoreWords(2);
    consoles.setEnabled(id, on, by, clock.instant());
    out.println("console " + id + (on ? " enabled" : " disabled: the controller refuses it now"));
    return 0;
  }

  private int list(AdminArgs a, Consoles consoles) {
    a.noMoreWords(1);
    var all = consoles.list();
    if (all.isEmpty()) {
      out.println("no consoles enrolled");
    }
    for (Consoles.Enrolled c : all) {
      out.printf(
          "%-20s %-8s for %-36s since %s by %s%n",
          c.consoleId(),
          c.enabled() ? "enabled" : "disabled",
          Consoles.names(c.roles()).toLowerCase(java.util.Locale.ROOT),
          c.at(),
          c.by());
    }
    return 0;
  }

  /**
   * {@code --credential-file}, or with {@code --site} the console's default: {@code
   * <controller.dataDir>/console/<id>.credential}, where the console looks for it.
   */
  static Path credentialFile(AdminArgs a, String id) {
    if (a.option("credential-file") != null || a.site() == null) {
      return Path.of(a.required("credential-file"));
    }
    return a.site().controller().dataDir().resolve("console").resolve(id + ".credential");
  }

  /** {@code --roles cashier,supervisor}: who may log in there and what it sees; default all. */
  static java.util.Set<Role> roles(AdminArgs a) {
    String text = a.option("roles");
    if (text == null) {
      return java.util.EnumSet.allOf(Role.class);
    }
    java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
    for (String name : text.split(",")) {
      roles.add(
          Role.parse(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--roles: '"
                              + name.strip()
                              + "' is not one of cashier, supervisor, finance, admin")));
    }
    return roles;
  }

  private static String id(AdminArgs a) {
    String id = a.word(1, "a console id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "console id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  private static void write(Path file, String credential) {
    try {
      OwnerOnly.writeNew(file, credential + "\n");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
    }
  }

  private int usage(String problem) {
    err.println("consoles: " + problem);
    err.println(USAGE);
    return 2;
  }
}
