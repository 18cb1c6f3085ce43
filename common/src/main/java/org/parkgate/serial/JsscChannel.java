package org.parkgate.serial;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.parkgate.site.SerialSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty channel on a serial port through jssc, the one place jssc is used. It registers with any
 * {@link SingleThreadEventLoop}, so serial links share the event loops of TCP links and run the
 * same pipelines.
 *
 * <p>jssc has no selector to register with, so the channel polls: a task on its own event loop asks
 * how many bytes wait ({@code getInputBufferBytesCount}) and reads exactly those. It never blocks,
 * and it stops the moment the channel closes. Polling is fast (every {@value #BUSY_POLL_MS} ms) for
 * a while after the last byte in or out, when an answer is expected, and slow (every {@value
 * #IDLE_POLL_MS} ms) on an idle line, so an idle port costs almost nothing.
 *
 * <p>A port whose device vanishes (a USB adapter pulled, a pty's other end gone) reports nothing by
 * itself: the next read or write fails, or the device path disappears. Either closes the channel,
 * and the link that owns it reopens the port with backoff.
 */
public final class JsscChannel extends AbstractChannel {
  private static final Logger log = LoggerFactory.getLogger(JsscChannel.class);
  private static final ChannelMetadata METADATA = new ChannelMetadata(false);

  static final int BUSY_POLL_MS = 1;
  static final int IDLE_POLL_MS = 20;

  /** How long after the last traffic polling stays fast: longer than any response timeout. */
  static final long BUSY_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** How often an idle port checks that its device still exists. */
  static final long PRESENCE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final int MAX_READ = 4096;

  private final ChannelConfig config = new DefaultChannelConfig(this);
  private volatile boolean open = true;
  private volatile SerialPortAddress remote;
  private volatile SerialPort port;
  private ScheduledFuture<?> poll;
  private long lastTrafficNanos;
  private long lastPresenceCheckNanos;
  private boolean readRequested;

  public JsscChannel() {
    super(null);
  }

  @Override
  protected AbstractUnsafe newUnsafe() {
    return new SerialUnsafe();
  }

  @Override
  protected boolean isCompatible(EventLoop loop) {
    return loop instanceof SingleThreadEventLoop;
  }

  @Override
  public ChannelConfig config() {
    return config;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isActive() {
    return open && port != null;
  }

  @Override
  public ChannelMetadata metadata() {
    return METADATA;
  }

  @Override
  public SerialPortAddress remoteAddress() {
    return remote;
  }

  @Override
  protected SocketAddress localAddress0() {
    return remote;
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return remote;
  }

  @Override
  protected void doBind(SocketAddress localAddress) {
    throw new UnsupportedOperationException("a serial port is connected, not bound");
  }

  @Override
  protected void doDisconnect() {
    doClose();
  }

  @Override
  protected void doClose() {
    open = false;
    if (poll != null) {
      poll.cancel(false);
    }
    SerialPort p = port;
    port = null;
    if (p != null) {
      try {
        p.closePort();
      } catch (SerialPortException e) {
        log.debug("{}: closing: {}", remote, e.getMessage());
      }
    }
  }

  @Override
  protected void doBeginRead() {
    // Reading is the poll task's; with autoRead off it delivers nothing until asked again.
    readRequested = true;
  }

  @Override
  protected Object filterOutboundMessage(Object msg) {
    if (msg instanceof ByteBuf) {
      return msg;
    }
    throw new UnsupportedOperationException(
        "a serial port writes bytes, not " + msg.getClass().getSimpleName());
  }

  @Override
  protected void doWrite(ChannelOutboundBuffer in) throws Exception {
    for (Object msg; (msg = in.current()) != null; ) {
      ByteBuf buf = (ByteBuf) msg;
      byte[] bytes = ByteBufUtil.getBytes(buf);
      SerialPort p = port;
      if (p == null) {
        throw new IOException(remote + ": port closed");
      }
      try {
        // A tty takes a whole small frame into its output buffer at once; this does not wait
        // for the line to transmit it.
        if (!p.writeBytes(bytes)) {
          throw new IOException(remote + ": write failed");
        }
      } catch (SerialPortException e) {
        throw new IOException(remote + ": write failed: " + e.getMessage(), e);
      }
      lastTrafficNanos = System.nanoTime();
      in.remove();
    }
  }

  private void schedulePoll() {
    long quiet = System.nanoTime() - lastTrafficNanos;
    int delay = quiet < BUSY_WINDOW_NANOS ? BUSY_POLL_MS : IDLE_POLL_MS;
    poll = eventLoop().schedule(this::pollOnce, delay, TimeUnit.MILLISECONDS);
  }

  private void pollOnce() {
    SerialPort p = port;
    if (p == null) {
      return;
    }
    try {
      int waiting = p.getInputBufferBytesCount();
      if (waiting < 0) {
        throw new IOException(remote + ": device gone");
      }
      if (waiting > 0 && (config.isAutoRead() || readRequested)) {
        readRequested = false;
        byte[] bytes = p.readBytes(Math.min(waiting, MAX_READ));
        lastTrafficNanos = System.nanoTime();
        if (bytes != null && bytes.length > 0) {
          pipeline().fireChannelRead(alloc().buffer(bytes.length).writeBytes(bytes));
          pipeline().fireChannelReadComplete();
        }
      } else if (waiting == 0) {
        checkPresence();
      }
    } catch (IOException e) {
      // jssc's SerialPortException is an IOException: a vanished device lands here.
      pipeline()
          .fireExceptionCaught(
              e instanceof SerialPortException
                  ? new IOException(remote.device() + ": read failed: " + e.getMessage(), e)
                  : e);
      unsafe().close(voidPromise());
      return;
    }
    if (isActive()) {
      schedulePoll();
    }
  }

  /** A device that vanished while idle: nothing fails until the next write, so look for it. */
  private void checkPresence() throws IOException {
    long now = System.nanoTime();
    if (now - lastPresenceCheckNanos < PRESENCE_CHECK_NANOS) {
      return;
    }
    lastPresenceCheckNanos = now;
    if (!Files.exists(Path.of(remote.device()))) {
      throw new IOException(remote.device() + " is gone");
    }
  }

  private final class SerialUnsafe extends AbstractUnsafe {
    @Override
    public void connect(
        SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
      if (!promise.setUncancellable() || !ensureOpen(promise)) {
        return;
      }
      if (!(remoteAddress instanceof SerialPortAddress address)) {
        safeSetFailure(
            promise, new IllegalArgumentException("not a serial port: " + remoteAddress));
        return;
      }
      try {
        remote = address;
        port = open(address);
        lastPresenceCheckNanos = System.nanoTime();
        safeSetSuccess(promise);
        pipeline().fireChannelActive();
        schedulePoll();
      } catch (IOException e) {
        safeSetFailure(promise, e);
        close(voidPromise());
      }
    }
  }

  private static SerialPort open(SerialPortAddress address) throws IOException {
    SerialPort p = new SerialPort(address.device());
    try {
      p.openPort();
    } catch (SerialPortException e) {
      throw new IOException("cannot open " + address.device() + ": " + e.getExceptionType(), e);
    }
    try {
      SerialSettings s = address.settings();
      // A pty refuses line settings and modem lines; it carries the bytes all the same.
      if (!p.setParams(s.baud(), s.dataBits(), stopBits(s), parity(s))) {
        log.warn(
            "{}: the port did not take {}; a pty ignores line settings, real hardware should not",
            address.device(),
            address);
      }
      if (!p.setDTR(true) || !p.setRTS(true)) {
        log.debug("{}: DTR/RTS not set (a pty has none)", address.device());
      }
      // Bytes that arrived before we opened belong to no request of ours.
      p.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
      return p;
    } catch (SerialPortException e) {
      try {
        p.closePort();
      } catch (SerialPortException ignored) {
        // already failing; the first error is the one to report
      }
      throw new IOException("cannot set up " + address.device() + ": " + e.getExceptionType(), e);
    }
  }

  private static int stopBits(SerialSettings s) {
    return switch (s.stopBits()) {
      case ONE -> SerialPort.STOPBITS_1;
      case ONE_AND_HALF -> SerialPort.STOPBITS_1_5;
      case TWO -> SerialPort.STOPBITS_2;
    };
  }

  private static int parity(SerialSettings s) {
    return switch (s.parity()) {
      case NONE -> SerialPort.PARITY_NONE;
      case ODD -> SerialPort.PARITY_ODD;
      case EVEN -> SerialPort.PARITY_EVEN;
      case MARK -> SerialPort.PARITY_MARK;
      case SPACE -> SerialPort.PARITY_SPACE;
    };
  }
}
