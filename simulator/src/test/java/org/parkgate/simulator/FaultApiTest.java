package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault endpoints: every field checked with a clear 400, and a refused request changes nothing.
 */
class FaultApiTest extends SimulatorFixture {
  private static final String BARRIER = "/lanes/entry-1/faults/barrier";

  @Test
  void everyDeviceStartsWithNoFaultsAndAFixedSeed() {
    ControlClient.Reply r = control.get(BARRIER);
    assertEquals(200, r.status());
    assertEquals("entry-1", r.body().path("lane").asText());
    assertEquals(
        "{\"noise\":0.0,\"split\":false,\"merge\":false,\"badCheck\":0.0,\"drop\":0.0,\"delayMs\":0,"
            + "\"silent\":false,\"disconnect\":false}",
        r.body().path("faults").toString());
    assertTrue(r.body().path("seed").isIntegralNumber());
    JsonNode all = control.get("/lanes/exit-1/faults").body();
    assertEquals(List.of("barrier", "cardUnit", "display"), names(all));
  }

  @Test
  void postSetsTheWholeSetDeleteClearsItAndTheLaneShowsIt() {
    ControlClient.Reply set =
        control.post(
            BARRIER,
            "{\"noise\": 0.2, \"split\": true, \"merge\": true, \"badCheck\": 0.1, \"drop\": 0.1,"
                + " \"delayMs\": 500, \"silent\": false, \"disconnect\": false, \"seed\": 7}");
    assertEquals(200, set.status(), set.body().toString());
    assertEquals(set.body(), control.get(BARRIER).body());
    assertEquals(0.2, control.lane("entry-1").at("/barrier/faults/noise").asDouble());
    assertEquals(500, control.lane("entry-1").at("/barrier/faults/delayMs").asInt());
    assertEquals(7, set.body().path("seed").asLong());

    JsonNode replaced = control.post(BARRIER, "{\"drop\": 1}").body();
    assertEquals(1.0, replaced.at("/faults/drop").asDouble());
    assertEquals(0.0, replaced.at("/faults/noise").asDouble(), "fields left out are off");
    assertEquals(0, replaced.at("/faults/delayMs").asInt());

    JsonNode cleared = control.method("DELETE", BARRIER).body();
    assertEquals(0.0, cleared.at("/faults/drop").asDouble());
    assertEquals(7, cleared.path("seed").asLong(), "clearing faults keeps the seed");
  }

  @Test
  void everyBadFieldIs400NamingItAndChangesNothing() {
    control.post(BARRIER, "{\"noise\": 0.5, \"seed\": 3}");
    JsonNode before = control.get(BARRIER).body();
    String[][] cases = {
      {
        "{\"noise\": 1.5}",
        "'noise' must be a number from 0 to 1 (a fraction of the frames), not 1.5"
      },
      {
        "{\"noise\": \"0.2\"}",
        "'noise' must be a number from 0 to 1 (a fraction of the frames), not \"0.2\""
      },
      {
        "{\"badCheck\": -0.1}",
        "'badCheck' must be a number from 0 to 1 (a fraction of the frames), not -0.1"
      },
      {
        "{\"drop\": true}",
        "'drop' must be a number from 0 to 1 (a fraction of the frames), not true"
      },
      {"{\"delayMs\": 60001}", "'delayMs' must be a whole number from 0 to 60000"},
      {"{\"delayMs\": 1.5}", "'delayMs' must be a whole number from 0 to 60000"},
      {"{\"split\": \"yes\"}", "'split' must be true or false"},
      {"{\"silent\": 1}", "'silent' must be true or false"},
      {"{\"seed\": -1}", "'seed' must be a whole number from 0 to 9223372036854775807"},
      {"{\"noise\": 0.1, \"disconnect\": \"no\"}", "'disconnect' must be true or false"},
      {
        "{\"nosie\": 0.1}",
        "unknown field 'nosie' (fields: badCheck, delayMs, disconnect, drop, merge, noise, seed, silent, split)"
      },
      {"[0.1]", "the body must be a JSON object"},
    };
    for (String[] c : cases) {
      ControlClient.Reply r = control.post(BARRIER, c[0]);
      assertEquals(400, r.status(), c[0]);
      assertEquals(c[1], r.error(), c[0]);
    }
    ControlClient.Reply malformed = control.post(BARRIER, "{\"noise\": ");
    assertEquals(400, malformed.status());
    assertTrue(malformed.error().startsWith("malformed JSON"), malformed.error());
    assertEquals(before, control.get(BARRIER).body());
  }

  @Test
  void theDisplayTakesOnlyFaultsOnWhatItReceivesAndOnTheLink() {
    ControlClient.Reply r =
        control.post("/lanes/exit-1/faults/display", "{\"drop\": 0.5, \"badCheck\": 0.5}");
    assertEquals(400, r.status());
    assertEquals(
        "'badCheck' does not apply to the display, which sends nothing (its faults: disconnect, drop, seed, silent)",
        r.error());
    assertEquals(
        0.0, control.get("/lanes/exit-1/faults/display").body().at("/faults/drop").asDouble());
    assertEquals(
        200,
        control.post("/lanes/exit-1/faults/display", "{\"drop\": 0.5, \"silent\": true}").status());
    assertTrue(control.lane("exit-1").at("/display/faults/silent").asBoolean());
  }

  @Test
  void unknownDeviceOrLaneIs404AndAWrongMethodIs405() {
    ControlClient.Reply device = control.post("/lanes/entry-1/faults/printer", "{}");
    assertEquals(404, device.status());
    assertEquals(
        "no device 'printer' (devices: barrier, cardUnit, display, camera)", device.error());
    assertEquals(
        "no device 'camera' (devices: barrier, cardUnit, display)",
        control.post("/lanes/exit-1/faults/camera", "{}").error());
    ControlClient.Reply lane = control.get("/lanes/x/faults/barrier");
    assertEquals(404, lane.status());
    assertEquals("unknown lane 'x' (lanes: entry-1, exit-1)", lane.error());
    ControlClient.Reply put = control.method("PUT", BARRIER);
    assertEquals(405, put.status());
    assertEquals(
        "method PUT is not allowed on " + BARRIER + " (use GET or POST or DELETE)", put.error());
    assertEquals(405, control.post("/lanes/entry-1/faults", "{}").status());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
