package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** The simulator's control interface (docs/simulator.md), as a tester's scripts call it. */
final class SimControl {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private volatile Calls calls = Calls.NONE;

  SimControl(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** From now on every call passes through {@code calls} (a recording or a replay). */
  void calls(Calls calls) {
    this.calls = calls;
  }

  /** Sends a request; a refusal (4xx/5xx) is thrown with the simulator's own words. */
  JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
    Calls through = calls;
    Calls.Call asked =
        new Calls.Call(Calls.SIMULATOR, method, path, body == null ? null : JSON.valueToTree(body));
    JsonNode send = through.sending(asked);
    Calls.Call sent = new Calls.Call(Calls.SIMULATOR, method, path, send);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                send == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(send)));
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      through.answered(sent, null, "no answer: " + e, null);
      throw e;
    }
    JsonNode json = JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
    if (r.statusCode() / 100 != 2) {
      String why = json.path("error").asText(r.body());
      through.answered(sent, r.statusCode(), why, json);
      throw new Refused(r.statusCode(), method + " " + path + ": " + why);
    }
    through.answered(sent, r.statusCode(), null, json);
    return json;
  }

  JsonNode lane(String lane) throws IOException, InterruptedException {
    return call("GET", "/lanes/" + encode(lane), null);
  }

  JsonNode lanes() throws IOException, InterruptedException {
    return call("GET", "/lanes", null);
  }

  /** Polls a lane until {@code condition} holds; empty-handed after {@code wait}. */
  JsonNode await(String lane, Predicate<JsonNode> condition, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    JsonNode state = lane(lane);
    while (!condition.test(state)) {
      if (System.nanoTime() > deadline) {
        return null;
      }
      Thread.sleep(25);
      state = lane(lane);
    }
    return state;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String barrier(JsonNode lane) {
    return lane.path("barrier").path("position").asText();
  }

  /** The simulator said no: its status and its reason. */
  static final class Refused extends IOException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
