package io.firebreak.integration.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.app_backend.SlackSignature;
import io.firebreak.Http;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Stage;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ConnectedFirebreakTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slack calling Firebreak over real HTTP, with the payloads Slack sends (form-encoded slash commands,
 * {@code block_actions} and {@code view_submission} JSON in the form field {@code payload}) signed with the test
 * secret; the Web API answers on WireMock, and the requests Firebreak makes there are asserted exactly.
 */
class SlackControlTest extends ConnectedFirebreakTest {

  private static final AtomicInteger channels = new AtomicInteger();
  /** Channel ids of this run: a database that outlives the run (PostgreSQL) keeps the incidents of earlier ones. */
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired
  ObjectMapper json;

  // ---- request verification ---------------------------------------------------------------------------------------

  @Test
  void slacksDocumentedSignatureIsComputedHereAsTheSdkChecksIt() {
    // The example of Slack's "Verifying requests from Slack" page.
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    String timestamp = "1531420618";
    String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    String documented = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    assertThat(slackSignature(secret, timestamp, body)).isEqualTo(documented);
    var verifier = new SlackSignature.Verifier(new SlackSignature.Generator(secret));
    long signedAt = Long.parseLong(timestamp) * 1000;
    assertThat(verifier.isValid(timestamp, body, documented, signedAt + 60_000)).isTrue();
    assertThat(verifier.isValid(timestamp, body, documented, signedAt + 6 * 60_000)).as("stale").isFalse();
    assertThat(verifier.isValid(timestamp, body.replace("roadrunner", "coyote"), documented, signedAt)).isFalse();
  }

  @Test
  void forgedReplayedAndUnsignedRequestsAreRefusedAndChangeNothing() {
    Incident incident = staffedWithChannel("Forged notes are kept out");
    String body = command("UIVAN", incident.chatChannel().id(), "note rolled back the deploy");
    String now = Long.toString(Instant.now().getEpochSecond());
    Http http = Http.to(port);

    var forged = fromSlack("/api/slack/commands", body, "not-the-signing-secret", 0);
    var stale = fromSlack("/api/slack/commands", body, SLACK_SIGNING_SECRET, 6 * 60);
    var unsigned = http.header("X-Slack-Request-Timestamp", now)
        .post("/api/slack/commands", "application/x-www-form-urlencoded", body);
    var tampered = http.header("X-Slack-Request-Timestamp", now)
        .header("X-Slack-Signature", slackSignature(SLACK_SIGNING_SECRET, now, body))
        .post("/api/slack/commands", "application/x-www-form-urlencoded", body.replace("UIVAN", "UFRIDA"));
    var noTimestamp = http.header("X-Slack-Signature", slackSignature(SLACK_SIGNING_SECRET, now, body))
        .post("/api/slack/commands", "application/x-www-form-urlencoded", body);
    var forgedButton = fromSlack("/api/slack/interactions",
        interaction(takeIncidentManagerRole("UIVAN", incident)), "not-the-signing-secret", 0);

    for (var refused : List.of(forged, stale, unsigned, tampered, noTimestamp, forgedButton)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(401);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.json().get("detail").asText()).contains("X-Slack-Signature");
    }
    sleepAWhile();
    assertThat(requests()).as("no Slack user looked up, nothing posted").isEmpty();
    assertThat(notes(incident)).isEmpty();
    assertThat(task(incident.processInstanceId(), IncidentProcess.Elements.LEAD_THE_FIX)).isNotNull();

    var signed = fromSlack("/api/slack/commands", body);
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    awaitEphemeral("UIVAN", 1);
    assertThat(notes(incident)).extracting(TimelineEntry::actor, TimelineEntry::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ivan", "rolled back the deploy"));
  }

  @Test
  void aBodyThatIsNotSlacksShapeIsABadRequest() {
    var noPayload = fromSlack("/api/slack/interactions", "payload=%7Bnot+json");
    var noUser = fromSlack("/api/slack/commands", "team_id=T0001&text=note+x");

    assertThat(noPayload.status()).isEqualTo(400);
    assertThat(noPayload.header("Content-Type")).startsWith("application/problem+json");
    assertThat(noUser.status()).isEqualTo(400);
    assertThat(requests()).isEmpty();
  }

  // ---- who is asking ----------------------------------------------------------------------------------------------

