package org.parkgate.controller.central;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.parkgate.controller.central.CentralArgs.Args;
import org.parkgate.controller.central.CentralArgs.BadArguments;

/**
 * The head office's copy of every site's ledger, in PostgreSQL (docs/central.md), one subcommand
 * each:
 *
 * <pre>
 *   central init                        install the schema (once, as the database's owner)
 *   central add-site SITE --name NAME --zone ZONE --currency CUR --password-file FILE --by WHO
 *   central disable-site|enable-site SITE --by WHO
 *   central status                      each site: links held, newest, lag, alarms
 *   central alarms [--site S]           what was refused and why
 *   central verify [--site S]           every site's links recomputed from link 1
 * </pre>
 *
 * Each takes {@code --db URL} (a {@code jdbc:postgresql:} URL) and logs in as {@code --user U} with
 * the password in {@code --db-password-file F} ({@code --password-file F} too for init), else as
 * PGUSER with PGPASSWORD. Exit status: 0 done (verify: every link good), 1 refused by the database
 * or a bad link, 2 bad arguments (nothing is changed).
 */
public final class CentralMain {
  static final String USAGE =
      "usage: central init | central add-site SITE --name NAME --zone ZONE --currency CUR"
          + " --password-file FILE --by WHO | central disable-site|enable-site SITE --by WHO"
          + " | central status | central alarms [--site S] | central verify [--site S]"
          + " | central set-key SITE --key site-key.pub --by WHO | central watch [once]"
          + " [--every SECONDS] | central restore SITE --to FILE | central serve [--bind H]"
          + " [--port P]"
          + " (each with --db jdbc:postgresql://HOST[:PORT]/DB [--user U] [--db-password-file F],"
          + " else PGUSER and PGPASSWORD)";
  static final int BAD = 1;
  static final int BAD_ARGUMENTS = 2;
  static final int MIN_SITE_PASSWORD = 12;
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  static final Set<String> CONNECTION = Set.of("db", "user", "db-password-file");

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  CentralMain(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    // Site names may be in Chinese whatever the locale says.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
    System.exit(new CentralMain(System.getenv(), out, err).run(List.of(args)));
  }

  /** Work done on the database once the arguments are known good. */
  @FunctionalInterface
  private interface Work {
    int on(Connection db) throws SQLException;
  }

