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

/**
 * The page's messages for the shift's end, read into {@link ShiftDesk} requests: {@code hand-over}
 * ({@code pieces}, {@code cards}, {@code receipts}, {@code incomingUsername}, {@code
 * incomingPassword}, {@code recountPieces}), {@code resolve-incident} ({@code incidentNo}, {@code
 * note}) and {@code reprint-shift-report} ({@code shiftNo}). A field of the wrong shape is refused
 * here, naming it.
 */
final class ShiftMessages {
  static final Set<String> TYPES = Set.of("hand-over", "resolve-incident", "reprint-shift-report");

  private ShiftMessages() {}

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

  /** The pieces of a count ({@code [{faceMinor, count}]}), null when none was sent. */
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
            what + ": 张数应为整数 · Each count is a whole number of notes or coins, not " + p);
      }
      out.add(new CashCount.Pieces(face.asLong(), n.asLong()));
    }
    return out;
  }
}
