package io.firebreak.bench;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Whether a warm-up has brought the server to its steady state: answers counted in windows of
 * {@value #WINDOW_SECONDS} s; reached when a window's rate is less than {@value #RISE_PERCENT} % above the window
 * before and the server's JIT compiled less than {@value #QUIET_COMPILE_MILLIS} ms in that window (when the server
 * tells, {@link ServerCompiler}), after at least the minimum and at the latest at the maximum.
 *
 * <p>A freshly started JVM on 2 cores is still compiling the paths it runs (one C2 compiler thread, behind everything
 * else the start made hot): a fixed warm-up measured a server whose compiler took a third of its CPU time during the
 * next phase. The rate alone was not enough either: while the compiler works on other code the rate can stay flat at a
 * quarter of what it reaches once the repeat's own path is compiled (runs of 2 December: 304-558 answers/s at the end
 * of a rate-only warm-up, 2,100-2,700 on the same server warm).
 */
final class Plateau {

  static final int WINDOW_SECONDS = 5;
  static final int RISE_PERCENT = 5;
  /** A tenth of one core's time in a window: the compiler has caught up with what the load runs. */
  static final int QUIET_COMPILE_MILLIS = WINDOW_SECONDS * 1000 / 10;
  private static final long WINDOW_NANOS = Duration.ofSeconds(WINDOW_SECONDS).toNanos();
  static final Duration WINDOW = Duration.ofSeconds(WINDOW_SECONDS);

  private final long minimumNanos;
  private final long maximumNanos;
  private final DoubleSupplier compiledInWindow;
  private long start = Long.MIN_VALUE;
  private long windowStart;
  private long inWindow;
  private double previousRate = Double.NaN;
  private double lastRate = Double.NaN;
  private double lastCompiled = Double.NaN;
  private long reachedAfterNanos = -1;

  /** {@code compiledInWindow}: the server's JIT milliseconds in the last window, NaN when unknown. */
  Plateau(Duration minimum, Duration maximum, DoubleSupplier compiledInWindow) {
    this.minimumNanos = minimum.toNanos();
    this.maximumNanos = Math.max(minimum.toNanos(), maximum.toNanos());
    this.compiledInWindow = compiledInWindow;
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
    if (windowNanos < WINDOW_NANOS) {
      return;
    }
    previousRate = lastRate;
    lastRate = inWindow / (windowNanos / 1e9);
    lastCompiled = compiledInWindow.getAsDouble();
    windowStart = now;
    inWindow = 0;
    if (reachedAfterNanos < 0) {
      long elapsed = now - start;
      boolean flat = !Double.isNaN(previousRate) && lastRate < previousRate * (1 + RISE_PERCENT / 100.0);
      boolean compiled = Double.isNaN(lastCompiled) || lastCompiled < QUIET_COMPILE_MILLIS;
      if (elapsed >= maximumNanos || (elapsed >= minimumNanos && flat && compiled)) {
        reachedAfterNanos = elapsed;
      }
    }
  }

  synchronized boolean reached() {
    return reachedAfterNanos >= 0;
  }

  /** For the summary: how long it took, the last window's rate and the compiler's time in it. */
  synchronized String describe() {
    if (reachedAfterNanos < 0) {
      return "not run";
    }
    return String.format(java.util.Locale.ROOT, "%.0f s, the last %d s at %.0f answers/s%s", reachedAfterNanos / 1e9,
        WINDOW_SECONDS, lastRate, Double.isNaN(lastCompiled) ? " (the server's JIT time unknown)"
            : String.format(java.util.Locale.ROOT, " with %.0f ms of JIT compilation on the server", lastCompiled));
  }
}
