package io.firebreak.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing without locking anyone out for good. Failed logins are counted per client address
 * and user name, and per client address: after {@code perUser} failures for one user name from one address, or
 * {@code perAddress} failures from one address, that address may not try again (for that user, or at all) until the
 * window that began with the first failure has passed. Logins from other addresses are not affected, so nobody can
 * keep a user out of her own account from somewhere else. Counts live in this node's memory.
 */
public class LoginThrottle {

  /** Beyond this many counters, expired ones are dropped before a new one is added. */
  static final int PRUNE_ABOVE = 10_000;

  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int perUser, int perAddress, Duration window, Clock clock) {
    if (perUser < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("login throttle: limits must be at least 1 and the window positive");
    }
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code address} must wait before it may try {@code user} again; empty when it may try now. */
  public Optional<Duration> waitBefore(String address, String user) {
    Instant now = clock.instant();
    Duration byAddress = remaining(addressKey(address), perAddress, now);
    Duration byUser = remaining(userKey(address, user), perUser, now);
    Duration longest = byAddress.compareTo(byUser) >= 0 ? byAddress : byUser;
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  /** A login of {@code user} from {@code address} failed. */
  public void failed(String address, String user) {
    Instant now = clock.instant();
    if (failures.size() > PRUNE_ABOVE) {
      failures.values().removeIf(w -> !w.open(now, window));
    }
    count(addressKey(address), now);
    count(userKey(address, user), now);
  }

  /** A login succeeded: that address's failures for that user are forgotten, not its failures for others. */
  public void succeeded(String address, String user) {
    failures.remove(userKey(address, user));
  }

  private void count(String key, Instant now) {
    failures.compute(key, (k, w) -> w == null || !w.open(now, window) ? new Window(now, 1) : new Window(w.start, w.count + 1));
  }

  private Duration remaining(String key, int limit, Instant now) {
    Window w = failures.get(key);
    if (w == null || w.count < limit || !w.open(now, window)) {
      return Duration.ZERO;
    }
    return Duration.between(now, w.start.plus(window));
  }

  private static String addressKey(String address) {
    return address;
  }

  private static String userKey(String address, String user) {
    return address + "\n" + user.toLowerCase(Locale.ROOT);
  }

  private record Window(Instant start, int count) {
    boolean open(Instant now, Duration length) {
      return now.isBefore(start.plus(length));
    }
  }
}
