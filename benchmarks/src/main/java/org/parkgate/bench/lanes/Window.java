package org.parkgate.bench.lanes;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured window and what was measured in it, shared by the device thread (cards, coils) and
 * the console thread (fees shown, payments).
 */
final class Window {
  private volatile long from = Long.MAX_VALUE;
  private volatile long to = Long.MAX_VALUE;

  /** Card taken at an entry -> open coil. */
  final Queue<Long> entry = new ConcurrentLinkedQueue<>();

  /** Card line at an exit that owes nothing -> open coil. */
  final Queue<Long> freeExit = new ConcurrentLinkedQueue<>();

  /** Card line at an exit with a fee due -> ExitPending at the console. */
  final Queue<Long> owingExit = new ConcurrentLinkedQueue<>();

  /** Payment sent by the console -> open coil. */
  final Queue<Long> payToOpen = new ConcurrentLinkedQueue<>();

  /** Vehicle arrived at the lane (queue included) -> open coil; entries and free exits. */
  final Queue<Long> arrivalToOpen = new ConcurrentLinkedQueue<>();

  /** Cards read in the window whose decision has not come yet, with when they were written. */
  final Map<String, Long> awaiting = new ConcurrentHashMap<>();

  /** Cards presented a second time: their first decision is not a clean sample. */
  final Set<String> presentedAgain = ConcurrentHashMap.newKeySet();

  /** When the console sent each payment. */
  final Map<String, Long> paySent = new ConcurrentHashMap<>();

  final AtomicLong offered = new AtomicLong();
  final AtomicLong served = new AtomicLong();
  final AtomicLong openedInWindow = new AtomicLong();

  void set(long fromNanos, long toNanos) {
    to = toNanos;
    from = fromNanos;
  }

  long from() {
    return from;
  }

  long to() {
    return to;
  }

  boolean in(long nanos) {
    return nanos >= from && nanos < to;
  }

  int inFlight() {
    return awaiting.size();
  }

  /** A card line was written at {@code nanos}; decisions for window cards are awaited. */
  void cardWritten(String card, long nanos) {
    if (in(nanos)) {
      awaiting.put(card, nanos);
    }
  }

  /**
   * The decision for {@code card} arrived at {@code nanos}: records its latency in {@code into}
   * when the card was read in the window, once, and not after a second presentation.
   */
  void decided(String card, long nanos, Queue<Long> into) {
    Long written = awaiting.remove(card);
    if (written != null && !presentedAgain.contains(card)) {
      into.add(nanos - written);
    }
  }
}
