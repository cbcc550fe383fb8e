package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.FirebreakApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The prod profile refuses to start unsafe: no admin password, a short one, or demo users. */
class ProductionSettingsTest {

  @Test
  void prodWithoutAdminPasswordDoesNotStart() {
    assertThatThrownBy(() -> start("prod", "--camunda.bpm.admin-user.password="))
        .hasMessage(
            "The prod profile needs an admin password: set FIREBREAK_ADMIN_PASSWORD (and FIREBREAK_ADMIN_USER, default admin).");
  }

  @Test
  void prodWithAShortAdminPasswordDoesNotStart() {
    assertThatThrownBy(() -> start("prod", "--camunda.bpm.admin-user.password=secret"))
        .hasMessage("FIREBREAK_ADMIN_PASSWORD is too short: use at least 12 characters.");
  }

  @Test
  void prodWithDemoUsersDoesNotStart() {
    assertThatThrownBy(() -> start("prod,demo", "--camunda.bpm.admin-user.password=a-long-enough-password"))
        .hasMessage("The prod profile cannot run with demo users: remove the demo profile.");
  }

  @Test
  void prodWithADemoAlertTokenDoesNotStart() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(FirebreakApplication.class)
        .properties("spring.main.web-application-type=none")
        .run("--spring.profiles.active=prod", "--camunda.bpm.admin-user.password=a-long-enough-password",
            "--firebreak.alerts.pingdom.token=demo-pingdom-token")
        .close())
        .hasMessage("The pingdom alert token is a demo token: set a secret of your own.");
  }

  /** Profiles as a command-line argument, so they replace whatever SPRING_PROFILES_ACTIVE the test run has. */
  private static void start(String profiles, String password) {
    new SpringApplicationBuilder(FirebreakApplication.class)
        .properties("spring.main.web-application-type=none")
        .run("--spring.profiles.active=" + profiles, password)
        .close();
  }
}
