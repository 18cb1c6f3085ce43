package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields a page message about one stay carries: {@code requestId}, {@code lane}, {@code stayId}
 * and one free-text field (a voucher code, a reason).
 */
record StayMessage(String requestId, String lane, long stayId, String text) {

  /**
   * Reads {@code message}, or answers the page that the stay number is wrong and returns null.
   *
   * @param textField the name of the free-text field
   */
  static StayMessage read(OpenPage page, JsonNode message, String textField) {
    String requestId = message.path("requestId").asText("");
    Long stayId = page.wholeNumber(requestId, message.path("stayId"), OpenPage.STAY_NUMBER);
    if (stayId == null) {
      return null;
    }
    return new StayMessage(
        requestId, message.path("lane").asText(""), stayId, message.path(textField).asText(""));
  }
}