  int run(List<String> args) {
    if (args.isEmpty()) {
      return usage(
          "a command is needed (init, add-site, disable-site, enable-site, status, alarms,"
              + " verify, set-key, watch, restore, serve)");
    }
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    if (args.get(0).equals("serve")) {
      return serve(args.subList(1, args.size()));
    }
    Args a;
    Work work;
    Properties login;
    String url;
    try {
      String command = args.get(0);
      List<String> rest = args.subList(1, args.size());
      switch (command) {
        case "init" -> {
          a = Args.parse(rest, Set.of("password-file"));
          a.noMoreWords(0);
          work = this::init;
        }
        case "add-site" -> {
          a = Args.parse(rest, Set.of("name", "zone", "currency", "password-file", "by"));
          work = addSite(a);
        }
        case "disable-site", "enable-site" -> {
          a = Args.parse(rest, Set.of("by"));
          String site = site(a.word(0, "a site id"));
          String by = a.required("by");
          a.noMoreWords(1);
          boolean enable = command.equals("enable-site");
          work = db -> enable(db, site, enable, by);
        }
        case "status" -> {
          a = Args.parse(rest, Set.of());
          a.noMoreWords(0);
          work = db -> new CentralStatus(out).status(db);
        }
        case "alarms" -> {
          a = Args.parse(rest, Set.of("site"));
          a.noMoreWords(0);
          String site = a.options().containsKey("site") ? site(a.required("site")) : null;
          work = db -> new CentralStatus(out).alarms(db, site);
        }
        case "verify" -> {
          a = Args.parse(rest, Set.of("site"));
          a.noMoreWords(0);
          String site = a.options().containsKey("site") ? site(a.required("site")) : null;
          work = db -> new CentralChecks(out, err).verify(db, site);
        }
        case "watch" -> {
          a = Args.parse(rest, Set.of("every"));
          boolean once = a.words().remove("once");
          a.noMoreWords(0);
          long every;
          try {
            every = Long.parseLong(a.options().getOrDefault("every", "10"));
          } catch (NumberFormatException e) {
            throw new BadArguments("--every must be whole seconds");
          }
          if (every < 1 || every > 3600) {
            throw new BadArguments("--every must be from 1 to 3600 seconds");
          }
          long everyMillis = every * 1000;
          work =
              db -> {
                Map<String, Long> checked = new HashMap<>();
                while (true) {
                  int bad = new CentralChecks(out, err).watchOnce(db, checked);
                  if (once) {
                    return bad == 0 ? 0 : BAD;
                  }
                  try {
                    Thread.sleep(everyMillis);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                  }
                }
              };
        }
        case "set-key" -> {
          a = Args.parse(rest, Set.of("key", "by"));
          String site = site(a.word(0, "a site id"));
          java.nio.file.Path file = java.nio.file.Path.of(a.required("key"));
          String by = a.required("by");
          a.noMoreWords(1);
          String keyText;
          try {
            keyText = java.nio.file.Files.readString(file).strip();
            org.parkgate.controller.ledger.SiteKey.publicKey(keyText);
          } catch (java.io.IOException | RuntimeException e) {
            throw new BadArguments(
                "--key " + file + " is not a site public key (site-key.pub): " + e.getMessage());
          }
          work =
              db -> {
                CentralSchema.setKey(db, site, keyText, by);
                out.println("site " + site + ": key set; central verify checks its anchors");
                return 0;
              };
        }
        case "restore" -> {
          a = Args.parse(rest, Set.of("to"));
          String site = site(a.word(0, "a site id"));
          java.nio.file.Path to = java.nio.file.Path.of(a.required("to"));
          a.noMoreWords(1);
          if (java.nio.file.Files.exists(to)) {
            throw new BadArguments("--to " + to + " exists: restore into a new file");
          }
          work = db -> CentralRestore.restore(db, site, to, out, err);
        }
        default -> throw new BadArguments("unknown command '" + command + "'");
      }
      url = a.required("db");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new BadArguments("--db must be a jdbc:postgresql:// URL, not '" + url + "'");
      }
      login = login(a, command.equals("init"));
    } catch (BadArguments e) {
      return usage(e.getMessage());
    }
    try (Connection db = DriverManager.getConnection(url, login)) {
      return work.on(db);
    } catch (SQLException e) {
      err.println("central: " + oneLine(e.getMessage()));
      return BAD;
    }
  }

  private Properties login(Args a, boolean init) {
    Properties p = new Properties();
    String user = a.options().getOrDefault("user", env.get("PGUSER"));
    if (user != null && !user.isBlank()) {
      p.setProperty("user", user.strip());
    }
    String file = a.options().get("db-password-file");
    if (file == null && init) {
      file = a.options().get("password-file");
    } else if (file != null && init && a.options().containsKey("password-file")) {
      throw new BadArguments(
          "give the password in --password-file or --db-password-file, not both");
    }
    String password = file != null ? readPassword(file, 1) : env.get("PGPASSWORD");
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  /** The file's one line (a final newline dropped); refused when empty or shorter than min. */
  private static String readPassword(String file, int min) {
    String text;
    try {
      text = Files.readString(Path.of(file), UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new BadArguments("cannot read the password file " + file);
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.contains("\n") || text.contains("\r")) {
      throw new BadArguments("the password file " + file + " must hold one line");
    }
    if (text.length() < min || text.length() > 256) {
      throw new BadArguments(
          "the password in " + file + " must be " + min + "-256 characters, not " + text.length());
    }
    return text;
  }

  private static String site(String id) {
    if (!CentralSchema.SITE_ID.matcher(id).matches()) {
      throw new BadArguments(
          "site id '"
              + id
              + "' must be letters, digits, '-' or '_' (at most 40, a letter or"
              + " digit first)");
    }
    return id;
  }

  /**
   * Serves head office's finance page until stopped: {@code --db URL [--bind HOST] [--port P]};
   * people log in with their own database roles.
   */
  private int serve(List<String> rest) {
    String url;
    java.net.InetSocketAddress bind;
    try {
      Args a = Args.parse(rest, Set.of("bind", "port"));
      a.noMoreWords(0);
      url = a.required("db");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new BadArguments("--db must be a jdbc:postgresql:// URL, not '" + url + "'");
      }
      int port;
      try {
        port = Integer.parseInt(a.options().getOrDefault("port", "8090"));
      } catch (NumberFormatException e) {
        throw new BadArguments("--port must be a number from 1 to 65535");
      }
      if (port < 1 || port > 65535) {
        throw new BadArguments("--port must be a number from 1 to 65535");
      }
      bind = new java.net.InetSocketAddress(a.options().getOrDefault("bind", "127.0.0.1"), port);
    } catch (BadArguments e) {
      return usage(e.getMessage());
    }
    return HeadOfficePage.serve(url, bind, out, err);
  }

  private int init(Connection db) throws SQLException {
    if (CentralSchema.installed(db)) {
      err.println("central: the central schema is installed already");
      return BAD;
    }
    CentralSchema.install(db);
    CentralViews.install(db);
    out.println("central schema installed");
    return 0;
  }

  private Work addSite(Args a) {
    String site = site(a.word(0, "a site id"));
    String name = a.required("name");
    String zone = a.required("zone");
    try {
      ZoneId z = ZoneId.of(zone);
      if (z instanceof ZoneOffset || !ZoneId.getAvailableZoneIds().contains(zone)) {
        throw new BadArguments("");
      }
    } catch (RuntimeException e) {
      throw new BadArguments("--zone '" + zone + "' is not a time zone such as Asia/Shanghai");
    }
    String currency = a.required("currency");
    try {
      if (!CURRENCY.matcher(currency).matches()) {
        throw new IllegalArgumentException();
      }
      Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new BadArguments("--currency '" + currency + "' is not an ISO 4217 code such as CNY");
    }
    String password = readPassword(a.required("password-file"), MIN_SITE_PASSWORD);
    String by = a.required("by");
    a.noMoreWords(1);
    return db -> {
      if (!CentralSchema.installed(db)) {
        err.println("central: the central schema is not installed (central init)");
        return BAD;
      }
      if (CentralSchema.siteExists(db, site)) {
        err.println("central: site " + site + " is registered already");
        return BAD;
      }
      CentralSchema.addSite(db, site, name, zone, currency, password, by);
      out.println(
          "site "
              + site
              + " added; it ships as role "
              + CentralSchema.roleOf(site)
              + " with the password in "
              + a.required("password-file"));
      return 0;
    };
  }

  private int enable(Connection db, String site, boolean enable, String by) throws SQLException {
    if (!CentralSchema.siteExists(db, site)) {
      err.println("central: no site '" + site + "' is registered at head office");
      return BAD;
    }
    if (!CentralSchema.setEnabled(db, site, enable, by)) {
      err.println(
          "central: site " + site + " is " + (enable ? "enabled" : "disabled") + " already");
      return BAD;
    }
    out.println(
        "site "
            + site
            + (enable
                ? " enabled: its links are taken again"
                : " disabled: its links are refused"));
    return 0;
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private int usage(String problem) {
    err.println("central: " + problem);
    err.println(USAGE);
    return BAD_ARGUMENTS;
  }
}
