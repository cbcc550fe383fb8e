package io.firebreak.integration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Creates the bean only when every named setting has a non-blank value. An adapter for an outside system is switched
 * on by its credentials: an empty {@code FIREBREAK_SLACK_TOKEN=} leaves the timeline recorder in place, where Spring's
 * {@code @ConditionalOnProperty} would count an empty value as set.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSettingCondition.class)
public @interface ConditionalOnSetting {

  /** Property names, e.g. {@code firebreak.slack.token}; environment variables bind to them as usual. */
  String[] value();
}
