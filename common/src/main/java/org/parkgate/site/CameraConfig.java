package org.parkgate.site;

/**
 * A lane's plate camera.
 *
 * @param address where the camera (or the serial device server in front of it) is reached
 * @param id the camera id its recognitions carry; reads from another id are refused, so a camera
 *     cabled to the wrong lane's port is noticed
 */
public record CameraConfig(DeviceAddress address, String id) {}
