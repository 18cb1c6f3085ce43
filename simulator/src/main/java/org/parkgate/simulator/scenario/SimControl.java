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

  SimControl(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Sends a request; a refusal (4xx/5xx) is thrown with the simulator's own words. */
  JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
    if (r.statusCode() / 100 != 2) {
      throw new Refused(
          r.statusCode(), method + " " + path + ": " + json.path("error").asText(r.body()));
    }
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
