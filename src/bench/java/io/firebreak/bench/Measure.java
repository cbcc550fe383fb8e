package io.firebreak.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind of work of the benchmark: each request's latency (from sending to its answer, in ms), its outcome
 * ({@code outcome} of the alert answer, or the HTTP result), and the rate of answered requests over the wall time
 * from the first request sent to the last answer.
 */
final class Measure {

  final String name;
  private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

  Measure(String name) {
    this.name = name;
  }

  void record(long startNanos, long endNanos, boolean ok, String outcome) {
    firstStart.accumulateAndGet(startNanos, Math::min);
    lastEnd.accumulateAndGet(endNanos, Math::max);
    if (ok) {
      latencies.add((endNanos - startNanos) / 1e6);
    } else {
      failed.incrementAndGet();
    }
    outcomes.computeIfAbsent(outcome == null ? (ok ? "OK" : "FAILED") : outcome, o -> new AtomicInteger())
        .incrementAndGet();
  }

  int count() {
    return latencies.size();
  }

  int failed() {
    return failed.get();
  }

  /** Answered requests per second of wall time. */
  double perSecond() {
    long span = lastEnd.get() - firstStart.get();
    return span <= 0 ? 0 : count() / (span / 1e9);
  }

  double percentile(double p) {
    return percentile(snapshot(latencies), p);
  }

  Map<String, Integer> outcomes() {
    Map<String, Integer> copy = new TreeMap<>();
    outcomes.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  static List<Double> snapshot(List<Double> values) {
    synchronized (values) {
      List<Double> copy = new ArrayList<>(values);
      Collections.sort(copy);
      return copy;
    }
  }

  /** Nearest-rank percentile of sorted values; NaN without any. */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
