package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.parkgate.api.Said;
import org.parkgate.console.booth.CashDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's messages for the money at the exit, read into {@link CashDesk} requests: {@code cash}
 * ({@code lane}, {@code stayId}, {@code dueMinor}, {@code tender}, {@code tenderedMinor}, {@code
 * reference}), {@code reverse} ({@code receiptNo}, {@code reason}), {@code open-drawer} ({@code
 * reason}) and {@code reprint} ({@code receiptNo}).
 */
final class CashMessages {
  private static final Logger log = LoggerFactory.getLogger(CashMessages.class);

  private CashMessages() {}

  static void cash(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    if (!message.path("stayId").canConvertToLong()
        || !message.path("dueMinor").canConvertToLong()
        || !message.path("stayId").isIntegralNumber()
        || !message.path("dueMinor").isIntegralNumber()) {
      page.refuse(
          requestId, Said.of("停车记录号和应收金额须为整数", "stayId and dueMinor must be whole numbers"));
      return;
    }
    JsonNode tendered = message.path("tenderedMinor");
    if (!tendered.isMissingNode()
        && !tendered.isNull()
        && (!tendered.isIntegralNumber() || !tendered.canConvertToLong())) {
      page.refuse(
          requestId,
          "实收金额应为整数分 · tenderedMinor must be a whole number of minor units, not " + tendered);
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
        page.username(),
        request.stayId(),
        request.lane(),
        requestId);
    page.answer("payment", requestId, page.desks().cash().cashReceived(page.session(), request));
  }

  static void reverse(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.ReverseRequest request =
        new CashDesk.ReverseRequest(
            requestId, message.path("receiptNo").asText(""), message.path("reason").asText(""));
    log.info(
        "booth: {} asked to reverse receipt {} ({})",
        page.username(),
        request.receiptNo(),
        requestId);
    page.answer("reversal", requestId, page.desks().cash().reverse(page.session(), request));
  }

  static void openDrawer(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.DrawerRequest request =
        new CashDesk.DrawerRequest(requestId, message.path("reason").asText(""));
    log.info("booth: {} asks to open the drawer, no sale ({})", page.username(), requestId);
    page.answer("no sale", requestId, page.desks().cash().openDrawer(page.session(), request));
  }

  static void reprint(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    CashDesk.ReprintRequest request =
        new CashDesk.ReprintRequest(requestId, message.path("receiptNo").asText(""));
    log.info(
        "booth: {} asks to reprint receipt {} ({})",
        page.username(),
        request.receiptNo(),
        requestId);
    page.answer("reprint", requestId, page.desks().cash().reprint(page.session(), request));
  }
}
