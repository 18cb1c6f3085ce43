package org.parkgate.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.fee.Tariff;
import org.parkgate.fee.TariffVersion;

/**
 * What a site file demands of the tariff that prices it: the same currency and zone, and a fee
 * standard for every vehicle class the site names. Both the site loader and {@code parking tariff
 * check} ask here, so a tariff that passes the check is one the site accepts.
 */
public final class SiteTariff {

  private SiteTariff() {}

  /**
   * The vehicle classes the tariff has a fee standard for; empty when it has one for every class
   * (no {@code classes}, or a {@code default} class).
   */
  public static Set<String> namedClasses(Tariff tariff) {
    Set<String> names = new TreeSet<>();
    for (TariffVersion v : tariff.versions()) {
      if (!v.namesClasses() || v.vehicleClasses().contains("default")) {
        return Set.of();
      }
      names.addAll(v.vehicleClasses());
    }
    return names;
  }

  /** Each way the tariff does not fit the site, one line each; empty when it fits. */
  public static List<String> problems(SiteConfig site, Tariff tariff) {
    List<String> problems = new ArrayList<>();
    if (!site.currency().equals(tariff.currency())) {
      problems.add(
          "currency: "
              + tariff.currency()
              + ", but site "
              + site.id()
              + " charges in "
              + site.currency());
    }
    if (!site.zone().equals(tariff.zone())) {
      problems.add("zone: " + tariff.zone() + ", but site " + site.id() + " is in " + site.zone());
    }
    Set<String> known = namedClasses(tariff);
    if (!known.isEmpty()) {
      for (String name : new TreeSet<>(site.access().capacity().classes().keySet())) {
        if (!known.contains(name)) {
          problems.add(
              "收费标准没有场地容量所列车型'"
                  + name
                  + "'的收费；已有车型："
                  + String.join(", ", known)
                  + " · no fee standard for vehicle class '"
                  + name
                  + "', which site "
                  + site.id()
                  + " names (capacity.classes); the tariff prices: "
                  + String.join(", ", known));
        }
      }
    }
    return problems;
  }
}
