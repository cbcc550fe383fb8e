package io.firebreak.postmortem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.config.ApiError;
import io.firebreak.config.RequestBodies;
import io.firebreak.integration.HubSignature;
import io.firebreak.postmortem.ActionItems.ActionItem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks that move postmortems on: GitHub's {@code pull_request} (a postmortem's pull request merged or closed) and
 * Jira's {@code jira:issue_updated} (an action item's issue reached Done). Both are signed with a shared secret
 * (HMAC-SHA256 of the raw body, {@code X-Hub-Signature-256} and {@code X-Hub-Signature}); a request that is not signed
 * with it is refused with 401 and changes nothing. Events that concern no postmortem are acknowledged and ignored,
 * so a repeated delivery is harmless. Bodies are read only up to {@code firebreak.webhooks.max-body-size} (413 above
 * it, before the signature is checked), since anyone can send them.
 */
@RestController
@RequestMapping(path = "/api/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class PostmortemWebhooks {

  private final String githubSecret;
  private final String githubRepository;
  private final String jiraSecret;
  private final long maxBodySize;
  private final PostmortemRecords records;
  private final ActionItems actionItems;
  private final ActionItemTracking tracking;
  private final PostmortemReviews reviews;
  private final RuntimeService runtimeService;
  private final ObjectMapper json;
  private final TransactionTemplate transactions;

  PostmortemWebhooks(@Value("${firebreak.github.webhook-secret:}") String githubSecret,
                     @Value("${firebreak.github.repository:}") String githubRepository,
                     @Value("${firebreak.jira.webhook-secret:}") String jiraSecret,
                     @Value("${firebreak.webhooks.max-body-size:2MB}") DataSize maxBodySize,
                     PostmortemRecords records, ActionItems actionItems, ActionItemTracking tracking,
                     PostmortemReviews reviews, RuntimeService runtimeService, ObjectMapper json, PlatformTransactionManager transactionManager) {
    this.githubSecret = githubSecret;
    this.githubRepository = githubRepository;
    this.jiraSecret = jiraSecret;
    this.maxBodySize = maxBodySize.toBytes();
    this.records = records;
    this.actionItems = actionItems;
    this.tracking = tracking;
    this.reviews = reviews;
    this.runtimeService = runtimeService;
    this.json = json;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** Read and verified outside a transaction: a slow sender holds no database connection. */
  @PostMapping("/github")
  ResponseEntity<?> github(@RequestHeader(name = "X-GitHub-Event", required = false) String event,
                           @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
                           HttpServletRequest request) throws IOException {
    if (githubSecret.isBlank()) {
      return notConfigured("GitHub", "FIREBREAK_GITHUB_WEBHOOK_SECRET");
    }
    byte[] body = RequestBodies.read(request, maxBodySize);
    Optional<ResponseEntity<ApiError>> refused = refuse("GitHub", githubSecret, "X-Hub-Signature-256", signature, body);
    if (refused.isPresent()) {
      return refused.get();
    }
    return transactions.execute(status -> onGitHub(event, body));
  }

  private ResponseEntity<?> onGitHub(String event, byte[] body) {
    if ("ping".equals(event)) {
      return outcome(HttpStatus.OK, "pong");
    }
    if (!"pull_request".equals(event)) {
      return outcome(HttpStatus.ACCEPTED, "ignored: event " + event);
    }
    JsonNode payload = parse(body);
    if (payload == null) {
      return badRequest("the body is not JSON");
    }
    String action = payload.path("action").asText();
    if (!"closed".equals(action)) {
      return outcome(HttpStatus.ACCEPTED, "ignored: pull request " + action);
    }
    String repository = payload.path("repository").path("full_name").asText();
    if (!githubRepository.isBlank() && !githubRepository.equalsIgnoreCase(repository)) {
      return outcome(HttpStatus.ACCEPTED, "ignored: repository " + repository);
    }
    JsonNode pullRequest = payload.path("pull_request");
    int number = pullRequest.path("number").asInt(payload.path("number").asInt());
    Optional<String> key = records.findByPullRequest(number);
    if (key.isEmpty()) {
      return outcome(HttpStatus.ACCEPTED, "ignored: pull request #" + number + " reviews no postmortem");
    }
    boolean merged = pullRequest.path("merged").asBoolean(false);
    int correlated = runtimeService.createMessageCorrelation(PostmortemProcess.Messages.PULL_REQUEST_CLOSED)
        .processInstanceBusinessKey(key.get())
        .setVariable(PostmortemProcess.Variables.PULL_REQUEST_MERGED, merged)
        .correlateAllWithResult().size();
    if (correlated == 0) {
      return outcome(HttpStatus.OK, "ignored: the postmortem of " + key.get() + " is not waiting for its review");
    }
    reviews.pullRequestClosed(key.get(), number, merged,
        pullRequest.path(merged ? "merged_by" : "user").path("login").asText(null));
    return outcome(HttpStatus.OK, merged ? "published " + key.get() : "sent back " + key.get());
  }

  @PostMapping("/jira")
  ResponseEntity<?> jira(@RequestHeader(name = "X-Hub-Signature", required = false) String signature,
                         HttpServletRequest request) throws IOException {
    if (jiraSecret.isBlank()) {
      return notConfigured("Jira", "FIREBREAK_JIRA_WEBHOOK_SECRET");
    }
    byte[] body = RequestBodies.read(request, maxBodySize);
    Optional<ResponseEntity<ApiError>> refused = refuse("Jira", jiraSecret, "X-Hub-Signature", signature, body);
    if (refused.isPresent()) {
      return refused.get();
    }
    return transactions.execute(status -> onJira(body));
  }

  private ResponseEntity<?> onJira(byte[] body) {
    JsonNode payload = parse(body);
    if (payload == null) {
      return badRequest("the body is not JSON");
    }
    String event = payload.path("webhookEvent").asText();
    if (!"jira:issue_updated".equals(event)) {
      return outcome(HttpStatus.ACCEPTED, "ignored: event " + event);
    }
    String issue = payload.path("issue").path("key").asText();
    String category = payload.path("issue").path("fields").path("status").path("statusCategory").path("key").asText();
    if (!"done".equals(category)) {
      return outcome(HttpStatus.ACCEPTED, "ignored: " + issue + " is not done");
    }
    Optional<ActionItem> item = actionItems.findByTicket(issue);
    if (item.isEmpty()) {
      return outcome(HttpStatus.ACCEPTED, "ignored: " + issue + " is no action item");
    }
    String by = payload.path("user").path("displayName").asText(null);
    if (!tracking.doneInJira(item.get().id(), issue, by)) {
      return outcome(HttpStatus.OK, "ignored: the action item of " + issue + " was done already");
    }
    runtimeService.createMessageCorrelation(PostmortemProcess.Messages.ACTION_ITEM_DONE_IN_JIRA)
        .processInstanceVariableEquals(PostmortemProcess.Variables.ACTION_ITEM_ID, item.get().id())
        .correlateAllWithResult();
    return outcome(HttpStatus.OK, "done " + issue);
  }

  private static ResponseEntity<ApiError> notConfigured(String system, String setting) {
    return error(HttpStatus.NOT_FOUND, system + " webhooks are not configured (set " + setting + ")");
  }

  private Optional<ResponseEntity<ApiError>> refuse(String system, String secret, String header, String signature,
                                                    byte[] body) {
    if (signature == null) {
      return Optional.of(error(HttpStatus.UNAUTHORIZED, "missing " + header + " signature"));
    }
    if (!HubSignature.matches(secret, body, signature)) {
      return Optional.of(error(HttpStatus.UNAUTHORIZED, header + " does not match the body signed with the "
          + system + " webhook secret"));
    }
    return Optional.empty();
  }

  private JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static ResponseEntity<Map<String, String>> outcome(HttpStatus status, String outcome) {
    return ResponseEntity.status(status).body(Map.of("outcome", outcome));
  }

  private static ResponseEntity<ApiError> badRequest(String message) {
    return error(HttpStatus.BAD_REQUEST, message);
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(status.value(), status.getReasonPhrase(), message, List.of()));
  }
}
