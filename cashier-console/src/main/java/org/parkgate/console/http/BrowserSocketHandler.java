package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.Currency;
import java.util.Map;
import org.parkgate.api.ApiJson;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.console.auth.Session;
import org.parkgate.console.booth.DrawerView;
import org.parkgate.console.booth.RoleKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One booth page's WebSocket: joins the hub once open, tells the page who is signed in and whether
 * their shift is open, and hands each of the page's messages to its handler ({@link PageMessages}).
 * Pings a quiet page and closes a silent one.
 */
final class BrowserSocketHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(BrowserSocketHandler.class);

  private final HttpServices services;
  private final Session session;

  BrowserSocketHandler(HttpServices services, Session session) {
    this.services = services;
    this.session = session;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      RoleKeys keys = RoleKeys.of(session.role());
      services
          .hub()
          .join(
              ctx.channel(),
              session.id(),
              Map.of(
                  "type",
                  "hello",
                  "user",
                  Map.of(
                      "username", session.username(),
                      "name", session.displayName(),
                      "role", session.role().english(),
                      "roleZh", session.role().chinese(),
                      "takesCash", keys.takesCash(),
                      "reverses", keys.reverses(),
                      "controlsLanes", keys.controlsLanes(),
                      "findsStays", keys.findsStays()),
                  "language",
                  services.language().wire(),
                  "counting",
                  DrawerView.counting(
                      Currency.getInstance(services.hub().view().site().currency()))));
      if (keys.takesCash()) {
        askShift(page(ctx));
      }
    } else if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      } else if (idle.state() == IdleState.READER_IDLE) {
        ctx.close();
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
    if (services.sessions().find(session.id()).isEmpty()) {
      ctx.close();
      return;
    }
    OpenPage page = page(ctx);
    JsonNode message;
    try {
      message = ApiJson.mapper().readTree(frame.text());
    } catch (IOException e) {
      page.reply(Map.of("type", "error", "error", Said.of("消息格式错误", "malformed JSON")));
      return;
    }
    String type = message == null ? "" : message.path("type").asText("");
    if (!PageMessages.handle(type, page, message)) {
      page.reply(
          Map.of(
              "type",
              "error",
              "error",
              Said.of("未知操作 '" + type + "'", "unknown action '" + type + "'")));
    }
  }

  private OpenPage page(ChannelHandlerContext ctx) {
    return new OpenPage(ctx.channel(), session, services);
  }

  /** Tells a page opening whether its person has a shift open, and its figures. */
  private void askShift(OpenPage page) {
    services
        .desks()
        .shifts()
        .askShift(session)
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                log.info("booth: {}: shift unknown: {}", session.username(), e.getMessage());
              } else if (r.ok()) {
                Object drawer = DrawerView.fromAnswer(r.answer());
                if (drawer != null) {
                  page.reply(drawer);
                }
              } else if (r.refusal() == Refusal.NOT_NOW) {
                page.reply(
                    DrawerView.closed("未开班，请清点备用金开班 · No shift open: count the float to open one"));
              } else {
                log.info("booth: {}: shift unknown: {}", session.username(), r.error());
              }
            });
  }
}
