package io.firebreak.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The job executor's threads run at a lower priority than the threads that answer requests
 * ({@code firebreak.job-executor.thread-priority}, Java's 1 to 10; default 1): on a node whose CPU is saturated, an
 * alert's answer and a person's click come before the engine's next background step, which takes the CPU time left.
 * With CPU to spare the priority changes nothing, and the job executor's many threads mostly wait for Slack, Jira or
 * the database anyway.
 *
 * <p>In the benchmark's new-incident phase (8 clients as fast as they can), the 10 job threads running the new
 * incidents' steps had more of the 2 cores than the requests: a new alert's answer took 1.6-2.0x a bare Camunda
 * start, against 0.6-0.8x with the job executor off (README, Performance). Java's priorities reach Linux only with
 * {@code -XX:ThreadPriorityPolicy=1} (in the Docker image's flags): priority 1 is nice 4, about 40 % of a normal
 * thread's share when both want the CPU. Any user may lower a thread's priority; raising one needs root, so as root
 * the JVM also raises its own compiler and VM threads (the image runs as a user of its own).
 */
@Component
class JobExecutorThreads implements BeanPostProcessor {

  /** The Camunda Spring Boot starter's executor of the job executor's threads. */
  static final String TASK_EXECUTOR = "camundaTaskExecutor";

  private final int priority;

  JobExecutorThreads(@Value("${firebreak.job-executor.thread-priority:1}") int priority) {
    if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
      throw new IllegalArgumentException("firebreak.job-executor.thread-priority must be a Java thread priority from "
          + Thread.MIN_PRIORITY + " to " + Thread.MAX_PRIORITY + ", not " + priority);
    }
    this.priority = priority;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (TASK_EXECUTOR.equals(beanName) && bean instanceof ThreadPoolTaskExecutor executor) {
      executor.setThreadPriority(priority);
    }
    return bean;
  }
}
