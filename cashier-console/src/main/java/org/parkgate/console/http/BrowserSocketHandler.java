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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.console.auth.Session;
import org.parkgate.console.auth.Sessions;
import org.parkgate.console.booth.AnswerView;
import org.parkgate.console.booth.BrowserHub;
import org.parkgate.console.booth.CashDesk;
import org.parkgate.console.booth.DrawerView;
import org.parkgate.console.booth.RoleKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One booth page's WebSocket: joins the hub once open, and turns the page's actions into console
 * work. Every answer to an action carries the page's request id, the controller's refusal code and
 * its answer's fields, never a sentence for the page to parse. When the controller says the
 * person's session is no longer live, the browser session ends too and the page goes to login.
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
                      java.util.Currency.getInstance(services.hub().view().site().currency()))));
      if (keys.takesCash()) {
        askShift(ctx.channel());
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
    JsonNode message;
    try {
      message = ApiJson.mapper().readTree(frame.text());
    } catch (IOException e) {
      reply(ctx.channel(), Map.of("type", "error", "error", Said.of("消息格式错误", "malformed JSON")));
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
    } else if (type.equals("apply-voucher")) {
      applyVoucher(ctx.channel(), message);
    } else if (type.equals("ask-free-pass")) {
      askFreePass(ctx.channel(), message);
    } else if (type.equals("decide-free-pass")) {
      decideFreePass(ctx.channel(), message);
    } else if (type.equals("lift-barrier")) {
      liftBarrier(ctx.channel(), message);
    } else if (type.equals("open-drawer")) {
      openDrawer(ctx.channel(), message);
    } else if (type.equals("reprint")) {
      reprint(ctx.channel(), message);
    } else if (type.equals("close-shift")) {
      closeShift(ctx.channel(), message);
    } else if (type.equals("open-shift")) {
      openShift(ctx.channel(), message);
    } else if (type.equals("cash-drop")) {
      cashDrop(ctx.channel(), message);
    } else if (type.equals("decide-lost-card")) {
      decideLostCard(ctx.channel(), message);
    } else if (type.equals("list-lost-cards")) {
      listLostCards(ctx.channel(), message);
    } else if (RegisterMessages.TYPES.contains(type)) {
      String requestId = message.path("requestId").asText("");
      log.info("booth: {} sends {} ({})", session.username(), type, requestId);
      answer(
          ctx.channel(),
          type,
          requestId,
          RegisterMessages.send(services.cashDesk().registers(), session, type, message));
    } else if (ShiftMessages.TYPES.contains(type)) {
      // Never logs the message: a handover carries the incoming cashier's password.
      String requestId = message.path("requestId").asText("");
      log.info("booth: {} sends {} ({})", session.username(), type, requestId);
      answer(
          ctx.channel(),
          type,
          requestId,
          ShiftMessages.send(
              services.cashDesk().shifts(), session, type, message, source(ctx.channel())));
    } else {
      reply(
          ctx.channel(),
          Map.of(
              "type",
              "error",
              "error",
              Said.of("未知操作 '" + type + "'", "unknown action '" + type + "'")));
    }
  }

  private void cash(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    if (!message.path("stayId").canConvertToLong()
        || !message.path("dueMinor").canConvertToLong()
        || !message.path("stayId").isIntegralNumber()
        || !message.path("dueMinor").isIntegralNumber()) {
      result(
          page,
          CommandResult.refused(
              requestId,
              Refusal.INVALID,
              Said.of("停车记录号和应收金额须为整数", "stayId and dueMinor must be whole numbers")));
      return;
    }
    JsonNode tendered = message.path("tenderedMinor");
    if (!tendered.isMissingNode()
        && !tendered.isNull()
        && (!tendered.isIntegralNumber() || !tendered.canConvertToLong())) {
      result(
          page,
          CommandResult.refused(
              requestId,
              Refusal.INVALID,
              "实收金额应为整数分 · tenderedMinor must be a whole number of minor units, not " + tendered));
      return;
    }
    CashDesk.CashRequest request =
        new CashDesk.CashRequest(
            requestId,
            message.path("lane").asText(""),
            message.path("stayId").asLong(),
            message.path("dueMinor").asLong(),
            message.path("tender").asText(""),
            tendered.isIntegralNumber() ? tendered.asLong() : null,
            message.path("reference").asText(""));
    log.info(
        "booth: {} pressed cash received for stay {} at {} ({})",
        session.username(),
        request.stayId(),
        request.lane(),
        requestId);
    answer(page, "payment", requestId, services.cashDesk().cashReceived(session, request));
  }

  private void reverse(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.ReverseRequest request =
        new CashDesk.ReverseRequest(
            requestId, message.path("receiptNo").asText(""), message.path("reason").asText(""));
    log.info(
        "booth: {} asked to reverse receipt {} ({})",
        session.username(),
        request.receiptNo(),
        requestId);
    answer(page, "reversal", requestId, services.cashDesk().reverse(session, request));
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
        session.username(),
        request.lane(),
        request.mode(),
        requestId);
    answer(page, "lane mode", requestId, services.cashDesk().setLaneMode(session, request));
  }

  private void resetPassback(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.PassbackResetRequest request =
        new CashDesk.PassbackResetRequest(
            requestId, message.path("card").asText(""), message.path("reason").asText(""));
    log.info(
        "booth: {} asked to reset card {} ({})", session.username(), request.card(), requestId);
    answer(
        page,
        "anti-passback reset",
        requestId,
        services.cashDesk().resetPassback(session, request));
  }

  private void findStay(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.FindStayRequest request =
        new CashDesk.FindStayRequest(
            requestId, message.path("plate").asText(""), message.path("card").asText(""));
    log.info(
        "booth: {} looks for the stay of plate '{}' card '{}' ({})",
        session.username(),
        request.plate(),
        request.card(),
        requestId);
    answer(page, "find-stay", requestId, services.cashDesk().findStay(session, request));
  }

  private void reportLostCard(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    JsonNode stayId = message.path("stayId");
    if (!stayId.isMissingNode()
        && !stayId.isNull()
        && (!stayId.isIntegralNumber() || !stayId.canConvertToLong())) {
      result(
          page,
          CommandResult.refused(
              requestId,
              Refusal.INVALID,
              "停车记录号应为正整数 · The stay number is a positive whole number, not " + stayId.toString()));
      return;
    }
    JsonNode f = message.path("form");
    org.parkgate.api.LostCardForm form =
        f.isObject()
            ? new org.parkgate.api.LostCardForm(
                f.path("driverName").asText(""),
                f.path("phone").asText(""),
                f.path("idNumber").asText(""),
                f.path("plate").asText(""),
                f.path("vehicleClass").asText(""),
                f.path("colour").asText(""),
                f.path("circumstances").asText(""))
            : null;
    CashDesk.LostCardRequest request =
        new CashDesk.LostCardRequest(
            requestId, message.path("lane").asText(""), stayId.asLong(0), form);
    log.info(
        "booth: {} registers a lost card for stay {} at {} ({})",
        session.username(),
        request.stayId(),
        request.lane(),
        requestId);
    answer(page, "lost card", requestId, services.cashDesk().reportLostCard(session, request));
  }

  private void decideLostCard(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    JsonNode no = message.path("lostCardNo");
    if (!no.isIntegralNumber() || !no.canConvertToLong()) {
      result(
          page,
          CommandResult.refused(
              requestId,
              Refusal.INVALID,
              "遗失卡登记号应为正整数 · The lost card number is a positive whole number"));
      return;
    }
    JsonNode approve = message.path("approve");
    CashDesk.LostCardDecision request =
        new CashDesk.LostCardDecision(
            requestId,
            no.asLong(),
            approve.isBoolean() ? approve.booleanValue() : null,
            message.path("note").asText(""));
    log.info("booth: {} decides lost card {} ({})", session.username(), no.asLong(), requestId);
    answer(
        page,
        "lost card decision",
        requestId,
        services.cashDesk().decideLostCard(session, request));
  }

  private void listLostCards(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    java.time.LocalDate from;
    java.time.LocalDate to;
    try {
      from = day(message.path("from"));
      to = day(message.path("to"));
    } catch (java.time.format.DateTimeParseException e) {
      result(
          page,
          CommandResult.refused(
              requestId, Refusal.INVALID, "日期格式应为 2027-01-09 · Dates are written 2027-01-09"));
      return;
    }
    answer(
        page,
        "lost card register",
        requestId,
        services.cashDesk().listLostCards(session, requestId, from, to));
  }

  private static java.time.LocalDate day(JsonNode text) {
    return text.isTextual() && !text.asText().isBlank()
        ? java.time.LocalDate.parse(text.asText().strip())
        : null;
  }

  private void applyVoucher(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    Long stayId = wholeNumber(page, requestId, message.path("stayId"), STAY_NUMBER);
    if (stayId == null) {
      return;
    }
    CashDesk.VoucherRequest request =
        new CashDesk.VoucherRequest(
            requestId, message.path("lane").asText(""), stayId, message.path("code").asText(""));
    log.info(
        "booth: {} applies a voucher to stay {} at {} ({})",
        session.username(),
        stayId,
        request.lane(),
        requestId);
    answer(page, "voucher", requestId, services.cashDesk().applyVoucher(session, request));
  }

  private void askFreePass(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    Long stayId = wholeNumber(page, requestId, message.path("stayId"), STAY_NUMBER);
    if (stayId == null) {
      return;
    }
    CashDesk.FreePassRequest request =
        new CashDesk.FreePassRequest(
            requestId, message.path("lane").asText(""), stayId, message.path("reason").asText(""));
    log.info(
        "booth: {} asks a free pass for stay {} at {} ({})",
        session.username(),
        stayId,
        request.lane(),
        requestId);
    answer(page, "free pass", requestId, services.cashDesk().askFreePass(session, request));
  }

  private void decideFreePass(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    Long passNo = wholeNumber(page, requestId, message.path("passNo"), PASS_NUMBER);
    if (passNo == null) {
      return;
    }
    JsonNode approve = message.path("approve");
    CashDesk.FreePassDecision request =
        new CashDesk.FreePassDecision(
            requestId,
            passNo,
            approve.isBoolean() ? approve.booleanValue() : null,
            message.path("note").asText(""),
            message.path("approverUsername").asText(null),
            message.path("approverPassword").asText(null),
            source(page));
    log.info("booth: {} decides free pass {} ({})", session.username(), passNo, requestId);
    answer(
        page,
        "free pass decision",
        requestId,
        services.cashDesk().decideFreePass(session, request));
  }

  private void liftBarrier(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    Long stayId = wholeNumber(page, requestId, message.path("stayId"), STAY_NUMBER);
    if (stayId == null) {
      return;
    }
    CashDesk.LiftRequest request =
        new CashDesk.LiftRequest(
            requestId, message.path("lane").asText(""), stayId, message.path("reason").asText(""));
    log.info(
        "booth: {} lifts the barrier at {} for stay {} ({})",
        session.username(),
        request.lane(),
        stayId,
        requestId);
    answer(page, "barrier lift", requestId, services.cashDesk().liftBarrier(session, request));
  }

  private static final String STAY_NUMBER =
      "停车记录号应为正整数 · The stay number is a positive whole number, not ";
  private static final String PASS_NUMBER =
      "免费放行号应为正整数 · The free pass number is a positive whole number, not ";

  /** A whole number the page sent, or null after answering the page what is wrong with it. */
  private Long wholeNumber(Channel page, String requestId, JsonNode number, String wrong) {
    if (!number.isIntegralNumber() || !number.canConvertToLong()) {
      result(
          page,
          CommandResult.refused(
              requestId,
              Refusal.INVALID,
              Said.of(
                  Said.zh(wrong) + "，不是 " + (number.isMissingNode() ? "空" : number.toString()),
                  Said.en(wrong) + (number.isMissingNode() ? "missing" : number.toString()))));
      return null;
    }
    return number.asLong();
  }

  private void openDrawer(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.DrawerRequest request =
        new CashDesk.DrawerRequest(requestId, message.path("reason").asText(""));
    log.info("booth: {} asks to open the drawer, no sale ({})", session.username(), requestId);
    answer(page, "no sale", requestId, services.cashDesk().openDrawer(session, request));
  }

  private void reprint(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.ReprintRequest request =
        new CashDesk.ReprintRequest(requestId, message.path("receiptNo").asText(""));
    log.info(
        "booth: {} asks to reprint receipt {} ({})",
        session.username(),
        request.receiptNo(),
        requestId);
    answer(page, "reprint", requestId, services.cashDesk().reprint(session, request));
  }

  /**
   * Returns the desk's answer to the page, logging a refusal and any failure inside the console.
   */
  private void answer(
      Channel page, String action, String requestId, CompletableFuture<CommandResult> answer) {
    answer.whenComplete(
        (r, e) -> {
          if (e != null) {
            log.error("booth: {} {} failed inside the console", action, requestId, e);
            result(
                page,
                CommandResult.refused(
                    requestId,
                    Refusal.NOT_RECORDED,
                    Said.of("收费台出错：" + e.getMessage(), "console error: " + e.getMessage())));
            return;
          }
          if (!r.ok()) {
            log.info("booth: {} {} refused ({}): {}", action, requestId, r.refusal(), r.error());
          }
          result(page, r);
          Object drawer = r.ok() ? DrawerView.fromAnswer(r.answer()) : null;
          if (drawer != null) {
            reply(page, drawer);
          }
          if (r.refusal() == Refusal.NOT_LOGGED_IN) {
            // The controller ended the session (expiry, password change, account disabled): so
            // does the console, which closes the session's pages after this last answer.
            log.info(
                "booth: {}'s controller session has ended; signing the browser out",
                session.username());
            services.sessions().end(session.id(), Sessions.Ending.CONTROLLER);
          }
        });
  }

  private void closeShift(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    Optional<CashDesk.CountRequest> count = count(page, requestId, message);
    if (count.isEmpty()) {
      return;
    }
    for (String field : new String[] {"cards", "receipts"}) {
      JsonNode n = message.path(field);
      if (!n.isMissingNode() && !n.isNull() && count(n) == null) {
        result(
            page,
            CommandResult.refused(
                requestId,
                Refusal.INVALID,
                "IC卡和收据张数应为整数 · " + field + " must be a whole number, not " + n));
        return;
      }
    }
    log.info("booth: {} closes their shift ({})", session.username(), requestId);
    answer(
        page,
        "shift close",
        requestId,
        services
            .cashDesk()
            .closeShift(
                session,
                requestId,
                count.get(),
                count(message.path("cards")),
                count(message.path("receipts"))));
  }

  private void cashDrop(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    JsonNode amount = message.path("amountMinor");
    CashDesk.CashDropRequest request =
        new CashDesk.CashDropRequest(
            requestId,
            amount.isIntegralNumber() && amount.canConvertToLong() ? amount.asLong() : null);
    log.info("booth: {} drops cash ({})", session.username(), requestId);
    answer(page, "cash drop", requestId, services.cashDesk().cashDrop(session, request));
  }

  private void openShift(Channel page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    Optional<CashDesk.CountRequest> count = count(page, requestId, message);
    if (count.isEmpty()) {
      return;
    }
    log.info("booth: {} opens a shift with a float ({})", session.username(), requestId);
    answer(
        page,
        "shift open",
        requestId,
        services.cashDesk().openShift(session, requestId, count.get()));
  }

  /**
   * The pieces of a count the page sent ({@code pieces: [{faceMinor, count}]}), or empty after
   * telling the page what is wrong with them.
   */
  private Optional<CashDesk.CountRequest> count(Channel page, String requestId, JsonNode message) {
    JsonNode pieces = message.path("pieces");
    if (!pieces.isArray()) {
      // The desk says what is missing, after it has checked who asks.
      return Optional.of(new CashDesk.CountRequest(null));
    }
    List<CashCount.Pieces> out = new ArrayList<>();
    for (JsonNode p : pieces) {
      JsonNode face = p.path("faceMinor");
      JsonNode n = p.path("count");
      if (!face.isIntegralNumber() || !n.isIntegralNumber() || !n.canConvertToLong()) {
        result(
            page,
            CommandResult.refused(
                requestId,
                Refusal.INVALID,
                "张数应为整数 · Each count is a whole number of notes or coins, not " + p));
        return Optional.empty();
      }
      out.add(new CashCount.Pieces(face.asLong(), n.asLong()));
    }
    return Optional.of(new CashDesk.CountRequest(out));
  }

  /** The browser's address, as a login from it names it. */
  private static String source(Channel page) {
    if (page.remoteAddress() instanceof java.net.InetSocketAddress inet
        && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(page.remoteAddress());
  }

  /** An IC card or receipt count the page sent; null when missing or not a whole number. */
  private static Long count(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : null;
  }

  /** Tells a page opening whether its person has a shift open, and its figures. */
  private void askShift(Channel page) {
    services
        .cashDesk()
        .askShift(session)
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                log.info("booth: {}: shift unknown: {}", session.username(), e.getMessage());
              } else if (r.ok()) {
                Object drawer = DrawerView.fromAnswer(r.answer());
                if (drawer != null) {
                  reply(page, drawer);
                }
              } else if (r.refusal() == Refusal.NOT_NOW) {
                reply(
                    page,
                    DrawerView.closed("未开班，请清点备用金开班 · No shift open: count the float to open one"));
              } else {
                log.info("booth: {}: shift unknown: {}", session.username(), r.error());
              }
            });
  }

  private void result(Channel page, CommandResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "result");
    m.put("requestId", r.requestId());
    m.put("ok", r.ok());
    m.put("refusal", r.refusal() == null ? null : r.refusal().name());
    m.put("error", r.error());
    m.put("answer", AnswerView.of(r.answer(), services.hub().format()));
    reply(page, m);
  }

  private static void reply(Channel page, Object message) {
    if (page.isActive()) {
      page.writeAndFlush(BrowserHub.frame(message));
    }
  }
}
