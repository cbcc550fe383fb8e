package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.FirebreakTest;
import io.firebreak.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /api/incidents over real HTTP: declaring, reading, bad input and authentication. */
class IncidentApiTest extends FirebreakTest {

  @LocalServerPort
  int port;

  Http anonymous;
  Http frida;

  @BeforeEach
  void clients() {
    anonymous = Http.to(port);
    frida = anonymous.as("frida");
  }

  @Test
  void declaresAnIncidentByJsonAsTheAuthenticatedFirstResponder() {
    Http.Response response = frida.postJson("/api/incidents", """
        {"title": "Media upload fails in US", "severity": "sev2", "impact": "major", "customerFacing": true,
         "product": "Intranet", "environment": "prod/us1", "description": "HTTP 500 on upload"}
        """);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonNode body = response.json();
    String key = body.get("key").asText();
    assertThat(key).matches("INC-\\d+");
    assertThat(response.header("Location")).isEqualTo("/api/incidents/" + key);
    assertThat(body.get("severity").asText()).isEqualTo("SEV2");
    assertThat(body.get("impact").asText()).isEqualTo("MAJOR");
    assertThat(body.get("stage").asText()).isEqualTo("OPEN");
    assertThat(body.get("roles").get("firstResponder").asText()).isEqualTo("frida");
    assertThat(body.get("timeline").get(0).get("type").asText()).isEqualTo("DECLARED");

    JsonNode read = frida.get("/api/incidents/" + key).json();
    assertThat(read.get("title").asText()).isEqualTo("Media upload fails in US");
    assertThat(read.get("environment").asText()).isEqualTo("prod/us1");
    assertThat(read.get("processInstanceId").asText()).isEqualTo(
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getId());
    // the key is case-insensitive for people typing it
    assertThat(frida.get("/api/incidents/" + key.toLowerCase()).status()).isEqualTo(200);
  }

  @Test
  void listsNewestFirstAndFiltersByStage() {
    String older = frida.postJson("/api/incidents", "{\"title\":\"Older\",\"severity\":\"SEV4\"}").json().get("key").asText();
    String newer = frida.postJson("/api/incidents", "{\"title\":\"Newer\",\"severity\":\"SEV4\"}").json().get("key").asText();
    JsonNode all = frida.get("/api/incidents").json();
    assertThat(all.isArray()).isTrue();
    java.util.List<String> keys = new java.util.ArrayList<>();
    all.forEach(incident -> keys.add(incident.get("key").asText()));
    assertThat(keys).containsSubsequence(newer, older);
    for (JsonNode incident : frida.get("/api/incidents?stage=OPEN").json()) {
      assertThat(incident.get("stage").asText()).isEqualTo("OPEN");
    }
    JsonNode closed = frida.get("/api/incidents?stage=CLOSED").json();
    closed.forEach(incident -> assertThat(incident.get("key").asText()).isNotIn(older, newer));
    assertThat(frida.get("/api/incidents?limit=1").json()).hasSize(1);
  }

  @Test
  void rejectsInvalidDeclarationsNamingTheFieldAndStartsNothing() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("incident").count();

    Http.Response noTitle = frida.postJson("/api/incidents", "{\"severity\":\"SEV2\"}");
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noTitle.json().get("detail").asText()).contains("title");
    assertThat(noTitle.json().get("fields").get(0).get("field").asText()).isEqualTo("title");
    // An RFC 9457 problem detail (README, Errors).
    assertThat(noTitle.header("Content-Type")).startsWith("application/problem+json");
    assertThat(noTitle.json().get("type").asText()).isEqualTo("about:blank");
    assertThat(noTitle.json().get("title").asText()).isEqualTo("Bad Request");
    assertThat(noTitle.json().get("status").asInt()).isEqualTo(400);
    assertThat(noTitle.json().get("instance").asText()).isEqualTo("/api/incidents");
    assertThat(noTitle.json().get("fields").get(0).get("message").asText()).isNotBlank();

    Http.Response badSeverity = frida.postJson("/api/incidents", "{\"title\":\"x\",\"severity\":\"SEV9\"}");
    assertThat(badSeverity.status()).isEqualTo(400);
    assertThat(badSeverity.json().get("detail").asText()).isEqualTo("severity: must be SEV1, SEV2, SEV3 or SEV4");

    Http.Response badImpact = frida.postJson("/api/incidents", "{\"title\":\"x\",\"severity\":\"SEV1\",\"impact\":\"huge\"}");
    assertThat(badImpact.json().get("fields").get(0).get("field").asText()).isEqualTo("impact");

    Http.Response longTitle = frida.postJson("/api/incidents", "{\"title\":\"" + "x".repeat(201) + "\",\"severity\":\"SEV1\"}");
    assertThat(longTitle.status()).isEqualTo(400);
    assertThat(longTitle.json().get("fields").get(0).get("field").asText()).isEqualTo("title");

    Http.Response wrongType = frida.postJson("/api/incidents", "{\"title\":\"x\",\"severity\":\"SEV1\",\"customerFacing\":\"maybe\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("detail").asText()).isEqualTo("customerFacing: has the wrong type");

    Http.Response malformed = frida.postJson("/api/incidents", "{\"title\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("detail").asText()).isEqualTo("the request body is not valid JSON");

    Http.Response empty = frida.postJson("/api/incidents", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("detail").asText()).isEqualTo("a JSON request body is required");

    Http.Response text = frida.post("/api/incidents", "text/plain", "Database down");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.json().get("detail").asText()).contains("send application/json");

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("incident").count())
        .as("no half-started incident").isEqualTo(before);
  }

  @Test
  void answersNotFoundAndBadParametersAsJson() {
    Http.Response missing = frida.get("/api/incidents/INC-999999999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("detail").asText()).isEqualTo("no incident INC-999999999");

    Http.Response badStage = frida.get("/api/incidents?stage=DONE");
    assertThat(badStage.status()).isEqualTo(400);
    assertThat(badStage.json().get("fields").get(0).get("field").asText()).isEqualTo("stage");

    Http.Response badLimit = frida.get("/api/incidents?limit=0");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json().get("fields").get(0).get("field").asText()).isEqualTo("limit");
  }

  @Test
  void requiresAuthenticationForTheApiAndTheEngineRestButNotForHealth() {
    Http.Response noCredentials = anonymous.get("/api/incidents");
    assertThat(noCredentials.status()).isEqualTo(401);
    assertThat(noCredentials.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(noCredentials.json().get("detail").asText()).contains("authentication required");

    // A user of its own: Camunda delays logins after a wrong password, which would slow down other tests' users.
    createUser("wrong-password-user", "right-password");
    Http.Response wrongPassword = anonymous.as("wrong-password-user", "wrong").get("/api/incidents");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(wrongPassword.json().get("detail").asText()).isEqualTo("wrong user name or password");
    assertThat(anonymous.as("nobody", "nobody").postJson("/api/incidents", "{\"title\":\"x\",\"severity\":\"SEV1\"}").status())
        .isEqualTo(401);

    assertThat(anonymous.get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(frida.get("/engine-rest/process-definition").status()).isEqualTo(200);

    Http.Response health = anonymous.get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.get("/actuator/env").status()).isIn(401, 404);
  }

  @Test
  void aUserWithoutARoleGroupMayNotDeclare() {
    createUser("visitor", "visitor-password");
    Http.Response response = anonymous.as("visitor", "visitor-password")
        .postJson("/api/incidents", "{\"title\":\"x\",\"severity\":\"SEV1\"}");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().get("detail").asText()).contains("CREATE");
  }
}
