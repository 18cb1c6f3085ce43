package org.parkgate.wire;

import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic and error counts of one link, updated by its event loop and read by anyone (status pages,
 * tests, the offline detector).
 *
 * <p>{@code badFrames} counts the times the link lost synchronisation: one or more consecutive
 * bytes dropped before the next good frame. {@code droppedBytes} counts each byte dropped.
 */
public final class LinkCounters {
  private final LongAdder framesIn = new LongAdder();
  private final LongAdder badFrames = new LongAdder();
  private final LongAdder droppedBytes = new LongAdder();
  private final LongAdder framesOut = new LongAdder();

  public long framesIn() {
    return framesIn.sum();
  }

  public long badFrames() {
    return badFrames.sum();
  }

  public long droppedBytes() {
    return droppedBytes.sum();
  }

  public long framesOut() {
    return framesOut.sum();
  }

  public void incrementFramesIn() {
    framesIn.increment();
  }

  public void incrementBadFrames() {
    badFrames.increment();
  }

  public void addDroppedBytes(long count) {
    droppedBytes.add(count);
  }

  public void incrementFramesOut() {
    framesOut.increment();
  }

  @Override
  public String toString() {
    return "framesIn="
        + framesIn()
        + " badFrames="
        + badFrames()
        + " droppedBytes="
        + droppedBytes()
        + " framesOut="
        + framesOut();
  }
}
