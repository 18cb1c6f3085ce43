package org.parkgate.simulator.device;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import org.parkgate.device.escpos.EscPosCommand;
import org.parkgate.device.escpos.EscPosParser;
import org.parkgate.device.escpos.Printed;
import org.parkgate.device.escpos.PrintedReader;
import org.parkgate.simulator.booth.ReceiptPrinter;
import org.parkgate.wire.CloseOnError;
import org.parkgate.wire.ParsingDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of a client of a booth's receipt printer: ESC/POS commands in, one status byte out
 * for each real-time status request.
 */
public final class PrinterInitializer extends ChannelInitializer<SocketChannel> {
  private static final Logger log = LoggerFactory.getLogger(PrinterInitializer.class);
  private final DeviceLink link;
  private final ReceiptPrinter printer;

  public PrinterInitializer(DeviceLink link, ReceiptPrinter printer) {
    this.link = link;
    this.printer = printer;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("track", new LinkTracker(link))
        .addLast(
            "hexdump",
            new LoggingHandler("parkgate.wire." + link.name().replace(' ', '.'), LogLevel.DEBUG))
        .addLast("decode", new ParsingDecoder<>(new EscPosParser(), link.counters(), link.name()))
        .addLast("printer", new Paper())
        .addLast("errors", new CloseOnError(link.name()));
  }

  /** Follows the modes of this connection's stream and hands the printer what it prints. */
  private final class Paper extends SimpleChannelInboundHandler<EscPosCommand> {
    private final PrintedReader reader = new PrintedReader();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, EscPosCommand command) {
      for (Printed p : reader.accept(command)) {
        if (p instanceof Printed.StatusAsked asked) {
          ctx.writeAndFlush(
              Unpooled.wrappedBuffer(new byte[] {(byte) printer.reply(asked.kind())}));
          link.counters().incrementFramesOut();
        } else {
          printer.accept(p);
          if (p instanceof Printed.Cut) {
            log.info("{}: document cut", link.name());
          } else if (p instanceof Printed.DrawerPulse) {
            log.info("{}: drawer pulse", link.name());
          }
        }
      }
    }
  }
}
