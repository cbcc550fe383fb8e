package io.firebreak.integration;

import io.firebreak.config.JobLock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every call of a step to an outside system goes through here. It honours the system's Retry-After: a call that was
 * rate-limited is repeated after the wait it asked for, as long as that wait is short
 * ({@code firebreak.integrations.rate-limit-max-wait}, default 30 s) and it happens at most three times in a row. A
 * longer wait fails the step, whose job is then retried by its retry cycle.
 *
 * <p>It also keeps the step inside its job lock ({@link JobLock}): a call (at most {@link OutsideHttp#CALL_LIMIT})
 * or a wait starts only while it can end {@link #MARGIN} before the lock expires; otherwise the step fails and its
 * retry cycle runs it again later. So no step outlives its lock, and another node never takes over a job that is
 * still running.
 */
@Component
public class RateLimits {

  private static final int MAX_WAITS = 3;

  /** Left for what follows the last call: the step's own database writes and the commit. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  private final Duration maxWait;

  RateLimits(@Value("${firebreak.integrations.rate-limit-max-wait:PT30S}") Duration maxWait) {
    this.maxWait = maxWait;
  }

  public <T> T call(Supplier<T> call) {
    for (int waits = 0; ; waits++) {
      ensureTimeFor(Duration.ZERO);
      try {
        return call.get();
      } catch (RateLimited limited) {
        if (waits >= MAX_WAITS || limited.retryAfter().compareTo(maxWait) > 0 || !timeFor(limited.retryAfter())) {
          throw limited;
        }
        sleep(limited.retryAfter());
      }
    }
  }

  public void run(Runnable call) {
    call(() -> {
      call.run();
      return null;
    });
  }

  /** Whether a wait of {@code wait} and then one more call still end before the step's job lock expires. */
  private static boolean timeFor(Duration wait) {
    Optional<Duration> left = JobLock.remaining();
    return left.isEmpty() || left.get().compareTo(wait.plus(OutsideHttp.CALL_LIMIT).plus(MARGIN)) >= 0;
  }

  private static void ensureTimeFor(Duration wait) {
    if (!timeFor(wait)) {
      throw new OutsideCallFailed("this step is out of time: its job lock expires in "
          + JobLock.remaining().map(Duration::toSeconds).orElse(0L) + " s, too soon for another outside call of up to "
          + OutsideHttp.CALL_LIMIT.toSeconds() + " s; its retry cycle runs it again");
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutsideCallFailed("interrupted while waiting for a rate limit to pass", e);
    }
  }
}
