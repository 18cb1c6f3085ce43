package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.parkgate.console.booth.SupervisorDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's messages for actions on a lane, read into {@link SupervisorDesk} requests: {@code
 * lane-mode} ({@code lane}, {@code mode}, {@code reason}), {@code reset-passback} ({@code card},
 * {@code reason}) and {@code lift-barrier} ({@code lane}, {@code stayId}, {@code reason}).
 */
final class SupervisorMessages {
  private static final Logger log = LoggerFactory.getLogger(SupervisorMessages.class);

  private SupervisorMessages() {}

  static void laneMode(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    SupervisorDesk.LaneModeRequest request =
        new SupervisorDesk.LaneModeRequest(
            requestId,
            message.path("lane").asText(""),
            message.path("mode").asText(""),
            message.path("reason").asText(""));
    log.info(
        "booth: {} asked to set {} to {} ({})",
        page.username(),
        request.lane(),
        request.mode(),
        requestId);
    page.answer(
        "lane mode", requestId, page.desks().supervisor().setLaneMode(page.session(), request));
  }

  static void resetPassback(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    SupervisorDesk.PassbackResetRequest request =
        new SupervisorDesk.PassbackResetRequest(
            requestId, message.path("card").asText(""), message.path("reason").asText(""));
    log.info("booth: {} asked to reset card {} ({})", page.username(), request.card(), requestId);
    page.answer(
        "anti-passback reset",
        requestId,
        page.desks().supervisor().resetPassback(page.session(), request));
  }

  static void liftBarrier(OpenPage page, JsonNode message) {
    StayMessage stay = StayMessage.read(page, message, "reason");
    if (stay == null) {
      return;
    }
    SupervisorDesk.LiftRequest request =
        new SupervisorDesk.LiftRequest(stay.requestId(), stay.lane(), stay.stayId(), stay.text());
    log.info(
        "booth: {} lifts the barrier at {} for stay {} ({})",
        page.username(),
        request.lane(),
        stay.stayId(),
        stay.requestId());
    page.answer(
        "barrier lift",
        stay.requestId(),
        page.desks().supervisor().liftBarrier(page.session(), request));
  }
}
