package org.parkgate.site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.parkgate.config.ConfigException;
import org.parkgate.config.ConfigNode;

/**
 * Parts of the controller's settings read from the site file: how often it signs its chain head
 * ({@code controller.anchors}), and where and how it ships to head office ({@code central:}).
 */
final class ControllerConfigLoader {
  private ControllerConfigLoader() {}

  /** The head office's PostgreSQL the controller ships its ledger to, or null for none. */
  static SiteConfig.Central central(ConfigNode root, Path base) throws ConfigException {
    if (!root.has("central")) {
      return null;
    }
    ConfigNode n =
        root.required("central")
            .onlyKeys(
                Set.of(
                    "url",
                    "user",
                    "passwordFile",
                    "batch",
                    "retry",
                    "arrearsElsewhere",
                    "arrearsEvery"));
    String url = n.text("url");
    if (!url.startsWith("jdbc:postgresql://")) {
      throw n.child("url").error("must be a jdbc:postgresql://HOST[:PORT]/DATABASE URL");
    }
    Path password = base.resolve(n.text("passwordFile")).normalize();
    return new SiteConfig.Central(
        url,
        n.text("user"),
        password,
        n.integer("batch", 500, 1, 10_000),
        SiteConfigLoader.within(
            n, "retry", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(10)),
        n.bool("arrearsElsewhere", false),
        SiteConfigLoader.within(
            n, "arrearsEvery", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)));
  }

  static SiteConfig.Anchoring anchors(ConfigNode controller) throws ConfigException {
    if (!controller.has("anchors")) {
      return SiteConfig.Anchoring.DEFAULT;
    }
    ConfigNode a = controller.required("anchors").onlyKeys(Set.of("every", "everyPayments"));
    SiteConfig.Anchoring d = SiteConfig.Anchoring.DEFAULT;
    return new SiteConfig.Anchoring(
        SiteConfigLoader.within(a, "every", d.every(), Duration.ofMinutes(1), Duration.ofHours(24)),
        a.integer("everyPayments", d.everyPayments(), 1, 100_000));
  }
}
