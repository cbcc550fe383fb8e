package io.firebreak.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How often a step that calls outside is retried before it becomes a Cockpit incident. The models refer to it as
 * {@code camunda:failedJobRetryTimeCycle="${retryPolicy.cycle}"}; set {@code FIREBREAK_RETRY_CYCLE} to change it.
 */
@Component("retryPolicy")
@ConfigurationProperties(prefix = "firebreak.retry")
public class RetryPolicy {

  private String cycle = "R5/PT1M";

  public String getCycle() {
    return cycle;
  }

  public void setCycle(String cycle) {
    this.cycle = cycle;
  }
}
