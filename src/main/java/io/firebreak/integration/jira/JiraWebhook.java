package io.firebreak.integration.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.integration.SignedWebhooks;
import io.firebreak.postmortem.PostmortemProgress;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jira's {@code jira:issue_updated} webhook: an action item's issue reached a status of the category Done. Signed with
 * {@code firebreak.jira.webhook-secret} in {@code X-Hub-Signature}.
 */
@RestController
@EnableConfigurationProperties(JiraProperties.class)
class JiraWebhook {

  private final JiraProperties properties;
  private final SignedWebhooks webhooks;
  private final PostmortemProgress progress;

  JiraWebhook(JiraProperties properties, SignedWebhooks webhooks, PostmortemProgress progress) {
    this.properties = properties;
    this.webhooks = webhooks;
    this.progress = progress;
  }

  @PostMapping(path = "/api/webhooks/jira", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> jira(@RequestHeader(name = "X-Hub-Signature", required = false) String signature,
                         HttpServletRequest request) throws IOException {
    SignedWebhooks.Delivery delivery = webhooks.receive(request, "Jira", properties.webhookSecret(),
        "FIREBREAK_JIRA_WEBHOOK_SECRET", "X-Hub-Signature", signature);
    if (delivery.refusal() != null) {
      return delivery.refusal();
    }
    return webhooks.handle(() -> onJira(delivery.body()));
  }

  private ResponseEntity<?> onJira(byte[] body) {
    Optional<JsonNode> parsed = webhooks.parse(body);
    if (parsed.isEmpty()) {
      return SignedWebhooks.notJson();
    }
    JsonNode payload = parsed.get();
    String event = payload.path("webhookEvent").asText();
    if (!"jira:issue_updated".equals(event)) {
      return SignedWebhooks.outcome(HttpStatus.ACCEPTED, "ignored: event " + event);
    }
    String issue = payload.path("issue").path("key").asText();
    String category = payload.path("issue").path("fields").path("status").path("statusCategory").path("key").asText();
    if (!"done".equals(category)) {
      return SignedWebhooks.outcome(HttpStatus.ACCEPTED, "ignored: " + issue + " is not done");
    }
    String by = payload.path("user").path("displayName").asText(null);
    PostmortemProgress.Outcome outcome = progress.actionItemDoneInJira(issue, by);
    return SignedWebhooks.outcome(outcome.concernsPostmortem(), outcome.text());
  }
}
