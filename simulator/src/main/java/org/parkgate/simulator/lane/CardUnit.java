package org.parkgate.simulator.lane;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The lane's card unit. At an entry it is a dispenser and reader: on ISSUE it pushes a new card to
 * its mouth, and the driver takes it. At an exit it only reads presented cards. Card numbers are
 * ten upper-case hex characters, unique for the simulator's run: random, or from a seed so that a
 * run issuing its cards in the same order gets the same numbers (a replayed recording).
 */
public final class CardUnit {
  private final boolean dispenser;
  private final Random random;
  private final Set<String> issuedNumbers = new HashSet<>();
  private String atMouth;

  public CardUnit(boolean dispenser) {
    this(dispenser, new SecureRandom());
  }

  /** A unit whose card numbers come from {@code random}. */
  public CardUnit(boolean dispenser, Random random) {
    this.dispenser = dispenser;
    this.random = random;
  }

  public boolean dispenser() {
    return dispenser;
  }

  /** Dispenses a card unless one already waits at the mouth (a real unit holds the next one). */
  public synchronized Optional<String> issue() {
    if (!dispenser || atMouth != null) {
      return Optional.empty();
    }
    String number;
    do {
      number = String.format(Locale.ROOT, "%010X", random.nextLong() & 0xFF_FFFF_FFFFL);
    } while (!issuedNumbers.add(number));
    atMouth = number;
    return Optional.of(number);
  }

  /** The driver pulls the card from the mouth. */
  public synchronized String take() {
    if (!dispenser) {
      throw new LaneConflict("an exit lane has no card dispenser");
    }
    if (atMouth == null) {
      throw new LaneConflict("no card at the mouth (the controller has not sent ISSUE)");
    }
    String card = atMouth;
    atMouth = null;
    return card;
  }

  public synchronized Optional<String> atMouth() {
    return Optional.ofNullable(atMouth);
  }

  public synchronized int issued() {
    return issuedNumbers.size();
  }
}
