package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A stream of vehicles instead of one step each: arrivals at an entry at {@code perHour} on average
 * (a Poisson process) between {@code from} and {@code to}, each staying a time drawn evenly between
 * {@code stayMin} and {@code stayMax}, then leaving by {@code exit} and paying by a tender drawn
 * from {@code pay}'s weights; a share of them hold season cards ({@code seasonCards}) and a share
 * of the others have lost their card. The same {@code seed} gives the same vehicles, so a failing
 * run can be run again exactly. Several blocks make a profile over the hours of a day.
 */
record Traffic(
    int line,
    int block,
    String entry,
    String exit,
    Duration from,
    Duration to,
    double perHour,
    Duration stayMin,
    Duration stayMax,
    double lostCards,
    double seasonCards,
    Map<Step.Pay, Double> pay,
    Map<String, Double> classes,
    long seed) {

  /** The vehicles' steps: named {@code t<block>-<n>}, each on the block's line. */
  List<Step> steps() {
    Random random = new Random(seed);
    List<Step> out = new ArrayList<>();
    double meanGapMs = 3_600_000.0 / perHour;
    long t = from.toMillis();
    for (int n = 1; ; n++) {
      t += Math.round(-Math.log(1 - random.nextDouble()) * meanGapMs);
      if (t >= to.toMillis()) {
        return out;
      }
      String name = "t" + block + "-" + n;
      long stay =
          stayMin.toMillis()
              + (long) (random.nextDouble() * (stayMax.toMillis() - stayMin.toMillis()));
      boolean season = random.nextDouble() < seasonCards;
      boolean lost = !season && random.nextDouble() < lostCards;
      Step.Pay tender = pick(random, pay);
      String vehicleClass = pick(random, classes);
      Duration arrive = Duration.ofMillis(t);
      out.add(new Step.Enter(arrive, line, name, entry, null, vehicleClass, false, season));
      out.add(
          new Step.Exit(
              arrive.plusMillis(Math.max(stay, 1000)),
              line,
              name,
              exit,
              tender,
              null,
              null,
              tender == Step.Pay.FREE_PASS ? "driver's complaint accepted" : null,
              lost,
              false));
    }
  }

  private static <K> K pick(Random random, Map<K, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double r = random.nextDouble() * total;
    K last = null;
    for (Map.Entry<K, Double> e : weights.entrySet()) {
      last = e.getKey();
      r -= e.getValue();
      if (r < 0) {
        return last;
      }
    }
    return last;
  }
}
