package io.firebreak.integration;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Honours an outside system's Retry-After: a call that was rate-limited is repeated after the wait it asked for, as
 * long as that wait is short ({@code firebreak.integrations.rate-limit-max-wait}, default 30 s) and it happens at most
 * three times in a row. A longer wait fails the step, whose job is then retried by its retry cycle.
 */
@Component
public class RateLimits {

  private static final int MAX_WAITS = 3;

  private final Duration maxWait;

  RateLimits(@Value("${firebreak.integrations.rate-limit-max-wait:PT30S}") Duration maxWait) {
    this.maxWait = maxWait;
  }

  public <T> T call(Supplier<T> call) {
    for (int waits = 0; ; waits++) {
      try {
        return call.get();
      } catch (RateLimited limited) {
        if (waits >= MAX_WAITS || limited.retryAfter().compareTo(maxWait) > 0) {
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

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutsideCallFailed("interrupted while waiting for a rate limit to pass", e);
    }
  }
}
