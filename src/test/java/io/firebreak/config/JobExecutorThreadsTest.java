package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The job executor's thread priority as configured, and only for its executor; a running job executor's step runs at
 * it in JobLockTest.
 */
class JobExecutorThreadsTest {

  @Test
  void theJobExecutorsThreadsGetTheConfiguredPriority() throws Exception {
    ThreadPoolTaskExecutor jobThreads = new ThreadPoolTaskExecutor();
    ThreadPoolTaskExecutor another = new ThreadPoolTaskExecutor();
    JobExecutorThreads threads = new JobExecutorThreads(3);

    threads.postProcessBeforeInitialization(jobThreads, JobExecutorThreads.TASK_EXECUTOR);
    threads.postProcessBeforeInitialization(another, "applicationTaskExecutor");
    jobThreads.initialize();
    try {
      assertThat(jobThreads.submit(() -> Thread.currentThread().getPriority()).get()).isEqualTo(3);
      assertThat(another.getThreadPriority()).isEqualTo(Thread.NORM_PRIORITY);
    } finally {
      jobThreads.shutdown();
    }
  }

  @Test
  void aPriorityOutsideJavasRangeIsRefusedAtStart() {
    assertThatThrownBy(() -> new JobExecutorThreads(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("firebreak.job-executor.thread-priority must be a Java thread priority from 1 to 10, not 0");
    assertThatThrownBy(() -> new JobExecutorThreads(11)).isInstanceOf(IllegalArgumentException.class);
  }
}
