package org.parkgate.device.camera;

import java.util.Optional;

/** The kinds of plate camera frame, by the ASCII letter after STX. */
public enum FrameType {
  /** Camera to controller: one plate recognition. */
  RECOGNITION('R'),
  /** Either way: the sender is alive. The camera answers each controller heartbeat with its own. */
  HEARTBEAT('H');

  private final int code;

  FrameType(char code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<FrameType> of(int code) {
    for (FrameType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
