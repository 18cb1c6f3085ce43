package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.device.modbus.RtuResponseParser;

/** What a Modbus master sees of each fault on the barrier I/O module, over real loopback TCP. */
class BarrierFaultTest extends SimulatorFixture {
  private static final String FAULTS = "/lanes/entry-1/faults/barrier";
  private static final byte[] READ_INPUTS =
      RtuCodec.encode(new RtuRequest(1, new ModbusRequest.ReadDiscreteInputs(0, 5)));

  /** The closed barrier's inputs: only the closed limit is on. */
  private static final boolean[] CLOSED = {false, false, false, true, false};

  private static final long TIMEOUT_MS = 300;

  private WireMaster<RtuResponse> master() throws Exception {
    return new WireMaster<>(site.entryBarrier, new RtuResponseParser(), RtuResponse.class);
  }

  private void faults(String json) {
    ControlClient.Reply r = control.post(FAULTS, json);
    assertEquals(200, r.status(), r.body().toString());
  }

  private void clearFaults() {
    assertEquals(200, control.method("DELETE", FAULTS).status());
  }

  /** One request as a master makes it: stale input discarded, then the answer or a timeout. */
  private static RtuResponse poll(WireMaster<RtuResponse> master) throws Exception {
    master.discardInput();
    master.send(READ_INPUTS);
    return master.next(TIMEOUT_MS);
  }

  private static boolean[] inputs(RtuResponse r) {
    return Arrays.copyOf(((ModbusResponse.ReadBits) r.response()).bits(), 5);
  }

  @Test
  void badCheckIsCountedAsABadFrameAndTheMasterGetsNoAnswerUntilCleared() throws Exception {
    try (WireMaster<RtuResponse> master = master()) {
      faults("{\"badCheck\": 1.0}");
      assertNull(poll(master), "a reply with a bad CRC must not reach the master as a frame");
      assertNull(poll(master));
      assertEquals(
          2, master.counters().badFrames(), master.counters() + " reads " + master.reads());
      assertEquals(0, master.counters().framesIn());

      clearFaults();
      assertArrayEquals(CLOSED, inputs(poll(master)));
    }
  }

  @Test
  void aDroppedReplyLeavesTheMasterWithoutAnswerThoughTheWriteWasObeyed() throws Exception {
    try (WireMaster<RtuResponse> master = master()) {
      faults("{\"drop\": 1.0}");
      master.send(RtuCodec.encode(new RtuRequest(1, new ModbusRequest.WriteSingleCoil(0, true))));
      assertNull(master.next(TIMEOUT_MS));
      assertNotEquals("closed", control.lane("entry-1").at("/barrier/position").asText());
      assertEquals(0, master.counters().badFrames(), "nothing at all arrived");

      clearFaults();
      assertNotNull(poll(master));
    }
  }

  @Test
  void aLateReplyArrivesAfterTheMastersTimeout() throws Exception {
    try (WireMaster<RtuResponse> master = master()) {
      faults("{\"delayMs\": 600}");
      long sent = System.nanoTime();
      assertNull(poll(master), "within the master's timeout");
      RtuResponse late = master.next(2000);
      long tookMs = (System.nanoTime() - sent) / 1_000_000;
      assertArrayEquals(CLOSED, inputs(late));
      assertTrue(tookMs >= 600, "arrived after " + tookMs + " ms");
    }
  }

  @Test
  void aSilentModuleStaysConnectedAndAnswersNothingUntilCleared() throws Exception {
    try (WireMaster<RtuResponse> master = master()) {
      faults("{\"silent\": true}");
      assertNull(poll(master));
      assertFalse(master.closedWithin(0), "the connection stays up");
      assertEquals(1, control.lane("entry-1").at("/barrier/link/clients").asInt());
      assertEquals(
          0,
          control.lane("entry-1").at("/barrier/link/framesIn").asInt(),
          "the request was not even read");

      clearFaults();
      assertArrayEquals(CLOSED, inputs(poll(master)));
    }
  }

