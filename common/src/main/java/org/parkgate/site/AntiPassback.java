package org.parkgate.site;

/** How strictly a site keeps a card to one entry and one exit in turn. */
public enum AntiPassback {
  /** A card already inside cannot enter again; a card not inside cannot leave. */
  HARD,
  /** The card passes and the violation is recorded as an incident. */
  SOFT
}
