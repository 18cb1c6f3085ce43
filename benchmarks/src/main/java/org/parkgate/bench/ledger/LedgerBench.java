package org.parkgate.bench.ledger;

import static org.parkgate.bench.ledger.LedgerFiles.*;
import static org.parkgate.bench.ledger.Timing.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;

/**
 * The ledger's figures for docs/benchmarks.md, measured on the real ledger code and a real file
 * (not JMH: each figure is one long run on disk, whose latency distribution is what matters):
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.parkgate.bench.ledger.LedgerBench commit|lookup|recycled|chain|all [DIR]
 * </pre>
 *
 * DIR (default benchmarks/target/ledger-bench) holds the generated ledgers; the 10-million-stay
 * file is built once and reused.
 */
public final class LedgerBench {
  private LedgerBench() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    Path dir = Path.of(args.length > 1 ? args[1] : "benchmarks/target/ledger-bench");
    Files.createDirectories(dir);
    if (what.equals("commit") || what.equals("all")) {
      commit(dir, 2000);
    }
    if (what.equals("lookup") || what.equals("all")) {
      LookupBench.lookup(dir, 10_000_000);
    }
    if (what.equals("recycled") || what.equals("all")) {
      LookupBench.recycled(dir, 1_000_000, 1_000);
    }
    if (what.equals("chain") || what.equals("all")) {
      ChainBench.chain(dir, 1_000_000);
    }
  }

  /**
   * Payment commit latency with synchronous=FULL, one writer, as the controller's ledger thread
   * runs it.
   */
  static void commit(Path dir, int payments) throws Exception {
    Path file = dir.resolve("commit.db");
    deleteLedger(file);
    int warmUp = 200;
    long[] nanos = new long[payments];
    try (Ledger ledger = Ledger.open(file, "bench")) {
      Stays entries = new Stays(ledger);
      Payments paying = new Payments(ledger);
      Stay[] stays = new Stay[payments + warmUp];
      for (int i = 0; i < stays.length; i++) {
        stays[i] = entries.recordEntry("entry-1", "C" + i, T0);
      }
      Money fee = Money.of(500, "CNY");
      for (int i = 0; i < warmUp; i++) {
        paying.recordPayment("w" + i, stays[i].stayId(), "exit-1", fee, "cashier1", T0);
      }
      long all = System.nanoTime();
      for (int i = 0; i < payments; i++) {
        long t = System.nanoTime();
        paying.recordPayment("p" + i, stays[warmUp + i].stayId(), "exit-1", fee, "cashier1", T0);
        nanos[i] = System.nanoTime() - t;
      }
      all = System.nanoTime() - all;
      Arrays.sort(nanos);
      System.out.printf(
          "commit: %d payments (synchronous=FULL, WAL): p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f payments/s%n",
          payments,
          ms(nanos[payments / 2]),
          ms(nanos[payments * 99 / 100]),
          ms(nanos[payments - 1]),
          payments / (all / 1e9));
    }
  }
}
