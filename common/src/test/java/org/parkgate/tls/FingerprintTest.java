package org.parkgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final String HEX =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void isTheSha256OfTheCertificateWrittenAsPrinted() throws Exception {
    TlsIdentity id = SelfSignedKeyStore.create("demo", List.of(), Clock.systemUTC());
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(id.certificate().getEncoded()));
    assertEquals("sha256:" + expected, id.fingerprint().toString());
  }

  @Test
  void parsingToleratesCaseAndColonsBetweenBytePairs() {
    Fingerprint f = new Fingerprint(HEX);
    assertEquals(f, Fingerprint.parse("sha256:" + HEX));
    assertEquals(f, Fingerprint.parse("  SHA256:" + HEX.toUpperCase(java.util.Locale.ROOT)));
    StringBuilder colons = new StringBuilder();
    for (int i = 0; i < HEX.length(); i += 2) {
      colons.append(i == 0 ? "" : ":").append(HEX, i, i + 2);
    }
    assertEquals(f, Fingerprint.parse("sha256:" + colons));
  }

  @Test
  void anythingElseIsRefused() {
    for (String bad :
        List.of(
            HEX,
            "sha1:" + HEX,
            "sha256:" + HEX.substring(2),
            "sha256:" + HEX + "00",
            "sha256:" + HEX.replace('a', 'g'),
            "sha256:0:123" + HEX.substring(4),
            "")) {
      assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(bad), bad);
    }
  }
}
