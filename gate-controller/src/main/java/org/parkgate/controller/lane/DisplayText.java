package org.parkgate.controller.lane;

import java.util.List;
import org.parkgate.site.Language;

/**
 * One row of a lane display in both languages, kept whole until the lane writes it: the site's
 * {@code language} then picks Chinese, English or both ({@code both} as the row reads with both).
 */
record DisplayText(String zh, String en, String both) {
  static final DisplayText EMPTY = new DisplayText("", "", "");

  /** A row whose two sides stand side by side when the display shows both. */
  static DisplayText of(String zh, String en) {
    return new DisplayText(zh, en, Language.BOTH.pick(zh, en));
  }

  String in(Language language) {
    return switch (language) {
      case ZH -> zh;
      case EN -> en;
      case BOTH -> both;
    };
  }

  static List<String> in(List<DisplayText> rows, Language language) {
    return rows.stream().map(r -> r.in(language)).toList();
  }
}
