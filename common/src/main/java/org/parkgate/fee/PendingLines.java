package org.parkgate.fee;

import java.util.Arrays;

/** Fee lines held as plain numbers until it is known whether they will be shown. */
final class PendingLines {

  private long[] from = new long[8];
  private long[] to = new long[8];
  private long[] quantity = new long[8];
  private long[] amount = new long[8];
  private String[] rule = new String[8];
  private int size;

  void add(long lineFrom, long lineTo, String lineRule, long lineQuantity, long lineAmount) {
    if (size == from.length) {
      int n = size * 2;
      from = Arrays.copyOf(from, n);
      to = Arrays.copyOf(to, n);
      quantity = Arrays.copyOf(quantity, n);
      amount = Arrays.copyOf(amount, n);
      rule = Arrays.copyOf(rule, n);
    }
    from[size] = lineFrom;
    to[size] = lineTo;
    rule[size] = lineRule;
    quantity[size] = lineQuantity;
    amount[size] = lineAmount;
    size++;
  }

  int size() {
    return size;
  }

  long from(int i) {
    return from[i];
  }

  long to(int i) {
    return to[i];
  }

  String rule(int i) {
    return rule[i];
  }

  long quantity(int i) {
    return quantity[i];
  }

  long amount(int i) {
    return amount[i];
  }

  void clear() {
    size = 0;
  }
}
