package io.firebreak;

import io.firebreak.incident.IncidentRepository;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port with the real engine and the real database (H2 by default, PostgreSQL
 * with {@code SPRING_PROFILES_ACTIVE=postgres,demo}). Every test class shares this one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class FirebreakTest {

  @Autowired
  protected ProcessEngine engine;

  @Autowired
  protected IncidentRepository incidents;

  @BeforeEach
  void initialiseAssertions() {
    ProcessAssertions.init(engine);
    engine.getIdentityService().clearAuthentication();
  }

  /** A user in no group (unless the test adds one), created once. */
  protected void createUser(String id, String password) {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(id).count() == 0) {
      org.camunda.bpm.engine.identity.User user = identity.newUser(id);
      user.setPassword(password);
      identity.saveUser(user);
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
  }
}
