package io.firebreak.config;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * How long the job executor's lock on the step running in this thread still holds. Once it expires another node
 * may take the job and run the step a second time, so a step must not start what it cannot finish before then
 * ({@code RateLimits}). Empty when the step runs outside the job executor (a test executing a job, a user's
 * completion running on synchronously): nobody else can take it then.
 */
public final class JobLock {

  private JobLock() {
  }

  public static Optional<Duration> remaining() {
    JobExecutorContext context = Context.getJobExecutorContext();
    JobEntity job = context == null ? null : context.getCurrentJob();
    Date expiry = job == null ? null : job.getLockExpirationTime();
    if (expiry == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(expiry.getTime() - ClockUtil.getCurrentTime().getTime()));
  }
}
