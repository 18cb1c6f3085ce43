package org.parkgate.console;

import java.io.IOException;
import java.nio.file.Path;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/** Starts a real console on an ephemeral loopback port, linked to a {@link FakeController}. */
public final class TestConsole {
  private TestConsole() {}

  public static SiteConfig demoSite() {
    try {
      return SiteConfigLoader.load(Path.of("../config/sites/demo.yaml"));
    } catch (Exception e) {
      throw new IllegalStateException("the demo site must load", e);
    }
  }

  public static CashierConsole start(FakeController controller, Path dataDir) throws IOException {
    SiteConfig.ConsoleSettings settings =
        new SiteConfig.ConsoleSettings("127.0.0.1", 0, controller.url());
    return CashierConsole.start(demoSite(), settings, dataDir.resolve("users.yaml"), "booth-test");
  }
}
