package io.firebreak.integration.git;

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
 * GitHub's {@code pull_request} webhook: a postmortem's review pull request was merged (published) or closed without
 * merging (back to the Incident Manager). Signed with {@code firebreak.github.webhook-secret} in
 * {@code X-Hub-Signature-256}; events of another repository than {@code firebreak.github.repository} are ignored.
 */
@RestController
@EnableConfigurationProperties(GitHubProperties.class)
class GitHubWebhook {

  private final GitHubProperties properties;
  private final SignedWebhooks webhooks;
  private final PostmortemProgress progress;

  GitHubWebhook(GitHubProperties properties, SignedWebhooks webhooks, PostmortemProgress progress) {
    this.properties = properties;
    this.webhooks = webhooks;
    this.progress = progress;
  }

  @PostMapping(path = "/api/webhooks/github", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> github(@RequestHeader(name = "X-GitHub-Event", required = false) String event,
                           @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
                           HttpServletRequest request) throws IOException {
    SignedWebhooks.Delivery delivery = webhooks.receive(request, "GitHub", properties.webhookSecret(),
        "FIREBREAK_GITHUB_WEBHOOK_SECRET", "X-Hub-Signature-256", signature);
    if (delivery.refusal() != null) {
      return delivery.refusal();
    }
    return webhooks.handle(() -> onGitHub(event, delivery.body()));
  }

  private ResponseEntity<?> onGitHub(String event, byte[] body) {
    if ("ping".equals(event)) {
      return SignedWebhooks.outcome(HttpStatus.OK, "pong");
    }
    if (!"pull_request".equals(event)) {
      return SignedWebhooks.outcome(HttpStatus.ACCEPTED, "ignored: event " + event);
    }
    Optional<JsonNode> parsed = webhooks.parse(body);
    if (parsed.isEmpty()) {
      return SignedWebhooks.notJson();
    }
    JsonNode payload = parsed.get();
    String action = payload.path("action").asText();
    if (!"closed".equals(action)) {
      return SignedWebhooks.outcome(HttpStatus.ACCEPTED, "ignored: pull request " + action);
    }
    String repository = payload.path("repository").path("full_name").asText();
    String ours = properties.repository();
    if (ours != null && !ours.isBlank() && !ours.equalsIgnoreCase(repository)) {
      return SignedWebhooks.outcome(HttpStatus.ACCEPTED, "ignored: repository " + repository);
    }
    JsonNode pullRequest = payload.path("pull_request");
    int number = pullRequest.path("number").asInt(payload.path("number").asInt());
    boolean merged = pullRequest.path("merged").asBoolean(false);
    String by = pullRequest.path(merged ? "merged_by" : "user").path("login").asText(null);
    // The merge commit is where the reviewed text is read; anything but a commit id reads the base branch instead.
    String mergedCommit = pullRequest.path("merge_commit_sha").asText("");
    if (!mergedCommit.matches("[0-9a-f]{40}")) {
      mergedCommit = null;
    }
    PostmortemProgress.Outcome outcome = progress.pullRequestClosed(number, merged, by, mergedCommit);
    return SignedWebhooks.outcome(outcome.concernsPostmortem(), outcome.text());
  }
}
