package org.parkgate.controller.device.link;

/** A snapshot of one device link, for status pages, logs and tests. */
public record LinkStatus(
    String name,
    String address,
    boolean connected,
    long framesIn,
    long framesOut,
    long badFrames,
    long droppedBytes) {}
