package org.parkgate.controller.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.controller.SiteService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns console messages into site commands and answers each with one result. A console must say
 * hello before anything else; bad messages are answered with the reason and change nothing.
 */
final class ConsoleCommandHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(ConsoleCommandHandler.class);

  private final SiteService site;
  private boolean greeted;

  ConsoleCommandHandler(SiteService site) {
    this.site = site;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame text)) {
      reply(ctx, CommandResult.refused(null, "only text frames with JSON messages are accepted"));
      return;
    }
    ApiMessage message;
    try {
      message = ApiJson.read(text.text());
    } catch (ApiJson.BadMessageException e) {
      reply(ctx, CommandResult.refused(null, e.getMessage()));
      return;
    }
    if (!(message instanceof ConsoleCommand command)) {
      reply(
          ctx,
          CommandResult.refused(
              null, "consoles send commands, not " + message.getClass().getSimpleName()));
      return;
    }
    if (command.requestId() == null
        || command.requestId().isBlank()
        || command.requestId().length() > 100) {
      reply(
          ctx,
          CommandResult.refused(
              command.requestId(), "every command needs a requestId of 1-100 characters"));
      return;
    }
    if (command instanceof ConsoleCommand.Hello hello) {
      if (greeted) {
        reply(
            ctx,
            CommandResult.refused(hello.requestId(), "hello was already said on this connection"));
        return;
      }
      greeted = true;
      log.info(
          "console {} ({}) connected, resuming after seq {}",
          hello.consoleId(),
          ctx.channel().remoteAddress(),
          hello.afterSeq());
      site.join(ctx.channel(), hello);
      return;
    }
    if (!greeted) {
      reply(ctx, CommandResult.refused(command.requestId(), "say hello first"));
      return;
    }
    String missing = missing(command);
    if (missing != null) {
      reply(ctx, CommandResult.refused(command.requestId(), missing));
      return;
    }
    CompletableFuture<CommandResult> result = run(command);
    if (result != null) {
      result.thenAccept(r -> reply(ctx, r));
    }
  }

  /** What a command lacks, in words for the console, or null when it is whole. */
  private static String missing(ConsoleCommand command) {
    if (command instanceof ConsoleCommand.RecordCashPayment pay) {
      return pay.amount() == null || pay.lane() == null || blank(pay.cashier())
          ? "a payment needs lane, stayId, amount and cashier"
          : null;
    }
    if (command instanceof ConsoleCommand.ReversePayment reverse) {
      return blank(reverse.receiptNo()) ? "a reversal needs a receiptNo" : null;
    }
    if (command instanceof ConsoleCommand.ResetPassback reset) {
      return blank(reset.card()) || blank(reset.supervisor()) || blank(reset.reason())
          ? "a passback reset needs card, supervisor and reason"
          : null;
    }
    if (command instanceof ConsoleCommand.PayStationPayment pay) {
      return blank(pay.card())
              || pay.amount() == null
              || blank(pay.cashier())
              || blank(pay.station())
              || pay.station().length() > 32
          ? "a pay-station payment needs card, amount, cashier and station (1-32 characters)"
          : null;
    }
    if (command instanceof ConsoleCommand.ReportLostCard lost) {
      return blank(lost.lane()) || lost.stayId() <= 0 || blank(lost.cashier())
          ? "a lost card needs lane, stayId (a stay number) and cashier"
          : null;
    }
    return null;
  }

  /** Hands a whole command to the site; null for one it does not take here. */
  private CompletableFuture<CommandResult> run(ConsoleCommand command) {
    if (command instanceof ConsoleCommand.RecordCashPayment pay) {
      return site.pay(pay);
    }
    if (command instanceof ConsoleCommand.ReversePayment reverse) {
      return site.reverse(reverse);
    }
    if (command instanceof ConsoleCommand.OpenShift
        || command instanceof ConsoleCommand.CloseShift) {
      return site.shift(command);
    }
    if (command instanceof ConsoleCommand.ResetPassback reset) {
      return site.resetPassback(reset);
    }
    if (command instanceof ConsoleCommand.PayStationPayment pay) {
      return site.payAtStation(pay);
    }
    if (command instanceof ConsoleCommand.SetLaneMode mode) {
      return site.setLaneMode(mode);
    }
    if (command instanceof ConsoleCommand.FindStay find) {
      return site.findStay(find);
    }
    if (command instanceof ConsoleCommand.ReportLostCard lost) {
      return site.reportLostCard(lost);
    }
    return null;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      log.info("console {} silent too long, closing", ctx.channel().remoteAddress());
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("console {}: {}, closing", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static void reply(ChannelHandlerContext ctx, ApiMessage message) {
    ConsoleHub.send(ctx.channel(), message);
  }
}
