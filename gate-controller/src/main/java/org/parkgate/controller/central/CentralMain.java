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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.parkgate.controller.ledger.ChainLinks;

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
  private static final Set<String> CONNECTION = Set.of("db", "user", "db-password-file");

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

  /** A mistake in the arguments: one line, exit 2, nothing changed. */
  private static final class BadArguments extends RuntimeException {
    BadArguments(String message) {
      super(message);
    }
  }

  /** Positional words, then {@code --key value} options from a known set. */
  private record Args(List<String> words, Map<String, String> options) {
    static Args parse(List<String> args, Set<String> known) {
      List<String> words = new ArrayList<>();
      Map<String, String> options = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.startsWith("--")) {
          String key = a.substring(2);
          if (!known.contains(key) && !CONNECTION.contains(key)) {
            throw new BadArguments("unknown option '" + a + "'");
          }
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new BadArguments(a + " needs a value");
          }
          if (options.put(key, args.get(++i)) != null) {
            throw new BadArguments(a + " is given twice");
          }
        } else {
          words.add(a);
        }
      }
      return new Args(words, options);
    }

    String required(String key) {
      String v = options.get(key);
      if (v == null || v.isBlank()) {
        throw new BadArguments("--" + key + " is needed");
      }
      return v.strip();
    }

    String word(int i, String what) {
      if (i >= words.size()) {
        throw new BadArguments(what + " is needed");
      }
      return words.get(i);
    }

    void noMoreWords(int count) {
      if (words.size() > count) {
        throw new BadArguments("unexpected '" + words.get(count) + "'");
      }
    }
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
          work = this::status;
        }
        case "alarms" -> {
          a = Args.parse(rest, Set.of("site"));
          a.noMoreWords(0);
          String site = a.options().containsKey("site") ? site(a.required("site")) : null;
          work = db -> alarms(db, site);
        }
        case "verify" -> {
          a = Args.parse(rest, Set.of("site"));
          a.noMoreWords(0);
          String site = a.options().containsKey("site") ? site(a.required("site")) : null;
          work = db -> verify(db, site);
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
                  int bad = watchOnce(db, checked);
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
          work = db -> restore(db, site, to);
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
    try {
      HeadOfficePage page = HeadOfficePage.start(url, bind, java.time.Clock.systemUTC());
      out.println(
          "head office reports at http://" + bind.getHostString() + ":" + page.port() + "/");
      Runtime.getRuntime().addShutdownHook(new Thread(page::close));
      Thread.currentThread().join();
      return 0;
    } catch (java.io.IOException e) {
      err.println("central: cannot serve on " + bind + ": " + e.getMessage());
      return BAD;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private int restore(Connection db, String site, java.nio.file.Path to) throws SQLException {
    try {
      org.parkgate.controller.ledger.ChainRebuild.Rebuilt r = CentralRestore.restore(db, site, to);
      out.println(
          "site "
              + site
              + " rebuilt from head office into "
              + to
              + ": "
              + r.links()
              + " links, newest link "
              + r.head().link()
              + "; "
              + r.result().summary());
      return 0;
    } catch (org.parkgate.controller.ledger.LedgerException e) {
      err.println("central: " + e.getMessage());
      return BAD;
    }
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
      if (siteExists(db, site)) {
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

  private static boolean siteExists(Connection db, String site) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT 1 FROM central.sites WHERE site_id = ?")) {
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  private int enable(Connection db, String site, boolean enable, String by) throws SQLException {
    if (!siteExists(db, site)) {
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

  private int status(Connection db) throws SQLException {
    String sql =
        "SELECT s.site_id, s.enabled, s.name,"
            + " (SELECT count(*) FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT max(l.link) FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT max(l.received_at) FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT extract(epoch FROM clock_timestamp() - max(l.received_at))::bigint"
            + "    FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT count(*) FROM central.alarms a WHERE a.site_id = s.site_id)"
            + " FROM central.sites s ORDER BY s.site_id";
    int sites = 0;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        sites++;
        long held = r.getLong(4);
        long newest = r.getLong(5);
        String at = r.getString(6);
        long lag = r.getLong(7);
        out.printf(
            "%-16s %-8s links %d, %s, alarms %d  (%s)%n",
            r.getString(1),
            r.getBoolean(2) ? "enabled" : "DISABLED",
            held,
            held == 0
                ? "none received yet"
                : "newest " + newest + " received " + at + ", " + lag(lag) + " ago",
            r.getLong(8),
            r.getString(3));
      }
    }
    if (sites == 0) {
      out.println("no sites registered (central add-site)");
    }
    return 0;
  }

  /** A lag in seconds as a person reads it: 45s, 12m05s, 3h07m, 2d04h. */
  static String lag(long seconds) {
    if (seconds < 60) {
      return Math.max(0, seconds) + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86_400) {
      return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format("%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
  }

  private int alarms(Connection db, String site) throws SQLException {
    String sql =
        "SELECT at, site_id, kind, link, db_role, detail FROM central.alarms"
            + (site == null ? "" : " WHERE site_id = ?")
            + " ORDER BY alarm_id";
    int n = 0;
    try (PreparedStatement p = db.prepareStatement(sql)) {
      if (site != null) {
        p.setString(1, site);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          n++;
          long link = r.getLong(4);
          String linkText = r.wasNull() ? "-" : Long.toString(link);
          out.printf(
              "%s %-16s %-12s link %-8s role %s: %s%n",
              r.getString(1),
              r.getString(2) == null ? "-" : r.getString(2),
              r.getString(3),
              linkText,
              r.getString(5),
              oneLine(r.getString(6)));
        }
      }
    }
    out.println(n == 0 ? "no alarms" : n + (n == 1 ? " alarm" : " alarms"));
    return 0;
  }

  private int verify(Connection db, String only) throws SQLException {
    List<String> sites = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT site_id FROM central.sites"
                + (only == null ? "" : " WHERE site_id = ?")
                + " ORDER BY site_id")) {
      if (only != null) {
        p.setString(1, only);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          sites.add(r.getString(1));
        }
      }
    }
    if (only != null && sites.isEmpty()) {
      err.println("central: no site '" + only + "' is registered at head office");
      return BAD;
    }
    if (sites.isEmpty()) {
      out.println("no sites registered (central add-site)");
      return 0;
    }
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false); // a cursor, not every link in memory
    db.setReadOnly(true);
    int bad = 0;
    try {
      for (String site : sites) {
        String problem = verifySite(db, site);
        if (problem != null) {
          bad++;
          out.println("site " + site + ": BAD " + problem);
        }
      }
    } finally {
      db.rollback();
      db.setReadOnly(false);
      db.setAutoCommit(auto);
    }
    return bad == 0 ? 0 : BAD;
  }

  /** Null when every link of the site chains from link 1, else the first bad link. */
  private String verifySite(Connection db, String site) throws SQLException {
    long expected = 1;
    String previous = ChainLinks.GENESIS_HASH;
    List<ChainLinks.Link> anchors = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT link, tbl, row_id, canonical, hash FROM central.links WHERE site_id = ?"
                + " ORDER BY link")) {
      p.setFetchSize(2000);
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long link = r.getLong(1);
          String tbl = r.getString(2);
          long rowId = r.getLong(3);
          String canonical = r.getString(4);
          String hash = r.getString(5);
          if (link != expected) {
            return "link " + expected + ": missing (the next held is link " + link + ")";
          }
          String[] lines = canonical.split("\n", 4);
          if (lines.length < 4
              || !lines[0].equals("link=" + link)
              || !lines[1].equals("table=" + tbl)
              || !lines[2].endsWith("=i" + rowId)) {
            return "link "
                + link
                + ": its text does not name link "
                + link
                + " of "
                + tbl
                + " row "
                + rowId;
          }
          String computed = ChainLinks.hash(previous, canonical);
          if (!computed.equals(hash)) {
            return "link "
                + link
                + " ("
                + tbl
                + " row "
                + rowId
                + "): hash "
                + hash
                + " held, the chain gives "
                + computed;
          }
          if (tbl.equals("anchors")) {
            anchors.add(new ChainLinks.Link(link, tbl, rowId, canonical, hash));
          }
          previous = hash;
          expected++;
        }
      }
    }
    String anchorsSaid = anchors(db, site, anchors);
    if (anchorsSaid.startsWith("BAD ")) {
      return anchorsSaid.substring(4);
    }
    out.println(
        "site "
            + site
            + ": "
            + (expected - 1)
            + " links verify"
            + (expected > 1 ? ", head " + (expected - 1) + " " + previous : "")
            + "; "
            + anchorsSaid);
    return null;
  }

  /** Why the anchor in link {@code a} does not hold with the site's key; empty when it holds. */
  private static java.util.Optional<String> anchorProblem(
      Connection db, String site, ChainLinks.Link a, java.security.PublicKey key, String keyText)
      throws SQLException {
    long signed;
    try {
      signed = org.parkgate.controller.ledger.AnchorLinks.anchor(a).chainLink();
    } catch (RuntimeException e) {
      return java.util.Optional.of("its row cannot be read as an anchor: " + e.getMessage());
    }
    String held;
    try (PreparedStatement p =
        db.prepareStatement("SELECT hash FROM central.links WHERE site_id = ? AND link = ?")) {
      p.setString(1, site);
      p.setLong(2, signed);
      try (ResultSet r = p.executeQuery()) {
        held = r.next() ? r.getString(1) : null;
      }
    }
    return org.parkgate.controller.ledger.AnchorLinks.problem(a, key, keyText, held);
  }

  /**
   * Checks the signed anchors that arrived since the last look, for every enabled site whose key
   * head office holds; a bad one is alarmed ({@code ANCHOR}) and its site disabled, so nothing more
   * is taken from it until someone has looked. Returns how many sites were found bad.
   */
  private int watchOnce(Connection db, Map<String, Long> checked) throws SQLException {
    Map<String, String> keys = new java.util.TreeMap<>();
    try (PreparedStatement p =
            db.prepareStatement(
                "SELECT site_id, public_key FROM central.sites"
                    + " WHERE enabled AND public_key IS NOT NULL ORDER BY site_id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        keys.put(r.getString(1), r.getString(2));
      }
    }
    int bad = 0;
    for (Map.Entry<String, String> site : keys.entrySet()) {
      String id = site.getKey();
      java.security.PublicKey key =
          org.parkgate.controller.ledger.SiteKey.publicKey(site.getValue());
      List<ChainLinks.Link> fresh = new ArrayList<>();
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT link, tbl, row_id, canonical, hash FROM central.links"
                  + " WHERE site_id = ? AND tbl = 'anchors' AND link > ? ORDER BY link")) {
        p.setString(1, id);
        p.setLong(2, checked.getOrDefault(id, 0L));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            fresh.add(
                new ChainLinks.Link(
                    r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
          }
        }
      }
      int good = 0;
      for (ChainLinks.Link a : fresh) {
        java.util.Optional<String> problem = anchorProblem(db, id, a, key, site.getValue());
        if (problem.isPresent()) {
          String detail = "link " + a.link() + " (signed anchor): " + problem.get();
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO central.alarms(site_id, kind, link, detail)"
                      + " VALUES (?, 'ANCHOR', ?, ?)")) {
            p.setString(1, id);
            p.setLong(2, a.link());
            p.setString(3, detail);
            p.executeUpdate();
          }
          CentralSchema.setEnabled(db, id, false, "central watch");
          out.println("site " + id + ": BAD " + detail + "; the site is disabled");
          bad++;
          break;
        }
        checked.put(id, a.link());
        good++;
      }
      if (good > 0) {
        out.println(
            "site " + id + ": " + good + " new signed anchors good, up to link " + checked.get(id));
      }
    }
    return bad;
  }

  /**
   * The site's signed anchors checked with the key head office holds for it: what to say, or "BAD "
   * and the first anchor that does not hold.
   */
  private static String anchors(Connection db, String site, List<ChainLinks.Link> anchors)
      throws SQLException {
    String keyText;
    try (PreparedStatement p =
        db.prepareStatement("SELECT public_key FROM central.sites WHERE site_id = ?")) {
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        keyText = r.next() ? r.getString(1) : null;
      }
    }
    if (keyText == null) {
      return anchors.size() + " signed anchors not checked (no site key: central set-key)";
    }
    java.security.PublicKey key = org.parkgate.controller.ledger.SiteKey.publicKey(keyText);
    for (ChainLinks.Link a : anchors) {
      java.util.Optional<String> problem = anchorProblem(db, site, a, key, keyText);
      if (problem.isPresent()) {
        return "BAD link " + a.link() + " (signed anchor): " + problem.get();
      }
    }
    return anchors.size() + " signed anchors good with the site key";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private int usage(String problem) {
    err.println("central: " + problem);
    err.println(USAGE);
    return BAD_ARGUMENTS;
  }
}
