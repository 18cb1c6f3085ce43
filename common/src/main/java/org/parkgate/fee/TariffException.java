package org.parkgate.fee;

import java.nio.file.Path;

/**
 * A tariff file that cannot be used. The message names the file, the place in it (such as {@code
 * rules.day.bands[2].upTo}) and what is wrong, so a site manager can fix it without help.
 */
public final class TariffException extends Exception {

  private final transient Path file;
  private final String where;
  private final String problem;

  public TariffException(Path file, String where, String problem) {
    this(file, where, problem, null);
  }

  public TariffException(Path file, String where, String problem, Throwable cause) {
    super(file + ": " + (where.isEmpty() ? "" : where + ": ") + problem, cause);
    this.file = file;
    this.where = where;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /**
   * The path inside the file, for example {@code classes.truck.rules.day.unit}; empty for the whole
   * file.
   */
  public String where() {
    return where;
  }

  public String problem() {
    return problem;
  }
}
