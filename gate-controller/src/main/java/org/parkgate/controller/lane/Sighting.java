package org.parkgate.controller.lane;

/**
 * What a lane's plate camera saw of the vehicle on its loop: plate, vehicle class and colour, as
 * the camera reports them. A lane without a camera passes null where a sighting is asked for.
 */
public record Sighting(String plate, String vehicleClass, String colour) {}
