package org.parkgate.fee;

import java.util.Arrays;

/** Fee lines held as plain numbers until it is known whether they will be shown. */
final class PendingLines {

  private static final int FIELDS = 4;

  /** from, to, quantity, amount of each line, one after another. */
  private long[] numbers = new long[2 * FIELDS];

  private String[] rules = new String[2];
  private int size;

  void add(long from, long to, String rule, long quantity, long amount) {
    if (size == rules.length) {
      numbers = Arrays.copyOf(numbers, numbers.length * 2);
      rules = Arrays.copyOf(rules, rules.length * 2);
    }
    int i = size * FIELDS;
    numbers[i] = from;
    numbers[i + 1] = to;
    numbers[i + 2] = quantity;
    numbers[i + 3] = amount;
    rules[size++] = rule;
  }

  int size() {
    return size;
  }

  long from(int line) {
    return numbers[line * FIELDS];
  }

  long to(int line) {
    return numbers[line * FIELDS + 1];
  }

  long quantity(int line) {
    return numbers[line * FIELDS + 2];
  }

  long amount(int line) {
    return numbers[line * FIELDS + 3];
  }

  String rule(int line) {
    return rules[line];
  }

  void clear() {
    size = 0;
  }
}
