package org.parkgate.console.booth;

import java.util.List;
import java.util.function.BiFunction;
import org.parkgate.api.Answer;

/**
 * A controller's {@link Answer} as the booth page draws it: the same fields, with times in the
 * site's zone and money as exact decimals with their currency, so the page needs neither time-zone
 * nor decimal logic and never reads a sentence. {@code kind} is the answer's API name. Each family
 * of answers has its views in a class of its own.
 */
public final class AnswerView {
  private static final List<BiFunction<Answer, BoothFormat, Object>> FAMILIES =
      List.of(
          PaymentViews::of,
          LaneViews::of,
          ShiftViews::of,
          LostCardViews::of,
          ExemptionViews::of,
          RegisterViews::of);

  private AnswerView() {}

  /** The page's view of {@code answer}, or null for none. */
  public static Object of(Answer answer, BoothFormat format) {
    if (answer == null) {
      return null;
    }
    if (answer instanceof Answer.LoggedOut o) {
      return new Named("logged-out", o.username());
    } else if (answer instanceof Answer.Unlocked u) {
      return new Named("unlocked", u.username());
    } else if (answer instanceof Answer.LoggedIn l) {
      // The login answer carries the session token: it never goes to a page.
      return new Named("logged-in", l.username());
    }
    for (BiFunction<Answer, BoothFormat, Object> family : FAMILIES) {
      Object view = family.apply(answer, format);
      if (view != null) {
        return view;
      }
    }
    throw new IllegalArgumentException("no page view for " + answer.getClass().getSimpleName());
  }

  /** An answer that only names a person. */
  public record Named(String kind, String username) {}
}
