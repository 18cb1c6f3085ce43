package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.parkgate.console.booth.ExemptionDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's messages for vouchers and free passes, read into {@link ExemptionDesk} requests:
 * {@code apply-voucher} ({@code lane}, {@code stayId}, {@code code}), {@code ask-free-pass} ({@code
 * lane}, {@code stayId}, {@code reason}) and {@code decide-free-pass} ({@code passNo}, {@code
 * approve}, {@code note}, and at the booth {@code approverUsername}, {@code approverPassword}).
 */
final class ExemptionMessages {
  private static final Logger log = LoggerFactory.getLogger(ExemptionMessages.class);

  private static final String PASS_NUMBER =
      "免费放行号应为正整数 · The free pass number is a positive whole number, not ";

  private ExemptionMessages() {}

  static void applyVoucher(OpenPage page, JsonNode message) {
    StayMessage stay = StayMessage.read(page, message, "code");
    if (stay == null) {
      return;
    }
    ExemptionDesk.VoucherRequest request =
        new ExemptionDesk.VoucherRequest(stay.requestId(), stay.lane(), stay.stayId(), stay.text());
    log.info(
        "booth: {} applies a voucher to stay {} at {} ({})",
        page.username(),
        stay.stayId(),
        request.lane(),
        stay.requestId());
    page.answer(
        "voucher",
        stay.requestId(),
        page.desks().exemptions().applyVoucher(page.session(), request));
  }

  static void askFreePass(OpenPage page, JsonNode message) {
    StayMessage stay = StayMessage.read(page, message, "reason");
    if (stay == null) {
      return;
    }
    ExemptionDesk.FreePassRequest request =
        new ExemptionDesk.FreePassRequest(
            stay.requestId(), stay.lane(), stay.stayId(), stay.text());
    log.info(
        "booth: {} asks a free pass for stay {} at {} ({})",
        page.username(),
        stay.stayId(),
        request.lane(),
        stay.requestId());
    page.answer(
        "free pass",
        stay.requestId(),
        page.desks().exemptions().askFreePass(page.session(), request));
  }

  static void decideFreePass(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    Long passNo = page.wholeNumber(requestId, message.path("passNo"), PASS_NUMBER);
    if (passNo == null) {
      return;
    }
    JsonNode approve = message.path("approve");
    ExemptionDesk.FreePassDecision request =
        new ExemptionDesk.FreePassDecision(
            requestId,
            passNo,
            approve.isBoolean() ? approve.booleanValue() : null,
            message.path("note").asText(""),
            message.path("approverUsername").asText(null),
            message.path("approverPassword").asText(null),
            page.source());
    log.info("booth: {} decides free pass {} ({})", page.username(), passNo, requestId);
    page.answer(
        "free pass decision",
        requestId,
        page.desks().exemptions().decideFreePass(page.session(), request));
  }
}
