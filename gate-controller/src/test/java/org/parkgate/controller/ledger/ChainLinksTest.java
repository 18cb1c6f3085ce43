package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain read back for shipping: each link's text hashes to the link the ledger holds. */
class ChainLinksTest {
  @TempDir Path dir;

  @Test
  void everyLinkReadBackChainsFromTheGenesisHashAndPagesFollowOnExactly() throws Exception {
    Path file = Fixtures.populated(dir, 5);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      List<ChainLinks.Link> all = ChainLinks.after(db, 0, 1000);
      assertEquals(33, all.size());
      assertEquals(HashChain.head(db).hash(), all.get(32).hash());
      String previous = ChainLinks.GENESIS_HASH;
      for (int i = 0; i < all.size(); i++) {
        ChainLinks.Link l = all.get(i);
        assertEquals(i + 1, l.link());
        assertTrue(
            l.canonical().startsWith("link=" + l.link() + "\ntable=" + l.table() + "\n"),
            l.canonical());
        assertTrue(l.canonical().split("\n")[2].endsWith("=i" + l.rowId()), l.canonical());
        assertEquals(ChainLinks.hash(previous, l.canonical()), l.hash(), "link " + l.link());
        previous = l.hash();
      }
      assertEquals(all.subList(10, 15), ChainLinks.after(db, 10, 5));
      assertEquals(all.subList(30, 33), ChainLinks.after(db, 30, 100));
      assertEquals(List.of(), ChainLinks.after(db, 33, 100));
      assertEquals(List.of(), ChainLinks.after(db, 0, 0));
    }
  }

  @Test
  void aRowChangedAfterItWasChainedReadsBackWithATextThatNoLongerHashesToItsLink()
      throws Exception {
    Path file = Fixtures.populated(dir, 3);
    Fixtures.tamper(file, "UPDATE payments SET amount_minor = 1 WHERE receipt_no = 'demo-000002'");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      List<ChainLinks.Link> all = ChainLinks.after(db, 0, 1000);
      String previous = ChainLinks.GENESIS_HASH;
      int bad = 0;
      for (ChainLinks.Link l : all) {
        if (!ChainLinks.hash(previous, l.canonical()).equals(l.hash())) {
          bad++;
          assertEquals("payments", l.table());
          assertTrue(l.canonical().contains("amount_minor=i1\n"), l.canonical());
        }
        previous = l.hash();
      }
      assertEquals(1, bad);
      assertNotEquals(0, all.size());
    }
  }
}
