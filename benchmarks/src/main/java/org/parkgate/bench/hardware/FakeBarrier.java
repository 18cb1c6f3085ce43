package org.parkgate.bench.hardware;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.parkgate.device.modbus.FunctionCode;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuRequestParser;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/**
 * A lane's barrier I/O module (Modbus RTU over a TCP device server, one bus per module) with the
 * barrier and the car it lets through, for the benches. Inputs 0-4 are the default map: arming
 * loop, safety loop, open limit, closed limit, fault. On the open coil the arm travels up, the car
 * drives onto the safety loop at once and off the arming loop half-way, then clears the safety
 * loop; on the close coil the arm travels down. Everything runs on one device event loop, so a
 * bench reads the state and takes its timestamps there without locks.
 */
public final class FakeBarrier {
  public static final int OPEN_COIL = 0;
  public static final int CLOSE_COIL = 1;

  /** Barrier arm travel and the time a car is on the safety loop, as the simulator's defaults. */
  public static final long TRAVEL_MS = 300;

  /**
   * {@code -Dbench.dwellMs=20} (shorter than a poll interval) shows what a car the controller never
   * sees on the safety loop does to a lane: it waits, barrier open, and the benches report the
   * stall with each lane's state.
   */
  public static final long DWELL_MS = Long.getLong("bench.dwellMs", 300);

  /** What the bench around the module does at the moments it measures; called on the loop. */
  public interface Listener {
    /** A poll of the inputs arrived (before it is answered). */
    void polled(long arrivedNanos);

    /** The open coil arrived at a closed barrier. */
    void opening(long arrivedNanos);

    /** The arm is down again after a close. */
    void closed();
  }

  private final EventLoop loop;
  private final Listener listener;
  private boolean arming;
  private boolean safety;
  private boolean openLimit;
  private boolean closedLimit = true;
  private boolean waitingReported;
  private long closesOverCar;
  private long polls;

  public FakeBarrier(EventLoop loop, Listener listener) {
    this.loop = loop;
    this.listener = listener;
  }

  /** Serves the controller's bus on {@code ch}: call from the server's child initializer. */
  public void attach(Channel ch, String name) {
    ch.pipeline()
        .addLast(new ParsingDecoder<>(new RtuRequestParser(), new LinkCounters(), name))
        .addLast(
            new SimpleChannelInboundHandler<RtuRequest>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, RtuRequest request) {
                long arrived = System.nanoTime();
                loop.execute(
                    () -> ctx.writeAndFlush(Unpooled.wrappedBuffer(answer(request, arrived))));
              }
            });
  }

  /** A car pulls onto the arming loop. */
  public void arrive() {
    arming = true;
  }

  /**
   * The last answered poll reported a car waiting at the closed barrier and another poll has come
   * since, so the lane has taken the car in. Valid inside {@link Listener#polled}.
   */
  public boolean waitingCarReported() {
    return waitingReported;
  }

  /** The barrier is down, no car on either loop: the next car may pull up. */
  public boolean clear() {
    return closedLimit && !openLimit && !arming && !safety;
  }

  /** Close coils written while a car was on the safety loop; must stay 0. */
  public long closesOverCar() {
    return closesOverCar;
  }

  public long polls() {
    return polls;
  }

  private byte[] answer(RtuRequest rtu, long arrived) {
    ModbusRequest r = rtu.request();
    ModbusResponse response;
    if (r instanceof ModbusRequest.ReadDiscreteInputs read) {
      polls++;
      listener.polled(arrived);
      boolean[] inputs = {arming, safety, openLimit, closedLimit, false};
      response =
          new ModbusResponse.ReadBits(
              FunctionCode.READ_DISCRETE_INPUTS,
              Arrays.copyOfRange(inputs, read.address(), read.address() + read.quantity()));
      // Only a car waiting at the closed barrier; never one already let through.
      waitingReported = arming && closedLimit && !safety;
    } else if (r instanceof ModbusRequest.WriteSingleCoil w) {
      if (w.on()) {
        coil(w.address(), arrived);
      }
      response = new ModbusResponse.WriteSingleCoilEcho(w.address(), w.on());
    } else {
      response = new ModbusResponse.Exception(r.functionCode().code(), 1);
    }
    return RtuCodec.encode(new RtuResponse(rtu.unit(), response));
  }

  private void coil(int coil, long arrived) {
    if (coil == OPEN_COIL && closedLimit) {
      waitingReported = false;
      listener.opening(arrived);
      closedLimit = false;
      loop.schedule(this::opened, TRAVEL_MS, TimeUnit.MILLISECONDS);
    } else if (coil == CLOSE_COIL && openLimit) {
      if (safety) {
        closesOverCar++;
      }
      openLimit = false;
      loop.schedule(this::closed, TRAVEL_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void opened() {
    openLimit = true;
    // The car drives through: onto the safety loop at once, off the arming loop half-way.
    safety = true;
    loop.schedule(() -> arming = false, DWELL_MS / 2, TimeUnit.MILLISECONDS);
    loop.schedule(() -> safety = false, DWELL_MS, TimeUnit.MILLISECONDS);
  }

  private void closed() {
    closedLimit = true;
    listener.closed();
  }

  @Override
  public String toString() {
    return "arming "
        + arming
        + ", safety "
        + safety
        + ", closed "
        + closedLimit
        + ", open "
        + openLimit;
  }
}
