package org.parkgate.site;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a barrier's arm is, as its limit switches tell: one limit made, or neither (or both, a
 * fault the lane treats as not at rest). On the console API it is written in lower case.
 */
public enum BarrierPosition {
  /** The open limit is made and the closed one is not. */
  OPEN,
  /** The closed limit is made and the open one is not. */
  CLOSED,
  /** Between limits, travelling or stopped; also both limits made at once. */
  MOVING;

  /** The name on the wire and in people's words: {@code open}, {@code closed}, {@code moving}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
