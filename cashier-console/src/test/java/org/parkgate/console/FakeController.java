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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.FoundStay;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Welcome;
import org.parkgate.money.Money;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * A small but real gate-controller for tests: a WebSocket server on loopback speaking the console
 * protocol (hello with the console's credential, welcome, replay after seq, live events, logins and
 * sessions, one typed result per request id). Like the real one it takes who acts from the session
 * a command carries and checks the role itself.
 *
 * <p>It knows the demo accounts (cashier1/cashier1-demo, cashier2, supervisor1, finance1, admin1)
 * and any other {@code cashierN}, {@code supervisorN}, {@code financeN} or {@code adminN} whose
 * password is its name followed by {@code -demo}.
 */
public final class FakeController implements AutoCloseable {
  /** The published tariff version the fake's fees and receipts name. */
  public static final org.parkgate.fee.TariffRef TARIFF =
      new org.parkgate.fee.TariffRef(
          2,
          "demo-hourly",
          "Demo hourly",
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

  /** The credential the test console is enrolled with. */
  public static final String CREDENTIAL = "test-console-credential";

  /** The plate the fake camera read for every paid stay. */
  public static final String PLATE = "粤B12345";

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ChannelGroup consoles = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final List<ConsoleEvent> events = new ArrayList<>();
  private final Map<String, CommandResult> results = new HashMap<>();
  private final AtomicInteger receipts = new AtomicInteger();
  private final Map<String, Person> sessions = new ConcurrentHashMap<>();
  private final Channel server;

  /**
   * Every command received, in order, hellos included; logins, logouts and shift commands are kept
   * apart, as the console sends them at moments the tests do not control.
   */
  public final BlockingQueue<ConsoleCommand> received = new LinkedBlockingQueue<>();

  /** Logins and logouts, in order. */
  public final BlockingQueue<ConsoleCommand> logins = new LinkedBlockingQueue<>();

  /** Shift commands: every cashier login sends one. */
  public final BlockingQueue<ConsoleCommand> shiftCommands = new LinkedBlockingQueue<>();

  private final Map<String, Long> openShifts = new HashMap<>();
  private long shiftNumbers;
  private long modeChanges;

  /** Payments to "lose": the connection drops before their result is sent. */
  public volatile int dropBeforeResult;

  /** When set, payments and lost cards are refused with this reason. */
  public volatile String refuseWith;

  /** When set, every login is refused with this code and error. */
  public volatile CommandResult loginRefusal;

  /** A person with a live session, as the controller knows them. */
  public record Person(String username, String displayName, Role role) {}

  /** Reads of application data, after TLS when there is TLS: zero means a console sent nothing. */
  public final AtomicInteger inbound = new AtomicInteger();

  private final io.netty.handler.ssl.SslContext tls;

  public FakeController(int port, Map<String, String> sessions) throws InterruptedException {
    this(port, sessions, null);
  }

  /**
   * A controller that already holds {@code sessions} (token to user name), as after a restart.
   *
   * @param tls serves wss with this context, or null for plain ws
   */
  public FakeController(int port, Map<String, String> sessions, io.netty.handler.ssl.SslContext tls)
      throws InterruptedException {
    this.tls = tls;
    sessions.forEach((token, user) -> this.sessions.put(token, person(user).orElseThrow()));
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

  public FakeController(int port, io.netty.handler.ssl.SslContext tls) throws InterruptedException {
    this(port, Map.of(), tls);
  }

  public FakeController(int port) throws InterruptedException {
    this(port, Map.of(), null);
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

  /** Who the session {@code token} belongs to, or null when it is not live. */
  public String userOf(String token) {
    Person p = token == null ? null : sessions.get(token);
    return p == null ? null : p.username();
  }

  /** Token to user name of every live session, for a controller started again after this one. */
  public Map<String, String> liveSessions() {
    Map<String, String> live = new java.util.HashMap<>();
    sessions.forEach((token, person) -> live.put(token, person.username()));
    return live;
  }

  /** The number of live sessions of {@code username}. */
  public long sessionsOf(String username) {
    return sessions.values().stream().filter(p -> p.username().equals(username)).count();
  }

  /** Ends every session of {@code username}, as a password change or a disabled account does. */
  public void endSessionsOf(String username) {
    sessions.values().removeIf(p -> p.username().equals(username));
  }

  public ConsoleCommand nextCommand() throws InterruptedException {
    return next(received);
  }

  public static ConsoleCommand next(BlockingQueue<ConsoleCommand> queue)
      throws InterruptedException {
    ConsoleCommand c = queue.poll(10, TimeUnit.SECONDS);
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
    if (command instanceof ConsoleCommand.Hello hello) {
      hello(ch, hello);
      // Recorded once answered: a test that saw the hello may drop the connection at once.
      received.add(command);
      return;
    }
    if (!consoles.contains(ch)) {
      send(ch, CommandResult.refused(command.requestId(), Refusal.CONSOLE_UNKNOWN, "say hello"));
      return;
    }
    if (command instanceof ConsoleCommand.Login login) {
      logins.add(command);
      send(ch, login(login));
      return;
    }
    ConsoleCommand.Acting acting = (ConsoleCommand.Acting) command;
    if (command instanceof ConsoleCommand.Logout) {
      logins.add(command);
    } else if (command instanceof ConsoleCommand.OpenShift
        || command instanceof ConsoleCommand.CloseShift) {
      shiftCommands.add(command);
    } else {
      received.add(command);
    }
    CommandResult first = results.get(command.requestId());
    if (first != null) {
      send(ch, first);
      return;
    }
    Person who = sessions.get(acting.session());
    if (who == null) {
      send(
          ch,
          CommandResult.refused(
              command.requestId(), Refusal.NOT_LOGGED_IN, "no live session: log in again"));
      return;
    }
    if (!allowed(who.role(), command)) {
      send(
          ch,
          CommandResult.refused(
              command.requestId(),
              Refusal.FORBIDDEN,
              who.role().name().toLowerCase(Locale.ROOT) + " may not do this"));
      return;
    }
    if (command instanceof ConsoleCommand.RecordCashPayment && dropBeforeResult > 0) {
      dropBeforeResult--;
      ch.close();
      return;
    }
    CommandResult r = act(who, command);
    // A refused handover changed nothing: the incoming cashier types the password again.
    boolean retryable = command instanceof ConsoleCommand.HandOverShift && !r.ok();
    if (!(command instanceof ConsoleCommand.FindStay) && !retryable) {
      results.put(command.requestId(), r);
    }
    send(ch, r);
  }

  private void hello(Channel ch, ConsoleCommand.Hello hello) {
    if (!CREDENTIAL.equals(hello.credential())) {
      send(
          ch,
          CommandResult.refused(
              hello.requestId(),
              Refusal.CONSOLE_UNKNOWN,
              "console " + hello.consoleId() + " is not enrolled or its credential is wrong"));
      ch.close();
      return;
    }
    consoles.add(ch);
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
  }

  private CommandResult login(ConsoleCommand.Login login) {
    CommandResult refusal = loginRefusal;
    if (refusal != null) {
      return refusal.forRequest(login.requestId());
    }
    Optional<Person> person = person(login.username());
    if (person.isEmpty() || !(login.username() + "-demo").equals(login.password())) {
      return CommandResult.refused(
          login.requestId(), Refusal.BAD_LOGIN, "wrong user name or password");
    }
    String token = "tok-" + UUID.randomUUID();
    sessions.put(token, person.get());
    Instant now = Instant.now();
    return CommandResult.ok(
        login.requestId(),
        new Answer.LoggedIn(
            token,
            person.get().username(),
            person.get().displayName(),
            person.get().role(),
            now.plusSeconds(15 * 60),
            now.plusSeconds(12 * 3600),
            true));
  }

  private static Optional<Person> person(String username) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(cashier|supervisor|finance|admin)(\\d+)")
            .matcher(username == null ? "" : username);
    if (!m.matches()) {
      return Optional.empty();
    }
    String kind = m.group(1);
    String number = m.group(2);
    String name =
        Character.toUpperCase(kind.charAt(0))
            + kind.substring(1)
            + " "
            + (number.equals("1") ? "One" : number.equals("2") ? "Two" : number);
    return Optional.of(new Person(username, name, Role.valueOf(kind.toUpperCase(Locale.ROOT))));
  }

  /** The controller's own role check: the console's is only presentation. */
  private static boolean allowed(Role role, ConsoleCommand command) {
    boolean takesCash = role == Role.CASHIER || role == Role.SUPERVISOR;
    if (command instanceof ConsoleCommand.RecordCashPayment
        || command instanceof ConsoleCommand.RecordCashDrop
        || command instanceof ConsoleCommand.ReportLostCard
        || command instanceof ConsoleCommand.ApplyVoucher
        || command instanceof ConsoleCommand.AskFreePass
        || command instanceof ConsoleCommand.LiftBarrier
        || command instanceof ConsoleCommand.CloseShift
        || command instanceof ConsoleCommand.HandOverShift
        || command instanceof ConsoleCommand.ResolveIncident
        || command instanceof ConsoleCommand.OpenDrawer
        || command instanceof ConsoleCommand.ReprintReceipt) {
      return takesCash;
    } else if (command instanceof ConsoleCommand.OpenShift) {
      return takesCash;
    } else if (command instanceof ConsoleCommand.ReversePayment
        || command instanceof ConsoleCommand.SetLaneMode
        || command instanceof ConsoleCommand.ResetPassback
        || command instanceof ConsoleCommand.DecideFreePass) {
      return role == Role.SUPERVISOR;
    } else if (command instanceof ConsoleCommand.FindStay) {
      return role != Role.ADMIN;
    } else if (command instanceof ConsoleCommand.ShowReport
        || command instanceof ConsoleCommand.ExportReportPage) {
      return role == Role.FINANCE || role == Role.SUPERVISOR;
    }
    return true;
  }

  private final Map<String, Answer.Receipt> paidReceipts = new java.util.HashMap<>();
  private final Map<String, Integer> copies = new java.util.HashMap<>();
  private long drawerOpenings;
  private long reprints;

  private CommandResult act(Person who, ConsoleCommand command) {
    Instant now = Instant.now();
    String id = command.requestId();
    if (command instanceof ConsoleCommand.Logout logout) {
      sessions.remove(logout.session());
      return CommandResult.ok(id, new Answer.LoggedOut(who.username()));
    } else if (command instanceof ConsoleCommand.ShowReport show) {
      return show.request()
          .problem()
          .map(p -> CommandResult.refused(id, Refusal.INVALID, p))
          .orElseGet(() -> CommandResult.ok(id, new Answer.ReportShown(report(show.request()))));
    } else if (command instanceof ConsoleCommand.ExportReportPage export) {
      exportPages.incrementAndGet();
      return export
          .request()
          .problem()
          .map(p -> CommandResult.refused(id, Refusal.INVALID, p))
          .orElseGet(() -> CommandResult.ok(id, page(export)));
    } else if (command instanceof ConsoleCommand.RecordCashPayment pay) {
      if (refuseWith != null) {
        return CommandResult.refused(id, Refusal.NOT_NOW, refuseWith);
      }
      String receipt = String.format("demo-%06d", receipts.incrementAndGet());
      String card = pay.stayId() == 2 ? "CARD2" : "CARD-" + pay.stayId();
      publish(
          seq ->
              new ConsoleEvent.PaymentRecorded(
                  seq, now, pay.lane(), pay.stayId(), card, pay.amount(), receipt, who.username()));
      Money tendered = pay.tendered() == null ? pay.amount() : pay.tendered();
      Answer.Receipt paid =
          new Answer.Receipt(
              receipt,
              pay.stayId(),
              pay.lane(),
              card,
              PLATE,
              pay.amount(),
              who.username(),
              now,
              pay.tender(),
              tendered,
              tendered.minus(pay.amount()),
              pay.reference(),
              40 + paidReceipts.size(),
              (40 + paidReceipts.size()) + "-ABCD-EFGH",
              TARIFF,
              null);
      paidReceipts.put(receipt, paid);
      return CommandResult.ok(id, paid);
    } else if (command instanceof ConsoleCommand.OpenDrawer open) {
      return CommandResult.ok(
          id, new Answer.DrawerOpened(++drawerOpenings, who.username(), open.reason(), now));
    } else if (command instanceof ConsoleCommand.ReprintReceipt reprint) {
      Answer.Receipt paid = paidReceipts.get(reprint.receiptNo());
      if (paid == null) {
        return CommandResult.refused(
            id, Refusal.NOT_NOW, "no receipt " + reprint.receiptNo() + " to reprint");
      }
      int copyNo = copies.merge(paid.receiptNo(), 1, Integer::sum);
      return CommandResult.ok(
          id,
          new Answer.ReceiptCopy(
              ++reprints,
              copyNo,
              paid.receiptNo(),
              paid.stayId(),
              paid.lane(),
              paid.card(),
              null,
              null,
              null,
              paid.amount(),
              "cash",
              paid.cashier(),
              paid.paidAt(),
              false,
              paid.ledgerLink(),
              paid.verificationCode(),
              paid.tariff(),
              who.username(),
              now));
    } else if (command instanceof ConsoleCommand.ReversePayment reverse) {
      if (refuseWith != null) {
        return CommandResult.refused(id, Refusal.NOT_NOW, refuseWith);
      }
      Money amount = Money.of(1100, "CNY");
      publish(
          seq ->
              new ConsoleEvent.PaymentReversed(
                  seq,
                  now,
                  "exit-1",
                  reverse.receiptNo(),
                  amount,
                  who.username(),
                  reverse.reason()));
      return CommandResult.ok(
          id,
          new Answer.Reversed(reverse.receiptNo(), amount, who.username(), reverse.reason(), now));
    } else if (command instanceof ConsoleCommand.SetLaneMode mode) {
      publish(
          seq ->
              new ConsoleEvent.LaneModeChanged(
                  seq, now, mode.lane(), mode.mode(), who.username(), mode.reason()));
      return CommandResult.ok(
          id,
          new Answer.ModeSet(
              ++modeChanges, mode.lane(), mode.mode(), who.username(), mode.reason()));
    } else if (command instanceof ConsoleCommand.ResetPassback reset) {
      publish(
          seq ->
              new ConsoleEvent.PassbackReset(
                  seq, now, null, reset.card(), who.username(), reset.reason()));
      return CommandResult.ok(id, new Answer.PassbackCleared(reset.card(), 0, who.username()));
    } else if (command instanceof ConsoleCommand.FindStay find) {
      return found(find);
    } else if (command instanceof ConsoleCommand.ReportLostCard lost) {
      return lostCard(who, lost);
    } else if (command instanceof ConsoleCommand.AskFreePass ask) {
      return askFreePass(who, ask);
    } else if (command instanceof ConsoleCommand.DecideFreePass decide) {
      return decideFreePass(who, decide);
    } else if (command instanceof ConsoleCommand.ApplyVoucher voucher) {
      return applyVoucher(who, voucher);
    } else if (command instanceof ConsoleCommand.LiftBarrier lift) {
      return liftBarrier(who, lift);
    } else if (command instanceof ConsoleCommand.OpenShift shift) {
      Long open = openShifts.get(who.username());
      if (open == null) {
        if (shift.cashFloat() == null) {
          return CommandResult.refused(
              id, Refusal.NOT_NOW, who.username() + " has no open shift: count the float");
        }
        open = ++shiftNumbers;
        openShifts.put(who.username(), open);
        return CommandResult.ok(
            id,
            new Answer.ShiftOpen(
                open, who.username(), now, false, figures(open, shift.cashFloat().total())));
      }
      return CommandResult.ok(
          id,
          new Answer.ShiftOpen(open, who.username(), now, true, figures(open, Money.of(0, "CNY"))));
    } else if (command instanceof ConsoleCommand.RecordCashDrop drop) {
      return CommandResult.ok(
          id,
          new Answer.CashDropped(
              1, 1, drop.amount(), who.username(), now, figures(1, Money.of(0, "CNY"))));
    } else if (command instanceof ConsoleCommand.CloseShift close) {
      if (close.counted() == null) {
        return CommandResult.refused(id, Refusal.INVALID, "count the drawer to close the shift");
      }
      return closeShift(who, id);
    } else if (command instanceof ConsoleCommand.ResolveIncident resolve) {
      publish(
          seq ->
              new ConsoleEvent.IncidentResolved(
                  seq, now, "exit-1", resolve.incidentNo(), resolve.note(), who.username()));
      return CommandResult.ok(
          id,
          new Answer.IncidentResolved(
              resolve.incidentNo(),
              "exit-1",
              IncidentKind.TAILGATING,
              resolve.note(),
              who.username(),
              now));
    } else if (command instanceof ConsoleCommand.HandOverShift handover) {
      return handOver(who, handover, now);
    } else if (command instanceof ConsoleCommand.ReprintShiftReport reprint) {
      return CommandResult.ok(
          id,
          new Answer.ShiftReportCopy(
              ++reprints, 1, who.username(), now, sheet(reprint.shiftNo(), who, null, now)));
    }
    return CommandResult.refused(id, Refusal.INVALID, "the fake controller does not do this");
  }

  /** Handovers the incoming cashier signs with their demo password ({@code name-demo}). */
  private CommandResult handOver(Person who, ConsoleCommand.HandOverShift h, Instant now) {
    Optional<Person> incoming = person(h.incomingUsername());
    if (incoming.isEmpty() || !(h.incomingUsername() + "-demo").equals(h.incomingPassword())) {
      return CommandResult.refused(h.requestId(), Refusal.BAD_LOGIN, "wrong user name or password");
    }
    if (incoming.get().username().equals(who.username())) {
      return CommandResult.refused(h.requestId(), Refusal.SAME_PERSON, "not to yourself");
    }
    Money counted = h.counted().total();
    return CommandResult.ok(
        h.requestId(),
        new Answer.HandedOver(
            sheet(1, who, incoming.get().username(), now),
            new Answer.ShiftOpen(2, incoming.get().username(), now, false, figures(2, counted))));
  }

  /** A closed shift's report: 2 payments of 10.00 cash, 0.50 short, one incident resolved. */
  private static org.parkgate.api.ShiftSheet sheet(
      long shiftNo, Person who, String handedTo, Instant now) {
    return new org.parkgate.api.ShiftSheet(
        shiftNo,
        who.username(),
        now.minusSeconds(28800),
        now,
        2,
        0,
        "demo-000001",
        "demo-000002",
        List.of(
            new org.parkgate.api.ShiftFigures.TenderTotal(
                org.parkgate.api.Tender.CASH, 2, Money.of(2000, "CNY"))),
        Money.of(10000, "CNY"),
        Money.of(0, "CNY"),
        Money.of(12000, "CNY"),
        Money.of(11950, "CNY"),
        Money.of(-50, "CNY"),
        2L,
        2L,
        2L,
        2L,
        List.of(
            new org.parkgate.api.ShiftSheet.ResolvedIncident(
                3,
                IncidentKind.TAILGATING,
                "exit-1",
                now.minusSeconds(600),
                "a second vehicle",
                "second car paid",
                who.username(),
                now.minusSeconds(60))),
        handedTo,
        41,
        "ab".repeat(32));
  }

  /** Free passes asked and not yet decided, by number. */
  private final Map<Long, ConsoleEvent.FreePassAsked> freePasses = new java.util.HashMap<>();

  private long freePassNumbers;
  private long lifts;

  /**
   * The controller's answer to {@code ask-free-pass}: any stay at the lane (a fee of 11.00, plate
   * 粤B12345), waiting for a supervisor; {@link #refuseWith} refuses it.
   */
  private synchronized CommandResult askFreePass(Person who, ConsoleCommand.AskFreePass ask) {
    if (refuseWith != null) {
      return CommandResult.refused(ask.requestId(), Refusal.NOT_NOW, refuseWith);
    }
    long passNo = ++freePassNumbers;
    Money fee = Money.of(1100, "CNY");
    ConsoleEvent.FreePassAsked asked =
        (ConsoleEvent.FreePassAsked)
            publish(
                seq ->
                    new ConsoleEvent.FreePassAsked(
                        seq,
                        Instant.now(),
                        ask.lane(),
                        passNo,
                        ask.stayId(),
                        "CARD-" + ask.stayId(),
                        "粤B12345",
                        fee,
                        ask.reason(),
                        who.username()));
    freePasses.put(passNo, asked);
    return CommandResult.ok(
        ask.requestId(),
        new Answer.FreePassAsked(passNo, ask.lane(), ask.stayId(), "粤B12345", fee, ask.reason()));
  }

  /** A supervisor's decision: never by the person who asked, and once. */
  private synchronized CommandResult decideFreePass(
      Person who, ConsoleCommand.DecideFreePass decide) {
    ConsoleEvent.FreePassAsked asked = freePasses.get(decide.passNo());
    if (asked == null) {
      return CommandResult.refused(
          decide.requestId(), Refusal.NOT_NOW, "free pass " + decide.passNo() + " is not waiting");
    }
    if (asked.askedBy().equals(who.username())) {
      return CommandResult.refused(
          decide.requestId(),
          Refusal.SAME_PERSON,
          "free pass " + decide.passNo() + " was asked by " + who.username());
    }
    freePasses.remove(decide.passNo());
    Instant now = Instant.now();
    publish(
        seq ->
            new ConsoleEvent.FreePassDecided(
                seq,
                now,
                asked.lane(),
                asked.passNo(),
                asked.stayId(),
                decide.approve(),
                asked.fee(),
                asked.askedBy(),
                who.username(),
                decide.note()));
    return CommandResult.ok(
        decide.requestId(),
        new Answer.FreePassDecided(
            asked.passNo(),
            asked.lane(),
            asked.stayId(),
            decide.approve(),
            asked.fee(),
            asked.askedBy(),
            who.username(),
            decide.note()));
  }

  /** A voucher: "USED-CODE" was used before; any other takes 3.00 off an 11.00 fee. */
  private CommandResult applyVoucher(Person who, ConsoleCommand.ApplyVoucher voucher) {
    if (voucher.code().equals("USED-CODE")) {
      return CommandResult.refused(
          voucher.requestId(), Refusal.NOT_NOW, "voucher USED-CODE was used on an earlier exit");
    }
    Money before = Money.of(1100, "CNY");
    Money after = Money.of(800, "CNY");
    publish(
        seq ->
            new ConsoleEvent.VoucherRedeemed(
                seq,
                Instant.now(),
                voucher.lane(),
                voucher.stayId(),
                voucher.code(),
                "SHOP_3",
                "mall",
                before,
                after,
                who.username()));
    return CommandResult.ok(
        voucher.requestId(),
        new Answer.VoucherApplied(
            voucher.lane(), voucher.stayId(), voucher.code(), "SHOP_3", "mall", before, after));
  }

  /** A barrier lifted by hand for the car waiting at the lane, its fee left owed. */
  private synchronized CommandResult liftBarrier(Person who, ConsoleCommand.LiftBarrier lift) {
    long liftNo = ++lifts;
    Money due = Money.of(1100, "CNY");
    publish(
        seq ->
            new ConsoleEvent.BarrierLifted(
                seq, Instant.now(), lift.lane(), liftNo, 0, due, lift.reason(), who.username()));
    return CommandResult.ok(
        lift.requestId(),
        new Answer.BarrierLifted(liftNo, lift.lane(), 0, due, lift.reason(), who.username()));
  }

  /**
   * The controller's answer to {@code report-lost-card}: the one car inside (stay 2, card CARD2,
   * see {@link #found}) is charged its 80.00 lost-card fee at the lane, shown in the booth as an
   * exit waiting to pay; any other stay is not open, and {@link #refuseWith} refuses it.
   */
  private CommandResult lostCard(Person who, ConsoleCommand.ReportLostCard lost) {
    if (refuseWith != null) {
      return CommandResult.refused(lost.requestId(), Refusal.NOT_NOW, refuseWith);
    }
    if (lost.stayId() != 2) {
      return CommandResult.refused(
          lost.requestId(), Refusal.NOT_NOW, "stay " + lost.stayId() + " is not open");
    }
    Instant now = Instant.now();
    publish(
        seq ->
            new ConsoleEvent.Incident(
                seq,
                now,
                lost.lane(),
                IncidentKind.LOST_CARD,
                "CARD2",
                null,
                "card CARD2 of stay 2 reported lost at "
                    + lost.lane()
                    + " by "
                    + who.username()
                    + "; lost-card fee 80.00 CNY",
                seq));
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
                        "遗失卡 lost card", "工本费 card replacement", 1, Money.of(5000, "CNY"))),
                TARIFF));
    return CommandResult.ok(
        lost.requestId(),
        new Answer.LostCardAsked(
            1,
            lost.lane(),
            2,
            "CARD2",
            lost.form().plate(),
            null,
            null,
            Money.of(3000, "CNY"),
            Money.of(5000, "CNY"),
            Money.of(8000, "CNY"),
            org.parkgate.api.LostCardStatus.NO_APPROVAL_NEEDED,
            who.username()));
  }

  /**
   * The controller's answer to {@code find-stay}: one car is inside as plate 粤B12345 with card
   * CARD2 (stay 2, entered at entry-1 at 09:00 Shanghai time, 80.00 due with a lost card); plate
   * 沪A88888 has two open stays, newest first: stay 5 on a season card (nothing due) and stay 4
   * (30.00 due) with no plate read at its entry; anything else has no open stay.
   */
  static CommandResult found(ConsoleCommand.FindStay find) {
    if ("粤B12345".equals(find.plate()) || "CARD2".equals(find.card())) {
      return CommandResult.ok(
          find.requestId(),
          new Answer.StaysFound(
              List.of(
                  new FoundStay(
                      2,
                      "CARD2",
                      "entry-1",
                      Instant.parse("2027-01-09T01:00:00Z"),
                      "粤B12345",
                      "car",
                      "blue",
                      Money.of(8000, "CNY")))));
    }
    if ("沪A88888".equals(find.plate())) {
      return CommandResult.ok(
          find.requestId(),
          new Answer.StaysFound(
              List.of(
                  new FoundStay(
                      5,
                      "SEASON5",
                      "entry-1",
                      Instant.parse("2027-01-09T02:30:00Z"),
                      "沪A88888",
                      "van",
                      "white",
                      null),
                  new FoundStay(
                      4,
                      "CARD4",
                      "entry-1",
                      Instant.parse("2027-01-08T23:15:00Z"),
                      null,
                      null,
                      null,
                      Money.of(3000, "CNY")))));
    }
    return CommandResult.refused(
        find.requestId(),
        Refusal.NOT_NOW,
        "no open stay for "
            + (find.plate() != null ? "plate " + find.plate() : "card " + find.card()));
  }

  /** A shift's figures with its float and nothing taken yet. */
  private static org.parkgate.api.ShiftFigures figures(long shiftNo, Money cashFloat) {
    Money zero = Money.zero(cashFloat.currency());
    return new org.parkgate.api.ShiftFigures(
        shiftNo, cashFloat, List.of(), zero, zero, zero, zero, cashFloat, null);
  }

  /** Closes a shift as the controller does, announcing it with its report. */
  private CommandResult closeShift(Person who, String requestId) {
    Long shiftNo = openShifts.remove(who.username());
    if (shiftNo == null) {
      return CommandResult.refused(
          requestId, Refusal.NOT_NOW, "cashier " + who.username() + " has no open shift to close");
    }
    Instant now = Instant.parse("2027-01-09T10:00:00Z");
    publish(
        seq ->
            new ConsoleEvent.ShiftClosed(
                seq,
                now,
                null,
                shiftNo,
                who.username(),
                now.minusSeconds(8 * 3600),
                2,
                "demo-000001",
                "demo-000002",
                1,
                List.of(
                    new ConsoleEvent.ShiftTotal(
                        2, Money.of(2000, "CNY"), 1, Money.of(-1100, "CNY"))),
                41,
                "ab".repeat(32),
                Money.of(10000, "CNY"),
                Money.of(10900, "CNY"),
                Money.of(10850, "CNY"),
                Money.of(-50, "CNY"),
                List.of(
                    new org.parkgate.api.ShiftFigures.TenderTotal(
                        org.parkgate.api.Tender.CASH, 2, Money.of(2000, "CNY")))));
    return CommandResult.ok(
        requestId,
        new Answer.ShiftReport(
            shiftNo,
            who.username(),
            2,
            1,
            "demo-000001",
            "demo-000002",
            Money.of(10000, "CNY"),
            Money.of(10900, "CNY"),
            Money.of(10850, "CNY"),
            Money.of(-50, "CNY"),
            List.of(
                new org.parkgate.api.ShiftFigures.TenderTotal(
                    org.parkgate.api.Tender.CASH, 2, Money.of(2000, "CNY"))),
            null));
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
                new ConsoleEvent.FeeItem("日间 day 14:00-14:30", "每半小时 per started 30 min", 1, rest)),
            TARIFF);
  }

  public static LongFunction<ConsoleEvent> laneStatus(
      String lane,
      LaneKind kind,
      LaneState state,
      BarrierPosition barrier,
      boolean present,
      String... display) {
    return seq ->
        new ConsoleEvent.LaneStatus(
            seq,
            Instant.now(),
            lane,
            kind,
            state,
            barrier,
            present,
            List.of(display),
            LaneMode.NORMAL);
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
        send(ctx.channel(), CommandResult.refused(null, Refusal.INVALID, e.getMessage()));
      }
    }
  }

  /** Rows in a page of an export here: few, so a month's export takes several. */
  public static final int EXPORT_PAGE_ROWS = 10;

  /** How many export pages were asked for. */
  public final java.util.concurrent.atomic.AtomicInteger exportPages =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A page of {@link #report}, its cursor the index of its first row. */
  static Answer.ReportPage page(ConsoleCommand.ExportReportPage export) {
    org.parkgate.report.Report whole = report(export.request());
    int from = export.cursor() == null ? 0 : Integer.parseInt(export.cursor());
    int to = Math.min(whole.rows().size(), from + EXPORT_PAGE_ROWS);
    boolean last = to == whole.rows().size();
    org.parkgate.report.Report head =
        new org.parkgate.report.Report(
            whole.request(),
            whole.title(),
            whole.zone(),
            whole.currency(),
            whole.columns(),
            List.of(),
            null,
            whole.chainLink(),
            whole.chainHash(),
            whole.computedAt(),
            List.of());
    return new Answer.ReportPage(
        from == 0 ? head : null,
        whole.rows().subList(from, to),
        last ? null : String.valueOf(to),
        last ? whole.totals() : null,
        last ? whole.notes() : null);
  }

  /** A day's takings of {@link #DAILY_NET} on each day asked, whatever the kind, as a report. */
  public static final long DAILY_NET = 12_350;

  public static org.parkgate.report.Report report(org.parkgate.report.ReportRequest request) {
    var columns =
        List.of(
            org.parkgate.report.Column.of("day", org.parkgate.report.ColumnType.DATE, "日期", "Day")
                .plotted(org.parkgate.report.ChartRole.AXIS),
            org.parkgate.report.Column.count("payments", "收款笔数", "Payments"),
            org.parkgate.report.Column.money("net", "净收入", "Net", "CNY")
                .plotted(org.parkgate.report.ChartRole.SERIES));
    List<org.parkgate.report.Row> rows = new java.util.ArrayList<>();
    long days = 0;
    for (var d = request.from(); !d.isAfter(request.to()); d = d.plusDays(1), days++) {
      rows.add(
          org.parkgate.report.Row.of(
              org.parkgate.report.Cell.date(d),
              org.parkgate.report.Cell.of(3),
              org.parkgate.report.Cell.of(DAILY_NET)));
    }
    return new org.parkgate.report.Report(
        request,
        request.kind().title(),
        ZoneId.of("Asia/Shanghai"),
        "CNY",
        columns,
        rows,
        org.parkgate.report.Row.of(
            org.parkgate.report.Cell.text("合计 · Total"),
            org.parkgate.report.Cell.of(3 * days),
            org.parkgate.report.Cell.of(DAILY_NET * days)),
        42,
        "ab".repeat(32),
        Instant.parse("2026-11-01T04:00:00Z"),
        List.of());
  }
}