  @Test
  void someoneFirebreakDoesNotKnowIsToldWhyAndNothingChanges() {
    Incident incident = staffedWithChannel("Strangers are told why");
    vendors.stubFor(post("/slack/api/users.info").withFormParam("user", equalTo("UZED")).willReturn(okJson(
        "{\"ok\":true,\"user\":{\"id\":\"UZED\",\"profile\":{\"email\":\"zed@elsewhere.example\"}}}")));

    var answer = fromSlack("/api/slack/commands", command("UZED", incident.chatChannel().id(), "note I was here"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
    LoggedRequest told = awaitEphemeral("UZED", 1).get(0);
    assertThat(told.formParameter("channel").firstValue()).isEqualTo(incident.chatChannel().id());
    assertThat(told.formParameter("text").firstValue())
        .isEqualTo("Firebreak has no user with the e-mail address zed@elsewhere.example (you in Slack).");
    assertThat(told.getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
    assertThat(requestsTo("/slack/api/users.info")).singleElement()
        .satisfies(info -> assertThat(info.formParameter("user").firstValue()).isEqualTo("UZED"));
    assertThat(notes(incident)).isEmpty();
  }

  @Test
  void aMistypedCommandIsAnsweredAtOnceWithTheCommands() {
    var answer = fromSlack("/api/slack/commands", command("UIVAN", "C0ELSEWHERE", "sevrity SEV1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("response_type").asText()).isEqualTo("ephemeral");
    assertThat(answer.json().get("text").asText()).contains("/incident note <text>", "/incident severity SEV1",
        "/incident role cm @someone");
    sleepAWhile();
    assertThat(requests()).isEmpty();
  }

  // ---- commands ---------------------------------------------------------------------------------------------------

  @Test
  void onlyTheIncidentManagerChangesTheSeverity() {
    Incident incident = staffedWithChannel("Severity from Slack");
    String channel = incident.chatChannel().id();

    fromSlack("/api/slack/commands", command("UFRIDA", channel, "severity SEV1"));
    assertThat(text(awaitEphemeral("UFRIDA", 1).get(0)))
        .isEqualTo("Only the Incident Manager of " + incident.key() + " may change the severity (ivan); you are frida.");
    assertThat(incidents.get(incident.key()).severity()).isEqualTo(Severity.SEV2);

    fromSlack("/api/slack/commands", command("UIVAN", channel, "severity sev1"));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo(incident.key() + ": severity SEV2 → SEV1.");
    assertThat(incidents.get(incident.key()).severity()).isEqualTo(Severity.SEV1);
    assertThat(engine.getRuntimeService().getVariable(incident.processInstanceId(), "severity")).isEqualTo("SEV1");
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.SEVERITY_CHANGED)
        .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("ivan"));
  }

  @Test
  void theIncidentManagerAppointsTheCommunicationsManagerByMention() throws Exception {
    Incident incident = staffedWithChannel("Roles from Slack");
    runJobs(incident.processInstanceId()); // the channel opened, the team of Appoint roles introduced
    vendors.resetRequests();

    fromSlack("/api/slack/commands", command("UIVAN", incident.chatChannel().id(), "role cm <@UDAN|dan>"));

    assertThat(text(awaitEphemeral("UIVAN", 1).get(0)))
        .isEqualTo("dan is the Communications Manager of " + incident.key() + " now.");
    assertThat(incidents.get(incident.key()).roles().communicationsManager()).isEqualTo("dan");
    assertThat(incidents.get(incident.key()).roles().domainExperts()).containsExactly("dora");
    assertThat(engine.getRuntimeService().getVariable(incident.processInstanceId(), "communicationsManager"))
        .isEqualTo("dan");
    assertThat(requestsTo("/slack/api/users.info")).extracting(r -> r.formParameter("user").firstValue())
        .containsExactly("UIVAN", "UDAN");
    assertThat(requestsTo("/slack/api/chat.postMessage")).as("told by a step of its own, after the commit").isEmpty();
    runJobs(incident.processInstanceId());
    // The channel learns it: dan invited, the team named again, the pinned summary showing him.
    assertThat(requestsTo("/slack/api/conversations.invite")).extracting(r -> r.formParameter("users").firstValue())
        .contains("UDAN");
    assertThat(requestsTo("/slack/api/chat.postMessage")).extracting(r -> r.formParameter("text").firstValue())
        .contains("Response team for " + incident.key() + ": Incident Manager <@UIVAN>, Communications Manager "
            + "<@UDAN>, Domain Experts <@UDORA>");
    assertThat(requestsTo("/slack/api/chat.update")).as("the pinned summary, edited").singleElement()
        .satisfies(summary -> assertThat(json.readTree(summary.formParameter("blocks").firstValue())
            .findValuesAsText("text")).contains("*Communications Manager*\n<@UDAN>"));
  }

  @Test
  void theSummaryOfAnOpeningIncidentOffersAppointRoles() throws Exception {
    Incident incident = declare("Roles still to appoint", Severity.SEV2, "frida");
    vendors.resetRequests();

    runJobs(incident.processInstanceId());

    assertThat(summaryButtons()).containsExactly("take_incident_manager_role=" + incident.key(),
        "appoint_roles=" + incident.key(), "post_update=" + incident.key(),
        "publish_external_update=" + incident.key(), "confirm_resolution=" + incident.key());
  }

  @Test
  void roleCommandsCompleteAppointRolesWhileItIsOpen() {
    Incident incident = withChannel(declare("Roles by command", Severity.SEV2, "frida"));
    String pi = incident.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    String channel = incident.chatChannel().id();

    fromSlack("/api/slack/commands", command("UIVAN", channel, "role cm <@UCARLA|carla>"));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).as("nothing is kept for a second command, on any node")
        .isEqualTo("\"Appoint roles\" of " + incident.key() + " takes both roles at once: `/incident role cm @someone de "
            + "@someone @another`, or the *Appoint roles* button on the pinned summary.");
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey).containsExactly(IncidentProcess.Elements.APPOINT_ROLES);
    assertThat(incidents.get(incident.key()).roles().communicationsManager()).isNull();

    fromSlack("/api/slack/commands", command("UFRIDA", channel, "role cm <@UCARLA> de <@UDORA>"));
    assertThat(text(awaitEphemeral("UFRIDA", 1).get(0)))
        .isEqualTo("\"Appoint roles\" of " + incident.key() + " is ivan's; you are frida.");

    fromSlack("/api/slack/commands", command("UIVAN", channel, "role de <@UDORA|dora> <@UDAN|dan> cm <@UCARLA|carla>"));
    assertThat(text(awaitEphemeral("UIVAN", 2).get(1))).isEqualTo("Roles of " + incident.key()
        + " appointed: Communications Manager carla, Domain Experts dora, dan.");
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey).doesNotContain(IncidentProcess.Elements.APPOINT_ROLES);
    Incident.Roles roles = incidents.get(incident.key()).roles();
    assertThat(roles.communicationsManager()).isEqualTo("carla");
    assertThat(roles.domainExperts()).containsExactlyInAnyOrder("dora", "dan");
  }

