package org.parkgate.console.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Said;
import org.parkgate.console.auth.Session;
import org.parkgate.console.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET and POST /login, POST /logout: a plain HTML form, so signing in needs no script. The console
 * checks no password: it relays the login to the controller, with the browser's address as the
 * source, and opens a browser session for the controller session it returns.
 */
final class LoginRoutes {
  private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);

  /** A login the controller has not answered by then is shown as "controller unreachable". */
  static final int LOGIN_TIMEOUT_SECONDS = 10;

  static final int MAX_USERNAME = 64;
  static final int MAX_PASSWORD = 256;

  static final String UNREACHABLE =
      "无法连接控制器，请稍后再试 · The controller cannot be reached, try again shortly";

  static final String ENDED = "登录已结束，请重新登录 · Your session has ended, sign in again";

  private final HttpServices services;
  private final String template;

  LoginRoutes(HttpServices services, StaticAssets assets) {
    this.services = services;
    this.template = assets.text("login.html");
  }

  void login(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      boolean keepAlive,
      Optional<Session> session) {
    if (req.method().equals(HttpMethod.GET)) {
      boolean ended = new QueryStringDecoder(req.uri()).parameters().containsKey("ended");
      Responses.send(
          ctx,
          keepAlive,
          session.isPresent()
              ? Responses.redirect("/")
              : page(HttpResponseStatus.OK, "", ended ? ENDED : ""));
      return;
    }
    if (!req.method().equals(HttpMethod.POST)) {
      Responses.send(
          ctx,
          keepAlive,
          Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed"));
      return;
    }
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      Responses.send(
          ctx,
          keepAlive,
          page(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "", "请使用登录表单 · Use the login form"));
      return;
    }
    Map<String, List<String>> form =
        new QueryStringDecoder(
                req.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
            .parameters();
    String username = first(form, "username").trim();
    String password = first(form, "password");
    // Early answers in the booth's words; the controller checks whatever is sent anyway.
    if (username.isEmpty() || password.isEmpty()) {
      Responses.send(
          ctx,
          keepAlive,
          page(
              HttpResponseStatus.UNAUTHORIZED,
              username,
              "请输入用户名和密码 · Enter a user name and a password"));
      return;
    }
    if (username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
      Responses.send(
          ctx,
          keepAlive,
          page(HttpResponseStatus.UNAUTHORIZED, "", "用户名或密码太长 · User name or password too long"));
      return;
    }
    String source = source(ctx);
    if (!services.hub().online()) {
      log.info("login: '{}' from {}: the controller is not connected", username, source);
      Responses.send(
          ctx, keepAlive, page(HttpResponseStatus.SERVICE_UNAVAILABLE, username, UNREACHABLE));
      return;
    }
    CompletableFuture<CommandResult> sent =
        services
            .controller()
            .apply(
                new ConsoleCommand.Login("login-" + UUID.randomUUID(), username, password, source));
    AtomicBoolean answered = new AtomicBoolean();
    ScheduledFuture<?> timeout =
        ctx.executor()
            .schedule(
                () -> {
                  if (answered.compareAndSet(false, true)) {
                    log.warn(
                        "login: '{}' from {}: the controller did not answer", username, source);
                    Responses.send(
                        ctx,
                        keepAlive,
                        page(HttpResponseStatus.SERVICE_UNAVAILABLE, username, UNREACHABLE));
                  }
                },
                LOGIN_TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
    sent.whenComplete(
        (r, e) ->
            ctx.executor()
                .execute(
                    () -> {
                      if (!answered.compareAndSet(false, true)) {
                        // Too late: the browser was told the controller did not answer. A
                        // session opened now would belong to nobody; end it at once.
                        if (r != null && r.answer() instanceof Answer.LoggedIn late) {
                          services.controller().apply(logout(late.session()));
                        }
                        return;
                      }
                      timeout.cancel(false);
                      answered(ctx, keepAlive, username, source, r, e);
                    }));
  }

  private void answered(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      String username,
      String source,
      CommandResult r,
      Throwable e) {
    if (e != null || r == null) {
      log.error("login: '{}' from {}: failed inside the console", username, source, e);
      Responses.send(
          ctx, keepAlive, page(HttpResponseStatus.SERVICE_UNAVAILABLE, username, UNREACHABLE));
      return;
    }
    if (!r.ok() || !(r.answer() instanceof Answer.LoggedIn in)) {
      log.info("login: refused '{}' from {} ({}): {}", username, source, r.refusal(), r.error());
      Refused refused = refused(r);
      Responses.send(ctx, keepAlive, page(refused.status(), username, refused.text()));
      return;
    }
    Optional<Session> opened = services.sessions().open(in);
    if (opened.isEmpty()) {
      log.warn("login: {} from {}: this console holds its maximum of sessions", username, source);
      services.controller().apply(logout(in.session()));
      Responses.send(
          ctx,
          keepAlive,
          page(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              username,
              "本收费台登录人数已满，请稍后再试 · Too many people are signed in at this console, try again later"));
      return;
    }
    Session session = opened.get();
    log.info("login: {} ({}) signed in from {}", session.username(), session.role(), source);
    FullHttpResponse redirect = Responses.redirect("/");
    redirect.headers().add(HttpHeaderNames.SET_COOKIE, cookie(ctx, session.id(), -1));
    Responses.send(ctx, keepAlive, redirect);
  }

  /** What the login page says, and with which status, for a login the controller refused. */
  static Refused refused(CommandResult r) {
    if (r.refusal() == null) {
      return new Refused(HttpResponseStatus.SERVICE_UNAVAILABLE, UNREACHABLE);
    }
    return switch (r.refusal()) {
      case BAD_LOGIN ->
          new Refused(HttpResponseStatus.UNAUTHORIZED, "用户名或密码错误 · Wrong user name or password");
      case SLOW_DOWN ->
          new Refused(
              HttpResponseStatus.TOO_MANY_REQUESTS,
              withError("密码错误次数过多，请稍候再试 · Too many wrong passwords, wait before trying again", r));
      case ACCOUNT_LOCKED ->
          new Refused(
              HttpResponseStatus.FORBIDDEN,
              "账户已锁定，请主管或管理员解锁 · This account is locked: a supervisor or admin can unlock it");
      case CONSOLE_UNKNOWN ->
          new Refused(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "本收费台未在控制器登记 · This console is not enrolled with the controller");
      case NOT_RECORDED ->
          new Refused(HttpResponseStatus.SERVICE_UNAVAILABLE, withError(UNREACHABLE, r));
      default ->
          new Refused(HttpResponseStatus.UNAUTHORIZED, withError("登录被拒绝 · Login refused", r));
    };
  }

  /** {@code text} with the controller's reason after each half, so either language reads whole. */
  private static String withError(String text, CommandResult r) {
    if (r.error() == null || r.error().isBlank()) {
      return text;
    }
    return Said.of(
        Said.zh(text) + " — " + Said.zh(r.error()), Said.en(text) + " — " + Said.en(r.error()));
  }

  record Refused(HttpResponseStatus status, String text) {}

  private static ConsoleCommand.Logout logout(String token) {
    return new ConsoleCommand.Logout("logout-" + UUID.randomUUID(), token);
  }

  /** The browser's address as this server sees it, without the port: what the controller slows. */
  private static String source(ChannelHandlerContext ctx) {
    SocketAddress remote = ctx.channel().remoteAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }

  void logout(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      boolean keepAlive,
      Optional<Session> session) {
    if (!req.method().equals(HttpMethod.POST)) {
      Responses.send(
          ctx,
          keepAlive,
          Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "log out with POST"));
      return;
    }
    // Ending the session tells the controller (see CashierConsole) and closes its pages.
    session.ifPresent(
        s -> {
          log.info("login: {} signed out", s.username());
          services.sessions().end(s.id(), Sessions.Ending.LOGOUT);
        });
    FullHttpResponse r = Responses.redirect("/login");
    r.headers().add(HttpHeaderNames.SET_COOKIE, cookie(ctx, "", 0));
    Responses.send(ctx, keepAlive, r);
  }

  private FullHttpResponse page(HttpResponseStatus status, String username, String error) {
    String html =
        template
            .replace("{{lang}}", services.language().wire())
            .replace("{{site}}", Responses.escape(services.siteName()))
            .replace("{{username}}", Responses.escape(username))
            .replace("{{error}}", Responses.escape(error))
            .replace("{{errorClass}}", error.isEmpty() ? "error hidden" : "error");
    return Responses.html(status, html);
  }

  /**
   * HttpOnly keeps the session away from scripts; SameSite=Strict keeps other sites from using it;
   * Secure, on a booth served over HTTPS, keeps the browser from ever sending it in clear.
   */
  private static String cookie(ChannelHandlerContext ctx, String value, long maxAge) {
    DefaultCookie c = new DefaultCookie(Sessions.COOKIE, value);
    c.setHttpOnly(true);
    c.setSecure(ctx.pipeline().get(SslHandler.class) != null);
    c.setPath("/");
    c.setSameSite(CookieHeaderNames.SameSite.Strict);
    if (maxAge >= 0) {
      c.setMaxAge(maxAge);
    }
    return ServerCookieEncoder.STRICT.encode(c);
  }

  private static String first(Map<String, List<String>> form, String key) {
    List<String> values = form.get(key);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }
}
