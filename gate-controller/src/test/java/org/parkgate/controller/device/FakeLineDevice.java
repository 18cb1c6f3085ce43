package org.parkgate.controller.device;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parkgate.site.DeviceAddress;

/** A card unit or display on an in-process link: records what it is sent, sends what it is told. */
final class FakeLineDevice implements AutoCloseable {
  private static final AtomicInteger NAMES = new AtomicInteger();

  final DeviceAddress.Local address =
      new DeviceAddress.Local("fake-device-" + NAMES.incrementAndGet());
  private final StringBuffer received = new StringBuffer();
  private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
  private final Channel server;
  private volatile Channel client;

  FakeLineDevice() throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(LocalServerChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    client = ch;
                    ch.pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf b = (ByteBuf) msg;
                                received.append(b.toString(StandardCharsets.ISO_8859_1));
                                b.release();
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

  String received() {
    return received.toString();
  }

  void send(byte[] bytes) {
    client.writeAndFlush(Unpooled.wrappedBuffer(bytes));
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
