package org.parkgate.controller.site;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.TariffVersions;
import org.parkgate.fee.Tariff;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffLoader;
import org.parkgate.fee.TariffRef;

/**
 * The site's published tariffs as the lanes price with them: every version the ledger holds,
 * parsed, and the one in force at an instant. A version published while the controller runs is
 * taken by {@link #refresh()} without a restart; quotes already given keep the version that priced
 * them.
 *
 * <p>At start the site file's tariff is published as a new version when its text is not the one the
 * site file gave last time (a first start, the file edited, or another site file); a version
 * published since with {@code ./parking tariff publish} stays in force across restarts until the
 * site file changes.
 */
public final class TariffBook {
  /** One published version, parsed. */
  public record Edition(TariffRef ref, Instant inForceFrom, String publishedBy, Tariff tariff) {}

  /** Who the site file's tariff is published by at start. */
  public static final String SITE_FILE = "site file";

  private final Ledger ledger;
  private final Currency currency;
  private volatile List<Edition> editions;

  private TariffBook(Ledger ledger, List<Edition> editions) {
    this.ledger = ledger;
    this.editions = List.copyOf(editions);
    this.currency = editions.get(0).tariff().currency();
  }

  /**
   * The ledger's published tariffs, with the site file's ({@code siteTariff}) published first at
   * {@code now} if its text is new.
   *
   * @throws TariffException when the site file cannot be read or is not a valid tariff, or a
   *     published version no longer parses
   */
  public static TariffBook open(Ledger ledger, Path siteTariff, Instant now)
      throws TariffException {
    String text = TariffLoader.read(siteTariff);
    Tariff fromFile = TariffLoader.parse(siteTariff, text);
    TariffVersions versions = new TariffVersions(ledger);
    TariffVersions.Draft draft =
        new TariffVersions.Draft(text, fromFile.id(), fromFile.name(), siteTariff.toString());
    List<TariffVersions.Version> all = versions.all();
    Optional<TariffVersions.Version> lastFromFile =
        all.stream().filter(v -> SITE_FILE.equals(v.publishedBy())).reduce((a, b) -> b);
    boolean fileChanged =
        lastFromFile.isEmpty() || !lastFromFile.get().sha256().equals(draft.sha256());
    boolean inForceAlready =
        !all.isEmpty() && all.get(all.size() - 1).sha256().equals(draft.sha256());
    if (fileChanged && !inForceAlready) {
      List<Edition> before = parse(all);
      Optional<String> problem =
          before.isEmpty() ? Optional.empty() : mismatch(before.get(0).tariff(), fromFile);
      if (problem.isPresent()) {
        throw new TariffException(siteTariff, "", problem.get());
      }
      Instant latestStart = before.isEmpty() ? now : before.get(before.size() - 1).inForceFrom();
      versions.publish(draft, latestStart.isAfter(now) ? latestStart : now, SITE_FILE, now);
      all = versions.all();
    }
    return new TariffBook(ledger, parse(all));
  }

  /**
   * Why {@code proposed} cannot replace {@code inForce} at a running site: a different currency or
   * time zone would make the ledger's money and days disagree with themselves.
   */
  public static Optional<String> mismatch(Tariff inForce, Tariff proposed) {
    if (!proposed.currency().equals(inForce.currency())) {
      return Optional.of(
          "the tariff charges in "
              + proposed.currency()
              + " but the site's ledger is in "
              + inForce.currency()
              + " (币种与账本不符)");
    }
    if (!proposed.zone().equals(inForce.zone())) {
      return Optional.of(
          "the tariff's zone is "
              + proposed.zone()
              + " but the site's is "
              + inForce.zone()
              + " (时区与本场不符)");
    }
    return Optional.empty();
  }

  /** The version in force at {@code at} (the first one for an instant before every version). */
  public Edition at(Instant at) {
    List<Edition> all = editions;
    Edition found = all.get(0);
    for (Edition e : all) {
      if (e.inForceFrom().isAfter(at)) {
        break;
      }
      found = e;
    }
    return found;
  }

  /** The tariff in force at {@code at}. */
  public Tariff tariff(Instant at) {
    return at(at).tariff();
  }

  /** The site's currency: every version charges in it. */
  public Currency currency() {
    return currency;
  }

  /** Every version, oldest first. */
  public List<Edition> editions() {
    return editions;
  }

  /**
   * Takes the versions published since the last look, reading them on a connection of its own (so
   * never waiting on the lanes' ledger thread). Returns those taken, oldest first.
   *
   * @throws TariffException when a new version does not parse or charges in another currency; the
   *     versions in force stay as they were
   */
  public synchronized List<Edition> refresh() throws TariffException {
    List<Edition> known = editions;
    long last = known.get(known.size() - 1).ref().version();
    List<TariffVersions.Version> fresh;
    try (Ledger reader = ledger.reader()) {
      TariffVersions versions = new TariffVersions(reader);
      if (versions.latestNumber() <= last) {
        return List.of();
      }
      fresh = versions.after(last);
    }
    List<Edition> taken = parse(fresh);
    for (Edition e : taken) {
      Optional<String> problem = mismatch(known.get(0).tariff(), e.tariff());
      if (problem.isPresent()) {
        throw new TariffException(
            Path.of(e.ref().id()), "", "version " + e.ref().version() + ": " + problem.get());
      }
    }
    List<Edition> all = new ArrayList<>(known);
    all.addAll(taken);
    editions = List.copyOf(all);
    return taken;
  }

  private static List<Edition> parse(List<TariffVersions.Version> versions) throws TariffException {
    List<Edition> out = new ArrayList<>();
    for (TariffVersions.Version v : versions) {
      Tariff t = TariffLoader.parse(Path.of(v.source()), v.body());
      out.add(new Edition(v.ref(), v.inForceFrom(), v.publishedBy(), t));
    }
    return out;
  }
}
