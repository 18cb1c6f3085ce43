package org.parkgate.simulator.control;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.parkgate.device.card.CardRead;
import org.parkgate.simulator.device.LaneDevices;
import org.parkgate.simulator.lane.SimLane;
import org.parkgate.site.CardProtocol;

/**
 * What the control interface can do at a lane; each action answers with its result and the lane.
 */
final class LaneActions {
  static final List<String> NAMES =
      List.of(
          "vehicle/arrive",
          "vehicle/drive",
          "vehicle/leave",
          "card/take",
          "card/present",
          "barrier/fault",
          "barrier/lift");
  private static final long MAX_DWELL_MS = 60_000;

  /** What an STX-framed reader can send: its frame holds exactly ten hex characters. */
  private static final Pattern STX_CARD = Pattern.compile("[0-9A-Fa-f]{10}");

  private final Map<String, LaneDevices> lanes = new LinkedHashMap<>();
  private final Duration defaultDwell;

  LaneActions(List<LaneDevices> lanes, Duration defaultDwell) {
    lanes.forEach(l -> this.lanes.put(l.lane().id(), l));
    this.defaultDwell = defaultDwell;
  }

  List<Map<String, Object>> all() {
    return lanes.values().stream().map(LaneJson::of).toList();
  }

  Map<String, Object> view(String laneId) {
    return LaneJson.of(lane(laneId));
  }

  /**
   * @param query the request's raw URL query: fields of {@code vehicle/arrive}, refused elsewhere
   */
  Map<String, Object> perform(String laneId, String action, String query, InputStream bodyStream)
      throws IOException {
    LaneDevices devices = lane(laneId);
    SimLane lane = devices.lane();
    if (query != null && !query.isEmpty() && !action.equals("vehicle/arrive")) {
      throw new ApiError(400, "'" + action + "' takes no query parameters; send a JSON body");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    switch (action) {
      case "vehicle/arrive" -> {
        RequestBody body =
            RequestBody.read(bodyStream, VehicleFields.NAMES)
                .withQuery(query, VehicleFields.NAMES, VehicleFields.NUMBERS);
        SimLane.CameraShot shot = lane.arrive(VehicleFields.vehicle(body));
        result.put("plate", lane.plate().orElseThrow());
        if (shot != null) {
          result.put("cameraPlate", shot.read().plate());
          result.put("sentToController", shot.sentToController());
        }
      }
      case "vehicle/drive" ->
          drive(lane, RequestBody.read(bodyStream, Set.of("dwellMs", "wait")), result);
      case "vehicle/leave" -> {
        RequestBody.read(bodyStream, Set.of());
        lane.leave();
      }
      case "card/take" -> {
        RequestBody.read(bodyStream, Set.of());
        SimLane.CardTaken taken = lane.takeCard();
        result.put("card", taken.card());
        result.put("sentToController", taken.sentToController());
      }
      case "card/present" -> {
        RequestBody body = RequestBody.read(bodyStream, Set.of("card"));
        String card =
            body.text("card")
                .orElseThrow(
                    () ->
                        new ApiError(
                            400,
                            "missing 'card': give the card number, e.g. {\"card\":\"0A1B2C3D4E\"}"));
        if (!CardRead.isValid(card)) {
          throw new ApiError(400, "'card' must be 1-32 letters or digits, not '" + card + "'");
        }
        if (lane.config().cardProtocol() == CardProtocol.STX && !STX_CARD.matcher(card).matches()) {
          throw new ApiError(
              400,
              "'card' must be ten hex characters for lane "
                  + laneId
                  + "'s STX reader, not '"
                  + card
                  + "'");
        }
        SimLane.CardTaken read = lane.presentCard(new CardRead(card));
        result.put("card", read.card());
        result.put("sentToController", read.sentToController());
      }
      case "barrier/fault" -> lane.barrier().setFault(requiredFlag(bodyStream, "on"));
      case "barrier/lift" -> lane.barrier().setHeld(requiredFlag(bodyStream, "hold"));
      default -> throw new ApiError(404, "no such action '" + action + "'");
    }
    result.put("lane", LaneJson.of(devices));
    return result;
  }

  private void drive(SimLane lane, RequestBody body, Map<String, Object> result) {
    Duration dwell =
        body.integer("dwellMs", 0, MAX_DWELL_MS).map(Duration::ofMillis).orElse(defaultDwell);
    boolean wait = body.bool("wait").orElse(true);
    CompletableFuture<Void> cleared = lane.drive(dwell);
    if (wait) {
      try {
        cleared.get(dwell.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiError(503, "interrupted while the vehicle drove through");
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("vehicle did not clear the loops", e);
      }
    }
    result.put("cleared", wait);
    result.put("dwellMs", dwell.toMillis());
  }

  LaneDevices lane(String laneId) {
    LaneDevices devices = lanes.get(laneId);
    if (devices == null) {
      throw new ApiError(
          404, "unknown lane '" + laneId + "' (lanes: " + String.join(", ", lanes.keySet()) + ")");
    }
    return devices;
  }

  /** A body holding just {@code name}, true or false; 400 naming it when it is missing. */
  private static boolean requiredFlag(InputStream bodyStream, String name) throws IOException {
    return RequestBody.read(bodyStream, Set.of(name))
        .bool(name)
        .orElseThrow(() -> new ApiError(400, "missing '" + name + "': true or false"));
  }
}
