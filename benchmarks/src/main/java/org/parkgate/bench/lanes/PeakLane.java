package org.parkgate.bench.lanes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.parkgate.bench.hardware.FakeBarrier;
import org.parkgate.device.card.CardLineParser;
import org.parkgate.device.card.CardRead;

/**
 * One lane's devices and its vehicles: a barrier module, a card unit, a display that swallows what
 * it is sent, and a queue of vehicles arriving at random. All on one device event loop.
 */
abstract sealed class PeakLane implements FakeBarrier.Listener {
  /** After the window, how long decisions for cards read inside it may still arrive. */
  static final Duration DRAIN = Duration.ofSeconds(20);

  /** The next vehicle in the queue pulls onto the arming loop this long after the arm is down. */
  static final long PULL_UP_MS = 1_000;

  /** An exit card with no decision this long after it is read is taken as lost and read again. */
  static final long PRESENT_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(3);

  final String id;
  final int index;
  final EventLoop loop;
  final Random random;
  final PeakOptions options;
  final Window window;
  final FakeBarrier barrier;
  private final ArrayDeque<Long> queue = new ArrayDeque<>();
  int maxQueue;
  long opened;
  Channel cardUnit;

  // The vehicle at the barrier now.
  boolean busy;
  long arrivedNanos;
  boolean through;
  String card;
  long cardWrittenNanos;

  PeakLane(String id, int index, EventLoop loop, Random random, PeakOptions o, Window window) {
    this.id = id;
    this.index = index;
    this.loop = loop;
    this.random = random;
    this.options = o;
    this.window = window;
    this.barrier = new FakeBarrier(loop, this);
  }

  static void display(Channel ch) {
    ch.pipeline()
        .addLast(
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
              }
            });
  }

  abstract void cardUnit(Channel ch);

  void startArrivals() {
    loop.execute(this::nextArrival);
  }

  private void nextArrival() {
    double meanMs = 3_600_000.0 / options.perHour();
    long gapMs = (long) (-Math.log(1 - random.nextDouble()) * meanMs);
    loop.schedule(
        () -> {
          long now = System.nanoTime();
          if (now >= window.to()) {
            return;
          }
          if (window.in(now)) {
            window.offered.incrementAndGet();
          }
          queue.add(now);
          maxQueue = Math.max(maxQueue, queue.size());
          if (!busy) {
            pullUp();
          }
          nextArrival();
        },
        gapMs,
        TimeUnit.MILLISECONDS);
  }

  private void pullUp() {
    arrivedNanos = queue.poll();
    busy = true;
    through = false;
    card = null;
    cardWrittenNanos = 0;
    barrier.arrive();
  }

  void writeCard(String number) {
    card = number;
    cardWrittenNanos = System.nanoTime();
    window.cardWritten(number, cardWrittenNanos);
    cardUnit.writeAndFlush(Unpooled.wrappedBuffer(CardLineParser.encode(new CardRead(number))));
  }

  @Override
  public void polled(long arrived) {}

  @Override
  public void opening(long arrived) {
    if (!busy || through || card == null) {
      return;
    }
    through = true;
    opened++;
    if (window.in(arrived)) {
      window.openedInWindow.incrementAndGet();
    }
    if (window.in(arrivedNanos)) {
      window.served.incrementAndGet();
    }
    decided(arrived);
  }

  /** The open coil for the current vehicle arrived. */
  abstract void decided(long arrived);

  @Override
  public void closed() {
    if (!through) {
      return;
    }
    if (queue.isEmpty()) {
      busy = false;
    } else {
      loop.schedule(this::pullUp, PULL_UP_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Vehicles waiting now, the one at the barrier included. */
  int waiting() {
    return queue.size() + (busy ? 1 : 0);
  }

  @Override
  public String toString() {
    return id
        + ": "
        + waiting()
        + " waiting, card "
        + card
        + (cardWrittenNanos != 0
            ? " read %.1f s ago".formatted((System.nanoTime() - cardWrittenNanos) / 1e9)
            : "")
        + ", through "
        + through
        + ", "
        + barrier;
  }

  /** An entry: ISSUE from the controller, the driver takes the card, its number goes back. */
  static final class Entry extends PeakLane {
    private final StringBuilder line = new StringBuilder();
    private int issued;
    private boolean taking;
    long strayIssues;

    Entry(String id, int index, EventLoop loop, Random random, PeakOptions o, Window window) {
      super(id, index, loop, random, o, window);
    }

    @Override
    void cardUnit(Channel ch) {
      loop.execute(() -> cardUnit = ch);
      ch.pipeline()
          .addLast(
              new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  ByteBuf in = (ByteBuf) msg;
                  String text = in.toString(StandardCharsets.US_ASCII);
                  in.release();
                  loop.execute(() -> received(text));
                }
              });
    }

    private void received(String text) {
      for (char c : text.toCharArray()) {
        if (c == '\r' || c == '\n') {
          if (line.toString().equals("ISSUE")) {
            issue();
          }
          line.setLength(0);
        } else if (line.length() < 64) {
          line.append(c);
        }
      }
    }

    private void issue() {
      if (!busy || through || card != null || taking) {
        strayIssues++;
        return;
      }
      taking = true;
      loop.schedule(
          () -> {
            taking = false;
            writeCard("E%03d%06d".formatted(index, issued++));
          },
          options.takeDelay().toMillis(),
          TimeUnit.MILLISECONDS);
    }

    @Override
    void decided(long arrived) {
      window.decided(card, arrived, window.entry);
      if (window.in(arrivedNanos)) {
        window.arrivalToOpen.add(arrived - arrivedNanos);
      }
    }
  }

  /** An exit: the driver inserts the card once the lane has the car; free or owing. */
  static final class Exit extends PeakLane {
    final String[] cards;
    final boolean[] owing;
    private int next;
    private boolean owes;
    private boolean feeShown;
    long presentedAgain;
    boolean outOfCards;

    Exit(
        String id,
        int index,
        EventLoop loop,
        Random random,
        PeakOptions o,
        Window window,
        int cardCount) {
      super(id, index, loop, random, o, window);
      cards = new String[cardCount];
      owing = new boolean[cardCount];
      for (int c = 0; c < cardCount; c++) {
        cards[c] = "X%03d%06d".formatted(index, c);
        owing[c] = random.nextInt(100) < o.owingPercent();
      }
    }

    @Override
    void cardUnit(Channel ch) {
      loop.execute(() -> cardUnit = ch);
      display(ch); // an exit reader is never sent anything that matters
    }

    @Override
    public void polled(long arrived) {
      if (!busy || through || !barrier.waitingCarReported() || cardUnit == null) {
        return;
      }
      if (card == null) {
        if (next >= cards.length) {
          outOfCards = true;
          return;
        }
        owes = owing[next];
        feeShown = false;
        writeCard(cards[next++]);
      } else if (!feeShown && arrived - cardWrittenNanos > PRESENT_AGAIN_NANOS) {
        presentedAgain++;
        window.presentedAgain.add(card);
        writeCard(card);
      }
    }

    /** The console saw this lane's fee; the driver waits for the cashier. */
    void feeShown(String shownCard) {
      if (shownCard.equals(card)) {
        feeShown = true;
      }
    }

    @Override
    void decided(long arrived) {
      if (owes) {
        Long paid = window.paySent.remove(card);
        if (paid != null && window.in(paid)) {
          window.payToOpen.add(arrived - paid);
        }
      } else {
        window.decided(card, arrived, window.freeExit);
        if (window.in(arrivedNanos)) {
          window.arrivalToOpen.add(arrived - arrivedNanos);
        }
      }
    }
  }
}
