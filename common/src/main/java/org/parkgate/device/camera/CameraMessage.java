package org.parkgate.device.camera;

import java.time.Instant;
import java.util.regex.Pattern;

/** What a plate camera and the controller say to each other (see docs/protocols.md). */
public sealed interface CameraMessage {
  /** Camera ids and heartbeat senders: like lane ids. */
  Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  int MAX_PLATE_CHARS = 16;

  /**
   * One vehicle read by the camera.
   *
   * @param camera the camera's id
   * @param plate 1-16 letters (any script) and digits, with '·' or '-' allowed as separators
   * @param confidence how sure the camera is of the plate text, 0-100
   * @param time when the camera saw the vehicle by its own clock, or null if it has none
   */
  record Recognition(
      String camera,
      String plate,
      VehicleClass vehicleClass,
      PlateColour colour,
      int confidence,
      Instant time)
      implements CameraMessage {
    public Recognition {
      requireId("camera id", camera);
      String problem = plateProblem(plate);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      if (vehicleClass == null || colour == null) {
        throw new IllegalArgumentException("vehicle class and plate colour are required");
      }
      if (confidence < 0 || confidence > 100) {
        throw new IllegalArgumentException("confidence " + confidence + " is outside 0-100");
      }
    }
  }

  /** I am alive: {@code sender} is the camera's id, or the lane id when the controller sends. */
  record Heartbeat(String sender) implements CameraMessage {
    public Heartbeat {
      requireId("heartbeat sender", sender);
    }
  }

  /** Why {@code plate} is not a plate this protocol carries, or null if it is one. */
  static String plateProblem(String plate) {
    if (plate == null || plate.isEmpty()) {
      return "plate is empty";
    }
    int count = plate.codePointCount(0, plate.length());
    if (count > MAX_PLATE_CHARS) {
      return "plate '" + plate + "' is longer than " + MAX_PLATE_CHARS + " characters";
    }
    boolean ok =
        plate.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '·' || c == '-');
    return ok ? null : "plate '" + plate + "' holds a character that is not a letter or digit";
  }

  private static void requireId(String what, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1-32 letters, digits, '-' or '_', not '" + id + "'");
    }
  }
}
