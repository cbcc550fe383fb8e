package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakTest;
import io.firebreak.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code X-Content-Type-Options: nosniff} on a sample of every kind of answer. */
class ContentTypeOptionsTest extends FirebreakTest {

  @LocalServerPort
  int port;

  @Test
  void everyKindOfAnswerSaysNosniff() {
    Http anonymous = Http.to(port);
    Http frida = anonymous.as("frida");
    assertNosniff(frida.get("/api/incidents"), 200);
    assertNosniff(anonymous.get("/api/incidents"), 401);
    assertNosniff(frida.get("/api/incidents/INC-0"), 404);
    assertNosniff(frida.get("/api/incidents?limit=0"), 400);
    assertNosniff(anonymous.bearer("wrong").postJson("/api/alerts", "{}"), 401);
    assertNosniff(frida.get("/engine-rest/version"), 200);
    assertNosniff(anonymous.get("/engine-rest/version"), 401);
    assertNosniff(frida.get("/engine-rest/process-definition/no-such-definition"), 400);
    assertNosniff(frida.get("/engine-rest/no-such-resource"), 404);
    assertNosniff(anonymous.get("/actuator/health"), 200);
    assertNosniff(anonymous.get("/camunda/app/tasklist/default/"), 200);
    assertNosniff(anonymous.get("/camunda/api/admin/auth/user/default"), 404);
    assertNosniff(anonymous.get("/camunda/api/engine/engine/default/task"), 401);
    assertNosniff(anonymous.get("/no-such-page"), 404);
  }

  private static void assertNosniff(Http.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().allValues("X-Content-Type-Options")).as("status " + status).containsExactly("nosniff");
  }
}
