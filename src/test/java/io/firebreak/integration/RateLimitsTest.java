package io.firebreak.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step never outlives its job lock: in the job executor a call or a rate-limit wait starts only while it can end
 * 5 s before the lock expires. Outside the job executor (nobody can take the job over) nothing changes.
 */
class RateLimitsTest {

  private final RateLimits rateLimits = new RateLimits(Duration.ofSeconds(30));
  private final AtomicInteger calls = new AtomicInteger();

  @AfterEach
  void leaveTheJobExecutor() {
    Context.removeJobExecutorContext();
  }

  /** As the job executor runs a job: its lock expires {@code in} from now. */
  private static void runningAJobWhoseLockExpiresIn(Duration in) {
    MessageEntity job = new MessageEntity();
    job.setLockOwner("this-node");
    job.setLockExpirationTime(new Date(ClockUtil.getCurrentTime().getTime() + in.toMillis()));
    JobExecutorContext context = new JobExecutorContext();
    context.setCurrentJob(job);
    Context.setJobExecutorContext(context);
  }

  private String rateLimitedOnce(Duration retryAfter) {
    if (calls.incrementAndGet() == 1) {
      throw new RateLimited("Jira", "POST /rest/api/3/issue", 429, retryAfter);
    }
    return "created";
  }

  @Test
  void aCallThatCouldOutliveTheJobLockIsNotStarted() {
    runningAJobWhoseLockExpiresIn(OutsideHttp.CALL_LIMIT.plus(RateLimits.MARGIN).minusSeconds(1));

    assertThatThrownBy(() -> rateLimits.call(() -> calls.incrementAndGet()))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessageContaining("this step is out of time");
    assertThat(calls).as("the outside system was not called").hasValue(0);
  }

  @Test
  void aCallThatEndsBeforeTheLockExpiresRuns() {
    runningAJobWhoseLockExpiresIn(OutsideHttp.CALL_LIMIT.plus(RateLimits.MARGIN).plusSeconds(2));

    assertThat(rateLimits.call(() -> calls.incrementAndGet())).isEqualTo(1);
  }

  @Test
  void aRateLimitWaitThatWouldOutliveTheJobLockFailsTheStepAtOnce() {
    runningAJobWhoseLockExpiresIn(Duration.ofSeconds(40));
    long started = System.nanoTime();

    // 20 s of waiting and one more call of up to 25 s do not fit into 40 s.
    assertThatThrownBy(() -> rateLimits.call(() -> rateLimitedOnce(Duration.ofSeconds(20))))
        .isInstanceOf(RateLimited.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting").isLessThan(Duration.ofSeconds(5));
    assertThat(calls).hasValue(1);
  }

  @Test
  void aShortRateLimitWaitWithinTheJobLockIsWaitedOut() {
    runningAJobWhoseLockExpiresIn(Duration.ofSeconds(40));

    assertThat(rateLimits.call(() -> rateLimitedOnce(Duration.ofSeconds(1)))).isEqualTo("created");
    assertThat(calls).hasValue(2);
  }

  @Test
  void outsideTheJobExecutorOnlyTheMaximumWaitApplies() {
    assertThat(rateLimits.call(() -> rateLimitedOnce(Duration.ofSeconds(1)))).isEqualTo("created");
    assertThat(calls).hasValue(2);
  }
}
