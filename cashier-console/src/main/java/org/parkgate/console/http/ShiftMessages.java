package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.Refusal;
import org.parkgate.console.auth.Session;
import org.parkgate.console.booth.ShiftDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's messages for the shift, read into {@link ShiftDesk} requests: {@code open-shift} and
 * {@code close-shift} ({@code pieces}; a close also {@code cards}, {@code receipts}), {@code
 * cash-drop} ({@code amountMinor}), and for the shift's end {@code hand-over} ({@code pieces},
 * {@code cards}, {@code receipts}, {@code incomingUsername}, {@code incomingPassword}, {@code
 * recountPieces}), {@code resolve-incident} ({@code incidentNo}, {@code note}) and {@code
 * reprint-shift-report} ({@code shiftNo}). A field of the wrong shape is refused here, naming it.
 */
final class ShiftMessages {
  private static final Logger log = LoggerFactory.getLogger(ShiftMessages.class);

  /**
   * The shift's end, read by {@link #send} and logged by type only: a handover carries the incoming
   * cashier's password.
   */
  static final Set<String> TYPES = Set.of("hand-over", "resolve-incident", "reprint-shift-report");

  private ShiftMessages() {}

  static void openShift(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    ShiftDesk.CountRequest count = count(page, requestId, message);
    if (count == null) {
      return;
    }
    log.info("booth: {} opens a shift with a float ({})", page.username(), requestId);
    page.answer(
        "shift open", requestId, page.desks().shifts().openShift(page.session(), requestId, count));
  }

  static void closeShift(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    ShiftDesk.CountRequest count = count(page, requestId, message);
    if (count == null) {
      return;
    }
    for (String field : new String[] {"cards", "receipts"}) {
      JsonNode n = message.path(field);
      if (!n.isMissingNode() && !n.isNull() && wholeOrNull(n) == null) {
        page.refuse(requestId, "IC卡和收据张数应为整数 · " + field + " must be a whole number, not " + n);
        return;
      }
    }
    log.info("booth: {} closes their shift ({})", page.username(), requestId);
    page.answer(
        "shift close",
        requestId,
        page.desks()
            .shifts()
            .closeShift(
                page.session(),
                requestId,
                count,
                wholeOrNull(message.path("cards")),
                wholeOrNull(message.path("receipts"))));
  }

  static void cashDrop(OpenPage page, JsonNode message) {
    String requestId = message.path("requestId").asText("");
    ShiftDesk.CashDropRequest request =
        new ShiftDesk.CashDropRequest(requestId, wholeOrNull(message.path("amountMinor")));
    log.info("booth: {} drops cash ({})", page.username(), requestId);
    page.answer("cash drop", requestId, page.desks().shifts().cashDrop(page.session(), request));
  }

  /**
   * The count the page sent ({@code pieces: [{faceMinor, count}]}), or null after telling the page
   * what is wrong with it. No pieces at all the desk refuses, after it has checked who asks.
   */
  private static ShiftDesk.CountRequest count(OpenPage page, String requestId, JsonNode message) {
    try {
      return new ShiftDesk.CountRequest(pieces(message.path("pieces"), null));
    } catch (IllegalArgumentException e) {
      page.refuse(requestId, e.getMessage());
      return null;
    }
  }

  /** A whole number the page sent; null when missing or not a whole number. */
  private static Long wholeOrNull(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : null;
  }

  static CompletableFuture<CommandResult> send(
      ShiftDesk desk, Session session, String type, JsonNode message, String source) {
    String id = message.path("requestId").asText("");
    try {
      return switch (type) {
        case "hand-over" ->
            desk.handOver(
                session,
                new ShiftDesk.HandoverRequest(
                    id,
                    pieces(message.path("pieces"), "交班清点 Outgoing count"),
                    whole(message.path("cards"), "IC卡 IC cards"),
                    whole(message.path("receipts"), "收据 Receipts"),
                    message.path("incomingUsername").asText(""),
                    message.path("incomingPassword").asText(""),
                    pieces(message.path("recountPieces"), "接班清点 Incoming count"),
                    source));
        case "resolve-incident" ->
            desk.resolveIncident(
                session,
                id,
                whole(message.path("incidentNo"), "事件号 Incident number"),
                message.path("note").asText(""));
        default ->
            desk.reprintReport(session, id, whole(message.path("shiftNo"), "班次号 Shift number"));
      };
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          CommandResult.refused(id, Refusal.INVALID, e.getMessage()));
    }
  }

  /** A whole number, null when missing; anything else is refused naming {@code what}. */
  private static Long whole(JsonNode n, String what) {
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException(what + " 应为整数 · must be a whole number, not " + n);
    }
    return n.asLong();
  }

  /**
   * The pieces of a count ({@code [{faceMinor, count}]}), null when none was sent; a piece that is
   * not whole numbers is refused naming {@code what} (null: the drawer's one count).
   */
  private static List<CashCount.Pieces> pieces(JsonNode pieces, String what) {
    if (!pieces.isArray()) {
      return null;
    }
    List<CashCount.Pieces> out = new ArrayList<>();
    for (JsonNode p : pieces) {
      JsonNode face = p.path("faceMinor");
      JsonNode n = p.path("count");
      if (!face.isIntegralNumber() || !n.isIntegralNumber() || !n.canConvertToLong()) {
        throw new IllegalArgumentException(
            (what == null ? "" : what + ": ")
                + "张数应为整数 · Each count is a whole number of notes or coins, not "
                + p);
      }
      out.add(new CashCount.Pieces(face.asLong(), n.asLong()));
    }
    return out;
  }
}