  @Test
  void theRolesModalRefusesSomeoneFirebreakDoesNotKnowAndKeepsTheTaskOpen() {
    Incident incident = withChannel(declare("Roles with a stranger", Severity.SEV2, "frida"));
    String pi = incident.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    vendors.stubFor(post("/slack/api/users.info").withFormParam("user", equalTo("UZED")).willReturn(okJson(
        "{\"ok\":true,\"user\":{\"id\":\"UZED\",\"name\":\"zed\",\"profile\":{\"email\":\"zed@elsewhere.example\"}}}")));

    var noExperts = fromSlack("/api/slack/interactions", interaction(roles("UIVAN",
        incident.key() + "|" + incident.chatChannel().id(), "UCARLA")));
    assertThat(noExperts.json().get("errors").get("domainExperts").asText()).isEqualTo("Choose at least one Domain Expert.");

    fromSlack("/api/slack/interactions", interaction(roles("UIVAN", incident.key() + "|" + incident.chatChannel().id(),
        "UCARLA", "UDORA", "UZED")));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0)))
        .isEqualTo("Firebreak has no user with the e-mail address zed@elsewhere.example (<@UZED> in Slack).");
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey).containsExactly(IncidentProcess.Elements.APPOINT_ROLES);
    assertThat(incidents.get(incident.key()).roles().communicationsManager()).isNull();
  }

  @Test
  void domainExpertsNamedDuringTheFixAreARoundOfLeadTheFixAndTheNewOneGetsShareFindings() {
    Incident incident = withChannel(declareAndStaff("Exports stuck", Severity.SEV3));
    String pi = incident.processInstanceId();
    runJobs(pi);

    fromSlack("/api/slack/commands", command("UCARLA", incident.chatChannel().id(), "role de <@UDAN|dan>"));
    assertThat(text(awaitEphemeral("UCARLA", 1).get(0))).as("the Incident Manager's to do").contains("ivan");
    assertThat(incidents.get(incident.key()).roles().domainExperts()).containsExactly("dora");

    fromSlack("/api/slack/commands", command("UIVAN", incident.chatChannel().id(), "role de <@UDORA|dora> <@UDAN|dan>"));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo("Domain Experts of " + incident.key() + ": dora, dan.");
    runJobs(pi);
    assertThat(incidents.get(incident.key()).roles().domainExperts()).containsExactlyInAnyOrder("dora", "dan");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.Elements.SHARE_FINDINGS).list()).extracting(Task::getAssignee)
        .as("the new expert's work, from the model").contains("dan");
    assertThat(task(pi, IncidentProcess.Elements.LEAD_THE_FIX)).as("the next round").isNotNull();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.Elements.LEAD_THE_FIX).finished().singleResult().getAssignee())
        .isEqualTo("ivan");
  }

  @Test
  void raisingASev3ToSev1FromSlackOpensTheBridgePagesAndDraftsInvestigating() {
    Incident incident = withChannel(declareAndStaff("Search returns nothing", Severity.SEV3));
    String pi = incident.processInstanceId();
    runJobs(pi);
    vendors.resetRequests();

    fromSlack("/api/slack/commands", command("UIVAN", incident.chatChannel().id(), "severity SEV1"));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo(incident.key() + ": severity SEV3 → SEV1.");
    runJobs(pi);

    assertThat(requestsTo("/google/calendar/v3/calendars/primary/events")).hasSize(1);
    assertThat(requestsTo("/opsgenie/v2/alerts")).hasSize(1);
    Task publish = task(pi, IncidentProcess.Elements.PUBLISH_EXTERNAL_UPDATE);
    assertThat(publish.getAssignee()).isEqualTo("carla");
    assertThat((String) engine.getTaskService().getVariable(publish.getId(), "externalUpdate")).isEqualTo(
        "Investigating: we are investigating Search returns nothing. We will post an update as soon as we know more.");
    assertThat(task(pi, IncidentProcess.Elements.LEAD_THE_FIX)).as("the next round").isNotNull();
    assertThat(incidents.timeline(incident.key())).extracting(TimelineEntry::message)
        .contains("investigating: Severity changed to SEV1 by ivan");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.Elements.LEAD_THE_FIX).finished().singleResult().getAssignee())
        .isEqualTo("ivan");
  }

  @Test
  void theSeverityWaitsForLeadTheFix() {
    Incident incident = withChannel(declare("Severity too early", Severity.SEV3, "frida"));
    takeIncidentManagerRole(incident.processInstanceId(), "ivan");

    fromSlack("/api/slack/commands", command("UIVAN", incident.chatChannel().id(), "severity SEV1"));

    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo("The severity of " + incident.key()
        + " changes with a round of \"Lead the fix\", and that is not open now (waiting for: Appoint roles); "
        + "try again once it is.");
    assertThat(incidents.get(incident.key()).severity()).isEqualTo(Severity.SEV3);
  }

  @Test
  void incidentInItsChannelShowsItsStateAndWhatIsDue() {
    Incident incident = staffedWithChannel("State from Slack");

    var answer = fromSlack("/api/slack/commands", command("UDORA", incident.chatChannel().id(), ""));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(text(awaitEphemeral("UDORA", 1).get(0))).startsWith("*" + incident.key() + ": State from Slack*\n"
            + "SEV2, investigating, stage fix, customer impact major\n"
            + "Incident Manager: ivan · Communications Manager: carla · Domain Experts: dora · First Responder: frida\n"
            + "Waiting for:")
        .contains("\n• Lead the fix — ivan");
    assertThat(requestsTo("/slack/api/views.open")).isEmpty();
  }

  @Test
  void aChannelTwoIncidentsHadBelongsToTheNewer() {
    Incident older = staffedWithChannel("An older incident of the channel");
    String channel = older.chatChannel().id();
    Incident newer = declareAndStaff("A newer incident in the same channel", Severity.SEV3);
    incidents.link(newer.key(), LinkKind.CHAT_CHANNEL, new ExternalLink(channel, "https://acme.slack.com/archives/" + channel));

    fromSlack("/api/slack/commands", command("UIVAN", channel, "note this is about the newer one"));

    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo("Noted on " + newer.key() + "'s timeline.");
    assertThat(notes(older)).isEmpty();
    assertThat(notes(newer)).extracting(TimelineEntry::message).containsExactly("this is about the newer one");
  }

  // ---- buttons ----------------------------------------------------------------------------------------------------

  @Test
  void theSummaryCarriesTheButtonsSlackCallsBackWith() throws Exception {
    Incident incident = staffedWithChannel("Buttons on the summary");

    runJobs(incident.processInstanceId());

    assertThat(summaryButtons()).as("the Fix: Appoint roles is done").containsExactly("take_incident_manager_role=" + incident.key(), "post_update=" + incident.key(),
            "publish_external_update=" + incident.key(), "confirm_resolution=" + incident.key());
  }

  @Test
  void onlyAnIncidentManagerCandidateTakesTheRoleAndOnlyOnce() {
    Incident incident = declareWithChannel("Who may lead");
    String pi = incident.processInstanceId();

    fromSlack("/api/slack/interactions", interaction(takeIncidentManagerRole("UCARLA", incident)));
    assertThat(text(awaitEphemeral("UCARLA", 1).get(0))).isEqualTo("\"Take the Incident Manager role\" of "
        + incident.key() + " is for frida, incident-managers; carla is not among them.");
    assertThat(task(pi, IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE).getAssignee()).isNull();

    fromSlack("/api/slack/interactions", interaction(takeIncidentManagerRole("UIVAN", incident)));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).startsWith("You are the Incident Manager of " + incident.key());
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey).containsExactly(IncidentProcess.Elements.APPOINT_ROLES);
    assertThat(incidents.get(incident.key()).roles().incidentManager()).isEqualTo("ivan");

    fromSlack("/api/slack/interactions", interaction(takeIncidentManagerRole("UIVAN", incident)));
    assertThat(text(awaitEphemeral("UIVAN", 2).get(1)))
        .isEqualTo("\"Take the Incident Manager role\" of " + incident.key() + " is already done by ivan.");
  }

  @Test
  void theWelcomesButtonTakesTheIncidentManagerRoleAsTheSummarysDoes() throws Exception {
    Incident incident = declareWithChannel("Nobody leads yet");
    String pi = incident.processInstanceId();
    runJobs(pi); // the channel's step: the welcome and the summary
    Task take = task(pi, IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE);
    assertThat(buttonsOf("welcome_actions")).containsExactly("take_incident_manager_role=" + incident.key());

    fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "welcome_actions",
        "take_incident_manager_role", "Take the Incident Manager role")));

    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).startsWith("You are the Incident Manager of " + incident.key());
    assertThat(engine.getTaskService().createTaskQuery().taskId(take.getId()).count()).as("gone from Tasklist").isZero();
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey).containsExactly(IncidentProcess.Elements.APPOINT_ROLES);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(take.getId()).singleResult()
        .getAssignee()).isEqualTo("ivan");
    assertThat(incidents.get(incident.key()).roles().incidentManager()).isEqualTo("ivan");
  }

  @Test
  void theResponseTeamsButtonsCompleteTheTasksTheSummarysDo() throws Exception {
    Incident incident = withChannel(declare("Team buttons", Severity.SEV3, "frida"));
    String pi = incident.processInstanceId();
    String channel = incident.chatChannel().id();
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    runJobs(pi); // the channel's step, then the team introduced
    assertThat(buttonsOf("response_team_actions")).containsExactly("post_update=" + incident.key(),
        "publish_external_update=" + incident.key(), "confirm_resolution=" + incident.key());

    // Post an update: the modal of Lead the fix, whose submission completes the round Tasklist shows.
    Task round = task(pi, IncidentProcess.Elements.LEAD_THE_FIX);
    vendors.resetRequests();
    fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "response_team_actions", "post_update",
        "Post an update")));
    JsonNode updateModal = json.readTree(await(() -> requestsTo("/slack/api/views.open"), 1).get(0)
        .formParameter("view").firstValue());
    assertThat(updateModal.path("callback_id").asText()).isEqualTo("post_update");
    assertThat(updateModal.path("private_metadata").asText()).isEqualTo(incident.key() + "|" + channel);
    fromSlack("/api/slack/interactions", interaction(update("UIVAN", incident.key() + "|" + channel, "monitoring",
        "Rolled back; watching", null, true)));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0)))
        .isEqualTo("Update posted for " + incident.key() + " (monitoring); ready to resolve.");
    assertThat(engine.getTaskService().createTaskQuery().taskId(round.getId()).count()).as("gone from Tasklist").isZero();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(round.getId()).singleResult()
        .getAssignee()).isEqualTo("ivan");
    runJobs(pi);

    // Confirm resolution: its modal's submission completes the task.
    Task confirm = task(pi, IncidentProcess.Elements.CONFIRM_RESOLUTION);
    vendors.resetRequests();
    fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "response_team_actions",
        "confirm_resolution", "Confirm resolution")));
    JsonNode resolutionModal = json.readTree(await(() -> requestsTo("/slack/api/views.open"), 1).get(0)
        .formParameter("view").firstValue());
    assertThat(resolutionModal.path("callback_id").asText()).isEqualTo("confirm_resolution");
    fromSlack("/api/slack/interactions", interaction(resolution("UIVAN", incident.key() + "|" + channel,
        "Rolled back the release")));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo(incident.key() + " is resolved: Rolled back the release");
    assertThat(engine.getTaskService().createTaskQuery().taskId(confirm.getId()).count()).as("gone from Tasklist").isZero();
    assertThat(incidents.get(incident.key()).stage()).isIn(Stage.RESOLVED, Stage.IMPROVE);
  }

  @Test
  void aButtonOfAnEarlierStageIsToldSoAndChangesNothing() throws Exception {
    Incident incident = staffedWithChannel("Old buttons in the history");
    String pi = incident.processInstanceId();
    runJobs(pi);
    List<String> teamButtons = buttonsOf("response_team_actions");
    resolve(pi, "Restarted the workers");
    assertThat(incidents.get(incident.key()).stage()).isEqualTo(Stage.RESOLVED);
    List<String> openBefore = tasklist(pi).stream().map(Task::getId).sorted().toList();
    long doneBefore = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi).finished()
        .count();
    vendors.resetRequests();

    fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "response_team_actions", "post_update",
        "Post an update")));
    fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "response_team_actions",
        "confirm_resolution", "Confirm resolution")));
    fromSlack("/api/slack/interactions", interaction(button("UCARLA", incident, "response_team_actions",
        "publish_external_update", "Publish external update")));
    var taken = fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "welcome_actions",
        "take_incident_manager_role", "Take the Incident Manager role")));

    assertThat(taken.status()).isEqualTo(200);
    assertThat(taken.body()).isEmpty();
    assertThat(teamButtons).containsExactly("post_update=" + incident.key(), "publish_external_update=" + incident.key(),
        "confirm_resolution=" + incident.key());
    String earlier = "That button is from an earlier stage of " + incident.key() + ": the incident is resolved, so "
        + "there is no \"%s\" to do any more and nothing changed. `/incident` shows what is open.";
    assertThat(awaitEphemeral("UIVAN", 3)).extracting(SlackControlTest::text).containsExactlyInAnyOrder(
        earlier.formatted("Lead the fix"), earlier.formatted("Confirm resolution"),
        earlier.formatted("Take the Incident Manager role"));
    assertThat(awaitEphemeral("UCARLA", 1)).extracting(SlackControlTest::text)
        .containsExactly(earlier.formatted("Publish external update"));
    assertThat(requestsTo("/slack/api/views.open")).as("no form opened").isEmpty();
    assertThat(tasklist(pi).stream().map(Task::getId).sorted().toList()).isEqualTo(openBefore);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi).finished().count())
        .isEqualTo(doneBefore);
  }

  @Test
  void aCommunicationsManagerChangedWhileSlackIsDownIsOnTheRecordAndTheChannelIsToldByARetriedStep() {
    Incident incident = staffedWithChannel("Roles while Slack is down");
    String pi = incident.processInstanceId();
    runJobs(pi);
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(aResponse().withStatus(500).withBody("slack is down")));
    vendors.resetRequests();

    fromSlack("/api/slack/commands", command("UIVAN", incident.chatChannel().id(), "role cm <@UDAN|dan>"));

    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo("dan is the Communications Manager of "
        + incident.key() + " now.");
    assertThat(incidents.get(incident.key()).roles().communicationsManager()).isEqualTo("dan");
    assertThat(engine.getRuntimeService().getVariable(pi, "communicationsManager")).isEqualTo("dan");
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.ROLE_CHANGED)
        .extracting(TimelineEntry::actor, TimelineEntry::message)
        .contains(org.assertj.core.groups.Tuple.tuple("ivan", "Communications Manager: carla → dan"));
    Job told = rolesChangedJob(incident);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(told.getId()))
        .hasMessageContaining("Slack answered HTTP 500 to chat.postMessage: slack is down");
    assertThat(rolesChangedJob(incident).getRetries()).as("retried by the shared cycle").isGreaterThan(0);
    engine.getManagementService().setJobRetries(told.getId(), 1);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(told.getId()));
    var cockpit = engine.getRuntimeService().createIncidentQuery().processInstanceId(told.getProcessInstanceId()).list();
    assertThat(cockpit).as("a Cockpit incident").singleElement().satisfies(failed -> {
      assertThat(failed.getActivityId()).isEqualTo(IncidentProcess.Elements.TELL_CHANNEL_ROLES_CHANGED);
      assertThat(failed.getIncidentMessage()).isEqualTo("Slack answered HTTP 500 to chat.postMessage: slack is down");
    });
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.STEP_FAILED)
        .extracting(TimelineEntry::message).containsExactly("\"Tell the channel the roles changed\" failed and stopped "
            + "retrying: Slack answered HTTP 500 to chat.postMessage: slack is down. Fix the cause, then retry it in Cockpit.");
    assertThat(incidents.get(incident.key()).roles().communicationsManager()).as("the change stays").isEqualTo("dan");

    // Slack is back; the operator retries in Cockpit.
    vendors.stubFor(post("/slack/api/chat.postMessage").willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + incident.chatChannel().id() + "\",\"ts\":\"" + SUMMARY_TS + "\"}")));
    vendors.resetRequests();
    engine.getManagementService().setJobRetries(told.getId(), 1);
    engine.getManagementService().executeJob(told.getId());

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(told.getProcessInstanceId())
        .count()).as("told: the step's instance ended").isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(told.getProcessInstanceId()).count())
        .isZero();
    assertThat(requestsTo("/slack/api/chat.postMessage")).extracting(r -> r.formParameter("text").firstValue())
        .containsExactly("Response team for " + incident.key() + ": Incident Manager <@UIVAN>, Communications Manager "
            + "<@UDAN>, Domain Experts <@UDORA>");
    assertThat(requestsTo("/slack/api/conversations.invite")).extracting(r -> r.formParameter("users").firstValue())
        .contains("UDAN");
  }

  @Test
  void theMessageShortcutAddsTheMessageToTheTimelineWithItsAuthor() {
    Incident incident = staffedWithChannel("Messages onto the timeline");
    String payload = """
        {"type": "message_action", "callback_id": "add_to_timeline", "trigger_id": "13345224609.738474920.8088930838d88f008e4",
         "team": {"id": "T0001", "domain": "acme"}, "user": {"id": "UCARLA", "name": "carla"},
         "channel": {"id": "%s", "name": "inc"}, "response_url": "https://hooks.slack.com/app/T0001/1234/abcd",
         "message_ts": "1700000000.000300",
         "message": {"type": "message", "user": "UDORA", "ts": "1700000000.000300",
                     "text": "Error rate is back under 1%% since the failover"}}
        """.formatted(incident.chatChannel().id());

    var answer = fromSlack("/api/slack/interactions", interaction(payload));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(text(awaitEphemeral("UCARLA", 1).get(0))).isEqualTo("Noted on " + incident.key() + "'s timeline.");
    assertThat(notes(incident)).extracting(TimelineEntry::actor, TimelineEntry::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("carla", "Error rate is back under 1% since the failover"));
  }

  // ---- a whole incident from Slack ---------------------------------------------------------------------------------

  @Test
  void aWholeIncidentFromSlack() throws Exception {
    // /incident outside an incident channel opens the declare modal.
    var opened = fromSlack("/api/slack/commands", command("UFRIDA", "C0GENERAL", ""));
    assertThat(opened.status()).isEqualTo(200);
    assertThat(opened.body()).isEmpty();
    LoggedRequest open = await(() -> requestsTo("/slack/api/views.open"), 1).get(0);
    assertThat(open.formParameter("trigger_id").firstValue()).isEqualTo("13345224609.738474920.8088930838d88f008e0");
    JsonNode modal = json.readTree(open.formParameter("view").firstValue());
    assertThat(modal.path("callback_id").asText()).isEqualTo("declare_incident");
    assertThat(modal.path("private_metadata").asText()).isEqualTo("C0GENERAL");
    assertThat(modal.path("blocks")).extracting(b -> b.path("block_id").asText())
        .containsExactly("title", "severity", "impact", "description");

    // Its submission declares the incident; the Slack user is the First Responder.
    var declared = fromSlack("/api/slack/interactions", interaction(declaration("UFRIDA", "Checkout fails in the EU")));
    assertThat(declared.status()).isEqualTo(200);
    assertThat(declared.body()).isEmpty();
    String told = text(awaitEphemeral("UFRIDA", 1).get(0));
    Matcher key = Pattern.compile("^(INC-\\d+) is declared \\(SEV2\\): Checkout fails in the EU\\. You are its First "
        + "Responder").matcher(told);
    assertThat(key.find()).as(told).isTrue();
    Incident incident = incidents.get(key.group(1));
    String pi = incident.processInstanceId();
    assertThat(incident.roles().firstResponder()).isEqualTo("frida");
    assertThat(incident.impact().value()).isEqualTo("major");
    continueAfterRecording(pi); // the job executor's step after "Record the incident"
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey)
        .containsExactly(IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE);
    String channel = "C0" + RUN + "X" + channels.incrementAndGet();
    incidents.link(incident.key(), LinkKind.CHAT_CHANNEL, new ExternalLink(channel, "https://acme.slack.com/archives/" + channel));
    incident = incidents.get(incident.key());

    // "Take the Incident Manager role" on the pinned summary completes the task Tasklist shows.
    fromSlack("/api/slack/interactions", interaction(takeIncidentManagerRole("UIVAN", incident)));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).startsWith("You are the Incident Manager of " + incident.key());
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey).containsExactly(IncidentProcess.Elements.APPOINT_ROLES);
    assertThat(incidents.get(incident.key()).roles().incidentManager()).isEqualTo("ivan");
    assertThat(incidents.get(incident.key()).acknowledgedAt()).isNotNull();

    // "Appoint roles" opens a modal with Slack's people pickers; its submission completes the task Tasklist shows.
    vendors.resetRequests();
    fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "appoint_roles", "Appoint roles")));
    JsonNode rolesModal = json.readTree(await(() -> requestsTo("/slack/api/views.open"), 1).get(0)
        .formParameter("view").firstValue());
    assertThat(rolesModal.path("callback_id").asText()).isEqualTo("appoint_roles");
    assertThat(rolesModal.path("private_metadata").asText()).isEqualTo(incident.key() + "|" + channel);
    assertThat(rolesModal.path("blocks")).filteredOn(b -> b.path("type").asText().equals("input"))
        .extracting(b -> b.path("block_id").asText() + ":" + b.path("element").path("type").asText())
        .containsExactly("communicationsManager:users_select", "domainExperts:multi_users_select");
    fromSlack("/api/slack/interactions", interaction(roles("UIVAN", incident.key() + "|" + channel, "UCARLA",
        "UDORA")));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo("Roles of " + incident.key()
        + " appointed: Communications Manager carla, Domain Experts dora.");
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey)
        .doesNotContain(IncidentProcess.Elements.APPOINT_ROLES).contains(IncidentProcess.Elements.LEAD_THE_FIX);
    assertThat(incidents.get(incident.key()).roles().communicationsManager()).isEqualTo("carla");
    assertThat(incidents.get(incident.key()).roles().domainExperts()).containsExactly("dora");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.Elements.APPOINT_ROLES).singleResult().getAssignee()).isEqualTo("ivan");
    runJobs(pi);

    // A severity change is a round of Lead the fix (lowered here: nothing opens; raising it again follows below).
    vendors.resetRequests();
    fromSlack("/api/slack/commands", command("UIVAN", channel, "severity SEV3"));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo(incident.key() + ": severity SEV2 → SEV3.");
    assertThat(incidents.get(incident.key()).severity()).isEqualTo(Severity.SEV3);
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey).contains(IncidentProcess.Elements.LEAD_THE_FIX);
    runJobs(pi);

    fromSlack("/api/slack/commands", command("UDORA", channel, "note the EU database is read-only since 14:02"));
    assertThat(text(awaitEphemeral("UDORA", 1).get(0))).isEqualTo("Noted on " + incident.key() + "'s timeline.");
    assertThat(notes(incident)).extracting(TimelineEntry::actor).containsExactly("dora");

    // "Post an update" is a round of Lead the fix; its external update draft goes to the Communications Manager.
    vendors.resetRequests();
    fromSlack("/api/slack/interactions", interaction(button("UIVAN", incident, "post_update", "Post an update")));
    JsonNode updateModal = json.readTree(await(() -> requestsTo("/slack/api/views.open"), 1).get(0)
        .formParameter("view").firstValue());
    assertThat(updateModal.path("callback_id").asText()).isEqualTo("post_update");
    assertThat(updateModal.path("blocks")).extracting(b -> b.path("block_id").asText()).contains("status",
        "statusUpdate", "externalUpdateDraft", "affectedComponents", "impact", "severity", "readyToResolve");
    fromSlack("/api/slack/interactions", interaction(update("UIVAN", incident.key() + "|" + channel, "identified",
        "The EU primary is read-only; failing over", "We found the cause and are fixing it.", false)));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0))).isEqualTo("Update posted for " + incident.key() + " (identified).");
    assertThat(incidents.get(incident.key()).status().value()).isEqualTo("identified");
    assertThat(incidents.get(incident.key()).severity()).as("raised in the round").isEqualTo(Severity.SEV1);
    runJobs(pi);
    Task publish = task(pi, IncidentProcess.Elements.PUBLISH_EXTERNAL_UPDATE);
    assertThat(publish.getAssignee()).isEqualTo("carla");

    // "Publish external update" opens the Communications Manager's form with the draft in it; only carla may.
    vendors.resetRequests();
    fromSlack("/api/slack/interactions", interaction(button("UDORA", incident, "publish_external_update",
        "Publish external update")));
    assertThat(text(awaitEphemeral("UDORA", 1).get(0))).isEqualTo("\"Publish external update\" of " + incident.key()
        + " is carla's; you are dora.");
    fromSlack("/api/slack/interactions", interaction(button("UCARLA", incident, "publish_external_update",
        "Publish external update")));
    JsonNode publishModal = json.readTree(await(() -> requestsTo("/slack/api/views.open"), 1).get(0)
        .formParameter("view").firstValue());
    assertThat(publishModal.path("callback_id").asText()).isEqualTo("publish_external_update");
    assertThat(publishModal.toString()).contains("We found the cause and are fixing it.");
    fromSlack("/api/slack/interactions", interaction(externalUpdate("UCARLA", incident.key() + "|" + channel,
        "We found the cause and are fixing it.")));
    assertThat(text(awaitEphemeral("UCARLA", 1).get(0)))
        .isEqualTo("External update for " + incident.key() + " approved (identified).");
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey)
        .doesNotContain(IncidentProcess.Elements.PUBLISH_EXTERNAL_UPDATE);
    runJobs(pi);

    vendors.resetRequests();
    fromSlack("/api/slack/interactions", interaction(update("UIVAN", incident.key() + "|" + channel, "monitoring",
        "Failover done, watching", null, true)));
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0)))
        .isEqualTo("Update posted for " + incident.key() + " (monitoring); ready to resolve.");
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey)
        .contains(IncidentProcess.Elements.CONFIRM_RESOLUTION).doesNotContain(IncidentProcess.Elements.LEAD_THE_FIX);

    // "Confirm resolution" opens a modal with the form's fields; its submission completes the task.
    vendors.resetRequests();
    fromSlack("/api/slack/interactions", interaction(confirmResolutionButton("UIVAN", incident)));
    LoggedRequest resolutionModal = await(() -> requestsTo("/slack/api/views.open"), 1).get(0);
    JsonNode view = json.readTree(resolutionModal.formParameter("view").firstValue());
    assertThat(view.path("callback_id").asText()).isEqualTo("confirm_resolution");
    assertThat(view.path("private_metadata").asText()).isEqualTo(incident.key() + "|" + channel);
    assertThat(view.path("blocks")).extracting(b -> b.path("block_id").asText())
        .contains("resolutionSummary", "finalExternalMessage", "impact", "postmortemWanted");

    var resolved = fromSlack("/api/slack/interactions", interaction(resolution("UIVAN", incident.key() + "|" + channel,
        "Failed over to the standby database")));
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(text(awaitEphemeral("UIVAN", 1).get(0)))
        .isEqualTo(incident.key() + " is resolved: Failed over to the standby database");
    assertThat(tasklist(pi)).extracting(Task::getTaskDefinitionKey)
        .doesNotContain(IncidentProcess.Elements.CONFIRM_RESOLUTION, IncidentProcess.Elements.LEAD_THE_FIX);
    Incident after = incidents.get(incident.key());
    assertThat(after.stage()).isIn(Stage.RESOLVED, Stage.IMPROVE);
    assertThat(after.resolutionSummary()).isEqualTo("Failed over to the standby database");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi)
        .taskDefinitionKey(IncidentProcess.Elements.CONFIRM_RESOLUTION).singleResult().getAssignee()).isEqualTo("ivan");

    // A second submission (a double click) is told it is done.
    fromSlack("/api/slack/interactions", interaction(resolution("UIVAN", incident.key() + "|" + channel, "again")));
    assertThat(text(awaitEphemeral("UIVAN", 2).get(1)))
        .isEqualTo("\"Confirm resolution\" of " + incident.key() + " is already done by ivan.");
  }

  @Test
  void aDeclarationWithoutTitleIsAnsweredWithTheFieldsError() {
    String payload = declaration("UFRIDA", "   ");

    var answer = fromSlack("/api/slack/interactions", interaction(payload));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("response_action").asText()).isEqualTo("errors");
    assertThat(answer.json().get("errors").get("title").asText()).isEqualTo("Say what is wrong in a few words.");
    sleepAWhile();
    assertThat(requests()).isEmpty();
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  private Incident staffedWithChannel(String title) {
    Incident incident = declareAndStaff(title, Severity.SEV2);
    return withChannel(incident);
  }

  private Incident declareWithChannel(String title) {
    return withChannel(declare(title, Severity.SEV2, "frida"));
  }

  private Incident withChannel(Incident incident) {
    String channel = "C0" + RUN + "X" + channels.incrementAndGet();
    incidents.link(incident.key(), LinkKind.CHAT_CHANNEL, new ExternalLink(channel, "https://acme.slack.com/archives/" + channel));
    vendors.resetRequests();
    return incidents.get(incident.key());
  }

  /** The buttons of the first summary posted since the last reset: action id = value. */
  private List<String> summaryButtons() throws Exception {
    return buttonsOf("incident_actions");
  }

  /** The buttons of the first message posted since the last reset whose actions are block {@code blockId}. */
  private List<String> buttonsOf(String blockId) throws Exception {
    for (LoggedRequest post : requestsTo("/slack/api/chat.postMessage")) {
      if (post.formParameter("blocks").isPresent()) {
        for (JsonNode block : json.readTree(post.formParameter("blocks").firstValue())) {
          if ("actions".equals(block.path("type").asText()) && blockId.equals(block.path("block_id").asText())) {
            return java.util.stream.StreamSupport.stream(block.path("elements").spliterator(), false)
                .map(e -> e.path("action_id").asText() + "=" + e.path("value").asText()).toList();
          }
        }
      }
    }
    throw new AssertionError("no message with buttons " + blockId + " among " + requestsTo("/slack/api/chat.postMessage"));
  }

  /** The job of "Tell the channel the roles changed" for the incident's latest role change. */
  private Job rolesChangedJob(Incident incident) {
    var told = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.ROLES_CHANGED_KEY).processInstanceBusinessKey(incident.key())
        .singleResult();
    assertThat(told).as("the announcement of the role change").isNotNull();
    return engine.getManagementService().createJobQuery().processInstanceId(told.getId())
        .activityId(IncidentProcess.Elements.TELL_CHANNEL_ROLES_CHANGED).singleResult();
  }

  /** What Tasklist lists for the incident: its open tasks. */
  private List<Task> tasklist(String processInstanceId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list();
  }

  private List<TimelineEntry> notes(Incident incident) {
    return incidents.timeline(incident.key()).stream().filter(e -> e.type() == TimelineEntryType.NOTE).toList();
  }

  /** A slash command as Slack posts it. */
  private static String command(String user, String channel, String text) {
    return "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=acme&enterprise_id=E0001&enterprise_name=Acme"
        + "&channel_id=" + channel + "&channel_name=inc&user_id=" + user + "&user_name=someone&command=%2Fincident"
        + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&api_app_id=A0FIREBRK&is_enterprise_install=false"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001%2F1234%2Fabcd"
        + "&trigger_id=13345224609.738474920.8088930838d88f008e0";
  }

  private static String interaction(String payload) {
    return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
  }

  private static String takeIncidentManagerRole(String user, Incident incident) {
    return button(user, incident, "take_incident_manager_role", "Take the Incident Manager role");
  }

  private static String confirmResolutionButton(String user, Incident incident) {
    return button(user, incident, "confirm_resolution", "Confirm resolution");
  }

  /** {@code block_actions} as Slack sends it for a button of the pinned summary. */
  private static String button(String user, Incident incident, String actionId, String label) {
    return button(user, incident, "incident_actions", actionId, label);
  }

  /** {@code block_actions} as Slack sends it for a button in block {@code blockId} of a message in the channel. */
  private static String button(String user, Incident incident, String blockId, String actionId, String label) {
    String channel = incident.chatChannel().id();
    return """
        {"type": "block_actions", "user": {"id": "%1$s", "username": "someone", "name": "someone", "team_id": "T0001"},
         "api_app_id": "A0FIREBRK", "token": "gIkuvaNzQIHg97ATvDxqgjtO",
         "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "%2$s", "is_ephemeral": false},
         "trigger_id": "13345224609.738474920.8088930838d88f008e1", "team": {"id": "T0001", "domain": "acme"},
         "enterprise": null, "is_enterprise_install": false, "channel": {"id": "%2$s", "name": "inc"},
         "message": {"type": "message", "text": "summary", "user": "UBOT", "ts": "1700000000.000100"},
         "state": {"values": {}}, "response_url": "https://hooks.slack.com/actions/T0001/1234/abcd",
         "actions": [{"action_id": "%3$s", "block_id": "%6$s",
                      "text": {"type": "plain_text", "text": "%4$s", "emoji": true},
                      "value": "%5$s", "type": "button", "action_ts": "1700000001.000200"}]}
        """.formatted(user, channel, actionId, label, incident.key(), blockId);
  }

  /** {@code view_submission} of the declare modal. */
  private static String declaration(String user, String title) {
    return """
        {"type": "view_submission", "team": {"id": "T0001", "domain": "acme"},
         "user": {"id": "%s", "username": "someone", "name": "someone", "team_id": "T0001"},
         "api_app_id": "A0FIREBRK", "token": "gIkuvaNzQIHg97ATvDxqgjtO", "trigger_id": "13345224609.738474920.8088930838d88f008e2",
         "view": {"id": "V0001", "team_id": "T0001", "type": "modal", "callback_id": "declare_incident",
                  "private_metadata": "C0GENERAL", "hash": "156772938.1827394",
                  "state": {"values": {
                    "title": {"title": {"type": "plain_text_input", "value": "%s"}},
                    "severity": {"severity": {"type": "static_select",
                        "selected_option": {"text": {"type": "plain_text", "text": "SEV2"}, "value": "SEV2"}}},
                    "impact": {"impact": {"type": "static_select", "selected_option": null}},
                    "description": {"description": {"type": "plain_text_input", "value": "EU customers see HTTP 500"}}}}},
         "response_urls": [], "is_enterprise_install": false}
        """.formatted(user, title);
  }

  /** {@code view_submission} of the Post an update modal. */
  private String update(String user, String metadata, String status, String internal, String external, boolean ready) {
    return submission(user, "post_update", metadata, """
        "status": {"status": {"type": "static_select",
            "selected_option": {"text": {"type": "plain_text", "text": "%1$s"}, "value": "%1$s"}}},
        "statusUpdate": {"statusUpdate": {"type": "plain_text_input", "value": "%2$s"}},
        "externalUpdateDraft": {"externalUpdateDraft": {"type": "plain_text_input", "value": %3$s}},
        "affectedComponents": {"affectedComponents": {"type": "plain_text_input", "value": "Checkout (EU)"}},
        "impact": {"impact": {"type": "static_select",
            "selected_option": {"text": {"type": "plain_text", "text": "major"}, "value": "major"}}},
        "severity": {"severity": {"type": "static_select",
            "selected_option": {"text": {"type": "plain_text", "text": "SEV1"}, "value": "SEV1"}}},
        "readyToResolve": {"readyToResolve": {"type": "checkboxes", "selected_options": %4$s}}
        """.formatted(status, internal, external == null ? "null" : "\"" + external + "\"", ready
        ? "[{\"text\": {\"type\": \"plain_text\", \"text\": \"The service has recovered\"}, \"value\": \"true\"}]" : "[]"));
  }

  /** {@code view_submission} of the Appoint roles modal: a {@code users_select} and a {@code multi_users_select}. */
  private String roles(String user, String metadata, String communicationsManager, String... domainExperts) {
    return submission(user, "appoint_roles", metadata, """
        "communicationsManager": {"communicationsManager": {"type": "users_select", "selected_user": %s}},
        "domainExperts": {"domainExperts": {"type": "multi_users_select", "selected_users": [%s]}}
        """.formatted(communicationsManager == null ? "null" : "\"" + communicationsManager + "\"",
        String.join(", ", java.util.Arrays.stream(domainExperts).map(u -> "\"" + u + "\"").toList())));
  }

  /** {@code view_submission} of the Publish external update modal. */
  private String externalUpdate(String user, String metadata, String message) {
    return submission(user, "publish_external_update", metadata, """
        "updateStatus": {"updateStatus": {"type": "static_select",
            "selected_option": {"text": {"type": "plain_text", "text": "identified"}, "value": "identified"}}},
        "externalUpdate": {"externalUpdate": {"type": "plain_text_input", "value": "%s"}},
        "updateComponents": {"updateComponents": {"type": "plain_text_input", "value": "Checkout (EU)"}}
        """.formatted(message));
  }

  private static String submission(String user, String callbackId, String metadata, String values) {
    return """
        {"type": "view_submission", "team": {"id": "T0001", "domain": "acme"},
         "user": {"id": "%s", "username": "someone", "name": "someone", "team_id": "T0001"},
         "api_app_id": "A0FIREBRK", "token": "gIkuvaNzQIHg97ATvDxqgjtO", "trigger_id": "13345224609.738474920.8088930838d88f008e5",
         "view": {"id": "V0003", "team_id": "T0001", "type": "modal", "callback_id": "%s",
                  "private_metadata": "%s", "hash": "156772938.1827396",
                  "state": {"values": {%s}}},
         "response_urls": [], "is_enterprise_install": false}
        """.formatted(user, callbackId, metadata, values);
  }

  /** {@code view_submission} of the Confirm resolution modal. */
  private static String resolution(String user, String metadata, String summary) {
    return """
        {"type": "view_submission", "team": {"id": "T0001", "domain": "acme"},
         "user": {"id": "%s", "username": "someone", "name": "someone", "team_id": "T0001"},
         "api_app_id": "A0FIREBRK", "token": "gIkuvaNzQIHg97ATvDxqgjtO", "trigger_id": "13345224609.738474920.8088930838d88f008e3",
         "view": {"id": "V0002", "team_id": "T0001", "type": "modal", "callback_id": "confirm_resolution",
                  "private_metadata": "%s", "hash": "156772938.1827395",
                  "state": {"values": {
                    "resolutionSummary": {"resolutionSummary": {"type": "plain_text_input", "value": "%s"}},
                    "finalExternalMessage": {"finalExternalMessage": {"type": "plain_text_input", "value": "Checkout works again."}},
                    "impact": {"impact": {"type": "static_select",
                        "selected_option": {"text": {"type": "plain_text", "text": "major"}, "value": "major"}}},
                    "postmortemWanted": {"postmortemWanted": {"type": "checkboxes", "selected_options": []}}}}},
         "response_urls": [], "is_enterprise_install": false}
        """.formatted(user, metadata, summary);
  }

  private static String text(LoggedRequest ephemeral) {
    return ephemeral.formParameter("text").firstValue();
  }

  /** The ephemeral messages to {@code slackUser}, once there are at least {@code count}. */
  private static List<LoggedRequest> awaitEphemeral(String slackUser, int count) {
    return await(() -> requestsTo("/slack/api/chat.postEphemeral").stream()
        .filter(r -> slackUser.equals(r.formParameter("user").firstValue())).toList(), count);
  }

  private static List<LoggedRequest> await(java.util.function.Supplier<List<LoggedRequest>> requests, int count) {
    long until = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      List<LoggedRequest> now = requests.get();
      if (now.size() >= count) {
        return now;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("waited " + PATIENCE + " for " + count + " requests, got " + now + "; all: "
            + requests().stream().map(LoggedRequest::getUrl).toList());
      }
      sleep(50);
    }
  }

  /** Long enough for work handed to the Slack executor to have shown, had there been any. */
  private static void sleepAWhile() {
    sleep(500);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
