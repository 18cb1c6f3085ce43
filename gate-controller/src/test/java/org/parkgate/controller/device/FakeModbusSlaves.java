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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parkgate.device.modbus.ExceptionCode;
import org.parkgate.device.modbus.FunctionCode;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuRequestParser;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.site.DeviceAddress;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/**
 * Modbus RTU slaves on one in-process bus (a Netty local server), with faults a real bus shows: a
 * unit that stops answering, answers late, answers with a bad CRC, or byte by byte; garbage on the
 * line; a dropped connection. 32 coils, inputs and registers per unit, from address 0.
 */
final class FakeModbusSlaves implements AutoCloseable {
  private static final AtomicInteger NAMES = new AtomicInteger();

  static final class Unit {
    final boolean[] coils = new boolean[32];
    final boolean[] inputs = new boolean[32];
    final int[] registers = new int[32];
    volatile boolean silent;
    volatile boolean badCrc;
    volatile int delayMs;

    /** Coil writes as "coil ADDRESS on|off", in order. */
    final List<String> writes = new CopyOnWriteArrayList<>();
  }

  /** What the bus saw: requests with when they arrived and when their answer left. */
  record Exchange(int unit, ModbusRequest request, long receivedNanos, long answeredNanos) {}

  final DeviceAddress.Local address =
      new DeviceAddress.Local("fake-bus-" + NAMES.incrementAndGet());
  final Map<Integer, Unit> units = new ConcurrentHashMap<>();
  final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
  private final Channel server;
  private volatile Channel client;

  FakeModbusSlaves(int... unitIds) throws InterruptedException {
    for (int id : unitIds) {
      units.put(id, new Unit());
    }
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
                            new ParsingDecoder<>(
                                new RtuRequestParser(), new LinkCounters(), "fake bus"))
                        .addLast(
                            new SimpleChannelInboundHandler<RtuRequest>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, RtuRequest request) {
                                answer(ctx.channel(), request, System.nanoTime());
                              }
                            });
                  }
                })
            .bind(new LocalAddress(address.name()))
            .sync()
            .channel();
  }

  Unit unit(int id) {
    return units.get(id);
  }

  boolean connected() {
    Channel c = client;
    return c != null && c.isActive();
  }

  /** Bytes on the line that belong to no frame: noise, or a slave nobody asked. */
  void noise(byte[] bytes) {
    client.writeAndFlush(Unpooled.wrappedBuffer(bytes));
  }

  /** The line drops (a serial server reboots, a cable is pulled). */
  void disconnect() throws InterruptedException {
    client.close().sync();
  }

  private void answer(Channel ch, RtuRequest request, long received) {
    Unit u = units.get(request.unit());
    if (u == null || u.silent) {
      exchanges.add(new Exchange(request.unit(), request.request(), received, 0));
      return;
    }
    Runnable reply =
        () -> {
          byte[] frame =
              RtuCodec.encode(new RtuResponse(request.unit(), respond(u, request.request())));
          if (u.badCrc) {
            frame[frame.length - 1] ^= 0x55;
          }
          exchanges.add(
              new Exchange(request.unit(), request.request(), received, System.nanoTime()));
          ch.writeAndFlush(Unpooled.wrappedBuffer(frame));
        };
    if (u.delayMs > 0) {
      ch.eventLoop().schedule(reply, u.delayMs, TimeUnit.MILLISECONDS);
    } else {
      reply.run();
    }
  }

  private static ModbusResponse respond(Unit u, ModbusRequest r) {
    FunctionCode fc = r.functionCode();
    try {
      if (r instanceof ModbusRequest.ReadCoils rc) {
        return new ModbusResponse.ReadBits(
            fc,
            java.util.Arrays.copyOfRange(
                u.coils, rc.address(), check(rc.address() + rc.quantity())));
      } else if (r instanceof ModbusRequest.ReadDiscreteInputs ri) {
        return new ModbusResponse.ReadBits(
            fc,
            java.util.Arrays.copyOfRange(
                u.inputs, ri.address(), check(ri.address() + ri.quantity())));
      } else if (r instanceof ModbusRequest.ReadHoldingRegisters rh) {
        return new ModbusResponse.ReadRegisters(
            java.util.Arrays.copyOfRange(
                u.registers, rh.address(), check(rh.address() + rh.quantity())));
      } else if (r instanceof ModbusRequest.WriteSingleCoil w) {
        u.coils[check(w.address() + 1) - 1] = w.on();
        u.writes.add("coil " + w.address() + (w.on() ? " on" : " off"));
        return new ModbusResponse.WriteSingleCoilEcho(w.address(), w.on());
      } else if (r instanceof ModbusRequest.WriteSingleRegister w) {
        u.registers[check(w.address() + 1) - 1] = w.value();
        return new ModbusResponse.WriteSingleRegisterEcho(w.address(), w.value());
      } else if (r instanceof ModbusRequest.WriteMultipleCoils w) {
        boolean[] v = w.values();
        System.arraycopy(v, 0, u.coils, w.address(), check(w.address() + v.length) - w.address());
        return new ModbusResponse.WriteMultipleEcho(fc, w.address(), v.length);
      } else if (r instanceof ModbusRequest.WriteMultipleRegisters w) {
        int[] v = w.values();
        System.arraycopy(
            v, 0, u.registers, w.address(), check(w.address() + v.length) - w.address());
        return new ModbusResponse.WriteMultipleEcho(fc, w.address(), v.length);
      }
    } catch (IndexOutOfBoundsException e) {
      return new ModbusResponse.Exception(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    return new ModbusResponse.Exception(fc, ExceptionCode.ILLEGAL_FUNCTION);
  }

  private static int check(int end) {
    if (end > 32) {
      throw new IndexOutOfBoundsException(end);
    }
    return end;
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
    Channel c = client;
    if (c != null) {
      c.close().sync();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
