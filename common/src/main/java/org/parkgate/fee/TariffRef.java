package org.parkgate.fee;

import java.util.Objects;

/**
 * The published version of a tariff that priced a fee: its number in the site's ledger (1, 2, 3,
 * ...), the tariff's id and name, and the SHA-256 of the file as published. Named on the booth and
 * on the receipt so a fee can always be traced to the exact text that priced it.
 */
public record TariffRef(long version, String id, String name, String sha256) {
  public TariffRef {
    if (version < 1) {
      throw new IllegalArgumentException("a tariff version is 1 or more, not " + version);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** The first eight hex digits of the hash, as printed: enough to tell versions apart. */
  public String shortHash() {
    return sha256.length() <= 8 ? sha256 : sha256.substring(0, 8);
  }

  /** As the booth and the receipt show it: {@code v3 city-centre 1a2b3c4d}. */
  public String label() {
    return "v" + version + " " + id + " " + shortHash();
  }
}
