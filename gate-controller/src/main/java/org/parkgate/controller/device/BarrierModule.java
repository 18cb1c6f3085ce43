package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.device.modbus.RtuResponseParser;
import org.parkgate.site.BarrierIoMap;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.LaneConfig;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/**
 * A lane's barrier and loops behind a Modbus RTU I/O module: polls the discrete inputs every poll
 * interval, hands changes to the lane, and pulses the open and close coils.
 */
final class BarrierModule {
  /** Long enough for a 9600-baud round trip with the module's own delay. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(250);
  static final int RETRIES = 2;
  /** How long a coil stays on for a pulse: modules that latch need it switched off again. */
  static final Duration PULSE = Duration.ofMillis(300);
  /**
   * A module is reported offline once it has not answered for this long (a lost connection is
   * reported at once). Shorter would flap on one slow answer; consoles must hear within 3 s.
   */
  static final Duration OFFLINE_AFTER = Duration.ofSeconds(2);

  private final LaneConfig config;
  private final BarrierIoMap map;
  private final LaneRunner lane;
  private final Duration pollInterval;
  private final DeviceHealth health;
  private final LinkCounters counters = new LinkCounters();
  private final TcpLink link;
  private final ModbusMaster master;
  private BarrierInputs last;
  private long lastAnswerNanos;
  private boolean polling;
  private ScheduledFuture<?> poller;

  BarrierModule(LaneConfig config, LaneRunner lane, EventLoop loop, Duration pollInterval, LaneRunner.LaneServices services) {
    this.config = config;
    this.map = config.ioMap();
    this.lane = lane;
    this.pollInterval = pollInterval;
    this.health = new DeviceHealth(config.id(), "barrier", services);
    String name = config.id() + " barrier";
    this.link = new TcpLink(name, (DeviceAddress.Tcp) config.barrier(), loop, new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline()
            .addLast("frames", new ParsingDecoder<>(new RtuResponseParser(), counters, name))
            .addLast("requests", new FrameEncoder<>(RtuRequest.class, RtuCodec::encode, counters))
            .addLast("responses", new SimpleChannelInboundHandler<RtuResponse>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, RtuResponse response) {
                master.onResponse(response);
              }

              @Override
              public void channelInactive(ChannelHandlerContext ctx) {
                master.onDisconnect();
                health.offline("connection lost");
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                health.offline(cause.toString());
                ctx.close();
              }
            });
      }
    }, ch -> lastAnswerNanos = System.nanoTime(), health::offline);
    this.master = new ModbusMaster(name, loop, link::channel, RESPONSE_TIMEOUT, RETRIES);
  }

  void start() {
    link.start();
    poller = link.loop().scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  LinkCounters counters() {
    return counters;
  }

  void open() {
    pulse(map.openCoil());
  }

  void close() {
    pulse(map.closeCoil());
  }

  private void pulse(int coil) {
    master.send(new RtuRequest(config.barrierUnit(), new ModbusRequest.WriteSingleCoil(coil, true)), true)
        .whenComplete((r, e) -> {
          if (e != null) {
            health.offline("coil " + coil + " not written: " + e.getMessage());
            return;
          }
          link.loop().schedule(() -> master.send(
              new RtuRequest(config.barrierUnit(), new ModbusRequest.WriteSingleCoil(coil, false)), true),
              PULSE.toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  private void poll() {
    if (polling || link.channel() == null) {
      return;
    }
    polling = true;
    master.send(new RtuRequest(config.barrierUnit(), new ModbusRequest.ReadDiscreteInputs(map.firstInput(), map.inputCount())), false)
        .whenComplete((response, error) -> {
          polling = false;
          if (error != null) {
            if (System.nanoTime() - lastAnswerNanos >= OFFLINE_AFTER.toNanos()) {
              health.offline(error.getMessage());
            }
          } else if (response instanceof ModbusResponse.ReadBits bits) {
            lastAnswerNanos = System.nanoTime();
            health.online("answering");
            inputs(bits);
          } else {
            health.offline("module answered " + response);
          }
        });
  }

  private void inputs(ModbusResponse.ReadBits bits) {
    int base = map.firstInput();
    BarrierInputs now = new BarrierInputs(
        bits.bit(map.armingLoopInput() - base),
        bits.bit(map.safetyLoopInput() - base),
        bits.bit(map.openLimitInput() - base),
        bits.bit(map.closedLimitInput() - base),
        bits.bit(map.faultInput() - base));
    if (!now.equals(last)) {
      last = now;
      lane.deliver(new LaneEvent.Inputs(now));
    }
  }

  void stop() {
    if (poller != null) {
      poller.cancel(false);
    }
    link.close();
  }
}
