package org.parkgate.controller.central;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.parkgate.api.ApiJson;
import org.parkgate.report.Report;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Head office's finance page ({@code ./parking central serve}): the head-office reports across
 * sites in a browser, with exports and a print layout. Who may read is PostgreSQL's to say: a
 * person logs in with their own database role (a head-office reader, docs/central-reports.md), the
 * page's server checks the password by logging in with it, and every report is computed on a
 * connection of that role, so the database's grants decide what each person sees. A session is a
 * random token in an HttpOnly, SameSite=Strict cookie, ended after 30 minutes idle or 12 hours.
 */
public final class HeadOfficePage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeadOfficePage.class);
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final String COOKIE = "hq";

  private final String url;
  private final Clock clock;
  private final HttpServer server;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  private record Session(String user, String password, Instant started, Instant lastUsed) {}

  private HeadOfficePage(String url, Clock clock, HttpServer server) {
    this.url = url;
    this.clock = clock;
    this.server = server;
  }

  /** Serves the page for the head-office database at {@code url} on {@code bind}. */
  public static HeadOfficePage start(String url, InetSocketAddress bind, Clock clock)
      throws IOException {
    HttpServer server = HttpServer.create(bind, 32);
    HeadOfficePage page = new HeadOfficePage(url, clock, server);
    server.createContext("/", page::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return page;
  }

  /**
   * Serves the page until the process is stopped, saying where; 0 when stopped, 1 when the address
   * cannot be taken.
   */
  static int serve(
      String url, InetSocketAddress bind, java.io.PrintStream out, java.io.PrintStream err) {
    try {
      HeadOfficePage page = start(url, bind, Clock.systemUTC());
      out.println(
          "head office reports at http://" + bind.getHostString() + ":" + page.port() + "/");
      Runtime.getRuntime().addShutdownHook(new Thread(page::close));
      Thread.currentThread().join();
      return 0;
    } catch (IOException e) {
      err.println("central: cannot serve on " + bind + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      x.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
      x.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'");
      if (method.equals("GET") && path.equals("/hq.css")) {
        resource(x, "hq.css", "text/css");
      } else if (method.equals("GET") && path.equals("/hq.js")) {
        resource(x, "hq.js", "text/javascript");
      } else if (method.equals("GET") && path.equals("/report-cells.js")) {
        // How a report's cells read, as on the site's finance page: common's, served by both.
        resource(x, "/org/parkgate/report/report-cells.js", "text/javascript");
      } else if (method.equals("POST") && path.equals("/login")) {
        login(x);
      } else if (method.equals("POST") && path.equals("/logout")) {
        session(x).ifPresent(s -> sessions.values().remove(s));
        x.getResponseHeaders()
            .add("Set-Cookie", COOKIE + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
        redirect(x, "/");
      } else if (method.equals("GET") && path.equals("/")) {
        resource(x, session(x).isPresent() ? "hq.html" : "login.html", "text/html");
      } else if (method.equals("GET") && path.startsWith("/api/")) {
        Optional<Session> s = session(x);
        if (s.isEmpty()) {
          send(x, 401, "text/plain", "未登录 · not logged in");
        } else if (path.equals("/api/sites")) {
          sites(x, s.get());
        } else if (path.equals("/api/report")) {
          report(x, s.get());
        } else {
          send(x, 404, "text/plain", "no such page");
        }
      } else {
        send(x, 404, "text/plain", "no such page");
      }
    } catch (RuntimeException e) {
      log.error("head office page: {}", e.toString(), e);
    }
  }

  private Optional<Session> session(HttpExchange x) {
    String token = cookie(x);
    Session s = token == null ? null : sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isAfter(s.lastUsed().plus(IDLE)) || now.isAfter(s.started().plus(LIFETIME))) {
      sessions.remove(token);
      return Optional.empty();
    }
    Session used = new Session(s.user(), s.password(), s.started(), now);
    sessions.put(token, used);
    return Optional.of(used);
  }

  private static String cookie(HttpExchange x) {
    for (String header : x.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String p = part.strip();
        if (p.startsWith(COOKIE + "=")) {
          return p.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  private void login(HttpExchange x) throws IOException {
    Map<String, String> form = query(new String(read(x), StandardCharsets.UTF_8));
    String user = form.getOrDefault("user", "").strip();
    String password = form.getOrDefault("password", "");
    String source = x.getRemoteAddress().getAddress().getHostAddress();
    if (user.isEmpty() || password.isEmpty()) {
      send(x, 400, "text/plain", "请输入用户名和密码 · user and password are needed");
      return;
    }
    // Wrong passwords slow their source down, up to ten seconds a try.
    int failed = failures.getOrDefault(source, 0);
    if (failed > 0) {
      sleep(Math.min(10_000, 500L * failed));
    }
    try (Connection db = connect(user, password)) {
      db.isValid(5);
    } catch (SQLException e) {
      failures.merge(source, 1, Integer::sum);
      log.warn("head office page: login of {} from {} refused", user, source);
      send(x, 401, "text/plain", "用户名或密码不对 · wrong user or password");
      return;
    }
    failures.remove(source);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    Instant now = clock.instant();
    sessions.put(token, new Session(user, password, now, now));
    x.getResponseHeaders()
        .add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    log.info("head office page: {} logged in from {}", user, source);
    redirect(x, "/");
  }

  private Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("connectTimeout", "10");
    p.setProperty("ApplicationName", "parkgate head office page");
    return DriverManager.getConnection(url, p);
  }

  private void sites(HttpExchange x, Session s) throws IOException {
    try (Connection db = connect(s.user(), s.password());
        PreparedStatement p =
            db.prepareStatement("SELECT site_id, name, zone FROM central.sites ORDER BY site_id");
        ResultSet r = p.executeQuery()) {
      List<Map<String, String>> sites = new ArrayList<>();
      while (r.next()) {
        Map<String, String> site = new LinkedHashMap<>();
        site.put("id", r.getString(1));
        site.put("name", r.getString(2));
        site.put("zone", r.getString(3));
        sites.add(site);
      }
      send(x, 200, "application/json", ApiJson.mapper().writeValueAsString(sites));
    } catch (SQLException e) {
      refused(x, e);
    }
  }

  private void report(HttpExchange x, Session s) throws IOException {
    Map<String, List<String>> q = queryAll(x.getRequestURI().getRawQuery());
    ReportKind kind =
        ReportKind.of(String.valueOf(first(q, "kind"))).filter(ReportKind::headOffice).orElse(null);
    if (kind == null) {
      send(x, 400, "text/plain", "不是总部报表 · not a head-office report: " + first(q, "kind"));
      return;
    }
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(first(q, "from"));
      to = LocalDate.parse(first(q, "to"));
    } catch (DateTimeParseException | NullPointerException e) {
      send(x, 400, "text/plain", "日期须为 YYYY-MM-DD · from and to must be YYYY-MM-DD");
      return;
    }
    ReportFormat format =
        switch (Optional.ofNullable(first(q, "format")).orElse("json")) {
          case "json" -> ReportFormat.JSON;
          case "csv" -> ReportFormat.CSV;
          case "xlsx" -> ReportFormat.XLSX;
          default -> null;
        };
    if (format == null) {
      send(x, 400, "text/plain", "格式须为 json、csv 或 xlsx · format must be json, csv or xlsx");
      return;
    }
    List<String> sites = q.getOrDefault("site", List.of());
    Report report;
    try (Connection db = connect(s.user(), s.password())) {
      report =
          new CentralReports(db, clock)
              .compute(new ReportRequest(kind, from, to, null, null, null, null), sites);
    } catch (IllegalArgumentException e) {
      send(x, 400, "text/plain", e.getMessage());
      return;
    } catch (SQLException e) {
      refused(x, e);
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ReportWriter.write(report, format, StandardCharsets.UTF_8, body);
    if (format != ReportFormat.JSON) {
      String name = kind.code() + "-" + from + "-" + to + "." + format.lowerName();
      x.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
    send(
        x,
        200,
        switch (format) {
          case CSV -> "text/csv; charset=utf-8";
          case XLSX -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
          default -> "application/json";
        },
        body.toByteArray());
  }

  /** A database refusal as the person should read it: not allowed, or head office unreachable. */
  private static void refused(HttpExchange x, SQLException e) throws IOException {
    if ("42501".equals(e.getSQLState())) {
      send(x, 403, "text/plain", "此登录无权查看总部报表 · this login may not read head office's reports");
    } else {
      send(
          x,
          502,
          "text/plain",
          "无法读取总部数据库 · cannot read head office's database: " + e.getMessage());
    }
  }

  private static String first(Map<String, List<String>> q, String key) {
    List<String> v = q.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    queryAll(raw).forEach((k, v) -> out.put(k, v.get(0)));
    return out;
  }

  private static Map<String, List<String>> queryAll(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, key -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static byte[] read(HttpExchange x) throws IOException {
    try (InputStream in = x.getRequestBody()) {
      return in.readNBytes(8192);
    }
  }

  private static void resource(HttpExchange x, String name, String type) throws IOException {
    String at = name.startsWith("/") ? name : "/central/page/" + name;
    try (InputStream in = HeadOfficePage.class.getResourceAsStream(at)) {
      if (in == null) {
        send(x, 404, "text/plain", "no such page");
        return;
      }
      send(x, 200, type + "; charset=utf-8", in.readAllBytes());
    }
  }

  private static void redirect(HttpExchange x, String to) throws IOException {
    x.getResponseHeaders().add("Location", to);
    x.sendResponseHeaders(303, -1);
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    send(
        x,
        status,
        type + (type.contains("charset") ? "" : "; charset=utf-8"),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int status, String type, byte[] body)
      throws IOException {
    x.getResponseHeaders().add("Content-Type", type);
    x.getResponseHeaders().add("Cache-Control", "no-store");
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
