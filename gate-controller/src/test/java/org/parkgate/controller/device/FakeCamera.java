package org.parkgate.controller.device;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parkgate.device.camera.CameraCodec;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.camera.CameraParser;
import org.parkgate.site.DeviceAddress;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/**
 * A plate camera on an in-process link: answers each heartbeat with its own (unless silenced),
 * records what it is sent, sends recognitions or raw bytes when told.
 */
final class FakeCamera implements AutoCloseable {
  private static final AtomicInteger NAMES = new AtomicInteger();

  final DeviceAddress.Local address =
      new DeviceAddress.Local("fake-camera-" + NAMES.incrementAndGet());
  final List<CameraMessage> received = new CopyOnWriteArrayList<>();
  private final String id;
  private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
  private final Channel server;
  private volatile Channel client;
  volatile boolean silent;

  FakeCamera(String id) throws InterruptedException {
    this.id = id;
    server =
        new ServerBootstrap()
            .group(group)
            .channel(LocalServerChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    client = ch;
                    LinkCounters counters = new LinkCounters();
                    ch.pipeline()
                        .addLast(new ParsingDecoder<>(new CameraParser(), counters, "fake camera"))
                        .addLast(
                            new FrameEncoder<>(CameraMessage.class, CameraCodec::encode, counters))
                        .addLast(
                            new SimpleChannelInboundHandler<CameraMessage>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, CameraMessage m) {
                                received.add(m);
                                if (m instanceof CameraMessage.Heartbeat && !silent) {
                                  ctx.writeAndFlush(new CameraMessage.Heartbeat(id));
                                }
                              }
                            });
                  }
                })
            .bind(new LocalAddress(address.name()))
            .sync()
            .channel();
  }

  boolean connected() {
    Channel c = client;
    return c != null && c.isActive();
  }

  void send(CameraMessage message) {
    client.writeAndFlush(message);
  }

  void sendBytes(byte[] bytes) {
    client.writeAndFlush(Unpooled.wrappedBuffer(bytes));
  }

  /** Drops the controller's connection, as a camera that reboots does. */
  void hangUp() throws InterruptedException {
    client.close().sync();
  }

  long heartbeatsFrom(String sender) {
    return received.stream().filter(m -> m.equals(new CameraMessage.Heartbeat(sender))).count();
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
