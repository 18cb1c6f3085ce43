package org.parkgate.console.booth;

import static org.parkgate.console.booth.BoothFormat.currency;

import org.parkgate.api.Answer;

/**
 * The page's views of actions on a lane: a mode set, a card's anti-passback cleared, a barrier
 * lifted by hand.
 */
final class LaneViews {
  private LaneViews() {}

  /** The page's view of one of these answers, or null for any other answer. */
  static Object of(Answer answer, BoothFormat format) {
    if (answer instanceof Answer.ModeSet m) {
      return new ModeSet("mode-set", m.changeId(), m.lane(), m.mode().name(), m.by(), m.reason());
    } else if (answer instanceof Answer.PassbackCleared p) {
      return new PassbackCleared("passback-cleared", p.card(), p.closedStayId(), p.by());
    } else if (answer instanceof Answer.BarrierLifted b) {
      return new BarrierLifted(
          "barrier-lifted",
          b.liftNo(),
          b.lane(),
          b.stayId(),
          BoothFormat.money(b.due()),
          currency(b.due()),
          b.reason(),
          b.by());
    }
    return null;
  }

  public record ModeSet(
      String kind, long changeId, String lane, String mode, String by, String reason) {}

  public record PassbackCleared(String kind, String card, long closedStayId, String by) {}

  public record BarrierLifted(
      String kind,
      long liftNo,
      String lane,
      long stayId,
      String due,
      String currency,
      String reason,
      String by) {}
}
