package org.parkgate.simulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/**
 * The controller's end of a device link, built from our codecs on Netty as the gate-controller
 * builds it: a {@link ParsingDecoder} with its counters, frames into a queue. It also records the
 * size of every read, so a test can see how the bytes were cut.
 */
final class WireMaster<T> implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final LinkCounters counters = new LinkCounters();
  private final BlockingQueue<T> frames = new LinkedBlockingQueue<>();
  private final List<Integer> reads = new CopyOnWriteArrayList<>();
  private final Channel channel;
  private final FrameParser<T> parser;

  WireMaster(int port, FrameParser<T> parser, Class<T> type) throws Exception {
    this.parser = parser;
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            "reads",
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                reads.add(((ByteBuf) msg).readableBytes());
                                ctx.fireChannelRead(msg);
                              }
                            })
                        .addLast("decode", new ParsingDecoder<>(parser, counters, "master"))
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (type.isInstance(msg)) {
                                  frames.add(type.cast(msg));
                                } else {
                                  ReferenceCountUtil.release(msg); // what a discarded decoder held
                                }
                              }
                            });
                  }
                });
    try {
      channel = bootstrap.connect("127.0.0.1", port).sync().channel();
    } catch (Exception e) {
      group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /**
   * Forgets the bytes received so far, as a Modbus master does before each request, so a partial
   * frame left by noise or a late reply cannot swallow the next answer.
   */
  void discardInput() {
    // Remove, then add: replace() would hand the old decoder's bytes to the new one.
    channel
        .eventLoop()
        .submit(
            () -> {
              channel.pipeline().remove("decode");
              channel
                  .pipeline()
                  .addAfter("reads", "decode", new ParsingDecoder<>(parser, counters, "master"));
            })
        .syncUninterruptibly();
    frames.clear();
  }

  void send(byte[] bytes) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
  }

  /** The next frame, or null if none arrives within {@code millis}: a timeout to a master. */
  T next(long millis) throws InterruptedException {
    return frames.poll(millis, TimeUnit.MILLISECONDS);
  }

  LinkCounters counters() {
    return counters;
  }

  /** The byte count of each read so far. */
  List<Integer> reads() {
    return reads;
  }

  boolean closedWithin(long millis) {
    return channel.closeFuture().awaitUninterruptibly(millis);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }
}
