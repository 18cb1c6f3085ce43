package org.parkgate.simulator.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.PlateColour;
import org.parkgate.device.camera.VehicleClass;
import org.parkgate.simulator.lane.Vehicle;

/** The fields of {@code vehicle/arrive}: the vehicle, and how the lane's camera will read it. */
final class VehicleFields {
  static final Set<String> NAMES = Set.of("plate", "class", "colour", "confidence", "misread");

  /** The fields given as numbers; from a query their text is read as one. */
  static final Set<String> NUMBERS = Set.of("confidence");

  private VehicleFields() {}

  static Vehicle vehicle(RequestBody body) {
    String plate = body.text("plate").orElseGet(Vehicle::randomPlate);
    VehicleClass vehicleClass =
        word(body, "class", VehicleClass.values(), VehicleClass::fromWire, VehicleClass.CAR);
    PlateColour colour =
        word(body, "colour", PlateColour.values(), PlateColour::fromWire, PlateColour.BLUE);
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

  private static <E extends Enum<E>> E word(
      RequestBody body,
      String field,
      E[] values,
      Function<String, Optional<E>> lookup,
      E fallback) {
    Optional<String> text = body.text(field);
    if (text.isEmpty()) {
      return fallback;
    }
    return lookup
        .apply(text.get())
        .orElseThrow(
            () ->
                new ApiError(
                    400,
                    "'"
                        + field
                        + "' must be one of "
                        + String.join(
                            ", ",
                            Arrays.stream(values)
                                .map(v -> v.name().toLowerCase(Locale.ROOT))
                                .toList())
                        + ", not '"
                        + text.get()
                        + "'"));
  }
}
