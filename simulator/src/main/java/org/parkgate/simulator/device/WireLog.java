package org.parkgate.simulator.device;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every frame on every device link as a JSON line (the simulator's {@code --wire-log FILE}): when
 * it passed in epoch milliseconds, the lane or booth, the device, the direction seen from the
 * device ({@code in}: from the controller; {@code out}: to it) and the bytes in hex, exactly as on
 * the wire (after any injected fault), like the debug hex dump of {@code parkgate.wire.*}:
 *
 * <pre>{"epochMs":1796621400123,"lane":"entry-1","device":"barrier","dir":"in","hex":"0102..."}
 * </pre>
 */
public final class WireLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WireLog.class);

  private final Path file;
  private final BufferedWriter out;
  private boolean failed;

  private WireLog(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Starts a new file, or empties the one there. */
  public static WireLog open(Path file) throws IOException {
    return new WireLog(
        file,
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE));
  }

  /** A handler for one connection to {@code device} of {@code lane}, put beside the hex dump. */
  public ChannelDuplexHandler tap(String lane, String device) {
    return new Tap(lane, device);
  }

  synchronized void frame(String lane, String device, String dir, ByteBuf bytes) {
    if (failed || bytes.readableBytes() == 0) {
      return;
    }
    try {
      out.write("{\"epochMs\":");
      out.write(Long.toString(System.currentTimeMillis()));
      out.write(",\"lane\":\"");
      out.write(lane);
      out.write("\",\"device\":\"");
      out.write(device);
      out.write("\",\"dir\":\"");
      out.write(dir);
      out.write("\",\"hex\":\"");
      out.write(ByteBufUtil.hexDump(bytes));
      out.write("\"}\n");
    } catch (IOException e) {
      // The devices keep working without their log; say so once.
      failed = true;
      log.warn("wire log {}: cannot write ({}); no more frames are logged", file, e.getMessage());
    }
  }

  /** Writes out what is buffered. */
  public synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      log.warn("wire log {}: cannot close ({})", file, e.getMessage());
    }
  }

  private final class Tap extends ChannelDuplexHandler {
    private final String lane;
    private final String device;

    Tap(String lane, String device) {
      this.lane = lane;
      this.device = device;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf b) {
        frame(lane, device, "in", b);
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof ByteBuf b) {
        frame(lane, device, "out", b);
      }
      ctx.write(msg, promise);
    }
  }
}
