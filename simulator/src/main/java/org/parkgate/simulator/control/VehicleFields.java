package org.parkgate.simulator.control;

import java.util.Arrays;
import java.util.Set;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.PlateColour;
import org.parkgate.device.camera.VehicleClass;
import org.parkgate.simulator.lane.Vehicle;

/** The fields of {@code vehicle/arrive}: the vehicle, and how the lane's camera will read it. */
final class VehicleFields {
  static final Set<String> NAMES = Set.of("plate", "class", "colour", "confidence", "misread");

  private VehicleFields() {}

  static Vehicle vehicle(RequestBody body) {
    String plate = body.text("plate").orElseGet(Vehicle::randomPlate);
    VehicleClass vehicleClass =
        body.text("class")
            .map(
                c ->
                    VehicleClass.fromWire(c)
                        .orElseThrow(
                            () ->
                                new ApiError(
                                    400,
                                    "'class' must be one of "
                                        + words(VehicleClass.values())
                                        + ", not '"
                                        + c
                                        + "'")))
            .orElse(VehicleClass.CAR);
    PlateColour colour =
        body.text("colour")
            .map(
                c ->
                    PlateColour.fromWire(c)
                        .orElseThrow(
                            () ->
                                new ApiError(
                                    400,
                                    "'colour' must be one of "
                                        + words(PlateColour.values())
                                        + ", not '"
                                        + c
                                        + "'")))
            .orElse(PlateColour.BLUE);
    int confidence =
        body.integer("confidence", 0, 100).map(Long::intValue).orElse(Vehicle.DEFAULT_CONFIDENCE);
    String misread = body.text("misread").orElse(null);
    requirePlate("plate", plate);
    if (misread != null) {
      requirePlate("misread", misread);
    }
    return new Vehicle(plate, vehicleClass, colour, confidence, misread);
  }

  private static void requirePlate(String field, String plate) {
    String problem = CameraMessage.plateProblem(plate);
    if (problem != null) {
      throw new ApiError(400, "'" + field + "': " + problem);
    }
  }

  private static String words(Enum<?>[] values) {
    return String.join(
        ", ", Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList());
  }
}
