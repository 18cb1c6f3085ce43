package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.SecurityEvents;

/**
 * The rules every approval shares (free passes, lost-card releases): a refusal says why, a note is
 * bounded, a request is decided once, and never by the person who asked for it (four eyes), which
 * is also recorded as a security event. Each check returns the refusal to send, or empty.
 */
final class Approvals {
  static final int MAX_NOTE = 200;

  private Approvals() {}

  /** The note stripped, or null when blank or longer than {@link #MAX_NOTE}. */
  static String note(String raw) {
    if (raw == null) {
      return null;
    }
    String t = raw.strip();
    return t.isEmpty() || t.length() > MAX_NOTE ? null : t;
  }

  /** A note too long, or a refusal without one. */
  static Optional<Decision> noteProblem(ConsoleCommand cmd, boolean approve, String raw) {
    String note = note(raw);
    if (raw != null && !raw.isBlank() && note == null) {
      return Optional.of(
          Decision.refused(
              cmd,
              Refusal.INVALID,
              Said.of(
                  "备注最多 " + MAX_NOTE + " 个字", "a note is at most " + MAX_NOTE + " characters")));
    }
    if (!approve && note == null) {
      return Optional.of(
          Decision.refused(
              cmd, Refusal.INVALID, Said.of("拒绝须填写备注说明原因", "a refusal needs a note saying why")));
    }
    return Optional.empty();
  }

  /**
   * {@code what} (e.g. "免费放行 3 · free pass 3", said in both) was decided already, {@code approved}
   * or not, by someone.
   */
  static Decision decidedAlready(
      ConsoleCommand cmd, String what, boolean approved, String decidedBy) {
    return Decision.refused(
        cmd,
        Refusal.NOT_NOW,
        Said.of(
            Said.zh(what) + " 已由 " + decidedBy + (approved ? " 批准" : " 拒绝"),
            Said.en(what)
                + " was "
                + (approved ? "approved" : "refused")
                + " by "
                + decidedBy
                + " already"));
  }

  /**
   * The person deciding asked for it themselves: refused and recorded. {@code what} and {@code
   * others}, who may decide instead, are said in both, e.g. "另一位主管 · another supervisor".
   */
  static Optional<Decision> ownRequest(
      ConsoleCommand cmd,
      SecurityEvents security,
      Session actor,
      String askedBy,
      String what,
      String others,
      Instant now) {
    if (!askedBy.equals(actor.username())) {
      return Optional.empty();
    }
    security.record(
        SecurityEvents.Kind.SAME_PERSON,
        actor.consoleId(),
        actor.username(),
        null,
        "decision on own " + Said.en(what) + " refused",
        now);
    return Optional.of(
        Decision.refused(
            cmd,
            Refusal.SAME_PERSON,
            Said.of(
                Said.zh(what) + " 由 " + actor.username() + " 提出，本人不能审批；请" + Said.zh(others) + "审批",
                Said.en(what)
                    + " was asked by "
                    + actor.username()
                    + ", who cannot decide it; ask "
                    + Said.en(others))));
  }
}
