package io.firebreak.config;

import static io.firebreak.RawHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakTest;
import io.firebreak.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Failed logins over real HTTP from different loopback addresses (127.0.0.x, each a client of its own; tests
 * elsewhere come from 127.0.0.1 and are not throttled by these).
 */
class LoginThrottleApiTest extends FirebreakTest {

  @LocalServerPort
  int port;

  @Test
  void fifteenWrongPasswordsLockNobodyOutWhileEachAddressIsThrottledAfterFive() {
    createUser("ada", "correct-horse");
    for (int client = 21; client <= 23; client++) {
      RawHttp attacker = RawHttp.from("127.0.0." + client, port);
      for (int guess = 0; guess < 5; guess++) {
        RawHttp.Answer wrong = attacker.get("/api/incidents", basic("ada", "guess-" + guess));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
      }

      RawHttp.Answer throttled = attacker.get("/api/incidents", basic("ada", "guess-5"));

      assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
      assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
      assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
      assertThat(throttled.body()).contains("\"status\":429", "too many failed logins from your address");
      assertThat(attacker.get("/engine-rest/version", basic("ada", "correct-horse")).status())
          .as("no password is checked from a throttled address").isEqualTo(429);
    }

    // 15 wrong passwords reached the engine (its rule locked an account for good after 10).
    RawHttp ada = RawHttp.from("127.0.0.24", port);
    RawHttp.Answer own = ada.get("/engine-rest/version", basic("ada", "correct-horse"));
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(engine.getIdentityService().checkPassword("ada", "correct-horse")).isTrue();
  }

  @Test
  void twentyFailuresFromOneAddressThrottleEveryUserNameFromThere() {
    RawHttp sprayer = RawHttp.from("127.0.0.25", port);
    for (int name = 0; name < 20; name++) {
      assertThat(sprayer.get("/engine-rest/version", basic("nobody-" + name, "guess")).status()).isEqualTo(401);
    }

    RawHttp.Answer throttled = sprayer.get("/engine-rest/version", basic("frida", "frida"));

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotNull();
    assertThat(RawHttp.from("127.0.0.26", port).get("/engine-rest/version", basic("frida", "frida")).status())
        .isEqualTo(200);
  }

  @Test
  void theWebappsLoginIsThrottledTooAndStillLogsIn() {
    RawHttp guesser = RawHttp.from("127.0.0.27", port);
    for (int guess = 0; guess < 5; guess++) {
      RawHttp.Answer wrong = guesser.webappLogin("dora", "guess-" + guess);
      assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
    }

    RawHttp.Answer throttled = guesser.webappLogin("dora", "dora");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.body()).contains("too many failed logins");
    RawHttp.Answer login = RawHttp.from("127.0.0.28", port).webappLogin("dora", "dora");
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"dora\"");
  }

  @Test
  void aPathSpelledAnotherWayIsThrottledAsTheOneItMapsTo() {
    RawHttp guesser = RawHttp.from("127.0.0.29", port);
    for (int guess = 0; guess < 5; guess++) {
      // //api/incidents is mapped to /api/incidents: the same password check, so the same throttle
      RawHttp.Answer wrong = guesser.get("//api/incidents", basic("frida", "guess-" + guess));
      assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
    }
    assertThat(guesser.get("//api/incidents", basic("frida", "guess-5")).status()).isEqualTo(429);
    assertThat(guesser.get("/api/alerts/..;/incidents", basic("frida", "frida")).status())
        .as("no way around it through the alert endpoints' exemption").isIn(400, 429);
  }
}
