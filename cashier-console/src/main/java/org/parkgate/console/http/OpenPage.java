package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.CommandResult;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.console.auth.Session;
import org.parkgate.console.auth.Sessions;
import org.parkgate.console.booth.AnswerView;
import org.parkgate.console.booth.BoothDesks;
import org.parkgate.console.booth.BrowserHub;
import org.parkgate.console.booth.DrawerView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One booth page open on its socket, and who is signed in at it: what the page's messages are
 * handled for, and how their answers go back. Every answer carries the page's request id, the
 * controller's refusal code and its answer's fields, never a sentence for the page to parse.
 */
final class OpenPage {
  private static final Logger log = LoggerFactory.getLogger(OpenPage.class);

  static final String STAY_NUMBER = "停车记录号应为正整数 · The stay number is a positive whole number, not ";

  private final Channel channel;
  private final Session session;
  private final HttpServices services;

  OpenPage(Channel channel, Session session, HttpServices services) {
    this.channel = channel;
    this.session = session;
    this.services = services;
  }

  Session session() {
    return session;
  }

  String username() {
    return session.username();
  }

  BoothDesks desks() {
    return services.desks();
  }

  /** The browser's address, as a login from it names it. */
  String source() {
    if (channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(channel.remoteAddress());
  }

  /**
   * Returns the desk's answer to the page, logging a refusal and any failure inside the console.
   * When the controller says the person's session is no longer live, the browser session ends too
   * and the page goes to login.
   */
  void answer(String action, String requestId, CompletableFuture<CommandResult> answer) {
    answer.whenComplete(
        (r, e) -> {
          if (e != null) {
            log.error("booth: {} {} failed inside the console", action, requestId, e);
            result(
                CommandResult.refused(
                    requestId,
                    Refusal.NOT_RECORDED,
                    Said.of("收费台出错：" + e.getMessage(), "console error: " + e.getMessage())));
            return;
          }
          if (!r.ok()) {
            log.info("booth: {} {} refused ({}): {}", action, requestId, r.refusal(), r.error());
          }
          result(r);
          Object drawer = r.ok() ? DrawerView.fromAnswer(r.answer()) : null;
          if (drawer != null) {
            reply(drawer);
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

  /** Refuses what the page sent as malformed, with nothing sent on. */
  void refuse(String requestId, String why) {
    result(CommandResult.refused(requestId, Refusal.INVALID, why));
  }

  /** A whole number the page sent, or null after answering the page what is wrong with it. */
  Long wholeNumber(String requestId, JsonNode number, String wrong) {
    if (!number.isIntegralNumber() || !number.canConvertToLong()) {
      refuse(
          requestId,
          Said.of(
              Said.zh(wrong) + "，不是 " + (number.isMissingNode() ? "空" : number.toString()),
              Said.en(wrong) + (number.isMissingNode() ? "missing" : number.toString())));
      return null;
    }
    return number.asLong();
  }

  void result(CommandResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "result");
    m.put("requestId", r.requestId());
    m.put("ok", r.ok());
    m.put("refusal", r.refusal() == null ? null : r.refusal().name());
    m.put("error", r.error());
    m.put("answer", AnswerView.of(r.answer(), services.hub().format()));
    reply(m);
  }

  void reply(Object message) {
    if (channel.isActive()) {
      channel.writeAndFlush(BrowserHub.frame(message));
    }
  }
}
