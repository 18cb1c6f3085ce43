package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lane page's files and the event log it reads, as the control interface serves them. */
class LanePageTest extends SimulatorFixture {

  @Test
  void thePageAndItsFilesAreServedFromTheControlPort() throws Exception {
    HttpResponse<String> page = fetch("/");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").get());
    assertTrue(page.body().contains("<script src=\"/assets/lanes.js\""), page.body());
    assertTrue(page.body().contains("事件记录"), "labelled in Chinese and English");
    assertEquals(page.body(), fetch("/lanes.html").body());
    HttpResponse<String> script = fetch("/assets/lanes.js");
    assertEquals(
        "text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").get());
    assertTrue(script.body().contains("/events?after="), "the page reads the event log");
    assertEquals(
        "text/css; charset=utf-8",
        fetch("/assets/lanes.css").headers().firstValue("Content-Type").get());
    // Nothing else of the classpath is reachable, and the page's paths take GET only.
    assertEquals(404, fetch("/assets/../simplelogger.properties").statusCode());
    assertEquals(404, fetch("/lanepage/lanes.js").statusCode());
    ControlClient.Reply post = control.post("/", "{}");
    assertEquals(405, post.status());
    assertEquals("method POST is not allowed on / (use GET)", post.error());
  }

  @Test
  void theEventLogTellsWhatHappenedAtEachLaneInOrder() throws Exception {
    assertEquals(
        200,
        control
            .post("/lanes/entry-1/vehicle/arrive", "{\"plate\":\"沪A12345\",\"class\":\"van\"}")
            .status());
    assertEquals(200, control.post("/lanes/entry-1/barrier/lift", "{\"hold\": true}").status());
    await(
        "the arm up",
        () -> control.lane("entry-1").at("/barrier/position").asText().equals("open"));
    assertEquals(200, control.post("/lanes/exit-1/faults/display", "{\"drop\": 0.5}").status());
    assertEquals(200, control.method("DELETE", "/lanes/exit-1/faults/display").status());
    assertEquals(
        200, control.post("/lanes/exit-1/card/present", "{\"card\":\"0A1B2C3D4E\"}").status());

    JsonNode log = control.get("/events").body();
    List<String> kinds = new ArrayList<>();
    log.path("events")
        .forEach(e -> kinds.add(e.path("lane").asText() + " " + e.path("kind").asText()));
    assertEquals(
        List.of(
            "entry-1 vehicle.arrived",
            "entry-1 camera.read",
            "entry-1 barrier.held",
            "entry-1 barrier.opening",
            "entry-1 barrier.open",
            "exit-1 faults.set",
            "exit-1 faults.cleared",
            "exit-1 card.presented"),
        kinds);
    JsonNode events = log.path("events");
    assertEquals("沪A12345", events.get(0).path("plate").asText());
    assertEquals("van", events.get(0).path("class").asText());
    assertEquals("{\"drop\":0.5}", events.get(5).path("faults").toString());
    assertEquals("display", events.get(6).path("device").asText());
    assertEquals("0A1B2C3D4E", events.get(7).path("card").asText());
    assertEquals(false, events.get(7).path("sentToController").asBoolean());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).path("seq").asLong(), "numbered from 1 without gaps");
      assertTrue(events.get(i).path("time").asText().endsWith("Z"));
    }
    assertEquals(8, log.path("last").asLong());

    JsonNode later = control.get("/events?after=5").body();
    assertEquals(3, later.path("events").size());
    assertEquals(6, later.path("events").get(0).path("seq").asLong());
    assertEquals(1, control.get("/events?after=5&limit=1").body().path("events").size());
    assertEquals(0, control.get("/events?after=8").body().path("events").size());
  }

  @Test
  void aBadEventQueryIsRefusedNamingWhatIsWrong() {
    ControlClient.Reply word = control.get("/events?after=yesterday");
    assertEquals(400, word.status());
    assertTrue(word.error().startsWith("'after' must be a whole number"), word.error());
    ControlClient.Reply unknown = control.get("/events?since=3");
    assertEquals(400, unknown.status());
    assertEquals("unknown query parameter 'since' (fields: after, limit)", unknown.error());
    assertEquals(400, control.get("/events?limit=0").status());
    assertEquals(405, control.post("/events", "{}").status());
  }

  private HttpResponse<String> fetch(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.controlPort + path))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
