package org.parkgate.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.parkgate.config.ConfigException;
import org.parkgate.simulator.device.WireLog;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/** Starts the simulator from the command line; exits non-zero with a one-line reason on error. */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      fail(2, e.getMessage());
      return;
    }
    if (arguments.help()) {
      System.out.print(Arguments.USAGE);
      return;
    }
    if (!Files.isRegularFile(arguments.site())) {
      fail(2, "site file " + arguments.site() + " does not exist");
    }
    SiteConfig site;
    try {
      site = SiteConfigLoader.load(arguments.site());
    } catch (ConfigException e) {
      fail(2, e.getMessage());
      return;
    }
    if (arguments.ptyDir() != null && !PtyBridges.socatInstalled()) {
      fail(1, PtyBridges.NO_SOCAT); // before binding anything, so nothing has to be undone
    }
    WireLog wireLog = null;
    if (arguments.wireLog() != null) {
      try {
        wireLog = WireLog.open(arguments.wireLog());
      } catch (IOException e) {
        fail(1, "cannot write the wire log " + arguments.wireLog() + ": " + e.getMessage());
        return;
      }
    }
    Simulator simulator;
    try {
      simulator =
          Simulator.start(
              site, arguments.dwell(), new Simulator.Options(arguments.cardSeed(), wireLog));
    } catch (StartupException e) {
      if (wireLog != null) {
        wireLog.close();
      }
      fail(1, e.getMessage());
      return;
    }
    PtyBridges ptys = null;
    if (arguments.ptyDir() != null) {
      try {
        ptys = PtyBridges.start(arguments.ptyDir(), simulator.lanes(), simulator.booths());
      } catch (StartupException e) {
        simulator.close();
        fail(1, e.getMessage());
        return;
      }
      ptys.ptys().forEach((pty, device) -> System.out.println("pty " + pty + " -> " + device));
    }
    PtyBridges bridges = ptys;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (bridges != null) {
                    bridges.close();
                  }
                  simulator.close();
                  System.out.println("simulator stopped");
                  stopped.countDown();
                },
                "shutdown"));
    System.out.println(
        "simulator ready: site "
            + site.id()
            + ", lanes "
            + String.join(", ", site.lanes().stream().map(l -> l.id()).toList())
            + ", control http://"
            + site.simulator().bindHost()
            + ":"
            + simulator.controlPort()
            + "/lanes, lane page http://"
            + site.simulator().bindHost()
            + ":"
            + simulator.controlPort()
            + "/");
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void fail(int status, String message) {
    System.err.println("simulator: " + message);
    System.exit(status);
  }
}
