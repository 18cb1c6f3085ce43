package org.parkgate.bench.booth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One booth with many busy exits, measured where the cashier sees it (docs/benchmarks.md, "The
 * booth in the browser"). The simulator, gate-controller and cashier-console run as their own
 * processes, as on a site; the booth page runs in headless Chromium. Each exit lane gets a vehicle
 * after another at random (exponential gaps, seeded): it arrives, presents its card, waits for the
 * barrier, drives out (the card half a second after the vehicle stops, as a driver reaches out).
 * The cashier, in the browser, pays each fee a moment after it appears by clicking the lane and
 * pressing Enter.
 *
 * <p>Measured, all on the one machine clock: card presented (just before the simulator is asked to
 * send it) to the fee on the screen (the page's mutation observer, and the animation frame after
 * it); Enter pressed (the page's key listener) to the barrier's open command (the simulator's stamp
 * on the coil write) and to the receipt's cut at the printer (the simulator's stamp).
 *
 * <p>Run from the repository root after {@code mvn -B -q package -DskipTests}; {@code --help} lists
 * the options.
 */
public final class BoothBench {
  static final String USAGE =
      """
      usage: java -cp benchmarks/target/benchmarks.jar org.parkgate.bench.booth.BoothBench
               [--exits N] [--gap SECONDS] [--warmup SECONDS] [--measure SECONDS]
               [--think MS] [--seed N] [--profile 1] [--split 1]
        --exits    exit lanes at the booth (default 10)
        --gap      mean seconds between vehicles at one lane, after the last left (default 4)
        --warmup   seconds run before measuring (default 20)
        --measure  seconds measured (default 120)
        --think    the cashier's moment between a fee appearing and Enter, in ms (default 300)
        --seed     the random arrivals' seed (default 1)
        --profile  1: sample the page's JavaScript while measured and list where it went
        --split    1: the booth PC's processes (console, Chromium) on one core, the site's
                   (simulator, controller, this bench) on the other, as on two machines
      """;

  /** From a vehicle stopping on the arming loop to its card at the reader. */
  static final Duration REACH = Duration.ofMillis(500);

  private BoothBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, Double> o =
        new java.util.HashMap<>(
            Map.of(
                "exits", 10.0, "gap", 4.0, "warmup", 20.0, "measure", 120.0, "think", 300.0,
                "profile", 0.0, "seed", 1.0, "split", 0.0));
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (name.equals("help")) {
        System.out.print(USAGE);
        return;
      }
      if (!o.containsKey(name) || i + 1 >= args.length) {
        System.err.println("BoothBench: unknown option or missing value: " + args[i]);
        System.err.print(USAGE);
        System.exit(2);
      }
      try {
        o.put(name, Double.parseDouble(args[++i]));
      } catch (NumberFormatException e) {
        System.err.println("BoothBench: --" + name + " needs a number, not '" + args[i] + "'");
        System.exit(2);
      }
    }
    System.exit(run(o) ? 0 : 1);
  }

  private record Payment(String lane, String card, double keyAt) {}

  static boolean run(Map<String, Double> o) throws Exception {
    int exits = o.get("exits").intValue();
    double gap = o.get("gap");
    long think = o.get("think").longValue();
    System.out.println("options: " + o);
    Path dir = Files.createTempDirectory("boothbench");
    Path root = Path.of("").toAbsolutePath();
    Duration warmup = Duration.ofMillis((long) (o.get("warmup") * 1000));
    Duration measure = Duration.ofMillis((long) (o.get("measure") * 1000));
    int cardsPerLane = (int) ((warmup.plus(measure).toSeconds() + 60) / Math.max(gap, 0.5)) + 50;
    Map<String, Double> presented = new ConcurrentHashMap<>();
    Map<String, Double> opened = new ConcurrentHashMap<>();
    Map<String, Double> printed = new ConcurrentHashMap<>();
    List<Double> feeDom = Collections.synchronizedList(new ArrayList<>());
    List<Double> feePainted = Collections.synchronizedList(new ArrayList<>());
    List<Payment> payments = new ArrayList<>();
    // Each measured fee's times, to set beside the processes' logs of the run.
    List<String> feeRows = new ArrayList<>();
    feeRows.add("lane,card,presented,dom,painted");
    Map<String, Double> workFrom = null;
    Map<String, Double> workTo = Map.of();
    boolean profile = o.get("profile") > 0;
    List<Map.Entry<String, Double>> hot = List.of();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong errors = new AtomicLong();
    boolean split = o.get("split") > 0;
    if (split) {
      Cores.move(ProcessHandle.current().pid(), Cores.SITE);
    }
    try (BoothSite site = new BoothSite(root, dir, exits, cardsPerLane, split)) {
      site.seed();
      site.start();
      System.out.println("site up in " + dir + " (logs there)");
      try (BoothPage page = new BoothPage(site.httpPort, dir.resolve("chromium"))) {
        if (split) {
          System.out.println(
              "booth on core "
                  + Cores.BOOTH
                  + " ("
                  + Cores.moveBrowser(Cores.BOOTH)
                  + " browser processes and the console), site on core "
                  + Cores.SITE);
        }
        page.signInAndOpenShift(BoothSite.CASHIER, BoothSite.PASSWORD);
        Random seeds = new Random(o.get("seed").longValue());
        List<Thread> lanes = new ArrayList<>();
        for (int l = 0; l < exits; l++) {
          int lane = l;
          Random random = new Random(seeds.nextLong());
          Thread t =
              new Thread(
                  () -> laneLoop(site, lane, random, gap, stop, presented, opened, errors),
                  BoothSite.lane(l));
          t.setDaemon(true);
          lanes.add(t);
          t.start();
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        Deque<Map<String, Object>> toPay = new ArrayDeque<>();
        long lastPrinterRead = 0;
        while (System.nanoTime() < end) {
          boolean measuring = System.nanoTime() >= measureFrom;
          if (measuring && workFrom == null) {
            workFrom = page.work();
            if (profile) {
              page.startProfile(200);
            }
          }
          for (Map<String, Object> fee : page.fees()) {
            String key = fee.get("lane") + " " + fee.get("card");
            Double at = presented.get(key);
            if (at != null && measuring) {
              feeDom.add(((Number) fee.get("t")).doubleValue() - at);
              feePainted.add(((Number) fee.get("painted")).doubleValue() - at);
              feeRows.add(
                  String.format(
                      java.util.Locale.ROOT,
                      "%s,%s,%.1f,%.1f,%.1f",
                      fee.get("lane"),
                      fee.get("card"),
                      at,
                      ((Number) fee.get("t")).doubleValue(),
                      ((Number) fee.get("painted")).doubleValue()));
            }
            fee.put("seenNanos", System.nanoTime());
            fee.put("measured", measuring);
            toPay.add(fee);
          }
          Map<String, Object> next = toPay.peekFirst();
          if (next != null
              && System.nanoTime() - (long) next.get("seenNanos") > think * 1_000_000) {
            toPay.removeFirst();
            double key = page.payAt((String) next.get("lane"));
            if (Boolean.TRUE.equals(next.get("measured"))) {
              payments.add(new Payment((String) next.get("lane"), (String) next.get("card"), key));
            }
          }
          if (System.nanoTime() - lastPrinterRead > 2_000_000_000L) {
            readReceipts(site, printed);
            lastPrinterRead = System.nanoTime();
          }
          // The page notes its own times; asking for them every 5 ms took the main thread and a
          // core
          // from what is measured, every 50 ms is enough to pay 300-350 ms after a fee appears.
          Thread.sleep(50);
        }
        workTo = page.work();
        if (profile) {
          hot = page.stopProfile();
        }
        stop.set(true);
        for (Thread t : lanes) {
          t.join(30_000);
        }
        readReceipts(site, printed);
      }
    }
    List<Double> toOpen = new ArrayList<>();
    List<Double> toReceipt = new ArrayList<>();
    for (Payment p : payments) {
      Double open = opened.get(p.lane() + " " + p.card());
      if (open != null) {
        toOpen.add(open - p.keyAt());
      }
      Double cut = printed.get(p.card());
      if (cut != null) {
        toReceipt.add(cut - p.keyAt());
      }
    }
    Files.write(dir.resolve("fees.csv"), feeRows);
    System.out.println();
    System.out.println("each fee's times in " + dir.resolve("fees.csv"));
    System.out.printf(
        "%d exit lanes, %.0f s measured: %d fees shown, %d paid, %d lane errors%n",
        exits, measure.toSeconds() * 1.0, feeDom.size(), payments.size(), errors.get());
    if (workFrom != null && !feeDom.isEmpty()) {
      StringBuilder work = new StringBuilder("the page's own work while measured, per fee shown:");
      for (Map.Entry<String, Double> w : workTo.entrySet()) {
        double ms = (w.getValue() - workFrom.getOrDefault(w.getKey(), 0.0)) * 1000 / feeDom.size();
        work.append(String.format(java.util.Locale.ROOT, " %s %.2f ms", w.getKey(), ms));
      }
      System.out.println(work);
    }
    if (!hot.isEmpty()) {
      System.out.println(
          "where the page's script spent its time while measured (self, per fee shown):");
      for (Map.Entry<String, Double> h : hot.subList(0, Math.min(15, hot.size()))) {
        System.out.printf(
            java.util.Locale.ROOT, "  %8.3f ms  %s%n", h.getValue() / feeDom.size(), h.getKey());
      }
    }
    line("card presented -> fee in the page (DOM)", feeDom);
    line("card presented -> fee painted (next frame)", feePainted);
    line("Enter -> barrier open command", toOpen);
    line("Enter -> receipt cut at the printer", toReceipt);
    boolean ok = errors.get() == 0 && !feePainted.isEmpty() && toOpen.size() == payments.size();
    if (toReceipt.size() != payments.size()) {
      System.out.printf(
          "receipts found for %d of %d payments%n", toReceipt.size(), payments.size());
      ok = false;
    }
    return ok;
  }

  /** One exit lane's traffic: a vehicle, its card, the barrier, out; again after a gap. */
  private static void laneLoop(
      BoothSite site,
      int l,
      Random random,
      double gap,
      AtomicBoolean stop,
      Map<String, Double> presented,
      Map<String, Double> opened,
      AtomicLong errors) {
    String lane = BoothSite.lane(l);
    for (int n = 0; n < site.cardsPerLane && !stop.get(); n++) {
      String card = BoothSite.card(l, n);
      try {
        Thread.sleep((long) (-Math.log(1 - random.nextDouble()) * gap * 1000));
        site.sim("POST", "/lanes/" + lane + "/vehicle/arrive", null);
        // The driver stops on the loop and reaches out of the window with the card: by then the
        // controller's poll has seen the vehicle (a card read before that waits for it).
        Thread.sleep(REACH.toMillis());
        presented.put(lane + " " + card, epochMillis(Instant.now()));
        site.sim("POST", "/lanes/" + lane + "/card/present", "{\"card\": \"" + card + "\"}");
        JsonNode barrier = site.sim("GET", "/lanes/" + lane, null).path("barrier");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!barrier.path("openLimit").asBoolean()) {
          if (System.nanoTime() > deadline || stop.get()) {
            return;
          }
          Thread.sleep(20);
          barrier = site.sim("GET", "/lanes/" + lane, null).path("barrier");
        }
        opened.put(
            lane + " " + card, epochMillis(Instant.parse(barrier.path("openCommandAt").asText())));
        site.sim("POST", "/lanes/" + lane + "/vehicle/drive", "{\"wait\": true}");
      } catch (Exception e) {
        errors.incrementAndGet();
        System.err.println(lane + ": " + e);
        return;
      }
    }
  }

  private static void readReceipts(BoothSite site, Map<String, Double> printed) throws Exception {
    for (JsonNode doc : site.printer().path("documents")) {
      for (JsonNode line : doc.path("lines")) {
        String text = line.path("text").asText();
        if (text.startsWith("卡号 Card: ")) {
          printed.putIfAbsent(
              text.substring("卡号 Card: ".length()).strip(),
              epochMillis(Instant.parse(doc.path("cutAt").asText())));
        }
      }
    }
  }

  static double epochMillis(Instant t) {
    return t.getEpochSecond() * 1000.0 + t.getNano() / 1e6;
  }

  private static void line(String what, List<Double> ms) {
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      System.out.printf("%-44s no samples%n", what);
      return;
    }
    System.out.printf(
        "%-44s n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
        what, sorted.size(), pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  private static double pct(List<Double> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
