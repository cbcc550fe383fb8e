package io.firebreak.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.firebreak.incident.IncidentProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.firebreak.Http;
import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.postmortem.ActionItems;
import io.firebreak.postmortem.PostmortemProcess;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slack and Jira down while an incident opens: the people resolve and close it all the same, the failing steps stay
 * visible on the incident and in Cockpit, and once the tools are back the retried steps finish what was left in the
 * right order, creating nothing twice. And a Jira follow-up whose link failed is not filed twice.
 */
class ResolutionWithAToolDownTest extends ConnectedFirebreakTest {

  @Autowired
  ActionItems actionItems;

  @Test
  void slackAndJiraDownWhileTheIncidentOpensNeitherBlockResolutionNorClosingAndTheRetriesCreateNothingTwice() {
    // Slack creates the channel, then fails on every post; Jira refuses to create the ticket.
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(aResponse().withStatus(500).withBody("slack is down")));
    vendors.stubFor(post("/jira/rest/api/3/issue").willReturn(aResponse().withStatus(503).withBody("jira is down")));
    Incident declared = declare("Checkout fails in EU", Severity.SEV2, "frida");
    String pi = declared.processInstanceId();
    String key = declared.key();

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThatThrownBy(() -> runJob(pi, OPEN_CHAT_CHANNEL)).hasMessageContaining("Slack answered HTTP 500");
    }
    assertThatThrownBy(() -> runJob(pi, CREATE_INCIDENT_TICKET)).hasMessageContaining("Jira answered HTTP 503");
    runJob(pi, OPEN_BRIDGE);
    runJob(pi, PAGE_ON_CALL);
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    assertThatThrownBy(() -> runJob(pi, INTRODUCE_RESPONSE_TEAM)).hasMessageContaining("Slack answered HTTP 500");
    leadTheFix(pi, "ivan", "monitoring", "Rolled back the release", null, true);
    assertThatThrownBy(() -> runJob(pi, POST_STATUS_UPDATE)).hasMessageContaining("Slack answered HTTP 500");

    // The Incident Manager confirms the resolution while the channel and the ticket still fail.
    complete(pi, CONFIRM_RESOLUTION, "ivan", resolution("Rolled back the release", Impact.MAJOR));
    assertThat(incidents.get(key).resolvedAt()).isNotNull();
    runJobs(pi);
    assertThat(jobsAt(pi, ANNOUNCE_RESOLUTION)).as("the announcement waits for the channel's step").isEmpty();

    // The incident shows what is failing, to a first responder (no engine rights on process instances) too.
    JsonNode failing = Http.to(port).as("frida").get("/api/incidents/" + key).json().get("failingSteps");
    assertThat(failing).isNotNull();
    List<String> steps = new ArrayList<>();
    failing.forEach(step -> steps.add(step.get("elementId").asText()));
    assertThat(steps).containsExactlyInAnyOrder(OPEN_CHAT_CHANNEL, CREATE_INCIDENT_TICKET, INTRODUCE_RESPONSE_TEAM,
        POST_STATUS_UPDATE);
    JsonNode channel = step(failing, OPEN_CHAT_CHANNEL);
    assertThat(channel.get("step").asText()).isEqualTo("Open the incident channel");
    assertThat(channel.get("process").asText()).isEqualTo("incident");
    assertThat(channel.get("error").asText()).isEqualTo("Slack answered HTTP 500 to chat.postMessage: slack is down");
    assertThat(channel.get("retriesLeft").asInt()).isZero();
    assertThat(channel.get("cockpitIncident").asBoolean()).isTrue();
    assertThat(channel.get("since").asText()).isNotBlank();
    JsonNode ticket = step(failing, CREATE_INCIDENT_TICKET);
    assertThat(ticket.get("error").asText()).startsWith("Jira answered HTTP 503");
    assertThat(ticket.get("retriesLeft").asInt()).isEqualTo(4);
    assertThat(ticket.get("cockpitIncident").asBoolean()).isFalse();

    // The postmortem is held and published: the incident closes while Slack and Jira are still down.
    // (a pull request number of its own: the tests share one database, a merge finds its postmortem by number)
    vendors.stubFor(post("/github/repos/" + REPOSITORY + "/pulls").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"number\": 9, \"html_url\": \"https://github.com/acme/postmortems/pull/9\"}")));
    passReopenWindow(pi);
    holdPostmortem(key, List.of());
    String postmortem = postmortemOf(key);
    runJobs(postmortem);
    Http.Response merged = deliver("/api/webhooks/github", "pull_request", "X-Hub-Signature-256", GITHUB_SECRET,
        pullRequestClosed(true).replace("\"number\": 7", "\"number\": 9"));
    assertThat(merged.json().get("outcome").asText()).as(merged.body()).isEqualTo("published " + key);
    runJobs(postmortem, pi);
    assertThat(incidents.get(key).stage()).isEqualTo(Stage.CLOSED);
    assertThat(incidents.get(key).closedAt()).isNotNull();
    assertThat(jobsAt(pi, CLOSE_INCIDENT_TICKET)).as("closing the ticket waits for the ticket's step").isEmpty();
    assertThat(instance(pi)).as("the outside steps still run").isNotNull();

    // Slack and Jira are back; the operator retries the Cockpit incident, the retried ticket step runs again.
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + SUMMARY_TS + "\"}")));
    vendors.stubFor(post("/jira/rest/api/3/issue").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"10001\",\"key\":\"" + TICKET + "\"}")));
    engine.getManagementService().setJobRetries(jobsAt(pi, OPEN_CHAT_CHANNEL).get(0).getId(), 1);
    runJob(pi, OPEN_CHAT_CHANNEL);
    runJob(pi, CREATE_INCIDENT_TICKET);
    runJob(pi, INTRODUCE_RESPONSE_TEAM);
    runJob(pi, POST_STATUS_UPDATE);
    runJobs(pi);

    assertThat(instance(pi)).as("every step has finished").isNull();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi).count()).isZero();
    assertThat(Http.to(port).as("frida").get("/api/incidents/" + key).json().get("failingSteps")).isEmpty();
    assertThat(requestsTo("/slack/api/conversations.create")).as("one channel").hasSize(1);
    assertThat(requestsTo("/jira/rest/api/3/issue")).as("the refused request and one ticket").hasSize(2);
    assertThat(incidents.get(key).ticket().id()).isEqualTo(TICKET);
    assertThat(posts()).filteredOn(text -> text.contains(key + " is resolved.")).as("announced once").hasSize(1);
    assertThat(requestsTo("/jira/rest/api/3/issue/" + TICKET + "/transitions"))
        .extracting(request -> request.getMethod().getName()).as("the ticket closed after it was created")
        .containsExactly("GET", "POST");
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::message)
        .containsOnlyOnce("Incident channel opened: https://acme.slack.com/archives/" + CHANNEL)
        .containsOnlyOnce("Incident ticket created: " + vendors.baseUrl() + "/jira/browse/" + TICKET);
    assertThat(incidents.get(key).stage()).isEqualTo(Stage.CLOSED);
  }

  @Test
  void aFollowUpWhoseLinkFailedIsLinkedOnRetryAndNotFiledTwice() {
    Incident incident = resolvedIncident("Queue backlog after deploy", Severity.SEV2);
    String key = incident.key();
    vendors.stubFor(post("/jira/rest/api/3/issue").withRequestBody(matchingJsonPath("$.fields.summary",
            equalTo("Alert on queue age"))).atPriority(1)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"10301\",\"key\":\"OPS-301\"}")));
    vendors.stubFor(post("/jira/rest/api/3/issueLink").willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    vendors.resetRequests();

    holdPostmortem(key, List.of(actionItem("Alert on queue age", "dora", true, true)));
    String postmortem = postmortemOf(key);
    assertThatThrownBy(() -> runJob(postmortem, PostmortemProcess.Elements.FILE_ACTION_ITEMS))
        .hasMessageContaining("Jira answered HTTP 502");
    assertThat(actionItems.list(key)).extracting(item -> item.ticket() == null ? null : item.ticket().id())
        .as("stored before the link")
        .containsExactly("OPS-301");

    vendors.stubFor(post("/jira/rest/api/3/issueLink").willReturn(aResponse().withStatus(201)));
    runJob(postmortem, PostmortemProcess.Elements.FILE_ACTION_ITEMS);

    vendors.verify(1, postRequestedFor(urlEqualTo("/jira/rest/api/3/issue"))
        .withRequestBody(matchingJsonPath("$.fields.summary", equalTo("Alert on queue age"))));
    vendors.verify(2, postRequestedFor(urlEqualTo("/jira/rest/api/3/issueLink")).withRequestBody(equalToJson("""
        {"type": {"name": "Relates"}, "inwardIssue": {"key": "OPS-301"}, "outwardIssue": {"key": "%s"}}
        """.formatted(TICKET))));
    assertThat(requestsTo("/jira/rest/api/3/issueLink")).hasSize(2);
    assertThat(actionItems.list(key)).extracting(item -> item.ticket().id()).containsExactly("OPS-301");
  }

  @Test
  void theStatusPageIsResolvedOnlyAfterTheApprovedUpdateIsOnIt() {
    String incidentsOfPage = "/statuspage/v1/pages/" + PAGE + "/incidents";
    vendors.stubFor(post(incidentsOfPage).willReturn(aResponse().withStatus(503).withBody("statuspage is down")));
    Incident incident = declareAndStaff("Logins slow in US", Severity.SEV2);
    String pi = incident.processInstanceId();
    runJobs(pi);
    leadTheFix(pi, "ivan", "identified", "Database failover in progress", "Logins are slow; we are failing over.", false);
    complete(pi, PUBLISH_EXTERNAL_UPDATE, "carla",
        Map.of("externalUpdate", "Logins are slow; we are failing over.", "updateStatus", "identified"));
    assertThatThrownBy(() -> runJob(pi, UPDATE_STATUS_PAGE)).hasMessageContaining("Statuspage");
    leadTheFix(pi, "ivan", "monitoring", "Failover done", null, true);
    complete(pi, CONFIRM_RESOLUTION, "ivan", resolution("Failed over to the standby database", Impact.MAJOR));

    assertThatThrownBy(() -> runJob(pi, RESOLVE_STATUS_PAGE))
        .hasMessage("it waits for \"Update the status page\": 1 approved update is not on the status page yet");
    assertThat(requestsTo(incidentsOfPage + "/" + STATUSPAGE_INCIDENT)).as("nothing resolved yet").isEmpty();

    vendors.stubFor(post(incidentsOfPage).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + STATUSPAGE_INCIDENT + "\",\"shortlink\":\"https://stspg.io/abc123\"}")));
    runJob(pi, UPDATE_STATUS_PAGE);
    runJob(pi, RESOLVE_STATUS_PAGE);

    List<String> calls = requests().stream().filter(request -> request.getUrl().startsWith(incidentsOfPage))
        .map(request -> request.getMethod().getName() + " " + request.getUrl()).toList();
    assertThat(calls).as("created, then resolved").containsExactly("POST " + incidentsOfPage, "POST " + incidentsOfPage,
        "PATCH " + incidentsOfPage + "/" + STATUSPAGE_INCIDENT);
    assertThat(requestsTo(incidentsOfPage + "/" + STATUSPAGE_INCIDENT).get(0).getBodyAsString())
        .contains("\"status\":\"resolved\"");
  }

  private static JsonNode step(JsonNode failing, String elementId) {
    for (JsonNode step : failing) {
      if (step.get("elementId").asText().equals(elementId)) {
        return step;
      }
    }
    throw new AssertionError("no failing step " + elementId + " in " + failing);
  }

  /** The text of every message posted to Slack, decoded. */
  private static List<String> posts() {
    return requestsTo("/slack/api/chat.postMessage").stream()
        .map(LoggedRequest::getBodyAsString)
        .map(body -> URLDecoder.decode(body, StandardCharsets.UTF_8))
        .toList();
  }

  private org.camunda.bpm.engine.runtime.ProcessInstance instance(String pi) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).singleResult();
  }

  private List<Job> jobsAt(String pi, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(activityId).list();
  }

  private void runJob(String pi, String activityId) {
    List<Job> jobs = jobsAt(pi, activityId);
    assertThat(jobs).as("jobs at " + activityId).hasSize(1);
    engine.getManagementService().executeJob(jobs.get(0).getId());
  }
}
