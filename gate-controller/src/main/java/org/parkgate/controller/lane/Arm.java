package org.parkgate.controller.lane;

/**
 * What the lane last told the barrier and why, and the timer watching it get there.
 *
 * @param commanded the last command sent to the barrier
 * @param reason why the barrier is (or was last) open; null once it is down
 * @param timer token of the lane's live timer; it grows with every timer started
 * @param closeRetried the close command has already been sent a second time
 */
public record Arm(Command commanded, Reason reason, long timer, boolean closeRetried) {
  public static final Arm AT_REST = new Arm(Command.NONE, null, 0, false);

  public enum Command {
    NONE,
    OPEN,
    CLOSE
  }

  /** Why the barrier is up: every opening has one. */
  public enum Reason {
    /** A vehicle's entry was recorded, or its exit paid or free. */
    TRANSACTION,
    /** Re-opened over a vehicle that followed a paid or admitted one (TAILGATING reported). */
    TAILGATE,
    /** The lane mode holds the barrier open. */
    MODE,
    /** The barrier was found up when the lane started or came back after power loss. */
    START,
    /** The barrier went up with no command (ARM_LIFTED_WITHOUT_TRANSACTION reported). */
    UNEXPLAINED
  }

  Arm command(Command c, Reason why, long token) {
    return new Arm(c, why, token, false);
  }

  Arm reason(Reason why) {
    return new Arm(commanded, why, timer, closeRetried);
  }

  Arm timer(long token) {
    return new Arm(commanded, reason, token, closeRetried);
  }

  Arm retried(long token) {
    return new Arm(commanded, reason, token, true);
  }
}
