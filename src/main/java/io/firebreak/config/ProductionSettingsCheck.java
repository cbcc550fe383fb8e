package io.firebreak.config;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops Firebreak before anything starts when the {@code prod} profile is active without an admin password, with a
 * demo alert token, or together with the {@code demo} profile: the engine would otherwise create an admin whose password is its id,
 * or demo users whose passwords everyone knows.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

  static final int MINIMUM_PASSWORD_LENGTH = 12;

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    var profiles = Arrays.asList(environment.getActiveProfiles());
    if (!profiles.contains("prod")) {
      return;
    }
    if (profiles.contains("demo") || environment.getProperty("firebreak.demo.users", Boolean.class, false)) {
      throw new IllegalStateException("The prod profile cannot run with demo users: remove the demo profile.");
    }
    // application-prod.yaml takes it from FIREBREAK_ADMIN_PASSWORD.
    String password = environment.getProperty("camunda.bpm.admin-user.password", "");
    if (password.isBlank()) {
      throw new IllegalStateException(
          "The prod profile needs an admin password: set FIREBREAK_ADMIN_PASSWORD (and FIREBREAK_ADMIN_USER, default admin).");
    }
    if (password.length() < MINIMUM_PASSWORD_LENGTH) {
      throw new IllegalStateException(
          "FIREBREAK_ADMIN_PASSWORD is too short: use at least " + MINIMUM_PASSWORD_LENGTH + " characters.");
    }
    for (String source : new String[] {"alertmanager", "pingdom", "opsgenie", "generic"}) {
      String token = environment.getProperty("firebreak.alerts." + source + ".token", "");
      if (token.startsWith("demo-")) {
        throw new IllegalStateException("The " + source + " alert token is a demo token: set a secret of your own.");
      }
    }
  }
}
