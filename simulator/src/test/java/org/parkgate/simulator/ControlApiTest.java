package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Every door of the control interface refuses bad input clearly and changes nothing. */
class ControlApiTest extends SimulatorFixture {

  @Test
  void listsEveryLaneWithItsDevices() {
    ControlClient.Reply r = control.get("/lanes");
    assertEquals(200, r.status());
    assertEquals(2, r.body().path("lanes").size());
    JsonNode entry = r.body().path("lanes").get(0);
    assertEquals("entry-1", entry.path("id").asText());
    assertEquals("closed", entry.at("/barrier/position").asText());
    assertEquals(
        "tcp://127.0.0.1:" + site.entryBarrier, entry.at("/barrier/link/address").asText());
    assertEquals(false, entry.at("/barrier/link/controllerConnected").asBoolean());
  }

  @Test
  void unknownLaneIs404NamingTheLanes() {
    ControlClient.Reply r = control.post("/lanes/x/vehicle/arrive", "{}");
    assertEquals(404, r.status());
    assertEquals("unknown lane 'x' (lanes: entry-1, exit-1)", r.error());
    assertEquals(404, control.get("/lanes/x").status());
    assertEquals(404, control.get("/nothing").status());
    assertEquals(404, control.post("/lanes/entry-1/vehicle/fly", null).status());
  }

  @Test
  void malformedJsonIs400AndChangesNothing() {
    JsonNode before = control.lane("entry-1");
    ControlClient.Reply r = control.post("/lanes/entry-1/vehicle/arrive", "{\"plate\": ");
    assertEquals(400, r.status());
    assertTrue(r.error().startsWith("malformed JSON"), r.error());
    assertEquals(400, control.post("/lanes/entry-1/vehicle/arrive", "[1]").status());
    assertEquals(400, control.post("/lanes/entry-1/vehicle/arrive", "{\"plate\": 5}").status());
    assertEquals(
        400, control.post("/lanes/entry-1/vehicle/arrive", "{\"plate\": \"A\"} trailing").status());
    ControlClient.Reply unknown =
        control.post("/lanes/entry-1/vehicle/arrive", "{\"plat\": \"A1\"}");
    assertEquals(
        "unknown field 'plat' (fields: class, colour, confidence, misread, plate)",
        unknown.error());
    assertEquals(before, control.lane("entry-1"));
  }

  @Test
  void missingOrBadCardIs400() {
    ControlClient.Reply missing = control.post("/lanes/exit-1/card/present", "{}");
    assertEquals(400, missing.status());
    assertTrue(missing.error().startsWith("missing 'card'"), missing.error());
    ControlClient.Reply bad = control.post("/lanes/exit-1/card/present", "{\"card\":\"12 34\"}");
    assertEquals(400, bad.status());
    assertEquals("'card' must be 1-32 letters or digits, not '12 34'", bad.error());
  }

  @Test
  void wrongMethodIs405() {
    assertEquals(405, control.method("DELETE", "/lanes").status());
    assertEquals(405, control.post("/lanes/entry-1", "{}").status());
    ControlClient.Reply r = control.get("/lanes/entry-1/vehicle/arrive");
    assertEquals(405, r.status());
    assertEquals(
        "method GET is not allowed on /lanes/entry-1/vehicle/arrive (use POST)", r.error());
  }

  @Test
  void drivingIntoAClosedBarrierIs409AndTheVehicleStaysPut() {
    assertEquals(409, control.post("/lanes/entry-1/vehicle/drive", null).status());
    assertEquals(
        200, control.post("/lanes/entry-1/vehicle/arrive", "{\"plate\":\"沪C00001\"}").status());
    ControlClient.Reply r = control.post("/lanes/entry-1/vehicle/drive", null);
    assertEquals(409, r.status());
    assertEquals("barrier is closed, not fully open", r.error());
    JsonNode lane = control.lane("entry-1");
    assertTrue(lane.at("/loops/arming").asBoolean());
    assertEquals("沪C00001", lane.path("plate").asText());
    assertEquals(409, control.post("/lanes/entry-1/vehicle/arrive", null).status());
  }

