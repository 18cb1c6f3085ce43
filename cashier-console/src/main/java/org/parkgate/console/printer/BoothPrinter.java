package org.parkgate.console.printer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parkgate.device.escpos.EscPosCodec;
import org.parkgate.device.escpos.EscPosCommand;
import org.parkgate.device.escpos.PrinterStatus;
import org.parkgate.device.escpos.StatusKind;
import org.parkgate.device.escpos.StatusReplyParser;
import org.parkgate.serial.JsscChannel;
import org.parkgate.serial.SerialPortAddress;
import org.parkgate.site.DeviceAddress;
import org.parkgate.wire.CloseOnError;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's receipt printer and cash drawer over ESC/POS, on raw TCP (a network printer's port
 * 9100, or a serial device server) or a local serial port (the jssc channel). It keeps the
 * connection and opens it again when it drops, asks the printer's status (DLE EOT 1, 2, 4) every
 * poll, and reports the state on every change. Printouts wait in a bounded queue and go out only
 * after a full status round says the printer can print, so a payment never waits for paper: it
 * completes, the booth shows the alarm, and the receipt prints once the printer is back. Everything
 * runs on one event loop.
 */
public final class BoothPrinter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BoothPrinter.class);
  private static final StatusKind[] ROUND = {
    StatusKind.PRINTER, StatusKind.OFFLINE_CAUSE, StatusKind.PAPER
  };
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private record Job(String what, byte[] bytes) {}

  private final DeviceAddress address;
  private final EventLoop loop;
  private final PrinterSettings settings;
  private final Consumer<PrinterReport> listener;
  private final LinkCounters counters = new LinkCounters();
  private final Deque<Job> waiting = new ArrayDeque<>();
  private final Deque<StatusKind> asked = new ArrayDeque<>();
  private Channel channel;
  private PrinterStatus status = PrinterStatus.READY;
  private boolean statusKnown;
  private long askedAtNanos;
  private long dropped;
  private long backoffMillis;
  private boolean closed;
  private boolean tried;
  private ScheduledFuture<?> poller;
  private PrinterReport reported;

  public BoothPrinter(
      DeviceAddress address,
      EventLoop loop,
      PrinterSettings settings,
      Consumer<PrinterReport> listener) {
    if (!(address instanceof DeviceAddress.Tcp) && !(address instanceof DeviceAddress.Serial)) {
      throw new IllegalArgumentException(
          "printer " + address + ": a printer is on tcp://host:port or serial:/dev/...");
    }
    this.address = address;
    this.loop = loop;
    this.settings = settings;
    this.listener = listener;
    this.backoffMillis = settings.poll().toMillis();
  }

  public void start() {
    loop.execute(
        () -> {
          report();
          connect();
          poller =
              loop.scheduleWithFixedDelay(
                  this::poll,
                  settings.poll().toMillis(),
                  settings.poll().toMillis(),
                  TimeUnit.MILLISECONDS);
        });
  }

  /** Queues a receipt; it prints as soon as the printer can. */
  public void print(String what, byte[] bytes) {
    loop.execute(
        () -> {
          if (waiting.size() >= settings.maxWaiting()) {
            Job gone = waiting.pollFirst();
            dropped++;
            log.warn(
                "printer {}: queue full ({}), dropped {}: reprint it",
                address,
                settings.maxWaiting(),
                gone.what());
          }
          waiting.addLast(new Job(what, bytes));
          drain();
          report();
        });
  }

  private void connect() {
    if (closed) {
      return;
    }
    Bootstrap b = new Bootstrap().group(loop).handler(new Initializer());
    ChannelFuture f;
    if (address instanceof DeviceAddress.Serial serial) {
      f =
          b.channelFactory(JsscChannel::new)
              .connect(new SerialPortAddress(serial.device(), serial.settings()));
    } else {
      DeviceAddress.Tcp tcp = (DeviceAddress.Tcp) address;
      f =
          b.channel(NioSocketChannel.class)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
              .option(ChannelOption.TCP_NODELAY, true)
              .connect(tcp.host(), tcp.port());
    }
    f.addListener(
        done -> {
          if (done.isSuccess()) {
            channel = f.channel();
            backoffMillis = settings.poll().toMillis();
            log.info("printer {}: connected", address);
            channel.closeFuture().addListener(c -> lost("connection closed"));
            ask();
          } else {
            log.debug("printer {}: cannot connect: {}", address, done.cause().toString());
            tried = true;
            report();
            retry();
          }
        });
  }

  private void lost(String why) {
    if (channel == null) {
      return;
    }
    log.info("printer {}: {}", address, why);
    channel = null;
    tried = true;
    asked.clear();
    statusKnown = false;
    report();
    retry();
  }

  private void retry() {
    if (closed) {
      return;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF.toMillis(), backoffMillis * 2);
    loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    if (channel == null || !channel.isActive()) {
      return;
    }
    if (!asked.isEmpty()) {
      if (System.nanoTime() - askedAtNanos > settings.answerTimeout().toNanos()) {
        log.warn("printer {}: no status answer within {}", address, settings.answerTimeout());
        channel.close();
      }
      return;
    }
    ask();
  }

  private void ask() {
    askedAtNanos = System.nanoTime();
    for (StatusKind kind : ROUND) {
      asked.addLast(kind);
      channel.write(
          Unpooled.wrappedBuffer(EscPosCodec.encode(new EscPosCommand.StatusRequest(kind))));
    }
    channel.flush();
  }

  private void answered(int reply) {
    StatusKind kind = asked.pollFirst();
    if (kind == null) {
      counters.incrementBadFrames();
      return;
    }
    status = status.with(kind, reply);
    if (asked.isEmpty()) {
      statusKnown = true;
      drain();
      report();
    }
  }

  private void drain() {
    while (!waiting.isEmpty()
        && statusKnown
        && status.canPrint()
        && channel != null
        && channel.isActive()) {
      Job job = waiting.pollFirst();
      log.info("printer {}: printing {}", address, job.what());
      channel
          .writeAndFlush(Unpooled.wrappedBuffer(job.bytes()))
          .addListener(
              w -> {
                if (!w.isSuccess()) {
                  log.warn("printer {}: {} not sent, kept: {}", address, job.what(), w.cause());
                  waiting.addFirst(job);
                  report();
                }
              });
    }
  }

  private PrinterState state() {
    if (channel == null || !channel.isActive()) {
      return tried ? PrinterState.OFFLINE : PrinterState.CONNECTING;
    }
    if (!statusKnown) {
      return PrinterState.CONNECTING;
    }
    if (status.coverOpen()) {
      return PrinterState.COVER_OPEN;
    }
    if (status.paperEnd()) {
      return PrinterState.PAPER_OUT;
    }
    if (status.offline() || status.error()) {
      return PrinterState.OFFLINE;
    }
    return status.drawerOpen() ? PrinterState.DRAWER_OPEN : PrinterState.READY;
  }

  private void report() {
    PrinterReport now = new PrinterReport(state(), address.toString(), waiting.size(), dropped);
    if (!now.equals(reported)) {
      if (reported != null && now.state() != reported.state()) {
        log.info("printer {}: {}", address, now.state());
      }
      reported = now;
      listener.accept(now);
    }
  }

  @Override
  public void close() {
    loop.execute(
        () -> {
          closed = true;
          if (poller != null) {
            poller.cancel(false);
          }
          if (channel != null) {
            channel.close();
          }
        });
  }

  private final class Initializer extends ChannelInitializer<Channel> {
    @Override
    protected void initChannel(Channel ch) {
      String name = "printer " + address;
      ch.pipeline()
          .addLast("hexdump", new LoggingHandler("parkgate.wire.printer", LogLevel.DEBUG))
          .addLast("decode", new ParsingDecoder<>(new StatusReplyParser(), counters, name))
          .addLast(
              "status",
              new SimpleChannelInboundHandler<Integer>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, Integer reply) {
                  answered(reply);
                }
              })
          .addLast("errors", new CloseOnError(name));
    }
  }
}
