package io.firebreak.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.firebreak.Http;
import io.firebreak.ProcessAssertions;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.postmortem.ActionItems;
import io.firebreak.postmortem.PostmortemArchive;
import io.firebreak.postmortem.PostmortemProcess;
import io.firebreak.postmortem.PostmortemRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The postmortem with its real tools: action items filed in Jira, the document committed to a git repository (a bare
 * repository on disk as the remote), the pull request on GitHub (WireMock), and the webhooks that report the review
 * and the action items' issues.
 */
class PostmortemReviewTest extends ConnectedFirebreakTest {

  @Autowired
  PostmortemRecords records;

  @Autowired
  ActionItems actionItems;

  @Autowired
  PostmortemArchive archive;

  @Test
  void actionItemsBecomeJiraIssuesThePostmortemIsAPullRequestAndOnlyItsMergePublishesIt() throws Exception {
    vendors.stubFor(post("/jira/rest/api/3/issue").withRequestBody(matchingJsonPath("$.fields.summary",
            equalTo("Add a canary stage"))).atPriority(1)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"10201\",\"key\":\"OPS-201\"}")));
    vendors.stubFor(post("/jira/rest/api/3/issue").withRequestBody(matchingJsonPath("$.fields.summary",
            equalTo("Alert on upload errors"))).atPriority(1)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"10202\",\"key\":\"OPS-202\"}")));
    Incident incident = resolvedIncident("Uploads fail after release", Severity.SEV2);
    String key = incident.key();
    vendors.resetRequests();

    holdPostmortem(key, List.of(actionItem("Add a canary stage", "dora", true, true),
        actionItem("Alert on upload errors", "carla", false, true)));
    String postmortem = postmortemOf(key);
    runJobs(postmortem);

    // The meeting: a 90-minute calendar event for everyone invited.
    String event = requestsTo("/google/calendar/v3/calendars/primary/events").get(0).getBodyAsString();
    assertThat(event).contains("\"summary\":\"Postmortem " + key + ": Uploads fail after release\"",
        "carla@firebreak.example", "dora@firebreak.example", "frida@firebreak.example", "ivan@firebreak.example");
    // The action items: one Jira issue each, related to the incident ticket, stored on the item.
    List<LoggedRequest> issues = requestsTo("/jira/rest/api/3/issue");
    assertThat(issues).hasSize(2);
    assertThat(issues.get(0).getBodyAsString()).contains("\"summary\":\"Add a canary stage\"", "\"duedate\":\"");
    assertThat(issues.get(1).getBodyAsString()).contains("\"summary\":\"Alert on upload errors\"")
        .doesNotContain("duedate");
    assertThat(requestsTo("/jira/rest/api/3/issueLink")).extracting(LoggedRequest::getBodyAsString)
        .allMatch(body -> body.contains("\"" + TICKET + "\"")).hasSize(2);
    assertThat(actionItems.list(key)).extracting(item -> item.ticket().id()).containsExactly("OPS-201", "OPS-202");

    // The document: committed on its own branch of the repository, proposed as a pull request.
    String markdown = records.get(key).markdown();
    assertThat(markdown).contains("OPS-201", "OPS-202");
    assertThat(committed("postmortem/" + key, "postmortems/" + key + ".md")).isEqualTo(markdown);
    vendors.verify(postRequestedFor(urlPathEqualTo("/github/repos/" + REPOSITORY + "/pulls"))
        .withHeader("Authorization", equalTo("Bearer " + GITHUB_TOKEN))
        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
        .withRequestBody(equalToJson("{\"title\": \"Postmortem " + key + ": Uploads fail after release\", \"head\": \"postmortem/"
            + key + "\", \"base\": \"main\", \"body\": \"${json-unit.any-string}\"}")));
    ProcessAssertions.assertThat(instance(postmortem)).isWaitingAt(PostmortemProcess.Elements.PULL_REQUEST_CLOSED);
    assertThat(records.get(key).reviewUrl()).isEqualTo(PULL_REQUEST_URL);

    // Unsigned or wrongly signed deliveries change nothing.
    assertThat(deliver("/api/webhooks/github", "pull_request", "X-Hub-Signature-256", null, pullRequestClosed(true))
        .status()).isEqualTo(401);
    Http.Response forged = deliver("/api/webhooks/github", "pull_request", "X-Hub-Signature-256", "not the secret",
        pullRequestClosed(true));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.json().get("detail").asText()).contains("X-Hub-Signature-256 does not match");
    ProcessAssertions.assertThat(instance(postmortem)).isWaitingAt(PostmortemProcess.Elements.PULL_REQUEST_CLOSED);
    assertThat(deliver("/api/webhooks/github", "ping", "X-Hub-Signature-256", GITHUB_SECRET, "{\"zen\": \"Keep it simple\"}")
        .json().get("outcome").asText()).isEqualTo("pong");

    // Closed without merging: back to the Incident Manager; the revision is a new commit on the same branch and the
    // pull request GitHub already has open is found again (422) rather than opened twice.
    Http.Response closed = deliver("/api/webhooks/github", "pull_request", "X-Hub-Signature-256", GITHUB_SECRET,
        pullRequestClosed(false));
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("outcome").asText()).isEqualTo("sent back " + key);
    vendors.stubFor(post("/github/repos/" + REPOSITORY + "/pulls").willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"A pull request already exists for acme:postmortem/" + key + ".\"}]}")));
    vendors.stubFor(get(urlPathEqualTo("/github/repos/" + REPOSITORY + "/pulls"))
        .withQueryParam("head", equalTo("acme:postmortem/" + key)).withQueryParam("state", equalTo("open"))
        .willReturn(okJson("[{\"number\": 8, \"html_url\": \"https://github.com/acme/postmortems/pull/8\"}]")));
    complete(postmortem, PostmortemProcess.Elements.REVISE_POSTMORTEM, "ivan", Map.of(
        "summary", "A release without canary broke uploads for 40 minutes",
        "impactDescription", "Uploads failed for customers in the US", "rootCauses", "No canary stage"));
    runJobs(postmortem);
    assertThat(committed("postmortem/" + key, "postmortems/" + key + ".md"))
        .contains("A release without canary broke uploads for 40 minutes");
    // Its two commits (the first text, the revision) on top of main as it was when the branch began.
    String commitMessage = "Postmortem " + key + ": Uploads fail after release";
    assertThat(history("postmortem/" + key)).startsWith(commitMessage, commitMessage)
        .filteredOn(commitMessage::equals).hasSize(2);
    assertThat(records.get(key).pullRequestNumber()).isEqualTo(8);
    assertThat(archive.markdown(key)).isEmpty();

    // A reviewer's own commit on the branch, then GitHub's merge: what is published is the merged text.
    String document = "postmortems/" + key + ".md";
    String mergeCommit = publishThroughReview(key, 8, "Reviewer's note: the canary stage was skipped by a hotfix flag.");
    assertThat(archive.markdown(key)).get().asString()
        .contains("A release without canary broke uploads for 40 minutes")
        .contains("Reviewer's note: the canary stage was skipped by a hotfix flag.")
        .isEqualTo(committed("main", document));
    assertThat(records.get(key).markdown()).as("Firebreak's copy is the published one").isEqualTo(archive.markdown(key).get());
    // The repository's front page lists it, and MkDocs (or Backstage TechDocs) can render the directory as a site.
    assertThat(committed("main", "postmortems/index.md")).startsWith("# Postmortems")
        .contains("SEV2 · [" + key + ": Uploads fail after release](" + key + ".md)");
    assertThat(committed("main", "mkdocs.yml")).contains("docs_dir: postmortems");
    assertThat(history("main").get(0)).isEqualTo("Postmortem index");
    assertThat(incidents.timeline(key)).extracting(io.firebreak.incident.TimelineEntry::message)
        .contains("Postmortem published as merged in " + mergeCommit.substring(0, 12) + " (" + PULL_REQUEST_URL.replace("/7", "/8") + ")");
    assertThat(incidents.get(key).stage()).isEqualTo(Stage.CLOSED);
    Http.Response again = deliver("/api/webhooks/github", "pull_request", "X-Hub-Signature-256", GITHUB_SECRET,
        pullRequestClosed(true).replace("\"number\": 7", "\"number\": 8"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("outcome").asText()).startsWith("ignored:");

    // Jira: an action item's issue reaching Done finishes it; a forged delivery does not.
    String done = """
        {"webhookEvent": "jira:issue_updated", "user": {"displayName": "Dora"},
         "issue": {"key": "OPS-201", "fields": {"status": {"name": "Done", "statusCategory": {"key": "done"}}}}}
        """;
    assertThat(deliver("/api/webhooks/jira", null, "X-Hub-Signature", "not the secret", done).status()).isEqualTo(401);
    assertThat(actionItems.list(key).get(0).done()).isFalse();
    Http.Response finished = deliver("/api/webhooks/jira", null, "X-Hub-Signature", JIRA_SECRET, done);
    assertThat(finished.status()).as(finished.body()).isEqualTo(200);
    assertThat(actionItems.list(key).get(0).doneBy()).isEqualTo("jira");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(PostmortemProcess.Elements.IMPLEMENT_ACTION_ITEM).list())
        .extracting(org.camunda.bpm.engine.task.Task::getAssignee).containsExactly("carla");
    assertThat(deliver("/api/webhooks/jira", null, "X-Hub-Signature", JIRA_SECRET, done).json().get("outcome").asText())
        .startsWith("ignored:");
    ProcessAssertions.assertThat(instance(postmortem)).isActive();
  }

  private org.camunda.bpm.engine.runtime.ProcessInstance instance(String id) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  /** A file as committed on a branch of the remote. */
  private static String committed(String branch, String path) throws Exception {
    try (Git git = Git.open(postmortemRemote.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      ObjectId head = git.getRepository().resolve("refs/heads/" + branch);
      RevCommit commit = walk.parseCommit(head);
      try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
        assertThat(tree).as(path + " on " + branch).isNotNull();
        return new String(git.getRepository().open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  private static List<String> history(String branch) throws Exception {
    try (Git git = Git.open(postmortemRemote.toFile())) {
      List<String> messages = new ArrayList<>();
      git.log().add(git.getRepository().resolve("refs/heads/" + branch)).call()
          .forEach(commit -> messages.add(commit.getShortMessage()));
      return messages;
    }
  }
}
