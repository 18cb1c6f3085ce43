package org.parkgate.console;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Welcome;
import org.parkgate.money.Money;

/**
 * A small but real gate-controller for tests: a WebSocket server on loopback speaking the console
 * protocol (hello, welcome, replay after seq, live events, one result per request id).
 */
public final class FakeController implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ChannelGroup consoles = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final List<ConsoleEvent> events = new ArrayList<>();
  private final Map<String, CommandResult> results = new HashMap<>();
  private final AtomicInteger receipts = new AtomicInteger();
  private final Channel server;

  /** Every command received, in order, hellos included. */
  public final BlockingQueue<ConsoleCommand> received = new LinkedBlockingQueue<>();

  /**
   * Shift commands, kept apart from {@link #received}: every cashier login sends one, at a moment
   * the tests do not control.
   */
  public final BlockingQueue<ConsoleCommand> shiftCommands = new LinkedBlockingQueue<>();

  private final Map<String, Long> openShifts = new HashMap<>();
  private long shiftNumbers;

  /** Payments to "lose": the connection drops before their result is sent. */
  public volatile int dropBeforeResult;

  /** When set, payments are refused with this reason. */
  public volatile String refuseWith;

  /** Reads of application data, after TLS when there is TLS: zero means a console sent nothing. */
  public final AtomicInteger inbound = new AtomicInteger();

  private final io.netty.handler.ssl.SslContext tls;

  /**
   * @param tls serves wss with this context, or null for plain ws
   */
  public FakeController(int port, io.netty.handler.ssl.SslContext tls) throws InterruptedException {
    this.tls = tls;
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(
                            new io.netty.channel.ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                inbound.incrementAndGet();
                                ctx.fireChannelRead(msg);
                              }
                            })
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketServerProtocolHandler("/console"))
                        .addLast(new Handler());
                  }
                })
            .bind("127.0.0.1", port)
            .sync()
            .channel();
  }

  public FakeController(int port) throws InterruptedException {
    this(port, null);
  }

  public FakeController() throws InterruptedException {
    this(0);
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  public String url() {
    return (tls != null ? "wss" : "ws") + "://127.0.0.1:" + port() + "/console";
  }

  /** Records an event with the next seq and pushes it to connected consoles. */
  public synchronized ConsoleEvent publish(LongFunction<ConsoleEvent> event) {
    ConsoleEvent e = event.apply(events.size() + 1L);
    events.add(e);
    consoles.writeAndFlush(new TextWebSocketFrame(ApiJson.write(e)));
    return e;
  }

  public synchronized long lastSeq() {
    return events.size();
  }

  /** Drops every console connection, as a controller restart would. */
  public void dropConnections() {
    consoles.close().awaitUninterruptibly();
  }

  public int connections() {
    return consoles.size();
  }

  public ConsoleCommand nextCommand() throws InterruptedException {
    ConsoleCommand c = received.poll(10, TimeUnit.SECONDS);
    if (c == null) {
      throw new AssertionError("the console sent no command within 10 s");
    }
    return c;
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly();
    consoles.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  private synchronized void handle(Channel ch, ConsoleCommand command) {
    if (command instanceof ConsoleCommand.OpenShift
        || command instanceof ConsoleCommand.CloseShift) {
      shiftCommands.add(command);
      send(ch, shift(command));
      return;
    }
    received.add(command);
    if (command instanceof ConsoleCommand.Hello hello) {
      send(
          ch,
          new Welcome(
              "demo",
              "Demo Car Park",
              ZoneId.of("Asia/Shanghai"),
              "CNY",
              events.size(),
              List.of("entry-1", "exit-1")));
      for (ConsoleEvent e : events) {
        if (e.seq() > hello.afterSeq()) {
          send(ch, e);
        }
      }
      consoles.add(ch);
    } else if (command instanceof ConsoleCommand.RecordCashPayment pay) {
      CommandResult first = results.get(pay.requestId());
      if (first != null) {
        send(ch, first);
        return;
      }
      if (dropBeforeResult > 0) {
        dropBeforeResult--;
        ch.close();
        return;
      }
      if (refuseWith != null) {
        CommandResult r = CommandResult.refused(pay.requestId(), refuseWith);
        results.put(pay.requestId(), r);
        send(ch, r);
        return;
      }
      String receipt = String.format("demo-%06d", receipts.incrementAndGet());
      publish(
          seq ->
              new ConsoleEvent.PaymentRecorded(
                  seq,
                  Instant.now(),
                  pay.lane(),
                  pay.stayId(),
                  "CARD-" + pay.stayId(),
                  pay.amount(),
                  receipt,
                  pay.cashier()));
      CommandResult r = CommandResult.ok(pay.requestId(), "receipt " + receipt);
      results.put(pay.requestId(), r);
      send(ch, r);
    } else if (command instanceof ConsoleCommand.ReversePayment reverse) {
      CommandResult first = results.get(reverse.requestId());
      if (first != null) {
        send(ch, first);
        return;
      }
      CommandResult r;
      if (refuseWith != null) {
        r = CommandResult.refused(reverse.requestId(), refuseWith);
      } else {
        publish(
            seq ->
                new ConsoleEvent.PaymentReversed(
                    seq,
                    Instant.now(),
                    "exit-1",
                    reverse.receiptNo(),
                    org.parkgate.money.Money.of(1100, "CNY"),
                    reverse.supervisor(),
                    reverse.reason()));
        r = CommandResult.ok(reverse.requestId(), "reversed receipt " + reverse.receiptNo());
      }
      results.put(reverse.requestId(), r);
      send(ch, r);
    } else if (command instanceof ConsoleCommand.SetLaneMode mode) {
      CommandResult r = results.get(mode.requestId());
      if (r == null) {
        publish(
            seq ->
                new ConsoleEvent.LaneModeChanged(
                    seq, Instant.now(), mode.lane(), mode.mode().name(), mode.by(), mode.reason()));
        r =
            CommandResult.ok(
                mode.requestId(),
                "lane " + mode.lane() + " set to " + mode.mode() + " by " + mode.by());
        results.put(mode.requestId(), r);
      }
      send(ch, r);
    } else if (command instanceof ConsoleCommand.ResetPassback reset) {
      CommandResult r = results.get(reset.requestId());
      if (r == null) {
        publish(
            seq ->
                new ConsoleEvent.PassbackReset(
                    seq, Instant.now(), null, reset.card(), reset.supervisor(), reset.reason()));
        r =
            CommandResult.ok(
                reset.requestId(), "card " + reset.card() + " reset; it was not inside");
        results.put(reset.requestId(), r);
      }
      send(ch, r);
    } else if (command instanceof ConsoleCommand.FindStay find) {
      send(ch, found(find));
    } else if (command instanceof ConsoleCommand.ReportLostCard lost) {
      CommandResult r = results.get(lost.requestId());
      if (r == null) {
        r = lostCard(lost);
        results.put(lost.requestId(), r);
      }
      send(ch, r);
    }
  }

  /**
   * The controller's answer to {@code report-lost-card}: the one car inside (stay 2, card CARD2,
   * see {@link #found}) is charged its 80.00 lost-card fee at the lane, shown in the booth as an
   * exit waiting to pay; any other stay is not open, and {@link #refuseWith} refuses it.
   */
  private CommandResult lostCard(ConsoleCommand.ReportLostCard lost) {
    if (refuseWith != null) {
      return CommandResult.refused(lost.requestId(), refuseWith);
    }
    if (lost.stayId() != 2) {
      return CommandResult.refused(lost.requestId(), "stay " + lost.stayId() + " is not open");
    }
    Instant now = Instant.now();
    publish(
        seq ->
            new ConsoleEvent.Incident(
                seq,
                now,
                lost.lane(),
                "LOST_CARD",
                "CARD2",
                null,
                "card CARD2 of stay 2 reported lost at "
                    + lost.lane()
                    + " by "
                    + lost.cashier()
                    + "; lost-card fee 80.00 CNY"));
    publish(
        seq ->
            new ConsoleEvent.ExitPending(
                seq,
                now,
                lost.lane(),
                2,
                "CARD2",
                Instant.parse("2027-01-09T01:00:00Z"),
                now,
                Money.of(8000, "CNY"),
                List.of(
                    new ConsoleEvent.FeeItem(
                        "遗失卡 lost card", "遗失卡收费 lost-card fee", 1, Money.of(3000, "CNY")),
                    new ConsoleEvent.FeeItem(
                        "遗失卡 lost card", "工本费 card replacement", 1, Money.of(5000, "CNY")))));
    return CommandResult.ok(lost.requestId(), "lost card: stay 2 asks 80.00 CNY at " + lost.lane());
  }

  /**
   * The controller's answer to {@code find-stay}: one car is inside, plate 粤B12345 with card CARD2
   * (stay 2, 80.00 due with a lost card); anything else has no open stay.
   */
  static CommandResult found(ConsoleCommand.FindStay find) {
    if ("粤B12345".equals(find.plate()) || "CARD2".equals(find.card())) {
      return CommandResult.ok(
          find.requestId(),
          "stay 2: card CARD2, entered at entry-1 2027-01-09 09:00:00 Asia/Shanghai, seen as"
              + " 粤B12345 car blue; 80.00 CNY due with a lost card if it leaves now");
    }
    return CommandResult.refused(
        find.requestId(),
        "no open stay for "
            + (find.plate() != null ? "plate " + find.plate() : "card " + find.card()));
  }

  /** Opens or closes a shift as the controller does, announcing a closed one with its report. */
  private CommandResult shift(ConsoleCommand command) {
    CommandResult first = results.get(command.requestId());
    if (first != null) {
      return first;
    }
    CommandResult r;
    if (command instanceof ConsoleCommand.OpenShift open) {
      r =
          openShifts.containsKey(open.cashier())
              ? CommandResult.refused(open.requestId(), "cashier already has a shift open")
              : CommandResult.ok(open.requestId(), "shift " + ++shiftNumbers + " open");
      openShifts.putIfAbsent(open.cashier(), shiftNumbers);
    } else {
      ConsoleCommand.CloseShift close = (ConsoleCommand.CloseShift) command;
      Long shiftNo = openShifts.remove(close.cashier());
      if (shiftNo == null) {
        r =
            CommandResult.refused(
                close.requestId(), "cashier " + close.cashier() + " has no open shift to close");
      } else {
        Instant now = Instant.parse("2027-01-09T10:00:00Z");
        publish(
            seq ->
                new ConsoleEvent.ShiftClosed(
                    seq,
                    now,
                    null,
                    shiftNo,
                    close.cashier(),
                    now.minusSeconds(8 * 3600),
                    2,
                    "demo-000001",
                    "demo-000002",
                    1,
                    List.of(
                        new ConsoleEvent.ShiftTotal(
                            2, Money.of(2000, "CNY"), 1, Money.of(-1100, "CNY"))),
                    41,
                    "ab".repeat(32)));
        r = CommandResult.ok(close.requestId(), "shift " + shiftNo + " closed");
      }
    }
    results.put(command.requestId(), r);
    return r;
  }

  private static void send(Channel ch, ApiMessage m) {
    ch.writeAndFlush(new TextWebSocketFrame(ApiJson.write(m)));
  }

  /** A typical exit: an hour and a half parked, 11.00 due over two fee lines. */
  public static LongFunction<ConsoleEvent> exitPending(long stayId, String card, long dueMinor) {
    Instant exit = Instant.parse("2027-01-09T06:30:00Z");
    Money half = Money.of(dueMinor / 2, "CNY");
    Money rest = Money.of(dueMinor - dueMinor / 2, "CNY");
    return seq ->
        new ConsoleEvent.ExitPending(
            seq,
            exit,
            "exit-1",
            stayId,
            card,
            exit.minusSeconds(5400),
            exit,
            Money.of(dueMinor, "CNY"),
            List.of(
                new ConsoleEvent.FeeItem("日间 day 13:00-14:00", "首小时 first hour", 1, half),
                new ConsoleEvent.FeeItem(
                    "日间 day 14:00-14:30", "每半小时 per started 30 min", 1, rest)));
  }

  public static LongFunction<ConsoleEvent> laneStatus(
      String lane, String kind, String state, String barrier, boolean present, String... display) {
    return seq ->
        new ConsoleEvent.LaneStatus(
            seq, Instant.now(), lane, kind, state, barrier, present, List.of(display), "NORMAL");
  }

  private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      try {
        ApiMessage m = ApiJson.read(frame.text());
        if (m instanceof ConsoleCommand c) {
          handle(ctx.channel(), c);
        }
      } catch (ApiJson.BadMessageException e) {
        send(ctx.channel(), CommandResult.refused(null, e.getMessage()));
      }
    }
  }

  /**
   * Runs a fake controller on port 7200 with a car waiting at exit-1, for trying the booth by hand.
   */
  public static void main(String[] args) throws Exception {
    FakeController c = new FakeController(args.length > 0 ? Integer.parseInt(args[0]) : 7200);
    c.publish(
        laneStatus("entry-1", "ENTRY", "IDLE", "closed", false, "欢迎 Welcome", "请取卡 Take a card"));
    c.publish(
        seq ->
            new ConsoleEvent.EntryRecorded(
                seq, Instant.parse("2027-01-09T05:00:00Z"), "entry-1", 7, "00A1B2C3D4"));
    c.publish(
        laneStatus(
            "exit-1",
            "EXIT",
            "AWAITING_PAYMENT",
            "closed",
            true,
            "停车费 Fee 11.00",
            "请到收费亭缴费 Pay at booth"));
    c.publish(exitPending(7, "00A1B2C3D4", 1100));
    System.out.println("fake controller on " + c.url());
    Thread.currentThread().join();
  }
}
