package org.parkgate.console.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import java.util.Optional;
import org.parkgate.console.auth.Session;
import org.parkgate.console.auth.Sessions;

/**
 * Routes each HTTP request. Everything but the login page, its assets and the health check needs a
 * session cookie; without one, pages redirect to /login and the API answers 401.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final HttpServices services;
  private final StaticAssets assets;
  private final LoginRoutes login;
  private final FinanceRoutes finance;

  HttpRouter(HttpServices services, StaticAssets assets) {
    this.services = services;
    this.assets = assets;
    this.login = new LoginRoutes(services, assets);
    this.finance = new FinanceRoutes(services, assets);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      Responses.send(ctx, false, Responses.text(HttpResponseStatus.BAD_REQUEST, "bad request"));
      return;
    }
    String path = new QueryStringDecoder(req.uri()).path();
    Optional<Session> session = session(req);
    HttpMethod method = req.method();
    switch (path) {
      case "/" -> {
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
          Responses.send(ctx, keepAlive, methodNotAllowed());
        } else if (session.isEmpty()) {
          Responses.send(ctx, keepAlive, Responses.redirect("/login"));
        } else {
          Responses.send(ctx, keepAlive, booth(session.get()));
        }
      }
      case "/finance" -> finance.page(ctx, req, keepAlive, session);
      case "/api/finance/meta" -> finance.meta(ctx, req, keepAlive, session);
      case "/api/finance/report" -> finance.report(ctx, req, keepAlive, session, false);
      case "/api/finance/export" -> finance.report(ctx, req, keepAlive, session, true);
      case "/login" -> login.login(ctx, req, keepAlive, session);
      case "/logout" -> login.logout(ctx, req, keepAlive, session);
      case "/ws" -> upgrade(ctx, req, session);
      case "/api/state" -> {
        if (session.isEmpty()) {
          Responses.send(ctx, keepAlive, unauthorized());
        } else {
          Responses.send(
              ctx, keepAlive, Responses.json(HttpResponseStatus.OK, services.hub().view()));
        }
      }
      case "/healthz" ->
          Responses.send(
              ctx,
              keepAlive,
              Responses.json(
                  HttpResponseStatus.OK,
                  Map.of(
                      "status",
                      "ok",
                      "controller",
                      services.hub().online() ? "online" : "offline")));
      default -> {
        if (path.startsWith("/assets/") && method.equals(HttpMethod.GET)) {
          Responses.send(ctx, keepAlive, asset(path.substring("/assets/".length())));
        } else {
          Responses.send(
              ctx,
              keepAlive,
              Responses.error(HttpResponseStatus.NOT_FOUND, "no such page: " + path));
        }
      }
    }
  }

  /** Hands an authenticated /ws request to the WebSocket handlers, which then own the link. */
  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, Optional<Session> session) {
    if (session.isEmpty()) {
      Responses.send(ctx, false, unauthorized());
      return;
    }
    // Browsers always send Origin; a page from another site must not drive the booth.
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    String host = req.headers().get(HttpHeaderNames.HOST);
    if (origin != null && !origin.equals("http://" + host) && !origin.equals("https://" + host)) {
      Responses.send(
          ctx,
          false,
          Responses.error(HttpResponseStatus.FORBIDDEN, "cross-site WebSocket refused"));
      return;
    }
    BrowserSocketUpgrade.install(ctx, services, session.get());
    ctx.fireChannelRead(req.retain());
    ctx.pipeline().remove(this);
  }

  private Optional<Session> session(FullHttpRequest req) {
    String header = req.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return Optional.empty();
    }
    for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
      if (cookie.name().equals(Sessions.COOKIE)) {
        return services.sessions().find(cookie.value());
      }
    }
    return Optional.empty();
  }

  /** The booth page; its link to the finance page shows for the people who may open it. */
  private io.netty.handler.codec.http.FullHttpResponse booth(Session session) {
    if (!FinanceRoutes.READERS.contains(session.role())) {
      return asset("booth.html");
    }
    String html =
        assets.text("booth.html").replace("id=\"finance-link\" hidden", "id=\"finance-link\"");
    return Responses.html(HttpResponseStatus.OK, html);
  }

  private io.netty.handler.codec.http.FullHttpResponse asset(String name) {
    return assets
        .get(name)
        .map(a -> Responses.bytes(HttpResponseStatus.OK, a.contentType(), a.body()))
        .orElseGet(() -> Responses.error(HttpResponseStatus.NOT_FOUND, "no such file: " + name));
  }

  private static io.netty.handler.codec.http.FullHttpResponse unauthorized() {
    return Responses.error(HttpResponseStatus.UNAUTHORIZED, "请先登录 · Sign in first");
  }

  private static io.netty.handler.codec.http.FullHttpResponse methodNotAllowed() {
    return Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent idle
        && idle.state() == IdleState.READER_IDLE
        && ctx.channel().attr(ExportStream.WRITING).get() == null) {
      ctx.close();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }
}
