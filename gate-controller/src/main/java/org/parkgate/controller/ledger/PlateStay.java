package org.parkgate.controller.ledger;

/**
 * An open stay and what the entry camera saw of its vehicle ({@code entry} is null when no camera
 * read it: found by card at a lane without one).
 */
public record PlateStay(Stay stay, Sightings.Seen entry) {}
