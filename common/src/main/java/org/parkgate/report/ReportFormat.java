package org.parkgate.report;

import java.util.Locale;
import java.util.Optional;

/** How a report is written out. */
public enum ReportFormat {
  /** Aligned columns for a terminal or a printer. */
  TEXT,
  /**
   * Comma-separated, UTF-8 with a BOM by default (or GB18030), so Excel in China opens it right.
   */
  CSV,
  /**
   * An Excel workbook: the table on the first sheet, the title, period and chain head on another.
   */
  XLSX,
  /** The {@link Report} itself through the console API's mapper. */
  JSON;

  public static Optional<ReportFormat> of(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (ReportFormat f : values()) {
      if (f.name().equalsIgnoreCase(text.trim())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
