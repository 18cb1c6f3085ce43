package org.parkgate.controller.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.device.RecordingServices.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.GateController;

/**
 * A third-party Modbus RTU slave, Debian's python3-pymodbus, stands in for the I/O modules of an
 * entry and an exit lane (units 1 and 2 on one RS-485 bus), reached over a socat pty pair through
 * the jssc serial channel. The controller polls its inputs, and pulses its open coil when a driver
 * takes a card at the entry and when the car leaves within the free period. Fails, never skips,
 * when the peer is missing: `./parking test` installs python3-pymodbus and socat.
 */
class PymodbusPeerIT {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /**
   * Debian's interpreter: a python3 earlier on the PATH (pyenv, a venv) lacks Debian's packages.
   */
  static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;
  private Process socat;
  private Process peer;
  private final List<String> peerSays = new CopyOnWriteArrayList<>();
  private OutputStream peerStdin;

  static void requirePeer() throws Exception {
    boolean socatThere = new ProcessBuilder("sh", "-c", "command -v socat").start().waitFor() == 0;
    boolean pymodbus =
        Files.isExecutable(Path.of(PYTHON))
            && new ProcessBuilder(PYTHON, "-c", "import pymodbus").start().waitFor() == 0;
    // Not a skip: a check against a real peer that silently does nothing would prove nothing.
    assertTrue(
        socatThere && pymodbus,
        "the third-party peer is missing (socat: "
            + socatThere
            + ", "
            + PYTHON
            + " with pymodbus: "
            + pymodbus
            + "); run ./parking test, which installs socat and python3-pymodbus");
  }

  private void startPeer(Path peerTty, String units) throws Exception {
    Path script = Path.of(getClass().getResource("/peers/pymodbus_io_module.py").toURI());
    peer =
        new ProcessBuilder(PYTHON, script.toString(), peerTty.toString(), units)
            .redirectErrorStream(true)
            .start();
    peerStdin = peer.getOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  peerSays.add(line);
                }
              } catch (Exception ignored) {
                // the peer was stopped
              }
            },
            "pymodbus-peer");
    reader.setDaemon(true);
    reader.start();
    await("pymodbus peer ready: " + peerSays, 10_000, () -> peerSays.contains("ready"));
  }

  private void tell(String command) throws Exception {
    peerStdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
    peerStdin.flush();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @AfterEach
  void stopPeers() throws Exception {
    for (Process p : new Process[] {peer, socat}) {
      if (p != null) {
        p.destroy();
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  @Test
  void theControllerPollsAThirdPartyModuleAndPulsesItsOpenCoilAtEntryAndExit() throws Exception {
    requirePeer();
    Path controllerTty = dir.resolve("ttyController");
    Path peerTty = dir.resolve("ttyPeer");
    socat =
        new ProcessBuilder(
                "socat", "pty,raw,echo=0,link=" + controllerTty, "pty,raw,echo=0,link=" + peerTty)
            .redirectErrorStream(true)
            .start();
    await("pty pair", 5_000, () -> Files.exists(controllerTty) && Files.exists(peerTty));
    startPeer(peerTty, "1,2");
    tell("di 1 3 1"); // both barriers down (closed limit)
    tell("di 2 3 1");

    try (FakeLineDevice entryCards = new FakeLineDevice();
        FakeLineDevice entryDisplay = new FakeLineDevice();
        FakeLineDevice exitCards = new FakeLineDevice();
        FakeLineDevice exitDisplay = new FakeLineDevice()) {
      String bus = "serial:" + controllerTty + "?baud=9600&parity=none&dataBits=8&stopBits=1";
      Path site = dir.resolve("site.yaml");
      Files.writeString(
          site,
          String.join(
              "\n",
              "site: {id: peer, zone: Asia/Shanghai, currency: CNY, tariff: '"
                  + ROOT.resolve("config/tariffs/demo-hourly.yaml")
                  + "'}",
              "lanes:",
              "  - {id: entry-1, kind: entry, barrier: {address: '" + bus + "', unit: 1},",
              "     cardReader: {address: '"
                  + entryCards.address
                  + "'}, display: {address: '"
                  + entryDisplay.address
                  + "'}}",
              "  - {id: exit-1, kind: exit, barrier: {address: '" + bus + "', unit: 2},",
              "     cardReader: {address: '"
                  + exitCards.address
                  + "'}, display: {address: '"
                  + exitDisplay.address
                  + "'}}",
              "controller: {consolePort: " + freePort() + ", pollInterval: 50ms}",
              ""));
      try (GateController controller =
          GateController.start(site, dir.resolve("data"), Clock.systemUTC())) {
        await("card units connected", 3_000, () -> entryCards.connected() && exitCards.connected());

        tell("di 1 0 1"); // a car on the entry's arming loop
        await(
            "the entry's card unit told to issue a card",
            3_000,
            () -> entryCards.received().contains("ISSUE\r\n"));
        entryCards.send(
            "0A1B2C3D4E\r\n".getBytes(StandardCharsets.US_ASCII)); // the driver takes it
        await("entry open coil pulsed: " + peerSays, 3_000, () -> peerSays.contains("coil 1 0 0"));
        assertEquals(
            List.of("coil 1 0 1", "coil 1 0 0"),
            peerSays.stream().filter(l -> l.startsWith("coil 1")).toList());

        tell("di 2 0 1"); // minutes later, within the free period, at the exit
        Thread.sleep(200);
        exitCards.send("0A1B2C3D4E\r\n".getBytes(StandardCharsets.US_ASCII));
        await("exit open coil pulsed: " + peerSays, 3_000, () -> peerSays.contains("coil 2 0 0"));
        assertEquals(
            List.of("coil 2 0 1", "coil 2 0 0"),
            peerSays.stream().filter(l -> l.startsWith("coil 2")).toList());
        assertTrue(
            controller.linkStatus().get(0).framesIn() > 10, controller.linkStatus().toString());
        assertEquals(
            0, controller.linkStatus().get(0).badFrames(), controller.linkStatus().toString());
      }
    }
  }
}
