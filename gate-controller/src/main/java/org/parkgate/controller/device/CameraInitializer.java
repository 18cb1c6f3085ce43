package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parkgate.api.Said;
import org.parkgate.controller.device.link.LinkEnd;
import org.parkgate.controller.device.link.WireLog;
import org.parkgate.device.camera.CameraCodec;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.CameraParser;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/**
 * The pipeline of a plate camera link: recognitions and heartbeats in, heartbeats out. The
 * controller sends a heartbeat on connecting and after every {@code heartbeat} without sending, and
 * the camera answers each one; a link with no frame in for {@link #SILENT_AFTER} heartbeats is a
 * silent camera, reported and closed so that it is connected afresh.
 */
final class CameraInitializer extends ChannelInitializer<Channel> {
  /** Heartbeats in a row the camera may miss before it counts as silent. */
  static final int SILENT_AFTER = 3;

  private final String name;
  private final String laneId;
  private final Duration heartbeat;
  private final LinkCounters counters;
  private final Consumer<CameraMessage> onMessage;
  private final Consumer<String> onDown;

  CameraInitializer(
      String name,
      String laneId,
      Duration heartbeat,
      LinkCounters counters,
      Consumer<CameraMessage> onMessage,
      Consumer<String> onDown) {
    this.name = name;
    this.laneId = laneId;
    this.heartbeat = heartbeat;
    this.counters = counters;
    this.onMessage = onMessage;
    this.onDown = onDown;
  }

  @Override
  protected void initChannel(Channel ch) {
    long beat = heartbeat.toMillis();
    ch.pipeline()
        .addLast("wire", new WireLog(name))
        .addLast("frames", new ParsingDecoder<>(new CameraParser(), counters, name))
        // After the decoder, so only whole frames count as signs of life, not line noise.
        .addLast("idle", new IdleStateHandler(SILENT_AFTER * beat, beat, 0, TimeUnit.MILLISECONDS))
        .addLast("out", new FrameEncoder<>(CameraMessage.class, CameraCodec::encode, counters))
        .addLast("camera", new Camera())
        .addLast("end", new LinkEnd(name, onDown));
  }

  private final class Camera extends SimpleChannelInboundHandler<CameraMessage> {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(new CameraMessage.Heartbeat(laneId));
      ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, CameraMessage message) {
      onMessage.accept(message);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new CameraMessage.Heartbeat(laneId));
      } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
        long ms = SILENT_AFTER * heartbeat.toMillis();
        onDown.accept(Said.of(ms + " 毫秒无心跳", "silent: no heartbeat for " + ms + " ms"));
        ctx.close();
      } else {
        ctx.fireUserEventTriggered(event);
      }
    }
  }
}
