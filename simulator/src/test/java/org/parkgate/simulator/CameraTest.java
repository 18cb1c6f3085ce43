package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parkgate.device.camera.CameraCodec;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.CameraParser;
import org.parkgate.device.camera.PlateColour;
import org.parkgate.device.camera.VehicleClass;

/** The entry lane's plate camera as a controller sees it, driven through the control interface. */
class CameraTest extends SimulatorFixture {
  private static final String ARRIVE = "/lanes/entry-1/vehicle/arrive";

  private WireMaster<CameraMessage> connect() throws Exception {
    WireMaster<CameraMessage> c =
        new WireMaster<>(site.entryCamera, new CameraParser(), CameraMessage.class);
    await("connected", () -> control.lane("entry-1").at("/camera/link/clients").asInt() == 1);
    return c;
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void aVehicleOnTheArmingLoopIsReadWithItsChinesePlateClassAndColour() throws Exception {
    try (WireMaster<CameraMessage> controller = connect()) {
      ControlClient.Reply r =
          control.post(ARRIVE + "?plate=" + q("沪A12345") + "&class=truck&colour=yellow", null);
      assertEquals(200, r.status(), r.body().toString());
      assertEquals("沪A12345", r.body().path("cameraPlate").asText());
      assertTrue(r.body().path("sentToController").asBoolean());
      CameraMessage.Recognition read =
          assertInstanceOf(CameraMessage.Recognition.class, controller.next(2000));
      assertEquals("entry-1", read.camera(), "the camera id defaults to the lane id");
      assertEquals("沪A12345", read.plate());
      assertEquals(VehicleClass.TRUCK, read.vehicleClass());
      assertEquals(PlateColour.YELLOW, read.colour());
      assertEquals(95, read.confidence());
      JsonNode camera = control.lane("entry-1").path("camera");
      assertEquals("沪A12345", camera.at("/last/plate").asText());
      assertEquals(1, camera.path("recognitions").asInt());
      assertEquals(1, camera.at("/link/framesOut").asInt());
    }
  }

  @Test
  void aJsonBodyWorksAsWellAndAMisreadSendsTheWrongPlate() throws Exception {
    try (WireMaster<CameraMessage> controller = connect()) {
      ControlClient.Reply r =
          control.post(ARRIVE, "{\"plate\":\"粤B12345\",\"misread\":\"粤B12346\",\"confidence\":72}");
      assertEquals(200, r.status(), r.body().toString());
      CameraMessage.Recognition read =
          assertInstanceOf(CameraMessage.Recognition.class, controller.next(2000));
      assertEquals("粤B12346", read.plate());
      assertEquals(72, read.confidence());
      assertEquals("粤B12345", control.lane("entry-1").path("plate").asText(), "the real plate");
    }
  }

  @Test
  void aPlateOfDigitsInTheQueryIsStillAPlate() throws Exception {
    try (WireMaster<CameraMessage> controller = connect()) {
      ControlClient.Reply r = control.post(ARRIVE + "?plate=12345&confidence=80", null);
      assertEquals(200, r.status(), r.body().toString());
      CameraMessage.Recognition read =
          assertInstanceOf(CameraMessage.Recognition.class, controller.next(2000));
      assertEquals("12345", read.plate());
      assertEquals(80, read.confidence());
    }
  }

  @Test
  void withoutAPlateTheVehicleGetsAPlausibleRandomOne() throws Exception {
    try (WireMaster<CameraMessage> controller = connect()) {
      String plate = control.post(ARRIVE, null).body().path("plate").asText();
      assertTrue(
          plate.matches("[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][0-9A-HJ-NP-Z]{5}"), plate);
      CameraMessage.Recognition read =
          assertInstanceOf(CameraMessage.Recognition.class, controller.next(2000));
      assertEquals(plate, read.plate());
      assertEquals(VehicleClass.CAR, read.vehicleClass());
      assertEquals(PlateColour.BLUE, read.colour());
    }
  }

  @Test
  void theCameraAnswersEveryHeartbeatUnlessSilent() throws Exception {
    try (WireMaster<CameraMessage> controller = connect()) {
      controller.send(CameraCodec.encode(new CameraMessage.Heartbeat("entry-1")));
      assertEquals(new CameraMessage.Heartbeat("entry-1"), controller.next(2000));
      assertEquals(
          200, control.post("/lanes/entry-1/faults/camera", "{\"silent\": true}").status());
      controller.send(CameraCodec.encode(new CameraMessage.Heartbeat("entry-1")));
      control.post(ARRIVE, "{\"plate\":\"沪A12345\"}");
      assertNull(controller.next(300), "a silent camera sends nothing");
    }
  }

  @Test
  void aBadCheckIsDroppedAndCountedByTheControllerAndNoiseSplitAndMergeCostNothing()
      throws Exception {
    try (WireMaster<CameraMessage> controller = connect()) {
      control.post("/lanes/entry-1/faults/camera", "{\"badCheck\": 1}");
      control.post(ARRIVE, "{\"plate\":\"沪A00001\"}");
      await("the bad frame", () -> controller.counters().badFrames() == 1);
      assertNull(controller.next(200));
      control.post("/lanes/entry-1/vehicle/leave", null);

      control.post(
          "/lanes/entry-1/faults/camera",
          "{\"noise\": 1, \"split\": true, \"merge\": true, \"seed\": 7}");
      for (int i = 2; i <= 6; i++) {
        control.post(ARRIVE, "{\"plate\":\"沪A0000" + i + "\"}");
        CameraMessage.Recognition read =
            assertInstanceOf(CameraMessage.Recognition.class, controller.next(2000));
        assertEquals("沪A0000" + i, read.plate());
        control.post("/lanes/entry-1/vehicle/leave", null);
      }
      assertTrue(controller.counters().badFrames() > 1, "the noise was seen and dropped");
    }
  }

  @Test
  void aDroppedReadNeverArrivesAndADisconnectClosesTheLink() throws Exception {
    try (WireMaster<CameraMessage> controller = connect()) {
      control.post("/lanes/entry-1/faults/camera", "{\"drop\": 1}");
      control.post(ARRIVE, "{\"plate\":\"沪A00001\"}");
      assertNull(controller.next(300));
      control.post("/lanes/entry-1/faults/camera", "{\"disconnect\": true}");
      assertTrue(controller.closedWithin(2000));
    }
  }

  @Test
  void badVehicleFieldsAre400AndChangeNothing() {
    JsonNode before = control.lane("entry-1");
    assertEquals(
        "'class' must be one of car, van, bus, truck, motorcycle, unknown, not 'tank'",
        control.post(ARRIVE, "{\"class\":\"tank\"}").error());
    assertEquals(
        "'colour' must be one of blue, yellow, green, white, black, unknown, not 'red'",
        control.post(ARRIVE + "?colour=red", null).error());
    assertEquals(
        "'confidence' must be a whole number from 0 to 100",
        control.post(ARRIVE + "?confidence=101", null).error());
    assertEquals(
        "'plate': plate '沪A 12345' holds a character that is not a letter or digit",
        control.post(ARRIVE + "?plate=" + q("沪A 12345"), null).error());
    assertEquals(
        "'misread': plate '" + "X".repeat(17) + "' is longer than 16 characters",
        control.post(ARRIVE, "{\"misread\":\"" + "X".repeat(17) + "\"}").error());
    assertEquals(
        "'plate' is given both in the query and in the body",
        control.post(ARRIVE + "?plate=A1", "{\"plate\":\"A2\"}").error());
    assertEquals(
        "unknown query parameter 'plat' (fields: class, colour, confidence, misread, plate)",
        control.post(ARRIVE + "?plat=A1", null).error());
    assertEquals(
        "'card/take' takes no query parameters; send a JSON body",
        control.post("/lanes/entry-1/card/take?x=1", null).error());
    assertEquals(before, control.lane("entry-1"));
  }

  @Test
  void aLaneWithoutACameraHasNoneAndItsVehiclesStillArrive() {
    ControlClient.Reply r = control.post("/lanes/exit-1/vehicle/arrive", "{\"plate\":\"沪A12345\"}");
    assertEquals(200, r.status());
    assertFalse(r.body().has("cameraPlate"));
    assertTrue(control.lane("exit-1").path("camera").isNull());
    assertTrue(control.lane("exit-1").at("/loops/arming").asBoolean());
  }
}
