package io.firebreak.integration.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakTest;
import io.firebreak.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without Slack's signing secret and bot token (the plain context), Slack's Request URLs are not there to call. */
class SlackRequestUrlsOffTest extends FirebreakTest {

  @LocalServerPort
  int port;

  @Test
  void slacksPathsAnswerNotFoundWithWhatToSet() {
    for (String path : new String[] {"/api/slack/commands", "/api/slack/interactions"}) {
      var answer = Http.to(port).header("X-Slack-Request-Timestamp", "1531420618")
          .header("X-Slack-Signature", "v0=" + "0".repeat(64))
          .post(path, "application/x-www-form-urlencoded", "text=note+x&user_id=UIVAN&channel_id=C1");

      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.json().get("detail").asText())
          .isEqualTo("Slack webhooks are not configured (set FIREBREAK_SLACK_SIGNING_SECRET and FIREBREAK_SLACK_TOKEN)");
    }
  }
}