  @Test
  void aVehicleCanBackOffButNotTwice() {
    control.post("/lanes/exit-1/vehicle/arrive", null);
    assertEquals(200, control.post("/lanes/exit-1/vehicle/leave", null).status());
    assertEquals(false, control.lane("exit-1").at("/loops/arming").asBoolean());
    assertEquals(409, control.post("/lanes/exit-1/vehicle/leave", null).status());
  }

  @Test
  void aSecondVehicleRollsOnBehindOneUnderTheArmAndWaitsThereWhenItClears() throws Exception {
    control.post("/lanes/entry-1/vehicle/arrive", "{\"plate\":\"沪C00001\"}");
    simulator.lanes().get(0).lane().commandOpen();
    await("open", () -> control.lane("entry-1").at("/barrier/openLimit").asBoolean());
    assertEquals(
        200,
        control
            .post("/lanes/entry-1/vehicle/drive", "{\"dwellMs\": 1000, \"wait\": false}")
            .status());
    // While the first is still on the arming loop nobody fits behind it.
    assertEquals(409, control.post("/lanes/entry-1/vehicle/arrive", null).status());
    await(
        "first off the arming loop",
        () -> !control.lane("entry-1").at("/loops/arming").asBoolean());
    assertEquals(
        200, control.post("/lanes/entry-1/vehicle/arrive", "{\"plate\":\"沪C00002\"}").status());
    JsonNode both = control.lane("entry-1");
    assertTrue(both.at("/loops/arming").asBoolean() && both.at("/loops/safety").asBoolean());
    await("first clear", () -> !control.lane("entry-1").at("/loops/safety").asBoolean());
    JsonNode after = control.lane("entry-1");
    assertTrue(after.at("/loops/arming").asBoolean(), "the follower waits on the arming loop");
    assertEquals("沪C00002", after.path("plate").asText());
    assertEquals(200, control.post("/lanes/entry-1/vehicle/leave", null).status());
  }

  @Test
  void driveWaitsUntilTheVehicleHasClearedTheLoops() throws Exception {
    control.post("/lanes/entry-1/vehicle/arrive", null);
    simulator.lanes().get(0).lane().commandOpen();
    await("open", () -> control.lane("entry-1").at("/barrier/openLimit").asBoolean());
    ControlClient.Reply r = control.post("/lanes/entry-1/vehicle/drive", "{\"dwellMs\": 200}");
    assertEquals(200, r.status());
    assertEquals(true, r.body().path("cleared").asBoolean());
    assertEquals(false, r.body().at("/lane/loops/safety").asBoolean());
    assertEquals(false, r.body().at("/lane/loops/arming").asBoolean());
  }

  @Test
  void faultInjectionFreezesTheBarrier() {
    assertEquals(200, control.post("/lanes/entry-1/barrier/fault", "{\"on\": true}").status());
    simulator.lanes().get(0).lane().commandOpen();
    JsonNode lane = control.lane("entry-1");
    assertEquals("closed", lane.at("/barrier/position").asText());
    assertTrue(lane.at("/barrier/fault").asBoolean());
    assertEquals(400, control.post("/lanes/entry-1/barrier/fault", "{}").status());
  }

  @Test
  void anArmLiftedByHandIsShownHeldAndAHoldWithoutAValueIsRefused() throws Exception {
    assertEquals(200, control.post("/lanes/entry-1/barrier/lift", "{\"hold\": true}").status());
    assertTrue(control.lane("entry-1").at("/barrier/heldByHand").asBoolean());
    var refused = control.post("/lanes/entry-1/barrier/lift", "{}");
    assertEquals(400, refused.status());
    assertTrue(refused.body().toString().contains("missing 'hold'"), refused.body().toString());
    assertEquals(200, control.post("/lanes/entry-1/barrier/lift", "{\"hold\": false}").status());
    assertFalse(control.lane("entry-1").at("/barrier/heldByHand").asBoolean());
  }
}
