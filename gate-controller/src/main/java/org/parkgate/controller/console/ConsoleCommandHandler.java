package org.parkgate.controller.console;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.controller.command.CommandPipeline;
import org.parkgate.controller.command.ConsoleConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads console messages off the WebSocket and hands each command to the {@link CommandPipeline},
 * answering each with one result. A connection that has not proved which enrolled console it is
 * gets one refusal for anything but a good hello and is closed: nothing else of it is read.
 */
final class ConsoleCommandHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(ConsoleCommandHandler.class);

  private final CommandPipeline pipeline;
  private ConsoleConnection connection;

  ConsoleCommandHandler(CommandPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    connection = new ConsoleConnection(ctx.channel());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (connection.refused()) {
      return;
    }
    if (!(frame instanceof TextWebSocketFrame text)) {
      bad(
          ctx,
          null,
          Said.of("只接受含 JSON 消息的文本帧", "only text frames with JSON messages are accepted"));
      return;
    }
    ApiMessage message;
    try {
      message = ApiJson.read(text.text());
    } catch (ApiJson.BadMessageException e) {
      bad(ctx, null, e.getMessage());
      return;
    }
    if (!(message instanceof ConsoleCommand command)) {
      bad(
          ctx,
          null,
          Said.of(
              "收费台只发送操作命令，不是 " + message.getClass().getSimpleName(),
              "consoles send commands, not " + message.getClass().getSimpleName()));
      return;
    }
    if (command.requestId() == null
        || command.requestId().isBlank()
        || command.requestId().length() > 100) {
      bad(
          ctx,
          command.requestId(),
          Said.of("每个命令须有 1-100 个字符的请求编号", "every command needs a requestId of 1-100 characters"));
      return;
    }
    pipeline.accept(connection, command).thenAccept(result -> answer(ctx, result));
  }

  /** Input that is no command: said why; a console not yet known hears nothing more. */
  private void bad(ChannelHandlerContext ctx, String requestId, String why) {
    if (connection.authenticated()) {
      reply(ctx, CommandResult.refused(requestId, Refusal.INVALID, why));
    } else {
      pipeline.refuseUnknown(connection, requestId).thenAccept(r -> answer(ctx, r));
    }
  }

  private void answer(ChannelHandlerContext ctx, CommandResult result) {
    if (result == null) {
      return;
    }
    if (connection.refused()) {
      if (ctx.channel().isActive()) {
        ctx.writeAndFlush(new TextWebSocketFrame(ApiJson.write(result)))
            .addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    reply(ctx, result);
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

  private static void reply(ChannelHandlerContext ctx, ApiMessage message) {
    ConsoleHub.send(ctx.channel(), message);
  }
}
