package org.parkgate.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.console.CashierConsole;
import org.parkgate.console.FakeController;
import org.parkgate.console.PortInUseException;
import org.parkgate.console.TestConsole;

/** The console's HTTP doors, over real sockets, as a browser (or an intruder) would use them. */
class ConsoleHttpTest {
  static FakeController controller;
  static CashierConsole console;
  static String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    controller = new FakeController();
    console = TestConsole.start(controller);
    base = "http://127.0.0.1:" + console.httpPort();
  }

  @AfterAll
  static void stop() {
    console.close();
    controller.close();
  }

  @Test
  void withoutASessionTheBoothRedirectsToLogin() throws Exception {
    HttpResponse<String> r = get("/", null);
    assertEquals(303, r.statusCode());
    assertEquals("/login", r.headers().firstValue("location").orElse(""));
  }

  @Test
  void theLoginPageIsBilingual() throws Exception {
    HttpResponse<String> r = get("/login", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("登录") && r.body().contains("Sign in"), r.body());
    assertTrue(r.body().contains("Demo Car Park"));
  }

  @Test
  void aWrongPasswordIsRefusedAndGivesNoSession() throws Exception {
    HttpResponse<String> r = login("cashier1", "not-the-password");
    assertEquals(401, r.statusCode());
    assertTrue(r.headers().firstValue("set-cookie").isEmpty());
    assertTrue(r.body().contains("Wrong user name or password"), r.body());
    assertTrue(r.body().contains("value=\"cashier1\""), "the name typed is kept");
  }

  @Test
  void aLoginGoesToTheControllerWithTheBrowsersAddressAsItsSource() throws Exception {
    controller.logins.clear();
    assertEquals(303, login("finance1", "finance1-demo").statusCode());
    ConsoleCommand.Login sent = (ConsoleCommand.Login) FakeController.next(controller.logins);
    assertEquals("finance1", sent.username());
    assertEquals("finance1-demo", sent.password());
    assertEquals("127.0.0.1", sent.source(), "the address only, no port");
  }

  @Test
  void aLoginTheControllerRefusesShowsItsReason() throws Exception {
    try {
      controller.loginRefusal =
          CommandResult.refused(
              null, Refusal.SLOW_DOWN, "too many wrong passwords; try again in 30 s");
      HttpResponse<String> slow = login("cashier1", "cashier1-demo");
      assertEquals(429, slow.statusCode());
      assertTrue(
          slow.body().contains("Too many wrong passwords, wait before trying again"), slow.body());
      assertTrue(slow.body().contains("try again in 30 s"), "the wait is shown: " + slow.body());
      assertTrue(slow.headers().firstValue("set-cookie").isEmpty());

      controller.loginRefusal =
          CommandResult.refused(null, Refusal.ACCOUNT_LOCKED, "account cashier1 is locked");
      HttpResponse<String> locked = login("cashier1", "cashier1-demo");
      assertEquals(403, locked.statusCode());
      assertTrue(locked.body().contains("账户已锁定"), locked.body());
      assertTrue(locked.body().contains("a supervisor or admin can unlock it"), locked.body());
    } finally {
      controller.loginRefusal = null;
    }
  }

  @Test
  void aLoginWhileTheControllerIsUnreachableSaysSo() throws Exception {
    FakeController gone = new FakeController();
    String url = gone.url();
    gone.close();
    try (CashierConsole offline =
        CashierConsole.start(
            TestConsole.demoSite(),
            new org.parkgate.site.SiteConfig.ConsoleSettings("127.0.0.1", 0, url),
            "offline",
            FakeController.CREDENTIAL)) {
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + offline.httpPort() + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("username=cashier1&password=x")));
      assertEquals(503, r.statusCode());
      assertTrue(r.body().contains("The controller cannot be reached"), r.body());
    }
  }

  @Test
  void scriptInTheUserNameIsShownAsText() throws Exception {
    HttpResponse<String> r = login("<script>alert(1)</script>", "x");
    assertEquals(401, r.statusCode());
    assertFalse(r.body().contains("<script>alert(1)"));
    assertTrue(r.body().contains("&lt;script&gt;"));
  }

  @Test
  void theRightPasswordGivesAnHttpOnlyStrictSessionAndTheBoothPage() throws Exception {
    HttpResponse<String> r = login("cashier1", "cashier1-demo");
    assertEquals(303, r.statusCode());
    assertEquals("/", r.headers().firstValue("location").orElse(""));
    String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertTrue(setCookie.startsWith("PGSESSION="), setCookie);
    assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Strict"), setCookie);

    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    HttpResponse<String> page = get("/", cookie);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("/assets/booth.js"));
    HttpResponse<String> state = get("/api/state", cookie);
    assertEquals(200, state.statusCode());
    assertTrue(state.body().contains("\"exit-1\""), state.body());
    assertEquals(200, get("/assets/booth.js", null).statusCode(), "assets are public");
  }

  @Test
  void theApiAndTheWebSocketNeedASession() throws Exception {
    assertEquals(401, get("/api/state", null).statusCode());
    assertEquals(401, get("/api/state", "PGSESSION=made-up").statusCode());
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () ->
                http.newWebSocketBuilder()
                    .buildAsync(URI.create(ws()), new BrowserSocketTest.Inbox())
                    .join());
    WebSocketHandshakeException refused =
        assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
    assertEquals(401, refused.getResponse().statusCode());
  }

  @Test
  void logoutEndsTheSessionHereAndAtTheController() throws Exception {
    String cookie = cookie("supervisor5", "supervisor5-demo");
    assertEquals(1, controller.sessionsOf("supervisor5"));
    assertEquals(200, get("/api/state", cookie).statusCode());
    HttpResponse<String> out =
        send(
            HttpRequest.newBuilder(URI.create(base + "/logout"))
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(303, out.statusCode());
    assertEquals("/login", out.headers().firstValue("location").orElse(""));
    assertEquals(401, get("/api/state", cookie).statusCode());
    assertEquals(303, get("/", cookie).statusCode());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (controller.sessionsOf("supervisor5") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, controller.sessionsOf("supervisor5"), "the controller's session ended too");
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    assertEquals(404, get("/nothing-here", null).statusCode());
    assertEquals(404, get("/assets/../booth.html", null).statusCode());
    assertEquals(404, get("/assets/simplelogger.properties", null).statusCode());
    HttpResponse<String> json =
        send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(415, json.statusCode());
    HttpResponse<String> huge =
        send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + "a".repeat(64 * 1024))));
    assertEquals(413, huge.statusCode());
    HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(base + "/logout")).GET());
    assertEquals(405, get.statusCode());
  }

  @Test
  void aPortInUseIsNamedAtStart() {
    var settings =
        new org.parkgate.site.SiteConfig.ConsoleSettings(
            "127.0.0.1", console.httpPort(), controller.url());
    PortInUseException e =
        assertThrows(
            PortInUseException.class,
            () ->
                CashierConsole.start(
                    TestConsole.demoSite(), settings, "second", FakeController.CREDENTIAL));
    assertTrue(
        e.getMessage().contains("port " + console.httpPort() + " is already in use"),
        e.getMessage());
  }

  @Test
  void healthSaysWhetherTheControllerIsReachable() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String body;
    do {
      body = get("/healthz", null).body();
    } while (!body.contains("online") && System.nanoTime() < deadline);
    assertTrue(body.contains("\"controller\":\"online\""), body);
  }

  static String ws() {
    return base.replace("http://", "ws://") + "/ws";
  }

  String cookie(String user, String password) throws Exception {
    String setCookie = login(user, password).headers().firstValue("set-cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  HttpResponse<String> login(String user, String password) throws Exception {
    return TestConsole.signIn(console.httpPort(), user, password);
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return send(b);
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return http.send(
        b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
