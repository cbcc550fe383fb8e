package io.firebreak.bench;

import java.time.Duration;

/**
 * Whether the rate of a warm-up's answers has stopped rising: answers counted in windows of {@value #WINDOW_SECONDS}
 * s; reached when a window's rate is less than {@value #RISE_PERCENT} % above the window before, after at least the
 * minimum and at the latest at the maximum. A freshly started JVM on 2 cores is still compiling the paths it runs
 * (one C2 compiler thread, behind everything else the start made hot): a fixed warm-up measured a server whose
 * compiler took a third of its CPU time during the next phase.
 */
final class Plateau {

  static final int WINDOW_SECONDS = 5;
  static final int RISE_PERCENT = 5;
  private static final long WINDOW_NANOS = Duration.ofSeconds(WINDOW_SECONDS).toNanos();

  private final long minimumNanos;
  private final long maximumNanos;
  private long start = Long.MIN_VALUE;
  private long windowStart;
  private long inWindow;
  private double previousRate = Double.NaN;
  private double lastRate = Double.NaN;
  private long reachedAfterNanos = -1;

  Plateau(Duration minimum, Duration maximum) {
    this.minimumNanos = minimum.toNanos();
    this.maximumNanos = Math.max(minimum.toNanos(), maximum.toNanos());
  }

  /** One answer more; closes the window when it is over. */
  synchronized void answered() {
    long now = System.nanoTime();
    if (start == Long.MIN_VALUE) {
      start = now;
      windowStart = now;
    }
    inWindow++;
    long windowNanos = now - windowStart;
    if (windowNanos >= WINDOW_NANOS) {
      previousRate = lastRate;
      lastRate = inWindow / (windowNanos / 1e9);
      windowStart = now;
      inWindow = 0;
    }
    if (reachedAfterNanos < 0) {
      long elapsed = now - start;
      boolean flat = !Double.isNaN(previousRate) && lastRate < previousRate * (1 + RISE_PERCENT / 100.0);
      if (elapsed >= maximumNanos || (elapsed >= minimumNanos && flat)) {
        reachedAfterNanos = elapsed;
      }
    }
  }

  synchronized boolean reached() {
    return reachedAfterNanos >= 0;
  }

  /** For the summary: how long it took and the last window's rate. */
  synchronized String describe() {
    if (reachedAfterNanos < 0) {
      return "not run";
    }
    return String.format(java.util.Locale.ROOT, "%.0f s, the last %d s at %.0f answers/s", reachedAfterNanos / 1e9,
        WINDOW_SECONDS, lastRate);
  }
}
