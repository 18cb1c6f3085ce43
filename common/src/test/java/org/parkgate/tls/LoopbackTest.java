package org.parkgate.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopbackTest {
  @Test
  void onlyLoopbackLiteralsAndLocalhostCount() {
    for (String h :
        new String[] {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"}) {
      assertTrue(Loopback.is(h), h);
    }
    for (String h :
        new String[] {"0.0.0.0", "::", "10.0.0.1", "gate.example", "127.example", "", null}) {
      assertFalse(Loopback.is(h), String.valueOf(h));
    }
  }
}
