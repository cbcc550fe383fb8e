package io.firebreak.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.firebreak.incident.IncidentProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Impact;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.postmortem.PostmortemProcess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/**
 * A whole incident with every outside system configured, on the fakes: what Firebreak asks of Slack, Google, Jira,
 * Opsgenie and Statuspage, in the order the process asks it; and what happens when one of them is down.
 */
class ConnectedIncidentTest extends ConnectedFirebreakTest {

  /** Cached by the adapters once seen (Slack user ids, the workspace URL, Google's token): not part of the order. */
  private static final Set<String> LOOKUPS = Set.of("POST /slack/api/users.lookupByEmail", "POST /slack/api/auth.test",
      "POST /google/token");

  @Test
  void aDeclaredSev1ReachesEveryToolInTheOrderOfTheProcess() throws Exception {
    vendors.stubFor(get("/statuspage/v1/pages/" + PAGE + "/components").willReturn(okJson(
        "[{\"id\":\"cmp-media\",\"name\":\"Media API (US)\"},{\"id\":\"cmp-api\",\"name\":\"API\"}]")));
    Incident declared = declare("Media upload fails in US", Severity.SEV1, "frida");
    String pi = declared.processInstanceId();
    String key = declared.key();

    runJob(pi, OPEN_CHAT_CHANNEL);
    runJob(pi, OPEN_BRIDGE);
    runJob(pi, CREATE_INCIDENT_TICKET);
    runJob(pi, PAGE_ON_CALL);
    runJob(pi, SHARE_INCIDENT_LINKS);
    runJob(pi, LINK_INCIDENT_TICKET);
    Incident opened = incidents.get(key);
    assertThat(opened.chatChannel()).isEqualTo(new ExternalLink(CHANNEL, "https://acme.slack.com/archives/" + CHANNEL));
    assertThat(opened.bridge().url()).isEqualTo(MEET);
    assertThat(opened.ticket()).isEqualTo(new ExternalLink(TICKET, vendors.baseUrl() + "/jira/browse/" + TICKET));

    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    runJob(pi, INTRODUCE_RESPONSE_TEAM);
    leadTheFix(pi, "ivan", "identified", "A full storage node fails uploads", "We identified why uploads fail.", false);
    runJob(pi, POST_STATUS_UPDATE);
    complete(pi, PUBLISH_EXTERNAL_UPDATE, "carla",
        Map.of("externalUpdate", "We identified why uploads fail and are fixing it.", "updateStatus", "identified"));
    runJob(pi, UPDATE_STATUS_PAGE);
    leadTheFix(pi, "ivan", "monitoring", "Uploads recovered", null, true);
    runJob(pi, POST_STATUS_UPDATE);
    complete(pi, CONFIRM_RESOLUTION, "ivan", resolution("Moved uploads to a healthy storage node", Impact.CRITICAL));
    runJob(pi, RESOLVE_STATUS_PAGE);
    runJob(pi, ANNOUNCE_RESOLUTION);
    runJob(pi, EMAIL_STAKEHOLDERS);
    runJob(pi, CLOSE_ALERT);
    runJobs(pi);
    passReopenWindow(pi);
    holdPostmortem(key, List.of());
    String postmortem = postmortemOf(key);
    runJobs(postmortem);
    mergePullRequest(key);
    runJobs(postmortem, pi);

    String incidents = "/statuspage/v1/pages/" + PAGE + "/incidents";
    String ticket = "/jira/rest/api/3/issue/" + TICKET;
    String invite = "POST /slack/api/conversations.invite";
    String post = "POST /slack/api/chat.postMessage";
    String update = "POST /slack/api/chat.update";
    assertThat(calls()).containsExactly(
        // Open the incident channel: created, the First Responder invited, the welcome posted, the summary posted and
        // pinned
        "POST /slack/api/conversations.create", invite, post, post, "POST /slack/api/pins.add",
        // Open the bridge: a war-room event with a Meet link
        "POST /google/calendar/v3/calendars/primary/events?conferenceDataVersion=1",
        // Create the incident ticket, linked to channel and bridge
        "POST /jira/rest/api/3/issue", "POST " + ticket + "/remotelink", "POST " + ticket + "/remotelink",
        // Page the on-call team (declared by a person, SEV1)
        "POST /opsgenie/v2/alerts",
        // Share the links in the channel; link the ticket (again: nothing new, nothing doubled)
        post, update, "POST " + ticket + "/remotelink", "POST " + ticket + "/remotelink",
        // Introduce the response team
        invite, invite, invite, invite, post, update,
        // First round of the fix: the update in the channel, then the status page incident
        invite, invite, invite, invite, post, update,
        "GET /statuspage/v1/pages/" + PAGE + "/components", "POST " + incidents,
        // Second round
        invite, invite, invite, invite, post, update,
        // Resolve: status page, channel, (email over SMTP), the page closed
        "PATCH " + incidents + "/" + STATUSPAGE_INCIDENT, post, update,
        "POST /opsgenie/v2/alerts/firebreak-" + key + "/close?identifierType=alias",
        // Improve: the postmortem meeting's invitation, the pull request that reviews the postmortem
        "POST /google/calendar/v3/calendars/primary/events?conferenceDataVersion=1&sendUpdates=all",
        "POST /github/repos/" + REPOSITORY + "/pulls",
        // Close the incident: the ticket gets the status page link and is done
        "POST " + ticket + "/remotelink", "POST " + ticket + "/remotelink", "POST " + ticket + "/remotelink",
        "GET " + ticket + "/transitions", "POST " + ticket + "/transitions");

    LoggedRequest created = requestsTo(incidents).get(0);
    assertThat(created.getBodyAsString()).contains("\"component_ids\":[\"cmp-media\"]", "\"impact_override\":\"critical\"");
    assertThat(requestsTo("/jira/rest/api/3/issue").get(0).getBodyAsString())
        .contains("https://acme.slack.com/archives/" + CHANNEL, MEET);
    assertThat(smtp.getReceivedMessages()).isNotEmpty();
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("[Resolved] " + key + " (SEV1): Media upload fails in US");
    Incident closed = this.incidents.get(key);
    assertThat(closed.stage()).isEqualTo(Stage.CLOSED);
    assertThat(closed.statusPage()).isEqualTo(new ExternalLink(STATUSPAGE_INCIDENT, "https://stspg.io/abc123"));
    assertThat(this.incidents.timeline(key)).extracting(TimelineEntry::message)
        .noneMatch(message -> message.contains("recorded only"))
        .contains("Incident channel opened: https://acme.slack.com/archives/" + CHANNEL, "War room call opened: " + MEET,
            "Incident ticket created: " + vendors.baseUrl() + "/jira/browse/" + TICKET,
            "Status page incident created: https://stspg.io/abc123");
  }

