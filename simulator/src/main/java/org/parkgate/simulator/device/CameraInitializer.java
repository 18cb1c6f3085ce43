package org.parkgate.simulator.device;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import org.parkgate.device.camera.CameraCodec;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.CameraParser;
import org.parkgate.simulator.fault.FaultHandlers;
import org.parkgate.simulator.fault.WireProfile;
import org.parkgate.wire.CloseOnError;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.ParsingDecoder;

/**
 * The pipeline of a client of a plate camera: heartbeats in, each answered with the camera's own;
 * recognitions out when a vehicle reaches the arming loop.
 */
final class CameraInitializer extends ChannelInitializer<SocketChannel> {
  private final DeviceLink link;
  private final String cameraId;

  CameraInitializer(DeviceLink link, String cameraId) {
    this.link = link;
    this.cameraId = cameraId;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("track", new LinkTracker(link))
        .addLast(
            "hexdump",
            new LoggingHandler("parkgate.wire." + link.name().replace(' ', '.'), LogLevel.DEBUG));
    FaultHandlers.addWireFaults(ch.pipeline(), link.faults(), WireProfile.CAMERA);
    ch.pipeline()
        .addLast("decode", new ParsingDecoder<>(new CameraParser(), link.counters(), link.name()))
        .addLast(
            "encode", new FrameEncoder<>(CameraMessage.class, CameraCodec::encode, link.counters()))
        .addLast("camera", new Heartbeats())
        .addLast("errors", new CloseOnError(link.name()));
  }

  private final class Heartbeats extends SimpleChannelInboundHandler<CameraMessage> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, CameraMessage message) {
      if (message instanceof CameraMessage.Heartbeat) {
        ctx.writeAndFlush(new CameraMessage.Heartbeat(cameraId));
      }
    }
  }
}
