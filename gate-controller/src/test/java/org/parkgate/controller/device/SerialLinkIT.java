package org.parkgate.controller.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.device.RecordingServices.await;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.device.link.DeviceLink;
import org.parkgate.device.card.CardRead;
import org.parkgate.device.card.StxCardParser;
import org.parkgate.site.CardProtocol;
import org.parkgate.site.DeviceAddress;
import org.parkgate.wire.LinkCounters;

/**
 * An STX card reader on a real serial port (a socat pty pair) through the jssc channel: frames
 * split at any byte arrive whole, a bad check is dropped and counted, and when the device vanishes
 * the link notices, reports it and reopens the port by itself once it is back.
 */
class SerialLinkIT {
  @TempDir Path dir;
  private Process socat;
  private MultiThreadIoEventLoopGroup io;
  private DeviceLink link;
  private final List<String> cards = new CopyOnWriteArrayList<>();
  private final List<String> downs = new CopyOnWriteArrayList<>();
  private final LinkCounters counters = new LinkCounters();
  private Path ours;
  private Path theirs;

  private void ptyPair() throws Exception {
    socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + ours, "pty,raw,echo=0,link=" + theirs)
            .redirectErrorStream(true)
            .start();
    await("pty pair", 5_000, () -> Files.exists(ours) && Files.exists(theirs));
  }

  @BeforeEach
  void start() throws Exception {
    PymodbusPeerIT.requirePeer();
    ours = dir.resolve("ttyReader");
    theirs = dir.resolve("ttyDevice");
    ptyPair();
    io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    DeviceAddress address = DeviceAddress.parse("serial:" + ours + "?baud=9600");
    link =
        new DeviceLink(
            "reader",
            address,
            (EventLoop) io.next(),
            counters,
            new CardUnitInitializer(
                "reader",
                CardProtocol.STX,
                counters,
                (CardRead c) -> cards.add(c.cardNumber()),
                downs::add),
            ch -> {},
            downs::add);
    link.start();
    await("port open", 3_000, () -> link.channel() != null);
  }

  @AfterEach
  void stop() throws Exception {
    link.close();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    socat.destroy();
    socat.waitFor(3, TimeUnit.SECONDS);
  }

  private void send(byte[] bytes, int chunk) throws Exception {
    try (FileOutputStream out = new FileOutputStream(theirs.toFile())) {
      for (int i = 0; i < bytes.length; i += chunk) {
        out.write(bytes, i, Math.min(chunk, bytes.length - i));
        out.flush();
        Thread.sleep(2);
      }
    }
  }

  @Test
  void framesSplitAnywhereArriveWholeAndABadCheckIsDropped() throws Exception {
    byte[] frame = StxCardParser.encode(new CardRead("0A1B2C3D4E"));
    for (int chunk = 1; chunk <= frame.length; chunk += 3) {
      send(frame, chunk);
    }
    byte[] bad = frame.clone();
    bad[11] = '0'; // the check no longer matches
    send(bad, bad.length);
    send(frame, frame.length);
    await("5 good frames", 2_000, () -> cards.size() == 6);
    assertEquals(List.of("0A1B2C3D4E"), cards.stream().distinct().toList());
    assertEquals(1, counters.badFrames(), counters.toString());
  }

  @Test
  void aVanishedDeviceClosesTheLinkWhichReopensWhenTheDeviceIsBack() throws Exception {
    socat.destroy();
    socat.waitFor(3, TimeUnit.SECONDS);
    await("link down noticed", 3_000, () -> !downs.isEmpty());
    assertTrue(link.channel() == null);
    ptyPair();
    await("port reopened", 7_000, () -> link.channel() != null);
    send(StxCardParser.encode(new CardRead("0A1B2C3D4E")), 14);
    await("card read after reconnect", 2_000, () -> cards.size() == 1);
  }
}
