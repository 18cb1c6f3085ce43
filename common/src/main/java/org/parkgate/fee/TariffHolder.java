package org.parkgate.fee;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The tariff in force at a site, reloadable from its file. A reload that fails leaves the previous
 * tariff in force: a typo in an edit must never stop the exits charging.
 */
public final class TariffHolder {

  private final Path file;
  private volatile Tariff current;

  private TariffHolder(Path file, Tariff current) {
    this.file = file;
    this.current = current;
  }

  public static TariffHolder load(Path file) throws TariffException {
    return new TariffHolder(file, TariffLoader.load(file));
  }

  public Tariff current() {
    return current;
  }

  /** Loads the file again; on failure throws and keeps the tariff that was in force. */
  public Tariff reload() throws TariffException {
    Tariff fresh = TariffLoader.load(file);
    current = Objects.requireNonNull(fresh);
    return fresh;
  }
}
