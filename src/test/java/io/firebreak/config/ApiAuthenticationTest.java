package io.firebreak.config;

import static io.firebreak.RawHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.FirebreakTest;
import io.firebreak.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP basic on {@code /api/**} through Spring Security, over real HTTP: what a client sees is what it saw when
 * Firebreak read the header itself (a JSON 401 with the challenge, no session, no headers of Spring Security's), and
 * Spring Security touches nothing outside the API. Each test comes from loopback addresses of its own (127.0.0.4x), so
 * its failed logins throttle no other test.
 */
class ApiAuthenticationTest extends FirebreakTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHALLENGE = "Basic realm=\"Firebreak\", charset=\"UTF-8\"";

  @LocalServerPort
  int port;

  @Test
  void aMalformedAuthorizationHeaderIsA401InJsonWithTheChallengeNeverA500() throws Exception {
    List<String> malformed = List.of(
        "Basic !!!not-base64!!!",
        "Basic " + base64("frida"),          // no colon
        "Basic " + base64(":frida"),         // no user name
        "Basic " + base64(":"),
        "Basic",
        "Basic ",
        "Basic " + base64("frida:frida").substring(1),
        "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', (byte) 0xFF}));
    int client = 40;
    for (String header : malformed) {
      // Every header from an address of its own: some of them name a user, and so count as failed logins.
      RawHttp.Answer answer = RawHttp.from("127.0.0." + client++, port).get("/api/incidents", header);
      assertThat(answer.status()).as(header + ": " + answer.body()).isEqualTo(401);
      assertThat(answer.header("WWW-Authenticate")).as(header).isEqualTo(CHALLENGE);
      assertThat(answer.header("Content-Type")).as(header).startsWith("application/problem+json");
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.get("status").asInt()).as(header).isEqualTo(401);
      assertThat(body.get("title").asText()).as(header).isEqualTo("Unauthorized");
      assertThat(body.get("instance").asText()).as(header + ": written by the filter as Spring MVC writes it")
          .isEqualTo("/api/incidents");
      assertThat(body.get("detail").asText()).as(header).isIn("authentication required: HTTP basic with a Firebreak user",
          "wrong user name or password");
      assertThat(body.has("fields")).as(header + ": no field was wrong").isFalse();
    }
  }

  @Test
  void aUserNameWithANulIsAWrongPasswordNotAFailedQuery() throws Exception {
    // PostgreSQL refuses a NUL in a query parameter: checked against the users, this was a 500 there.
    RawHttp.Answer answer = RawHttp.from("127.0.0.48", port).get("/api/incidents",
        "Basic " + base64("fri\u0000da:frida"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    assertThat(answer.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
    assertThat(JSON.readTree(answer.body()).get("detail").asText()).isEqualTo("wrong user name or password");
  }

  @Test
  void theSchemeIsCaseInsensitiveAndTheRightPasswordGetsIn() {
    RawHttp client = RawHttp.from("127.0.0.49", port);
    RawHttp.Answer lowerCase = client.get("/api/incidents", "basic " + base64("frida:frida"));
    assertThat(lowerCase.status()).as(lowerCase.body()).isEqualTo(200);
    RawHttp.Answer upperCase = client.get("/api/incidents", "BASIC " + base64("frida:frida"));
    assertThat(upperCase.status()).as(upperCase.body()).isEqualTo(200);
  }

  @Test
  void theApiKeepsNoSessionAndGetsNoHeadersOfSpringSecurity() {
    RawHttp client = RawHttp.from("127.0.0.50", port);
    for (RawHttp.Answer answer : List.of(client.get("/api/incidents", basic("frida", "frida")),
        client.get("/api/incidents", "Bearer not-a-user"))) {
      assertThat(answer.status()).as(answer.body()).isIn(200, 401);
      assertThat(answer.headers()).as("status " + answer.status()).doesNotContainKeys("set-cookie", "cache-control",
          "pragma", "expires", "x-frame-options", "x-xss-protection", "strict-transport-security");
      assertThat(answer.headers().get("x-content-type-options")).containsExactly("nosniff");
    }
  }

  @Test
  void aUsersCredentialsOnTheAlertIntakeAndTheWebhooksAreNotChecked() {
    RawHttp client = RawHttp.from("127.0.0.51", port);
    for (int attempt = 0; attempt < 7; attempt++) {
      RawHttp.Answer alert = client.send("POST /api/alerts HTTP/1.1\r\nAuthorization: " + basic("frida", "wrong")
          + "\r\nContent-Type: application/json\r\nContent-Length: 2", "{}".getBytes(StandardCharsets.UTF_8));
      // The alert intake's own answer (its token is missing), not the password check's; and no failed login counted.
      assertThat(alert.status()).as(alert.body()).isEqualTo(401);
      assertThat(alert.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(alert.body()).doesNotContain("wrong user name or password");
    }
    RawHttp.Answer frida = client.get("/api/incidents", basic("frida", "frida"));
    assertThat(frida.status()).as("seven tries at the alert intake throttle no one: " + frida.body()).isEqualTo(200);
  }

  @Test
  void guessesAgainstTheBareApiPathAreThrottledAsEverywhereElse() {
    // /api itself asks for a password too; it used to be left out of the throttle.
    RawHttp guesser = RawHttp.from("127.0.0.52", port);
    for (int guess = 0; guess < 5; guess++) {
      RawHttp.Answer wrong = guesser.get("/api", basic("frida", "guess-" + guess));
      assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
    }
    RawHttp.Answer throttled = guesser.get("/api", basic("frida", "guess-5"));
    assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotNull();
  }

  @Test
  void anAddressTheFirewallRefusesIsA400InJsonBeforeAnyPassword() throws Exception {
    RawHttp client = RawHttp.from("127.0.0.53", port);
    for (String path : List.of("/api/incidents;jsessionid=1", "/api/alerts/../incidents", "/api/incidents/%25",
        "/api/./incidents")) {
      RawHttp.Answer refused = client.get(path, basic("frida", "frida"));
      assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
      assertThat(JSON.readTree(refused.body()).get("detail").asText()).as(path).isEqualTo(ApiRequestRejected.MESSAGE);
      assertThat(refused.headers().get("x-content-type-options")).containsExactly("nosniff");
    }
    RawHttp.Answer unknownMethod = client.send("PROPFIND /api/incidents HTTP/1.1\r\nAuthorization: "
        + basic("frida", "frida"), new byte[0]);
    assertThat(unknownMethod.status()).as(unknownMethod.body()).isEqualTo(400);
  }

  @Test
  void aRefusedAddressClearsNoFailedLogins() {
    // Four wrong guesses, then the right password where the firewall refuses the address: no password was checked, so
    // the failures stay and the fifth wrong guess throttles as ever.
    RawHttp guesser = RawHttp.from("127.0.0.54", port);
    for (int guess = 0; guess < 4; guess++) {
      assertThat(guesser.get("/api/incidents", basic("frida", "guess-" + guess)).status()).isEqualTo(401);
    }
    assertThat(guesser.get("/api/incidents;x=1", basic("frida", "frida")).status()).isEqualTo(400);
    assertThat(guesser.get("/api/incidents", basic("frida", "guess-4")).status()).isEqualTo(401);

    assertThat(guesser.get("/api/incidents", basic("frida", "frida")).status()).isEqualTo(429);
  }

  @Test
  void headerBytesTomcatTakesAreTakenByTheApiToo() {
    // U+0085 is a control character, and Tomcat takes it in a header (as obs-text). Spring Security's firewall would
    // refuse it wherever code reads that header: in a controller, a 500. Tomcat has judged the header; the API takes it.
    RawHttp client = RawHttp.from("127.0.0.55", port);
    RawHttp.Answer alert = client.send("POST /api/alerts/opsgenie HTTP/1.1\r\nAccept: application/json\r\n"
        + "X-Firebreak-Token: demo-opsgenie-token\u0085\r\nContent-Type: application/json\r\nContent-Length: 2",
        "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(alert.status()).as("the intake's own answer to a wrong token: " + alert.body()).isEqualTo(401);
    assertThat(alert.header("WWW-Authenticate")).startsWith("Bearer");
    RawHttp.Answer user = client.send("GET /api/incidents HTTP/1.1\r\nAccept: application/json\r\n"
        + "Authorization: " + basic("frida", "frida") + "\r\nX-Note: a\u0085b", new byte[0]);
    assertThat(user.status()).as(user.body()).isEqualTo(200);
  }

  @Test
  void springSecurityTouchesNothingOutsideTheApi() {
    RawHttp client = RawHttp.from("127.0.0.56", port);
    // Its firewall would refuse these with 400; Camunda's engine REST API and Tomcat answer them as they always did.
    RawHttp.Answer engineRest = client.get("/engine-rest/version;x=1", basic("frida", "frida"));
    assertThat(engineRest.status()).as(engineRest.body()).isEqualTo(200);
    RawHttp.Answer encodedPercent = client.get("/engine-rest/process-definition/key/no%25such", basic("frida", "frida"));
    assertThat(encodedPercent.status()).as(encodedPercent.body()).isEqualTo(404);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
