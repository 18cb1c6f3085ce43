package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes each call the runner makes as a line of {@code actions.jsonl}, with its offset from the
 * start of the timeline (the moment it was sent) and the step and vehicle it served.
 */
final class Recorder implements Calls, AutoCloseable {
  private final BufferedWriter out;
  private final ThreadLocal<Long> sentAt = new ThreadLocal<>();
  private volatile Pacer pacer;
  private volatile Instant startedAt = Instant.now();

  Recorder(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  /**
   * Marks the start of the timeline: offsets are {@code pacer}'s, the run's own time, so they stay
   * offsets on the timeline whatever clock the run is paced by.
   */
  void start(Pacer pacer) {
    this.startedAt = Instant.now();
    this.pacer = pacer;
  }

  Instant startedAt() {
    return startedAt;
  }

  /** Milliseconds since the start (0 before it). */
  long offsetMs() {
    Pacer p = pacer;
    return p == null ? 0 : p.elapsed().toMillis();
  }

  /** Returns once {@code offsetMs} from the start has come. */
  void awaitOffset(long offsetMs) throws InterruptedException {
    Pacer p = pacer;
    if (p != null) {
      p.awaitOffset(Duration.ofMillis(offsetMs));
    }
  }

  @Override
  public JsonNode sending(Call call) {
    sentAt.set(offsetMs());
    return call.body();
  }

  @Override
  public void answered(Call call, Integer status, String refused, JsonNode answer) {
    Long sent = sentAt.get();
    sentAt.remove();
    StepContext step = StepContext.current();
    Recording.Action action =
        new Recording.Action(
            sent == null ? offsetMs() : sent,
            step == null ? null : step.line(),
            step == null ? null : step.does(),
            step == null ? null : step.vehicle(),
            call.to(),
            call.method(),
            call.path(),
            call.body(),
            status,
            refused,
            answer);
    String line = Recording.line(action);
    synchronized (out) {
      try {
        out.write(line);
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the recording's actions", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
