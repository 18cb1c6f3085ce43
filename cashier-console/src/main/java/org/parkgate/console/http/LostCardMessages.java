package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.parkgate.api.LostCardForm;
import org.parkgate.console.booth.LostCardDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's messages for lost cards, read into {@link LostCardDesk} requests: {@code find-stay}
 * ({@code plate} or {@code card}), {@code report-lost-card} ({@code lane}, {@code stayId}, {@code
 * form}), {@code decide-lost-card} ({@code lostCardNo}, {@code approve}, {@code note}) and {@code
 * list-lost-cards} ({@code from}, {@code to}).
 */
final class LostCardMessages {
  private static final Logger log = LoggerFactory.getLogger(LostCardMessages.class);

  private LostCardMessages() {}

  static void findStay(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    LostCardDesk.FindStayRequest request =
        new LostCardDesk.FindStayRequest(
            requestId, message.path("plate").asText(""), message.path("card").asText(""));
    log.info(
        "booth: {} looks for the stay of plate '{}' card '{}' ({})",
        page.username(),
        request.plate(),
        request.card(),
        requestId);
    page.answer("find-stay", requestId, page.desks().lostCards().findStay(page.session(), request));
  }

  static void reportLostCard(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    JsonNode stayId = message.path("stayId");
    if (!stayId.isMissingNode()
        && !stayId.isNull()
        && (!stayId.isIntegralNumber() || !stayId.canConvertToLong())) {
      page.refuse(
          requestId,
          "停车记录号应为正整数 · The stay number is a positive whole number, not " + stayId.toString());
      return;
    }
    JsonNode f = message.path("form");
    LostCardForm form =
        f.isObject()
            ? new LostCardForm(
                f.path("driverName").asText(""),
                f.path("phone").asText(""),
                f.path("idNumber").asText(""),
                f.path("plate").asText(""),
                f.path("vehicleClass").asText(""),
                f.path("colour").asText(""),
                f.path("circumstances").asText(""))
            : null;
    LostCardDesk.LostCardRequest request =
        new LostCardDesk.LostCardRequest(
            requestId, message.path("lane").asText(""), stayId.asLong(0), form);
    log.info(
        "booth: {} registers a lost card for stay {} at {} ({})",
        page.username(),
        request.stayId(),
        request.lane(),
        requestId);
    page.answer(
        "lost card", requestId, page.desks().lostCards().reportLostCard(page.session(), request));
  }

  static void decideLostCard(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    JsonNode no = message.path("lostCardNo");
    if (!no.isIntegralNumber() || !no.canConvertToLong()) {
      page.refuse(requestId, "遗失卡登记号应为正整数 · The lost card number is a positive whole number");
      return;
    }
    JsonNode approve = message.path("approve");
    LostCardDesk.LostCardDecision request =
        new LostCardDesk.LostCardDecision(
            requestId,
            no.asLong(),
            approve.isBoolean() ? approve.booleanValue() : null,
            message.path("note").asText(""));
    log.info("booth: {} decides lost card {} ({})", page.username(), no.asLong(), requestId);
    page.answer(
        "lost card decision",
        requestId,
        page.desks().lostCards().decideLostCard(page.session(), request));
  }

  static void listLostCards(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    LocalDate from;
    LocalDate to;
    try {
      from = day(message.path("from"));
      to = day(message.path("to"));
    } catch (DateTimeParseException e) {
      page.refuse(requestId, "日期格式应为 2027-01-09 · Dates are written 2027-01-09");
      return;
    }
    page.answer(
        "lost card register",
        requestId,
        page.desks().lostCards().listLostCards(page.session(), requestId, from, to));
  }

  private static LocalDate day(JsonNode text) {
    return text.isTextual() && !text.asText().isBlank()
        ? LocalDate.parse(text.asText().strip())
        : null;
  }
}
