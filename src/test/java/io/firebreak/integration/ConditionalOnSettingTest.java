package io.firebreak.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An adapter is on only when every credential it needs has a value; an empty environment variable is not one. */
class ConditionalOnSettingTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(Adapter.class);

  @Test
  void everyNamedSettingWithAValueSwitchesTheBeanOn() {
    context.withPropertyValues("vendor.token=secret", "vendor.page=p1")
        .run(started -> assertThat(started).hasSingleBean(String.class));
  }

  @Test
  void aMissingEmptyOrBlankSettingLeavesItOff() {
    context.withPropertyValues("vendor.token=secret")
        .run(started -> assertThat(started).doesNotHaveBean(String.class));
    context.withPropertyValues("vendor.token=", "vendor.page=p1")
        .run(started -> assertThat(started).doesNotHaveBean(String.class));
    context.withPropertyValues("vendor.token=  ", "vendor.page=p1")
        .run(started -> assertThat(started).doesNotHaveBean(String.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class Adapter {

    @Bean
    @ConditionalOnSetting({"vendor.token", "vendor.page"})
    String vendorAdapter() {
      return "on";
    }
  }
}
