package io.firebreak.integration.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.firebreak.alert.Alert;
import io.firebreak.alert.AlertOutcome;
import io.firebreak.incident.ExternalLink;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository.LinkKind;
import io.firebreak.incident.Role;
import io.firebreak.incident.Severity;
import io.firebreak.incident.Status;
import io.firebreak.integration.ChannelNames;
import io.firebreak.incident.ChatOps;
import io.firebreak.integration.ConnectedFirebreakTest;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.RateLimited;
import io.firebreak.incident.StatusUpdate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SlackChatOpsTest extends ConnectedFirebreakTest {

  @Autowired
  ChatOps chatOps;

  @Autowired
  ObjectMapper json;

  @Test
  void opensAPublicChannelNamedAfterTheIncident() {
    Incident incident = declare("Checkout fails for EU customers", Severity.SEV2, "frida");

    ExternalLink channel = chatOps.openChannel(incident).orElseThrow();

    assertThat(channel).isEqualTo(new ExternalLink(CHANNEL, "https://acme.slack.com/archives/" + CHANNEL));
    LoggedRequest create = requestsTo("/slack/api/conversations.create").get(0);
    assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
    assertThat(create.formParameter("name").firstValue())
        .isEqualTo(incident.key().toLowerCase() + "-checkout-fails-for-eu-customers")
        .isEqualTo(ChannelNames.of(incident));
    assertThat(create.formParameter("is_private").firstValue()).as("the SDK's false").isEqualTo("0");
  }

  @Test
  void aTakenNameIsTheChannelAnEarlierTryOpened() {
    Incident incident = declare("Search is slow", Severity.SEV3, "frida");
    String name = ChannelNames.of(incident);
    vendors.stubFor(post("/slack/api/conversations.create")
        .willReturn(okJson("{\"ok\":false,\"error\":\"name_taken\"}")));
    vendors.stubFor(post("/slack/api/conversations.list").withFormParam("cursor", equalTo("page-2"))
        .willReturn(okJson("{\"ok\":true,\"channels\":[{\"id\":\"C0OLD\",\"name\":\"" + name + "\"}],"
            + "\"response_metadata\":{\"next_cursor\":\"\"}}")).atPriority(1));
    vendors.stubFor(post("/slack/api/conversations.list")
        .willReturn(okJson("{\"ok\":true,\"channels\":[{\"id\":\"C0GEN\",\"name\":\"general\"}],"
            + "\"response_metadata\":{\"next_cursor\":\"page-2\"}}")).atPriority(5));

    ExternalLink channel = chatOps.openChannel(incident).orElseThrow();

    assertThat(channel.id()).isEqualTo("C0OLD");
    List<LoggedRequest> lists = requestsTo("/slack/api/conversations.list");
    assertThat(lists).hasSize(2);
    assertThat(lists.get(0).formParameter("exclude_archived").firstValue()).as("the SDK's true").isEqualTo("1");
    assertThat(lists.get(1).formParameter("cursor").firstValue()).isEqualTo("page-2");
  }

  @Test
  void welcomeInvitesTheRoleHoldersAndPinsOneSummaryThatLaterWelcomesEdit() throws Exception {
    Incident incident = staffedWithChannel("Uploads fail", Severity.SEV2);

    chatOps.welcome(incident);
    chatOps.welcome(incidents.get(incident.key()));

    assertThat(requestsTo("/slack/api/conversations.invite"))
        .extracting(r -> r.formParameter("channel").firstValue() + ":" + r.formParameter("users").firstValue())
        .containsExactly(CHANNEL + ":UFRIDA", CHANNEL + ":UIVAN", CHANNEL + ":UCARLA", CHANNEL + ":UDORA",
            CHANNEL + ":UFRIDA", CHANNEL + ":UIVAN", CHANNEL + ":UCARLA", CHANNEL + ":UDORA");
    List<LoggedRequest> posts = requestsTo("/slack/api/chat.postMessage");
    assertThat(posts).as("the welcome once, the summary once").hasSize(2);
    assertThat(posts.get(0).formParameter("text").firstValue()).isEqualTo(":rotating_light: *" + incident.key()
        + "* (SEV2): Uploads fail\nFirst Responder <@UFRIDA>. <@UIVAN> leads it as Incident Manager.");
    assertThat(posts.get(0).formParameter("blocks").isPresent()).as("nobody to call for: ivan leads").isFalse();
    // Slack's SDK writes '<' as \u003c; read the blocks as JSON to see the text Slack shows.
    String blocks = json.readTree(posts.get(1).formParameter("blocks").firstValue()).toString();
    assertThat(blocks).contains(incident.key() + ": Uploads fail", "SEV2", "investigating", "<@UIVAN>", "<@UCARLA>",
        "<@UDORA>");
    assertThat(requestsTo("/slack/api/pins.add")).singleElement()
        .satisfies(pin -> assertThat(pin.formParameter("timestamp").firstValue()).isEqualTo(SUMMARY_TS));
    assertThat(requestsTo("/slack/api/chat.update")).singleElement()
        .satisfies(update -> assertThat(update.formParameter("ts").firstValue()).isEqualTo(SUMMARY_TS));
    assertThat(requests()).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN));
  }

  @Test
  void theWelcomeOfAnIncidentNobodyLeadsYetCarriesTheButtonToTakeTheIncidentManagerRole() throws Exception {
    Incident incident = withChannel(declare("Payments <declined> & retried", Severity.SEV2, "frida"));

    chatOps.welcome(incident);
    chatOps.welcome(incidents.get(incident.key()));

    List<LoggedRequest> welcomes = requestsTo("/slack/api/chat.postMessage").stream()
        .filter(post -> post.formParameter("text").firstValue().startsWith(":rotating_light:")).toList();
    assertThat(welcomes).as("once, however often the step runs").singleElement();
    LoggedRequest welcome = welcomes.get(0);
    String text = ":rotating_light: *" + incident.key() + "* (SEV2): Payments &lt;declined&gt; &amp; retried\n"
        + "First Responder <@UFRIDA>. Nobody leads it yet: who takes the Incident Manager role?";
    assertThat(welcome.getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
    assertThat(welcome.formParameter("channel").firstValue()).isEqualTo(CHANNEL);
    assertThat(welcome.formParameter("text").firstValue()).isEqualTo(text);
    assertThat(welcome.formParameter("mrkdwn").firstValue()).isEqualTo("1");
    assertThat(json.readTree(welcome.formParameter("blocks").firstValue())).isEqualTo(json.readTree("""
        [{"type": "section", "text": {"type": "mrkdwn", "text": %s}},
         {"type": "actions", "block_id": "welcome_actions", "elements": [
           {"type": "button", "action_id": "take_incident_manager_role", "value": "%s",
            "text": {"type": "plain_text", "text": "Take the Incident Manager role"}}]}]
        """.formatted(json.writeValueAsString(text), incident.key())));
  }

  @Test
  void theResponseTeamIsIntroducedWithTheButtonsOfItsTasks() throws Exception {
    Incident incident = staffedWithChannel("Checkout <slow> & flaky", Severity.SEV2);

    chatOps.introduceTeam(incident);

    LoggedRequest team = requestsTo("/slack/api/chat.postMessage").get(0);
    String text = "Response team for " + incident.key() + ": Incident Manager <@UIVAN>, Communications Manager "
        + "<@UCARLA>, Domain Experts <@UDORA>";
    assertThat(team.getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
    assertThat(team.formParameter("channel").firstValue()).isEqualTo(CHANNEL);
    assertThat(team.formParameter("text").firstValue()).isEqualTo(text);
    assertThat(team.formParameter("mrkdwn").firstValue()).isEqualTo("1");
    assertThat(json.readTree(team.formParameter("blocks").firstValue())).isEqualTo(json.readTree("""
        [{"type": "section", "text": {"type": "mrkdwn", "text": "%1$s"}},
         {"type": "actions", "block_id": "response_team_actions", "elements": [
           {"type": "button", "action_id": "post_update", "value": "%2$s",
            "text": {"type": "plain_text", "text": "Post an update"}},
           {"type": "button", "action_id": "publish_external_update", "value": "%2$s",
            "text": {"type": "plain_text", "text": "Publish external update"}},
           {"type": "button", "action_id": "confirm_resolution", "value": "%2$s",
            "text": {"type": "plain_text", "text": "Confirm resolution"}}]}]
        """.formatted(text, incident.key())));
  }

  @Test
  void aTeamIntroducedAfterTheResolutionGetsNoButtons() {
    Incident incident = staffedWithChannel("Roles changed after the fix", Severity.SEV3);
    incidents.resolve(incident.key(), "Rolled back", java.time.OffsetDateTime.now());

    chatOps.introduceTeam(incidents.get(incident.key()));

    LoggedRequest team = requestsTo("/slack/api/chat.postMessage").get(0);
    assertThat(team.formParameter("text").firstValue()).startsWith("Response team for " + incident.key() + ":");
    assertThat(team.formParameter("blocks").isPresent()).as("the Fix is over: nothing to press").isFalse();
  }

  @Test
  void someoneWithoutASlackAccountIsNotedOnTheTimelineAndTheOthersAreInvited() {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("olga").count() == 0) {
      var olga = identity.newUser("olga");
      olga.setEmail("olga@firebreak.example");
      identity.saveUser(olga);
    }
    vendors.stubFor(post("/slack/api/users.lookupByEmail").withFormParam("email", equalTo("olga@firebreak.example"))
        .willReturn(okJson("{\"ok\":false,\"error\":\"users_not_found\"}")));
    Incident incident = staffedWithChannel("Login loops", Severity.SEV3);
    incidents.assignRole(incident.key(), Role.DOMAIN_EXPERT, List.of("olga"), OffsetDateTime.now());

    chatOps.welcome(incidents.get(incident.key()));

    assertThat(requestsTo("/slack/api/conversations.invite"))
        .extracting(r -> r.formParameter("users").firstValue())
        .containsExactly("UFRIDA", "UIVAN", "UCARLA");
    assertThat(incidents.timeline(incident.key()))
        .anySatisfy(entry -> assertThat(entry.message())
            .isEqualTo("Could not invite olga to the Slack channel: Slack has no user with olga@firebreak.example"));
  }

  @Test
  void statusUpdatesArePostedWithSlacksControlCharactersEscaped() {
    Incident incident = staffedWithChannel("Payments time out", Severity.SEV1);

    chatOps.postStatusUpdate(incident, new StatusUpdate(Status.IDENTIFIED, "Rolled back <release> & restarted", "API",
        "Domain Experts: dora → dora, dan"));

    String text = requestsTo("/slack/api/chat.postMessage").get(0).formParameter("text").firstValue();
    assertThat(text).isEqualTo("*Status update (identified)* from <@UIVAN>:\nRolled back &lt;release&gt; &amp; restarted"
        + "\nAffected: API\nRoles: Domain Experts: dora → dora, dan");
  }

  @Test
  void findingsArePostedWithTheExpertMentionedAndTheirTextEscaped() {
    Incident incident = staffedWithChannel("Uploads fail", Severity.SEV2);

    chatOps.postFindings(incident, "dora", "Findings: disk <full> & <!channel>\nProposed mitigations: purge");

    List<LoggedRequest> posts = requestsTo("/slack/api/chat.postMessage");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).formParameter("channel").firstValue()).isEqualTo(CHANNEL);
    assertThat(posts.get(0).formParameter("text").firstValue()).isEqualTo(":mag: *Findings* from <@" + slackUser("dora")
        + ">:\nFindings: disk &lt;full&gt; &amp; &lt;!channel&gt;\nProposed mitigations: purge");
  }

  @Test
  void theSummarysFallbackTextEscapesTheTitleSoItMentionsNobody() {
    Incident incident = staffedWithChannel("<!channel> checkout & <https://evil.example|login> down", Severity.SEV2);

    chatOps.welcome(incident);
    chatOps.welcome(incidents.get(incident.key()));

    String escaped = "&lt;!channel&gt; checkout &amp; &lt;https://evil.example|login&gt; down";
    assertThat(requestsTo("/slack/api/chat.postMessage")).extracting(post -> post.formParameter("text").firstValue())
        .containsExactly(":rotating_light: *" + incident.key() + "* (SEV2): " + escaped
                + "\nFirst Responder <@UFRIDA>. <@UIVAN> leads it as Incident Manager.",
            incident.key() + " SEV2 investigating: " + escaped);
    assertThat(requestsTo("/slack/api/chat.update")).singleElement()
        .satisfies(update -> assertThat(update.formParameter("text").firstValue())
            .isEqualTo(incident.key() + " SEV2 investigating: " + escaped));
  }

  @Test
  void aBusinessErrorFailsTheStepWithSlacksErrorCode() {
    Incident incident = declare("Emails delayed", Severity.SEV3, "frida");
    vendors.stubFor(post("/slack/api/conversations.create")
        .willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:manage\"}")));

    assertThatThrownBy(() -> chatOps.openChannel(incident))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessage("Slack refused conversations.create: missing_scope (needs scope channels:manage)");
  }

  @Test
  void aRateLimitIsWaitedOutAsRetryAfterSays() {
    Incident incident = declare("Exports stuck", Severity.SEV3, "frida");
    vendors.stubFor(post("/slack/api/conversations.create").inScenario("limit").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
    vendors.stubFor(post("/slack/api/conversations.create").inScenario("limit").whenScenarioStateIs("calm")
        .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"C0LATE\"}}")));

    assertThat(chatOps.openChannel(incident)).get().extracting(ExternalLink::id).isEqualTo("C0LATE");
    assertThat(requestsTo("/slack/api/conversations.create")).hasSize(2);
  }

  @Test
  void aLongRateLimitFailsTheStepAtOnceForTheJobToRetryLater() {
    Incident incident = declare("Exports stuck again", Severity.SEV3, "frida");
    vendors.stubFor(post("/slack/api/conversations.create")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

    assertThatThrownBy(() -> chatOps.openChannel(incident))
        .isInstanceOfSatisfying(RateLimited.class,
            limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(120)))
        .hasMessage("Slack rate-limited conversations.create (HTTP 429), retry after 120 s");
    assertThat(requestsTo("/slack/api/conversations.create")).hasSize(1);
  }

  @Test
  void aServerErrorFailsTheStepWithWhatSlackAnswered() {
    Incident incident = declare("Webhooks dropped", Severity.SEV3, "frida");
    vendors.stubFor(post("/slack/api/conversations.create")
        .willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));

    assertThatThrownBy(() -> chatOps.openChannel(incident))
        .isInstanceOf(OutsideCallFailed.class)
        .hasMessage("Slack answered HTTP 503 to conversations.create: upstream unavailable");
  }

  @Test
  void withoutAChannelThereIsNothingToPostTo() {
    Incident incident = declare("Nothing open yet", Severity.SEV3, "frida");

    chatOps.introduceTeam(incident);
    chatOps.announceResolution(incident);
    chatOps.postFindings(incident, "dora", "Findings: nothing to post to");

    assertThat(requests()).isEmpty();
  }

  @Test
  void aFiringAlertWithinTheReopenWindowIsAnnouncedInTheIncidentChannelByTheProcessStep() {
    Alert alert = Alert.firing("alertmanager", "alertmanager:slack-reopen-" + System.nanoTime(),
        "Checkout latency <p99> high", "p99 above 2s", "critical", "production", "Checkout", null, Map.of());
    AlertOutcome opened = alertIntake.accept(alert);
    String pi = opened.processInstanceId();
    takeIncidentManagerRole(pi, "ivan");
    appointRoles(pi, "ivan", "carla", List.of("dora"));
    runJobs(pi);
    resolve(pi, "Scaled the checkout pods");
    assertThat(incidents.get(opened.incidentKey()).chatChannel().id()).isEqualTo(CHANNEL);
    int before = requestsTo("/slack/api/chat.postMessage").size();

    AlertOutcome reopened = alertIntake.accept(alert);
    assertThat(reopened.outcome()).isEqualTo(AlertOutcome.Outcome.REOPENED);
    assertThat(requestsTo("/slack/api/chat.postMessage")).as("told in a step of its own, after the commit")
        .hasSize(before);
    runJobs(pi);

    List<LoggedRequest> told = requestsTo("/slack/api/chat.postMessage").subList(before,
        requestsTo("/slack/api/chat.postMessage").size());
    assertThat(told).hasSize(1);
    assertThat(told.get(0).getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
    assertThat(told.get(0).formParameter("channel").firstValue()).isEqualTo(CHANNEL);
    assertThat(told.get(0).formParameter("text").firstValue()).isEqualTo(":rotating_light: *" + opened.incidentKey()
        + " is reopened:* alertmanager alert \"Checkout latency &lt;p99&gt; high\" fired again within the reopen window."
        + " Back in the Fix; <@UIVAN> leads it.");
    assertThat(requestsTo("/slack/api/chat.update")).as("the pinned summary says investigating again")
        .last().satisfies(update -> assertThat(update.formParameter("text").firstValue())
            .isEqualTo(opened.incidentKey() + " SEV1 investigating: Checkout latency &lt;p99&gt; high"));
  }

  private Incident staffedWithChannel(String title, Severity severity) {
    return withChannel(declareAndStaff(title, severity));
  }

  private Incident withChannel(Incident incident) {
    incidents.link(incident.key(), LinkKind.CHAT_CHANNEL,
        new ExternalLink(CHANNEL, "https://acme.slack.com/archives/" + CHANNEL));
    return incidents.get(incident.key());
  }
}
