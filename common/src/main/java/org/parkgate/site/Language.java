package org.parkgate.site;

/**
 * The language a driver or a cashier reads: Chinese, English, or both side by side (the site's
 * {@code language}, docs/configuration.md). Every message the system shows exists in both.
 */
public enum Language {
  ZH,
  EN,
  BOTH;

  /** A message in this language: one side, or both with a space between. */
  public String pick(String zh, String en) {
    return switch (this) {
      case ZH -> zh;
      case EN -> en;
      case BOTH -> zh.isEmpty() ? en : en.isEmpty() ? zh : zh + " " + en;
    };
  }

  /** As written in the site file and sent to the booth page: zh, en, both. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
