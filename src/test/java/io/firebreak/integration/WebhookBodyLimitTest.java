package io.firebreak.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.RawHttp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/** GitHub's and Jira's webhooks read at most {@code firebreak.webhooks.max-body-size}, before any signature check. */
class WebhookBodyLimitTest extends ConnectedFirebreakTest {

  @Autowired
  Environment environment;

  long limit() {
    return DataSize.parse(environment.getProperty("firebreak.webhooks.max-body-size")).toBytes();
  }

  @Test
  void theDefaultFitsRealDeliveriesAndAGenerousOneIsAccepted() {
    assertThat(limit()).isEqualTo(DataSize.ofMegabytes(2).toBytes());
    // A pull request event with a long description is some 100 KB; 1.5 MB is well above any real one.
    String large = "{\"zen\": \"" + "x".repeat(1_500_000) + "\"}";

    Http.Response ping = deliver("/api/webhooks/github", "ping", "X-Hub-Signature-256", GITHUB_SECRET, large);

    assertThat(ping.status()).as(ping.body()).isEqualTo(200);
  }

  @Test
  void aDeclaredLengthAboveTheLimitIsRefusedBeforeTheBodyIsRead() {
    for (String path : new String[] {"/api/webhooks/github", "/api/webhooks/jira", "/api/slack/commands",
        "/api/slack/interactions"}) {
      // 64 MB announced, nothing sent: an answer at all shows nothing was waited for.
      RawHttp.Answer refused = RawHttp.from("127.0.0.1", port).send("POST " + path + " HTTP/1.1\r\n"
          + "Content-Type: application/json\r\nX-GitHub-Event: pull_request\r\nX-Hub-Signature-256: sha256=00\r\n"
          + "X-Hub-Signature: sha256=00\r\nContent-Length: " + (64L << 20), new byte[0]);

      assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(413);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.body()).contains("\"status\":413", "the body is larger than " + limit() + " bytes");
    }
  }

  @Test
  void aStreamedBodyIsCountedWhileReadingAndRefusedPastTheLimitEvenWhenSigned() {
    String body = "{\"webhookEvent\": \"jira:issue_updated\", \"pad\": \"" + "x".repeat((int) limit()) + "\"}";
    String signature = HubSignature.sign(JIRA_SECRET, body.getBytes(StandardCharsets.UTF_8));

    Http.Response refused = Http.to(port).header("X-Hub-Signature", signature).postJsonStreamed("/api/webhooks/jira", body);

    assertThat(refused.status()).as(refused.body()).isEqualTo(413);
    assertThat(refused.json().get("detail").asText()).isEqualTo("the body is larger than " + limit() + " bytes");
  }
}
