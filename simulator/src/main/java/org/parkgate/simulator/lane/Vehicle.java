package org.parkgate.simulator.lane;

import java.security.SecureRandom;
import java.util.Random;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.PlateColour;
import org.parkgate.device.camera.VehicleClass;

/**
 * A vehicle arriving at a lane, and how the lane's camera will read it.
 *
 * @param plate the vehicle's real plate
 * @param misread the plate the camera reports instead, or null to read it right
 * @param confidence the confidence the camera reports, 0-100
 */
public record Vehicle(
    String plate, VehicleClass vehicleClass, PlateColour colour, int confidence, String misread) {
  public static final int DEFAULT_CONFIDENCE = 95;

  /** Province abbreviations that begin Chinese mainland plates. */
  private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

  /** Plates leave out I and O, which look like 1 and 0. */
  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

  private static final Random RANDOM = new SecureRandom();

  public Vehicle {
    requirePlate(plate);
    if (misread != null) {
      requirePlate(misread);
    }
    if (vehicleClass == null || colour == null) {
      throw new IllegalArgumentException("vehicle class and plate colour are required");
    }
    if (confidence < 0 || confidence > 100) {
      throw new IllegalArgumentException("confidence " + confidence + " is outside 0-100");
    }
  }

  private static void requirePlate(String plate) {
    String problem = CameraMessage.plateProblem(plate);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** What the camera reports as the plate. */
  public String platePerCamera() {
    return misread != null ? misread : plate;
  }

  /** A plausible Chinese plate: province, city letter, five letters or digits (mostly digits). */
  public static String randomPlate() {
    StringBuilder s = new StringBuilder();
    s.append(PROVINCES.charAt(RANDOM.nextInt(PROVINCES.length())));
    s.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    for (int i = 0; i < 5; i++) {
      s.append(
          RANDOM.nextInt(5) == 0
              ? LETTERS.charAt(RANDOM.nextInt(LETTERS.length()))
              : (char) ('0' + RANDOM.nextInt(10)));
    }
    return s.toString();
  }
}
