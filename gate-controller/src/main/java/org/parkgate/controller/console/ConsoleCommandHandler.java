package org.parkgate.controller.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
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
    if (command instanceof ConsoleCommand.RecordCashPayment pay) {
      if (pay.amount() == null
          || pay.lane() == null
          || pay.cashier() == null
          || pay.cashier().isBlank()) {
        reply(
            ctx,
            CommandResult.refused(
                pay.requestId(), "a payment needs lane, stayId, amount and cashier"));
        return;
      }
      site.pay(pay).thenAccept(result -> reply(ctx, result));
    } else if (command instanceof ConsoleCommand.ReversePayment reverse) {
      if (reverse.receiptNo() == null || reverse.receiptNo().isBlank()) {
        reply(ctx, CommandResult.refused(reverse.requestId(), "a reversal needs a receiptNo"));
        return;
      }
      site.reverse(reverse).thenAccept(result -> reply(ctx, result));
    } else if (command instanceof ConsoleCommand.OpenShift
        || command instanceof ConsoleCommand.CloseShift) {
      site.shift(command).thenAccept(result -> reply(ctx, result));
    } else if (command instanceof ConsoleCommand.ResetPassback reset) {
      if (blank(reset.card()) || blank(reset.supervisor()) || blank(reset.reason())) {
        reply(
            ctx,
            CommandResult.refused(
                reset.requestId(), "a passback reset needs card, supervisor and reason"));
        return;
      }
      site.resetPassback(reset).thenAccept(result -> reply(ctx, result));
    } else if (command instanceof ConsoleCommand.PayStationPayment pay) {
      if (blank(pay.card())
          || pay.amount() == null
          || blank(pay.cashier())
          || blank(pay.station())
          || pay.station().length() > 32) {
        reply(
            ctx,
            CommandResult.refused(
                pay.requestId(),
                "a pay-station payment needs card, amount, cashier and station (1-32 characters)"));
        return;
      }
      site.payAtStation(pay).thenAccept(result -> reply(ctx, result));
    } else if (command instanceof ConsoleCommand.SetLaneMode mode) {
      site.setLaneMode(mode).thenAccept(result -> reply(ctx, result));
    } else if (command instanceof ConsoleCommand.FindStay find) {
      site.findStay(find).thenAccept(result -> reply(ctx, result));
    } else if (command instanceof ConsoleCommand.ReportLostCard lost) {
      if (blank(lost.lane()) || lost.stayId() <= 0 || blank(lost.cashier())) {
        reply(
            ctx,
            CommandResult.refused(
                lost.requestId(), "a lost card needs lane, stayId (a stay number) and cashier"));
        return;
      }
      site.reportLostCard(lost).thenAccept(result -> reply(ctx, result));
    }
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
