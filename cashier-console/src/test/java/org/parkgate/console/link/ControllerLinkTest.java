package org.parkgate.console.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Welcome;
import org.parkgate.console.FakeController;
import org.parkgate.money.Money;

class ControllerLinkTest {
  /** A session of cashier1 the fake controllers here know. */
  private static final String TOKEN = "tok-cashier1";

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Recorder recorder = new Recorder();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private ControllerLink link;

  @AfterEach
  void tearDown() throws Exception {
    if (link != null) {
      link.stop().get(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void greetsFromZeroThenReceivesHistoryAndLiveEventsInOrder() throws Exception {
    FakeController controller = controller(0);
    controller.publish(entry(1));
    controller.publish(entry(2));
    connect(controller);

    assertEquals(0, hello(controller).afterSeq());
    assertEquals(List.of(1L, 2L), recorder.seqs(2));
    controller.publish(entry(3));
    assertEquals(List.of(3L), recorder.seqs(1));
  }

  @Test
  void greetsWithItsCredentialAndSaysWhyWhenTheControllerRefusesIt() throws Exception {
    FakeController controller = controller(0);
    controller.publish(entry(1));
    connect(controller, "not-the-credential");

    ConsoleCommand.Hello hello = hello(controller);
    assertEquals("booth-test", hello.consoleId());
    assertEquals("not-the-credential", hello.credential());
    String down = recorder.downs.poll(10, TimeUnit.SECONDS);
    assertTrue(
        down != null && down.contains("The controller refused this console"),
        "the booth says why: " + down);
    assertTrue(recorder.events.isEmpty(), "no events for a console the controller refused");
  }

  @Test
  void reconnectsAfterADropAndResumesAfterTheLastSeqSeen() throws Exception {
    FakeController controller = controller(0);
    controller.publish(entry(1));
    controller.publish(entry(2));
    connect(controller);
    hello(controller);
    recorder.seqs(2);

    controller.dropConnections();
    recorder.awaitDown();
    controller.publish(entry(3)); // happens while the console is away

    assertEquals(2, hello(controller).afterSeq(), "the second hello names the last seq seen");
    assertEquals(
        List.of(3L), recorder.seqs(1), "the missed event arrives, the old ones do not repeat");
    assertTrue(recorder.events.isEmpty());
  }

  @Test
  void findsTheControllerAgainAfterItRestartsOnTheSamePort() throws Exception {
    FakeController first = controller(0);
    int port = first.port();
    first.publish(entry(1));
    connect(first);
    hello(first);
    recorder.seqs(1);
    first.close();
    recorder.awaitDown();
    recorder.awaitDown(); // a failed connection attempt while it is down

    FakeController second = controller(port);
    second.publish(entry(1));
    second.publish(entry(2));
    assertEquals(1, hello(second).afterSeq());
    assertEquals(List.of(2L), recorder.seqs(1));
  }

  @Test
  void aPaymentWhoseResultWasLostIsSentAgainWithTheSameRequestId() throws Exception {
    FakeController controller = controller(0);
    connect(controller);
    hello(controller);
    controller.dropBeforeResult = 1;

    ConsoleCommand.RecordCashPayment pay =
        new ConsoleCommand.RecordCashPayment("pay-0001", TOKEN, "exit-1", 7, Money.of(1100, "CNY"));
    var result = link.send(pay);
    assertEquals(pay, controller.nextCommand(), "first attempt");
    assertInstanceOf(ConsoleCommand.Hello.class, controller.nextCommand(), "the link came back");
    assertEquals(pay, controller.nextCommand(), "the same command, same request id, sent again");

    CommandResult r = result.get(10, TimeUnit.SECONDS);
    assertTrue(r.ok(), r.toString());
    assertEquals("pay-0001", r.requestId());
    assertEquals(1, controller.lastSeq(), "recorded once: one PaymentRecorded event");
  }

  @Test
  void aCommandSentWhileTheControllerIsDownIsDeliveredOnceItIsUp() throws Exception {
    FakeController probe = controller(0);
    int port = probe.port();
    probe.close();
    link =
        new ControllerLink(
            URI.create("ws://127.0.0.1:" + port + "/console"),
            "booth-test",
            FakeController.CREDENTIAL,
            group.next(),
            recorder,
            null,
            Duration.ofMillis(50),
            Duration.ofMillis(200));
    link.start();
    recorder.awaitDown();
    var result =
        link.send(
            new ConsoleCommand.RecordCashPayment(
                "pay-0002", TOKEN, "exit-1", 7, Money.of(500, "CNY")));
    var again =
        link.send(
            new ConsoleCommand.RecordCashPayment(
                "pay-0002", TOKEN, "exit-1", 7, Money.of(500, "CNY")));

    FakeController controller = controller(port);
    hello(controller);
    assertEquals("pay-0002", controller.nextCommand().requestId());
    assertEquals(result.get(10, TimeUnit.SECONDS), again.get(10, TimeUnit.SECONDS));
    // Commands travel in order: the next one to arrive is a later command, not the repeat.
    ConsoleCommand.FindStay later =
        new ConsoleCommand.FindStay("find-0003", TOKEN, "粤B12345", null);
    link.send(later).get(10, TimeUnit.SECONDS);
    assertEquals(later, controller.nextCommand(), "a repeat while waiting is not sent twice");
  }

  @Test
  void aControllerWithAShorterHistoryIsReadFromTheStartAgain() throws Exception {
    FakeController first = controller(0);
    int port = first.port();
    first.publish(entry(1));
    first.publish(entry(2));
    connect(first);
    hello(first);
    recorder.seqs(2);
    first.close();

    FakeController fresh = controller(port); // a new ledger: one event only
    fresh.publish(entry(1));
    assertEquals(2, hello(fresh).afterSeq());
    recorder.awaitReset();
    assertEquals(0, hello(fresh).afterSeq());
    assertEquals(List.of(1L), recorder.seqs(1));
  }

  private FakeController controller(int port) throws InterruptedException {
    // As after a controller restart, cashier1's session is still live there.
    FakeController c = new FakeController(port, Map.of(TOKEN, "cashier1"));
    cleanup.add(c);
    return c;
  }

  private void connect(FakeController controller) {
    connect(controller, FakeController.CREDENTIAL);
  }

  private void connect(FakeController controller, String credential) {
    link =
        new ControllerLink(
            URI.create(controller.url()),
            "booth-test",
            credential,
            group.next(),
            recorder,
            null,
            Duration.ofMillis(50),
            Duration.ofMillis(200));
    link.start();
  }

  private static ConsoleCommand.Hello hello(FakeController controller) throws InterruptedException {
    return assertInstanceOf(ConsoleCommand.Hello.class, controller.nextCommand());
  }

  private static java.util.function.LongFunction<ConsoleEvent> entry(long stayId) {
    return seq ->
        new ConsoleEvent.EntryRecorded(seq, Instant.now(), "entry-1", stayId, "CARD-" + stayId);
  }

  /** Records what the link reports, for the test thread to wait on. */
  static final class Recorder implements LinkListener {
    final BlockingQueue<ConsoleEvent> events = new LinkedBlockingQueue<>();
    final BlockingQueue<String> downs = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> resets = new LinkedBlockingQueue<>();

    @Override
    public void linkUp(Welcome welcome) {}

    @Override
    public void linkDown(String reason) {
      downs.add(reason);
    }

    @Override
    public void event(ConsoleEvent event) {
      events.add(event);
    }

    @Override
    public void historyReset() {
      resets.add(true);
    }

    List<Long> seqs(int count) throws InterruptedException {
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ConsoleEvent e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
          throw new AssertionError("only " + seqs + " arrived, expected " + count + " events");
        }
        seqs.add(e.seq());
      }
      return seqs;
    }

    void awaitDown() throws InterruptedException {
      if (downs.poll(10, TimeUnit.SECONDS) == null) {
        throw new AssertionError("the link never reported going down");
      }
    }

    void awaitReset() throws InterruptedException {
      if (resets.poll(10, TimeUnit.SECONDS) == null) {
        throw new AssertionError("the link never reset its history");
      }
    }
  }
}
