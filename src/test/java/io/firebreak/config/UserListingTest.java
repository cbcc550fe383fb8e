package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.FirebreakTest;
import io.firebreak.Http;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Users see themselves through the engine's REST API, nobody else (the role pickers get people server-side). */
class UserListingTest extends FirebreakTest {

  @LocalServerPort
  int port;

  @Autowired
  IdentitySetup identitySetup;

  @Test
  void aFirstResponderListsOnlyHerself() {
    Http frida = Http.to(port).as("frida");

    JsonNode users = frida.get("/engine-rest/user").json();

    assertThat(users.findValuesAsText("id")).containsExactly("frida");
    assertThat(users.toString()).doesNotContain("ivan@", "admin");
    assertThat(frida.get("/engine-rest/user/count").json().get("count").asInt()).isEqualTo(1);
    assertThat(frida.get("/engine-rest/user/frida/profile").json().get("email").asText())
        .isEqualTo("frida@firebreak.example");
    assertThat(frida.get("/engine-rest/user/ivan/profile").status()).isIn(403, 404);
  }

  @Test
  void theGrantEarlierVersionsGaveIsRevokedAtStart() {
    var authorizations = engine.getAuthorizationService();
    Authorization old = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    old.setGroupId(FirebreakGroups.FIRST_RESPONDERS);
    old.setResource(Resources.USER);
    old.setResourceId("*");
    old.addPermission(Permissions.READ);
    authorizations.saveAuthorization(old);
    assertThat(Http.to(port).as("frida").get("/engine-rest/user").json().size()).isGreaterThan(1);

    identitySetup.setUp();
    identitySetup.setUp();

    for (String[] group : FirebreakGroups.ALL) {
      assertThat(authorizations.createAuthorizationQuery().groupIdIn(group[0]).resourceType(Resources.USER)
          .resourceId("*").count()).as(group[0]).isZero();
    }
    assertThat(Http.to(port).as("frida").get("/engine-rest/user").json().findValuesAsText("id"))
        .containsExactly("frida");
  }
}