  @Test
  void aToolThatIsDownRetriesThenBecomesACockpitIncidentWhileTheOtherStepsGoOnAndARetryAfterTheFixCreatesNothingTwice() {
    // Slack creates the channel, then fails on everything after it: the channel must not be created twice.
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(aResponse().withStatus(500).withBody("slack is down")));
    Incident declared = declare("Search fails everywhere", Severity.SEV2, "frida");
    String pi = declared.processInstanceId();

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThatThrownBy(() -> runJob(pi, OPEN_CHAT_CHANNEL)).hasMessageContaining("Slack answered HTTP 500");
    }
    var cockpitIncident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi).singleResult();
    assertThat(cockpitIncident.getActivityId()).isEqualTo(OPEN_CHAT_CHANNEL);
    assertThat(cockpitIncident.getIncidentMessage())
        .isEqualTo("Slack answered HTTP 500 to chat.postMessage: slack is down");
    assertThat(incidents.timeline(declared.key())).filteredOn(entry -> entry.type() == TimelineEntryType.STEP_FAILING)
        .extracting(TimelineEntry::message)
        .as("said at the first failure, not repeated for the same failure")
        .containsExactly("\"Open the incident channel\" failed and is retried: Slack answered HTTP 500 to "
            + "chat.postMessage: slack is down");
    assertThat(incidents.timeline(declared.key())).filteredOn(entry -> entry.type() == TimelineEntryType.STEP_FAILED)
        .extracting(TimelineEntry::message)
        .containsExactly("\"Open the incident channel\" failed and stopped retrying: Slack answered HTTP 500 to "
            + "chat.postMessage: slack is down. Fix the cause, then retry it in Cockpit.");
    assertThat(incidents.get(declared.key()).chatChannel()).as("stored before the step failed").isNotNull();

    // Independent steps went on: the ticket, the bridge and the page do not wait for Slack.
    runJob(pi, OPEN_BRIDGE);
    runJob(pi, CREATE_INCIDENT_TICKET);
    runJob(pi, PAGE_ON_CALL);
    assertThat(incidents.get(declared.key()).ticket()).isNotNull();

    // Slack is back; the operator retries in Cockpit.
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + SUMMARY_TS + "\"}")));
    Job failed = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(OPEN_CHAT_CHANNEL)
        .singleResult();
    engine.getManagementService().setJobRetries(failed.getId(), 1);
    runJob(pi, OPEN_CHAT_CHANNEL);

    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi).count()).isZero();
    assertThat(requestsTo("/slack/api/conversations.create")).as("one channel, however often it was tried").hasSize(1);
    assertThat(requestsTo("/slack/api/pins.add")).hasSize(1);
    assertThat(incidents.timeline(declared.key())).extracting(TimelineEntry::message)
        .as("the channel opened once, the failure said twice: while retrying and when it stopped")
        .containsOnlyOnce("Incident channel opened: https://acme.slack.com/archives/" + CHANNEL)
        .filteredOn(message -> message.contains("failed")).hasSize(2);
  }

  @Test
  void theSourceAlertIsAcknowledgedAsSoonAsAnIncidentManagerTakesTheRole() {
    String alias = "og-" + System.nanoTime();
    var outcome = alertIntake.accept(io.firebreak.alert.Alert.firing("opsgenie", "opsgenie:" + alias,
        "Queue age high", "oldest message 12 min", "critical", "production", "Jobs", null, Map.of()));
    String pi = outcome.processInstanceId();

    takeIncidentManagerRole(pi, "ivan");

    assertThat(task(pi, APPOINT_ROLES)).as("the team is still being appointed").isNotNull();
    runJob(pi, ACKNOWLEDGE_ALERT);
    assertThat(calls()).contains("POST /opsgenie/v2/alerts/" + alias + "/acknowledge?identifierType=alias");
  }

  private List<String> calls() {
    return requests().stream()
        .map(request -> request.getMethod().getName() + " " + request.getUrl())
        .filter(call -> !LOOKUPS.contains(call))
        .toList();
  }

  private void runJob(String pi, String activityId) {
    List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(activityId).list();
    assertThat(jobs).as("jobs at " + activityId).hasSize(1);
    engine.getManagementService().executeJob(jobs.get(0).getId());
  }
}
