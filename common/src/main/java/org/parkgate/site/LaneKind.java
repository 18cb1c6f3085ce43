package org.parkgate.site;

/** Which way vehicles pass a lane. */
public enum LaneKind {
  ENTRY,
  EXIT
}
