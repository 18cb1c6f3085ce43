package org.parkgate.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the booth page does, over the same HTTP and WebSocket: log in, watch, press "cash received".
 */
final class BoothClient implements AutoCloseable {
  private final HttpClient http;
  private final String base;
  private final String cookie;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final WebSocket socket;

  private BoothClient(HttpClient http, String base, String cookie) throws Exception {
    this.http = http;
    this.base = base;
    this.cookie = cookie;
    StringBuilder partial = new StringBuilder();
    this.socket =
        http.newWebSocketBuilder()
            .header("Cookie", cookie)
            .buildAsync(
                URI.create(base.replace("http://", "ws://") + "/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      try {
                        received.add(SystemFixture.JSON.readTree(partial.toString()));
                      } catch (Exception e) {
                        throw new AssertionError("console sent malformed JSON: " + partial, e);
                      }
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
  }

  static BoothClient login(HttpClient http, int port, String user, String password)
      throws Exception {
    String base = "http://127.0.0.1:" + port;
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        r.headers()
            .firstValue("Set-Cookie")
            .orElseThrow(
                () ->
                    new AssertionError(
                        "login as " + user + " refused: " + r.statusCode() + " " + r.body()));
    return new BoothClient(http, base, cookie.split(";", 2)[0]);
  }

  JsonNode state() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/state"))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return SystemFixture.JSON.readTree(r.body());
  }

  /**
   * The devices the booth shows as offline at a lane now, e.g. "道闸（2000 毫秒无应答） · barrier (no answer
   * for 2000 ms)".
   */
  List<String> offlineDevices(String laneId) throws Exception {
    for (JsonNode lane : state().path("lanes")) {
      if (lane.path("id").asText().equals(laneId)) {
        List<String> devices = new java.util.ArrayList<>();
        lane.path("offlineDevices").forEach(d -> devices.add(d.asText()));
        return devices;
      }
    }
    throw new AssertionError("the booth shows no lane " + laneId + ": " + state().toPrettyString());
  }

  /** The booth's view of a lane, once it shows what is expected. */
  JsonNode awaitLane(String laneId, String what, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      for (JsonNode lane : state().path("lanes")) {
        if (lane.path("id").asText().equals(laneId) && condition.test(lane)) {
          return lane;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "booth never showed "
                + what
                + " at "
                + laneId
                + "; state: "
                + state().toPrettyString());
      }
      Thread.sleep(50);
    }
  }

  /**
   * Presses "cash received" for the vehicle waiting at an exit and returns the console's answer.
   */
  JsonNode cashReceived(String requestId, String lane, long stayId, long dueMinor)
      throws Exception {
    openShift();
    String message =
        SystemFixture.JSON.writeValueAsString(
            java.util.Map.of(
                "type",
                "cash",
                "requestId",
                requestId,
                "lane",
                lane,
                "stayId",
                stayId,
                "dueMinor",
                dueMinor));
    socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    return awaitMessage(
        "the result of " + requestId,
        m ->
            m.path("type").asText().equals("result")
                && m.path("requestId").asText().equals(requestId));
  }

  /**
   * Opens the signed-in person's shift with an empty float: payments are taken only on an open
   * shift (one still open carries on, and a shift closed meanwhile is opened again).
   */
  void openShift() throws Exception {
    String requestId = "open-shift-" + System.nanoTime();
    socket
        .sendText(
            "{\"type\":\"open-shift\",\"requestId\":\"" + requestId + "\",\"pieces\":[]}", true)
        .get(5, TimeUnit.SECONDS);
    JsonNode opened =
        awaitMessage(
            "the result of " + requestId,
            m ->
                m.path("type").asText().equals("result")
                    && m.path("requestId").asText().equals(requestId));
    if (!opened.path("ok").asBoolean()) {
      throw new AssertionError("no shift opened: " + opened);
    }
  }

  JsonNode awaitMessage(String what, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode m : received) {
        if (condition.test(m)) {
          return m;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("booth never received " + what + "; got " + received);
  }

  /** The kinds of event the booth's log showed, in order. */
  List<String> loggedKinds() {
    return received.stream()
        .filter(m -> m.path("type").asText().equals("log"))
        .flatMap(m -> java.util.stream.StreamSupport.stream(m.path("entries").spliterator(), false))
        .map(e -> e.path("kind").asText())
        .toList();
  }

  @Override
  public void close() {
    socket.abort();
  }
}
