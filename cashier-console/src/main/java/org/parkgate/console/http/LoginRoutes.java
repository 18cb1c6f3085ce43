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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parkgate.console.auth.Authenticator;
import org.parkgate.console.auth.Session;
import org.parkgate.console.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GET and POST /login, POST /logout: a plain HTML form, so signing in needs no script. */
final class LoginRoutes {
  private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);

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
      Responses.send(
          ctx,
          keepAlive,
          session.isPresent() ? Responses.redirect("/") : page(HttpResponseStatus.OK, "", ""));
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
    String remote = String.valueOf(ctx.channel().remoteAddress());
    // PBKDF2 is slow by design: check it off the event loop, answer back on it.
    services
        .slowWork()
        .execute(
            () -> {
              Authenticator.Result result =
                  services.authenticator().authenticate(username, password);
              ctx.executor()
                  .execute(
                      () -> {
                        if (result.account().isEmpty()) {
                          log.info("login: refused '{}' from {}", username, remote);
                          Responses.send(
                              ctx,
                              keepAlive,
                              page(HttpResponseStatus.UNAUTHORIZED, username, result.error()));
                          return;
                        }
                        Session opened = services.sessions().open(result.account().get());
                        openShift(opened);
                        log.info(
                            "login: {} ({}) signed in from {}",
                            username,
                            opened.user().role(),
                            remote);
                        FullHttpResponse r = Responses.redirect("/");
                        r.headers().add(HttpHeaderNames.SET_COOKIE, cookie(ctx, opened.id(), -1));
                        Responses.send(ctx, keepAlive, r);
                      });
            });
  }

  /** A cashier's shift starts at login; a shift still open carries on (the refusal is logged). */
  private void openShift(Session session) {
    if (session.user().role() != org.parkgate.console.auth.Role.CASHIER) {
      return;
    }
    services
        .cashDesk()
        .openShift(session.user(), "login-" + java.util.UUID.randomUUID())
        .whenComplete(
            (r, e) -> {
              if (e != null || !r.ok()) {
                log.info(
                    "login: {}: no new shift: {}",
                    session.user().username(),
                    e != null ? e.getMessage() : r.error());
              } else {
                log.info("login: {}: {}", session.user().username(), r.detail());
              }
            });
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
    session.ifPresent(
        s -> {
          log.info("login: {} signed out", s.user().username());
          services.sessions().end(s.id());
        });
    FullHttpResponse r = Responses.redirect("/login");
    r.headers().add(HttpHeaderNames.SET_COOKIE, cookie(ctx, "", 0));
    Responses.send(ctx, keepAlive, r);
  }

  private FullHttpResponse page(HttpResponseStatus status, String username, String error) {
    String html =
        template
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