  @Test
  void aDisconnectClosesTheMastersConnectionAndRefusesNewOnesUntilCleared() throws Exception {
    try (WireMaster<RtuResponse> master = master()) {
      faults("{\"disconnect\": true}");
      assertTrue(master.closedWithin(2000), "the simulator closed the connection");
    }
    assertThrows(ConnectException.class, this::master);
    assertEquals(0, control.lane("entry-1").at("/barrier/link/clients").asInt());

    clearFaults();
    try (WireMaster<RtuResponse> master = master()) {
      assertArrayEquals(CLOSED, inputs(poll(master)));
    }
  }

  @Test
  void splitAndMergedRepliesAreCutAnywhereYetEveryFrameDecodes() throws Exception {
    faults("{\"split\": true, \"merge\": true, \"seed\": 1}");
    try (WireMaster<RtuResponse> master = master()) {
      byte[] five = new byte[READ_INPUTS.length * 5];
      for (int i = 0; i < 5; i++) {
        System.arraycopy(READ_INPUTS, 0, five, i * READ_INPUTS.length, READ_INPUTS.length);
      }
      master.send(five); // five requests at once: five replies written within the merge window
      for (int i = 0; i < 5; i++) {
        RtuResponse r = master.next(2000);
        assertNotNull(r, "reply " + i);
        assertArrayEquals(CLOSED, inputs(r));
      }
      assertEquals(0, master.counters().badFrames());
      int frame = 6; // unit, FC, byte count, one byte of inputs, CRC
      List<Integer> reads = master.reads();
      assertEquals(5 * frame, reads.stream().mapToInt(Integer::intValue).sum());
      int start = 0;
      boolean cutInsideAFrame = false;
      boolean twoFramesInOneRead = false;
      for (int length : reads) {
        int end = start + length;
        cutInsideAFrame |= end % frame != 0;
        twoFramesInOneRead |= start / frame != (end - 1) / frame;
        start = end;
      }
      assertTrue(cutInsideAFrame, "split: a read ended inside a frame " + reads);
      assertTrue(twoFramesInOneRead, "merge: a read held parts of two frames " + reads);
    }
  }

  @Test
  void noiseBeforeRepliesIsDroppedByTheMastersDecoderAndCounted() throws Exception {
    faults("{\"noise\": 1.0, \"seed\": 5}");
    try (WireMaster<RtuResponse> master = master()) {
      int answered = 0;
      for (int i = 0; i < 10; i++) {
        RtuResponse r = poll(master);
        if (r != null) {
          assertArrayEquals(CLOSED, inputs(r), "noise never turns into a wrong answer");
          answered++;
        }
      }
      // Noise that looks like the start of a long frame can hold a reply until the timeout, as on
      // a real bus; most replies get through.
      assertTrue(answered >= 7, answered + " of 10 answered");
      assertTrue(master.counters().badFrames() >= answered, master.counters().toString());
      assertTrue(master.counters().droppedBytes() >= answered, master.counters().toString());
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesOnTheWire() throws Exception {
    faults("{\"noise\": 1.0, \"badCheck\": 0.5, \"seed\": 42}");
    byte[] first = rawExchange();
    faults("{\"noise\": 1.0, \"badCheck\": 0.5, \"seed\": 42}");
    byte[] second = rawExchange();
    assertTrue(first.length > 3 * 6, "noise came with the replies: " + first.length + " bytes");
    assertArrayEquals(first, second);
    faults("{\"noise\": 1.0, \"badCheck\": 0.5, \"seed\": 43}");
    assertFalse(Arrays.equals(first, rawExchange()), "another seed, other faults");
  }

  /** Three requests on a plain socket; every byte that comes back. */
  private byte[] rawExchange() throws Exception {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Socket socket = new Socket("127.0.0.1", site.entryBarrier)) {
      socket.setSoTimeout(200);
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 3; i++) {
        socket.getOutputStream().write(READ_INPUTS);
        try {
          for (int b = in.read(); b >= 0; b = in.read()) {
            received.write(b);
          }
        } catch (SocketTimeoutException quietForAWhile) {
          // the reply, with whatever faults it met, is complete
        }
      }
    }
    return received.toByteArray();
  }
}
