package org.parkgate.time;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock several processes share through one small file: the system's time plus an offset that
 * only moves forward. Whoever made the file (a scenario run) moves it; the controller, console and
 * simulator started with {@code -D}{@value #PROPERTY}{@code =FILE} read it, so a stay of three
 * hours, a night's closure or a DST change happens in a second of real time, to all of them at
 * once. Between jumps it runs at the system clock's rate, so devices, timers and people act in real
 * time.
 *
 * <p>The file is 24 bytes: {@code PGCLOCK1}, the offset in nanoseconds and a jump counter, both
 * read and written as volatile longs on the memory-mapped file, so a reader never sees half a jump.
 * Code that waits for a time of day (the controller's closure of the day) registers with {@link
 * #onJump} and looks again when the clock jumps, instead of sleeping through the jump.
 */
public final class SharedClock extends Clock {
  /** The system property naming the clock file a process reads its time from. */
  public static final String PROPERTY = "parkgate.clock";

  private static final byte[] MAGIC = "PGCLOCK2".getBytes(StandardCharsets.US_ASCII);
  private static final int SEQ_AT = 8;
  private static final int SITE_AT = 16;
  private static final int REAL_AT = 24;
  private static final int RATE_AT = 32;
  private static final int SIZE = 40;

  /** The fastest a shared clock may run between jumps. */
  public static final int MAX_RATE = 3600;

  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** How often a process with jump listeners looks whether the clock jumped. */
  static final Duration WATCH_EVERY = Duration.ofMillis(20);

  private final Shared shared;
  private final ZoneId zone;

  private SharedClock(Shared shared, ZoneId zone) {
    this.shared = shared;
    this.zone = zone;
  }

  /**
   * Prints the time this process keeps, ISO-8601: started with {@code -D}{@value #PROPERTY}{@code
   * =FILE}, the time of a scenario's shared clock (a tester's look at where a run is); else the
   * system's.
   */
  public static void main(String[] args) {
    System.out.println(forProcess().instant());
  }

  /**
   * The clock this process keeps its time by: the shared clock named by {@value #PROPERTY} when it
   * is set, otherwise the system clock in UTC.
   *
   * @throws IllegalArgumentException when the property names a file that is missing or is not a
   *     clock file, with the file's name and what is wrong
   */
  public static Clock forProcess() {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isBlank()) {
      return Clock.systemUTC();
    }
    try {
      return open(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "clock file " + file + " (-D" + PROPERTY + "): " + e.getMessage(), e);
    }
  }

  /**
   * {@link #forProcess()} for a program's {@code main}: a bad clock file is one line on stderr
   * naming the program, and exit status 2.
   */
  public static Clock forMain(String program) {
    try {
      return forProcess();
    } catch (IllegalArgumentException e) {
      System.err.println(program + ": " + e.getMessage());
      System.exit(2);
      throw e;
    }
  }

  /** Makes a clock file that reads {@code start} now and runs in real time, and its writer. */
  public static SharedClock create(Path file, Instant start) throws IOException {
    return create(file, start, 1);
  }

  /**
   * Makes a clock file that reads {@code start} now and runs {@code rate} times as fast as the
   * system clock between jumps, and the clock that moves it.
   */
  public static SharedClock create(Path file, Instant start, int rate) throws IOException {
    if (rate < 1 || rate > MAX_RATE) {
      throw new IllegalArgumentException("a clock's rate is 1 to " + MAX_RATE + ", not " + rate);
    }
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
      map.put(0, MAGIC);
      LONGS.setVolatile(map, RATE_AT, (long) rate);
      LONGS.setVolatile(map, SITE_AT, nanos(start));
      LONGS.setVolatile(map, REAL_AT, nanos(Clock.systemUTC().instant()));
      return new SharedClock(new Shared(map, true), ZoneOffset.UTC);
    }
  }

  /** Reads a clock file another process made; this clock cannot move it. */
  public static SharedClock open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() != SIZE) {
        throw new IOException(
            "not a clock file (" + ch.size() + " bytes, a clock file has " + SIZE + ")");
      }
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
      byte[] magic = new byte[MAGIC.length];
      map.get(0, magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a clock file (it does not start with PGCLOCK2)");
      }
      return new SharedClock(new Shared(map, false), ZoneOffset.UTC);
    }
  }

  @Override
  public Instant instant() {
    while (true) {
      long seq = (long) LONGS.getVolatile(shared.map, SEQ_AT);
      long site = (long) LONGS.getVolatile(shared.map, SITE_AT);
      long real = (long) LONGS.getVolatile(shared.map, REAL_AT);
      long rate = (long) LONGS.getVolatile(shared.map, RATE_AT);
      long now = nanos(Clock.systemUTC().instant());
      if ((seq & 1) == 0 && seq == (long) LONGS.getVolatile(shared.map, SEQ_AT)) {
        long nanos = site + (now - real) * rate;
        return Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
      }
      Thread.onSpinWait();
    }
  }

  /** How many times faster than the system clock this clock runs between jumps. */
  public int rate() {
    return (int) (long) LONGS.getVolatile(shared.map, RATE_AT);
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this : new SharedClock(shared, zone);
  }

  /**
   * Moves the clock forward to {@code t} for every process reading it; a {@code t} already passed
   * changes nothing (the clock never goes back).
   *
   * @throws IllegalStateException on a clock opened read-only
   */
  public void advanceTo(Instant t) {
    if (!shared.writer) {
      throw new IllegalStateException("this process reads the shared clock; it cannot move it");
    }
    synchronized (shared) {
      if (!t.isAfter(instant())) {
        return;
      }
      long seq = (long) LONGS.getVolatile(shared.map, SEQ_AT);
      LONGS.setVolatile(shared.map, SEQ_AT, seq + 1);
      LONGS.setVolatile(shared.map, SITE_AT, nanos(t));
      LONGS.setVolatile(shared.map, REAL_AT, nanos(Clock.systemUTC().instant()));
      LONGS.setVolatile(shared.map, SEQ_AT, seq + 2);
    }
  }

  /** How many times the clock has jumped since its file was made. */
  public long jumps() {
    return ((long) LONGS.getVolatile(shared.map, SEQ_AT)) / 2;
  }

  /**
   * Runs {@code listener} (on a daemon thread of this clock) soon after each jump, whichever
   * process made it.
   */
  public void onJump(Runnable listener) {
    shared.listen(this, listener);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SharedClock c && c.shared == shared && c.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(shared) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "SharedClock[" + instant() + ", " + zone + "]";
  }

  /** The mapping one process holds of the file, and the listeners that watch it. */
  private static final class Shared {
    final MappedByteBuffer map;
    final boolean writer;
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Thread watcher;

    Shared(MappedByteBuffer map, boolean writer) {
      this.map = map;
      this.writer = writer;
    }

    synchronized void listen(SharedClock clock, Runnable listener) {
      listeners.add(listener);
      if (watcher != null) {
        return;
      }
      long before = clock.jumps();
      watcher =
          new Thread(
              () -> {
                long seen = before;
                while (true) {
                  try {
                    Thread.sleep(WATCH_EVERY.toMillis());
                  } catch (InterruptedException e) {
                    return;
                  }
                  long now = clock.jumps();
                  if (now != seen) {
                    seen = now;
                    for (Runnable l : listeners) {
                      try {
                        l.run();
                      } catch (RuntimeException e) {
                        // One listener's failure is its own; the others still hear of the jump.
                      }
                    }
                  }
                }
              },
              "shared clock watch");
      watcher.setDaemon(true);
      watcher.start();
    }
  }
}
