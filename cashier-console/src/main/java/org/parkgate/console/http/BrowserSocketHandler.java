package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.console.auth.Session;
import org.parkgate.console.auth.UserAccount;
import org.parkgate.console.booth.BrowserHub;
import org.parkgate.console.booth.CashDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One booth page's WebSocket: joins the hub once open, and turns the page's actions into console
 * work. Every answer to an action carries the page's request id.
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
      UserAccount user = session.user();
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
                      "username", user.username(),
                      "name", user.displayName(),
                      "role", user.role().english(),
                      "roleZh", user.role().chinese(),
                      "takesCash", user.role().takesCash(),
                      "reverses", user.role().reversesPayments(),
                      "controlsLanes", user.role().controlsLanes(),
                      "findsStays", user.role().findsStays())));
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
    JsonNode message;
    try {
      message = ApiJson.mapper().readTree(frame.text());
    } catch (IOException e) {
      reply(ctx.channel(), Map.of("type", "error", "error", "malformed JSON"));
      return;
    }
    String type = message == null ? "" : message.path("type").asText("");
    if (type.equals("cash")) {
      cash(ctx.channel(), message);
    } else if (type.equals("reverse")) {
      reverse(ctx.channel(), message);
    } else if (type.equals("lane-mode")) {
      laneMode(ctx.channel(), message);
    } else if (type.equals("reset-passback")) {
      resetPassback(ctx.channel(), message);
    } else if (type.equals("find-stay")) {
      findStay(ctx.channel(), message);
    } else if (type.equals("report-lost-card")) {
      reportLostCard(ctx.channel(), message);
    } else if (type.equals("close-shift")) {
      closeShift(ctx.channel(), message.path("requestId").asText(""));
    } else {
      reply(ctx.channel(), Map.of("type", "error", "error", "unknown action '" + type + "'"));
    }
  }

  private void cash(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    if (!message.path("stayId").canConvertToLong()
        || !message.path("dueMinor").canConvertToLong()
        || !message.path("stayId").isIntegralNumber()
        || !message.path("dueMinor").isIntegralNumber()) {
      result(page, CommandResult.refused(requestId, "stayId and dueMinor must be whole numbers"));
      return;
    }
    CashDesk.CashRequest request =
        new CashDesk.CashRequest(
            requestId,
            message.path("lane").asText(""),
            message.path("stayId").asLong(),
            message.path("dueMinor").asLong());
    log.info(
        "booth: {} pressed cash received for stay {} at {} ({})",
        session.user().username(),
        request.stayId(),
        request.lane(),
        requestId);
    answer(page, "payment", requestId, services.cashDesk().cashReceived(session.user(), request));
  }

  private void reverse(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.ReverseRequest request =
        new CashDesk.ReverseRequest(
            requestId, message.path("receiptNo").asText(""), message.path("reason").asText(""));
    log.info(
        "booth: {} asked to reverse receipt {} ({})",
        session.user().username(),
        request.receiptNo(),
        requestId);
    answer(page, "reversal", requestId, services.cashDesk().reverse(session.user(), request));
  }

  private void laneMode(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.LaneModeRequest request =
        new CashDesk.LaneModeRequest(
            requestId,
            message.path("lane").asText(""),
            message.path("mode").asText(""),
            message.path("reason").asText(""));
    log.info(
        "booth: {} asked to set {} to {} ({})",
        session.user().username(),
        request.lane(),
        request.mode(),
        requestId);
    answer(page, "lane mode", requestId, services.cashDesk().setLaneMode(session.user(), request));
  }

  private void resetPassback(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.PassbackResetRequest request =
        new CashDesk.PassbackResetRequest(
            requestId, message.path("card").asText(""), message.path("reason").asText(""));
    log.info(
        "booth: {} asked to reset card {} ({})",
        session.user().username(),
        request.card(),
        requestId);
    answer(
        page,
        "anti-passback reset",
        requestId,
        services.cashDesk().resetPassback(session.user(), request));
  }

  private void findStay(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.FindStayRequest request =
        new CashDesk.FindStayRequest(
            requestId, message.path("plate").asText(""), message.path("card").asText(""));
    log.info(
        "booth: {} looks for the stay of plate '{}' card '{}' ({})",
        session.user().username(),
        request.plate(),
        request.card(),
        requestId);
    answer(page, "find-stay", requestId, services.cashDesk().findStay(session.user(), request));
  }

  private void reportLostCard(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    JsonNode stayId = message.path("stayId");
    if (!stayId.isIntegralNumber() || !stayId.canConvertToLong()) {
      result(
          page,
          CommandResult.refused(
              requestId,
              "停车记录号应为正整数 · The stay number is a positive whole number, not "
                  + (stayId.isMissingNode() ? "missing" : stayId.toString())));
      return;
    }
    CashDesk.LostCardRequest request =
        new CashDesk.LostCardRequest(requestId, message.path("lane").asText(""), stayId.asLong());
    log.info(
        "booth: {} reports the card of stay {} lost at {} ({})",
        session.user().username(),
        request.stayId(),
        request.lane(),
        requestId);
    answer(
        page, "lost card", requestId, services.cashDesk().reportLostCard(session.user(), request));
  }

  /**
   * Returns the desk's answer to the page, logging a refusal and any failure inside the console.
   */
  private static void answer(
      Channel page, String action, String requestId, CompletableFuture<CommandResult> answer) {
    answer.whenComplete(
        (r, e) -> {
          if (e != null) {
            log.error("booth: {} {} failed inside the console", action, requestId, e);
            result(page, CommandResult.refused(requestId, "console error: " + e.getMessage()));
          } else {
            if (!r.ok()) {
              log.info("booth: {} {} refused: {}", action, requestId, r.error());
            }
            result(page, r);
          }
        });
  }

  private void closeShift(Channel page, String requestId) {
    log.info("booth: {} closes their shift ({})", session.user().username(), requestId);
    answer(
        page, "shift close", requestId, services.cashDesk().closeShift(session.user(), requestId));
  }

  private static void result(Channel page, CommandResult r) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("type", "result");
    m.put("requestId", r.requestId());
    m.put("ok", r.ok());
    m.put("error", r.error());
    m.put("detail", r.detail());
    reply(page, m);
  }

  private static void reply(Channel page, Object message) {
    if (page.isActive()) {
      page.writeAndFlush(BrowserHub.frame(message));
    }
  }
}
