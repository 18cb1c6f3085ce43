package org.parkgate.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parkgate.simulator.device.LaneDevices;
import org.parkgate.site.DeviceAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --pty DIR}: a socat process per TCP device puts a pty in front of it, named {@code
 * DIR/<lane>-<device>}, for programs that want a tty. socat ends when either side closes (a
 * disconnect fault, or the program closing the tty), so each one is started again a second after it
 * ends, until the simulator stops.
 */
final class PtyBridges implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PtyBridges.class);
  private static final long RESTART_MS = 1000;
  static final String NO_SOCAT =
      "--pty needs socat, which is not installed (apt-get install socat)";

  private final Map<Path, String> targets = new LinkedHashMap<>();
  private final List<Process> processes = new ArrayList<>();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pty-restart");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  /** Starts socat for every device and waits for every pty to appear; all or nothing. */
  static PtyBridges start(
      Path dir, List<LaneDevices> lanes, List<org.parkgate.simulator.booth.BoothDevices> booths)
      throws StartupException {
    if (!socatInstalled()) {
      throw new StartupException(NO_SOCAT);
    }
    PtyBridges bridges = new PtyBridges();
    try {
      Files.createDirectories(dir);
      for (LaneDevices lane : lanes) {
        var config = lane.lane().config();
        bridges.add(dir, lane.lane().id() + "-barrier", config.barrier());
        bridges.add(dir, lane.lane().id() + "-cardUnit", config.cardReader());
        bridges.add(dir, lane.lane().id() + "-display", config.display());
        if (config.hasCamera()) {
          bridges.add(dir, lane.lane().id() + "-camera", config.camera().address());
        }
      }
      for (var booth : booths) {
        bridges.add(dir, booth.id() + "-printer", booth.config().printer());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      for (Path pty : bridges.targets.keySet()) {
        while (!Files.exists(pty)) {
          if (System.nanoTime() > deadline) {
            throw new StartupException("socat did not create " + pty + " within 5 s");
          }
          Thread.sleep(20);
        }
      }
      return bridges;
    } catch (IOException e) {
      bridges.close();
      throw new StartupException("--pty " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      bridges.close();
      throw new StartupException("interrupted while starting socat", e);
    } catch (StartupException e) {
      bridges.close();
      throw e;
    }
  }

  /** The pty paths and the device each leads to. */
  Map<Path, String> ptys() {
    return targets;
  }

  private void add(Path dir, String name, DeviceAddress address) throws IOException {
    if (address instanceof DeviceAddress.Tcp tcp) {
      Path pty = dir.resolve(name).toAbsolutePath();
      targets.put(pty, tcp.toString());
      launch(pty, tcp);
    }
  }

  private synchronized void launch(Path pty, DeviceAddress.Tcp tcp) throws IOException {
    if (closed) {
      return;
    }
    Process p =
        new ProcessBuilder(
                "socat", "pty,raw,echo=0,link=" + pty, "tcp:" + tcp.host() + ":" + tcp.port())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(p);
    p.onExit()
        .thenRun(
            () -> {
              processes.remove(p);
              if (!closed) {
                log.info("{}: socat ended, starting it again in {} ms", pty, RESTART_MS);
                restarts.schedule(() -> relaunch(pty, tcp), RESTART_MS, TimeUnit.MILLISECONDS);
              }
            });
  }

  private void relaunch(Path pty, DeviceAddress.Tcp tcp) {
    try {
      launch(pty, tcp);
    } catch (IOException e) {
      log.warn("{}: cannot start socat again: {}", pty, e.toString());
    }
  }

  static boolean socatInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void close() {
    closed = true;
    restarts.shutdownNow();
    processes.forEach(Process::destroy);
    processes.clear();
  }
}
