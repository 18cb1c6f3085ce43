package org.parkgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the simulator's control interface as a test script or person would. */
final class ControlClient {
  record Reply(int status, JsonNode body) {
    String error() {
      return body.path("error").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  ControlClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Reply post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
  }

  Reply method(String method, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  JsonNode lane(String id) {
    Reply r = get("/lanes/" + id);
    if (r.status() != 200) {
      throw new AssertionError("GET /lanes/" + id + " gave " + r);
    }
    return r.body();
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new AssertionError("control interface did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
