package org.parkgate.controller.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;

/**
 * People's accounts, kept by the controller; each change is a chained ledger row with who made it,
 * and ends the person's live sessions at their next command:
 *
 * <pre>
 *   users add NAME --role ROLE [--name "DISPLAY NAME"] --by WHO   (password on standard input)
 *   users passwd NAME --by WHO                                    (password on standard input)
 *   users role NAME --role ROLE --by WHO
 *   users disable|enable|unlock NAME --by WHO
 *   users list
 * </pre>
 *
 * Each takes {@code --db DB} or {@code --site FILE}. Exit status: 0 done, 1 refused by the ledger,
 * 2 bad arguments.
 */
public final class UsersMain {
  static final String USAGE =
      "usage: users add NAME --role cashier|supervisor|finance|admin [--name DISPLAY] --by WHO"
          + " | users passwd NAME --by WHO (password on standard input)"
          + " | users role NAME --role ROLE --by WHO | users disable|enable|unlock NAME --by WHO"
          + " | users list (each with [--db DB] or [--site FILE])";
  static final int MIN_PASSWORD = 8;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  private final Clock clock;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  UsersMain(Clock clock, InputStream in, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        new UsersMain(
                org.parkgate.time.SharedClock.forMain("users"), System.in, System.out, System.err)
            .run(List.of(args)));
  }

  int run(List<String> args) {
    AdminArgs a;
    String command;
    try {
      a = AdminArgs.parse(args, Set.of("role", "name", "by"));
      command = a.word(0, "a command (add, passwd, role, disable, enable, unlock, list)");
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try (Ledger ledger = Ledger.open(a.db(), "site")) {
      Accounts accounts = new Accounts(ledger);
      return switch (command) {
        case "add" -> add(a, accounts);
        case "passwd" -> passwd(a, accounts);
        case "role" -> role(a, accounts);
        case "disable" -> change(a, accounts, Accounts.Action.DISABLE, x -> x.withEnabled(false));
        case "enable" -> change(a, accounts, Accounts.Action.ENABLE, x -> x.withEnabled(true));
        case "unlock" -> change(a, accounts, Accounts.Action.UNLOCK, x -> x.withLocked(false));
        case "list" -> list(a, accounts);
        default -> usage("unknown command '" + command + "'");
      };
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (LedgerException e) {
      err.println("users: " + e.getMessage());
      return 1;
    }
  }

  private int add(AdminArgs a, Accounts accounts) {
    String name = name(a);
    Role role = role(a.required("role"));
    String by = a.required("by");
    String display = a.option("name") == null ? name : a.option("name").strip();
    a.noMoreWords(2);
    String hash = new PasswordHasher().hash(password());
    accounts.add(name, display, role, hash, false, by, clock.instant());
    out.println("user " + name + " added as " + label(role));
    return 0;
  }

  private int passwd(AdminArgs a, Accounts accounts) {
    String name = name(a);
    String by = a.required("by");
    a.noMoreWords(2);
    String hash = new PasswordHasher().hash(password());
    accounts.change(
        name, Accounts.Action.PASSWD, x -> x.withPassword(hash, false), by, null, clock.instant());
    out.println("password of " + name + " changed; their sessions end");
    return 0;
  }

  private int role(AdminArgs a, Accounts accounts) {
    String name = name(a);
    Role role = role(a.required("role"));
    String by = a.required("by");
    a.noMoreWords(2);
    accounts.change(name, Accounts.Action.ROLE, x -> x.withRole(role), by, null, clock.instant());
    out.println(name + " is now " + label(role) + "; their sessions end");
    return 0;
  }

  private int change(
      AdminArgs a,
      Accounts accounts,
      Accounts.Action action,
      java.util.function.UnaryOperator<Accounts.Account> next) {
    String name = name(a);
    String by = a.required("by");
    a.noMoreWords(2);
    Accounts.Account now =
        accounts.find(name).orElseThrow(() -> new LedgerException("no user '" + name + "'"));
    Accounts.Account after = next.apply(now);
    if (after.enabled() == now.enabled() && after.locked() == now.locked()) {
      err.println("users: " + name + " is " + state(now) + " already");
      return 1;
    }
    accounts.change(name, action, next, by, null, clock.instant());
    out.println(name + " is now " + state(after));
    return 0;
  }

  private int list(AdminArgs a, Accounts accounts) {
    a.noMoreWords(1);
    List<Accounts.Account> all = accounts.list();
    if (all.isEmpty()) {
      out.println("no users");
    }
    for (Accounts.Account x : all) {
      out.printf(
          "%-16s %-10s %-9s %-24s changed %s by %s%s%n",
          x.username(),
          label(x.role()),
          state(x),
          x.displayName(),
          x.changedAt(),
          x.changedBy(),
          x.demo() ? " (demo password)" : "");
    }
    return 0;
  }

  private String password() {
    String password;
    if (System.console() != null && in == System.in) {
      char[] typed = System.console().readPassword("new password: ");
      password = typed == null ? "" : new String(typed);
    } else {
      try {
        String line =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        password = line == null ? "" : line;
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the password: " + e.getMessage());
      }
    }
    if (password.length() < MIN_PASSWORD || password.length() > 256) {
      throw new IllegalArgumentException(
          "the password must be " + MIN_PASSWORD + "-256 characters (read from standard input)");
    }
    return password;
  }

  private static String name(AdminArgs a) {
    String name = a.word(1, "a user name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "user name '" + name + "' must be 1-32 letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  private static Role role(String text) {
    return Role.parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "role '" + text + "' must be one of cashier, supervisor, finance, admin"));
  }

  private static String label(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  private static String state(Accounts.Account a) {
    return !a.enabled() ? "disabled" : a.locked() ? "locked" : "active";
  }

  private int usage(String problem) {
    err.println("users: " + problem);
    err.println(USAGE);
    return 2;
  }
}
